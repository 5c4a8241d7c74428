"""The realistic corpus generator: sizes, levels and eras like a national cascade, deterministic, NFC, lazy, and
written in forms the project's parser reads."""

from __future__ import annotations

import gc
import inspect
import re
import statistics
import unicodedata
import weakref
from collections import defaultdict
from pathlib import Path

import pytest
import realistic_plans
from realistic_plans import LEVELS, RealisticPlan, _main, realistic_corpus, write_corpus

from loaders.evaluation import agency_key
from loaders.parser import parse
from loaders.source import decode

_OLD_UNITS = re.compile(r"(?<!\w)(?:huyện|Huyện|HUYỆN|thị trấn|Sở Lao động - Thương binh và Xã hội)(?!\w)")


@pytest.fixture(scope="module")
def corpus() -> list[RealisticPlan]:
    """The first 300 plans of seed 0."""
    return list(realistic_corpus(300, seed=0))


@pytest.fixture(scope="module")
def sample(corpus: list[RealisticPlan]) -> list[RealisticPlan]:
    """40 plans for the parser: five of each level, spread over the corpus."""
    by_level: dict[str, list[RealisticPlan]] = defaultdict(list)
    for plan in corpus:
        by_level[plan.level].append(plan)
    return [plan for level in LEVELS for plan in by_level[level][:: len(by_level[level]) // 5][:5]]


def test_sizes_follow_real_plans(corpus: list[RealisticPlan]) -> None:
    sizes = [len(plan.text) for plan in corpus]
    assert all(5_000 <= size <= 40_000 for size in sizes)
    assert 12_000 <= statistics.fmean(sizes) <= 16_000
    assert statistics.pstdev(sizes) > 2_000  # sizes vary, they are not one template padded to a length


def test_every_level_and_both_eras_mixed_like_a_national_cascade(corpus: list[RealisticPlan]) -> None:
    count = {level: sum(plan.level == level for plan in corpus) for level in LEVELS}
    assert all(count.values()), count
    assert count["province"] < count["department"] + count["district"] < count["commune"]
    assert {plan.post_2025 for plan in corpus} == {True, False}
    assert all(plan.post_2025 == (plan.date >= "2025-07-01") for plan in corpus)


def test_two_tier_plans_name_no_abolished_units(corpus: list[RealisticPlan]) -> None:
    after = [plan for plan in corpus if plan.post_2025]
    assert not [plan.name for plan in after if plan.level.startswith("district")]
    assert not [plan.name for plan in after if _OLD_UNITS.search(plan.text)]
    before = [plan for plan in corpus if plan.date < "2025-03-01" and plan.level in ("province", "district")]
    assert any("Lao động - Thương binh và Xã hội" in plan.text for plan in before)


def test_plans_form_cascades(corpus: list[RealisticPlan]) -> None:
    seen: dict[str, list[RealisticPlan]] = defaultdict(list)
    for plan in corpus:
        assert "Chỉ thị số 28-CT/TW" in plan.text and "25/12/2023" in plan.text
        if plan.parent_number is None:
            assert plan.level == "province-party"
        else:
            assert plan.parent_number in plan.text
            parents = [p for p in seen[plan.parent_number] if p.date <= plan.date and p.post_2025 == plan.post_2025]
            assert parents, f"{plan.name}: parent {plan.parent_number} not written before it"
        seen[plan.number].append(plan)


def test_deterministic_for_a_seed() -> None:
    first = list(realistic_corpus(40, seed=3))
    assert first == list(realistic_corpus(40, seed=3))
    assert [p.text for p in first] != [p.text for p in realistic_corpus(40, seed=4)]
    assert len({p.name for p in first}) == 40 and all(p.name.endswith(".txt") for p in first)


def test_texts_are_nfc(corpus: list[RealisticPlan]) -> None:
    assert all(unicodedata.is_normalized("NFC", plan.text) for plan in corpus)
    assert all(unicodedata.is_normalized("NFC", plan.issuer) for plan in corpus)


def test_the_parser_reads_the_plans(sample: list[RealisticPlan]) -> None:
    issuers = written = found = recovered = 0
    for plan in sample:
        doc = parse(decode(plan.text.encode(), plan.name))
        assert doc.number == plan.number, plan.name
        assert plan.parent_number is None or plan.parent_number in {r.number for r in doc.references}, plan.name
        issuers += doc.issuer is not None and agency_key(doc.issuer.label) == agency_key(plan.issuer)
        own = sum(1 for ob in doc.obligations if ob.leads and not ob.lead_inferred)
        written, found, recovered = written + plan.obligations, found + own, recovered + min(own, plan.obligations)
    assert len(sample) == 40
    assert issuers >= 0.85 * len(sample)
    assert recovered >= 0.8 * written
    assert found <= 1.2 * written  # the parser does not find assignments the generator did not write


def test_streams_without_keeping_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[int] = []
    write = realistic_plans._Writer.write

    def counted(self: realistic_plans._Writer) -> str:
        writes.append(1)
        return write(self)

    monkeypatch.setattr(realistic_plans._Writer, "write", counted)
    plans = realistic_corpus(2_000, seed=1)
    assert inspect.isgenerator(plans) and not writes  # nothing is written before it is asked for
    next(plans)
    assert len(writes) < 3  # the first plan comes before the others are written (a retry may rewrite it)
    kept = [weakref.ref(plan) for n, plan in enumerate(plans) if n % 100 == 0]
    gc.collect()
    assert len(writes) >= 2_000 and len(kept) == 20
    assert not [ref for ref in kept if ref() is not None]  # the stream holds no plan it has handed out


def test_write_corpus_and_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = write_corpus(tmp_path / "a", 6, seed=2)
    files = sorted((tmp_path / "a").glob("*.txt"))
    assert len(files) == 6
    assert total == sum(len(f.read_text(encoding="utf-8")) for f in files)
    _main(["--plans", "3", "--out", str(tmp_path / "b"), "--seed", "2"])
    assert capsys.readouterr().out.startswith("3 plans, mean ")
    assert sorted(f.name for f in (tmp_path / "b").glob("*.txt")) == [f.name for f in files[:3]]
