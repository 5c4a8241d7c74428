"""The audit's per-document findings kept on the read model: after any sequence of writes, carried over one write
at a time, they are exactly what detecting the whole store again gives."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from corpus import BASE, SEEDS
from realistic_plans import realistic_corpus
from synthetic_plans import corpus

from loaders.graph import BuiltDocument, build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.source import decode
from loaders.store import GraphStore
from queries import audit
from queries.audit import Finding, kept
from queries.read.model import ReadModel

EXCERPT = (  # a portal's excerpt of a plan: no header (a metadata finding), one obligation
    "Kế hoạch thực hiện Chỉ thị số 28-CT/TW trên địa bàn tỉnh Bình Phước\nNgày đăng: 12/08/2024\n"
    "Ngày 05/8/2024, UBND tỉnh Bình Phước ban hành Kế hoạch số 241/KH-UBND thực hiện Chỉ thị số 28-CT/TW "
    "ngày 25/12/2023 của Bộ Chính trị.\n\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì khám sức khỏe cho trẻ em.\n"
)


def _text(text: str, name: str) -> BuiltDocument:
    return build(parse(decode(text.encode(), name)), BASE)


@pytest.fixture(scope="module")
def built() -> list[BuiltDocument]:
    """Plans at every level, realistic ones with parents and targets, the samples, an excerpt and a plan whose
    number was left blank (metadata findings)."""
    realistic = [p.text for p in realistic_corpus(12, seed=9)]
    plans = [_text(text, f"r{n}.txt") for n, text in enumerate(realistic)]
    plans += [_text(p.text, p.name) for p in corpus(24, seed=9)]
    plans += [build(parse(read_source(path)), BASE) for path in sorted(SEEDS.glob("*.txt"))]
    blank = re.sub(r"Số: *\d+", "Số:      ", realistic[0], count=1)
    return [_text(EXCERPT, "excerpt.txt"), _text(blank, "blank.txt"), *plans]


def _scoped(model: ReadModel) -> dict[str, list[dict]]:
    """The kept families' findings as the model answers them (held, kept in the index, or detected)."""
    return {
        family.name: sorted((f.as_dict() for f in family.findings(model, None)), key=lambda d: d["id"])
        for family in audit.families()
        if family.affected
    }


def _node_rows(store: GraphStore) -> set[tuple]:
    return set(store.read_index._select("SELECT family, home, position, iri, role FROM finding_node"))


def _nodes_of_bodies(store: GraphStore) -> set[tuple]:
    """The node rows the kept findings' texts imply."""
    rows = store.read_index._select("SELECT family, home, position, body FROM finding")
    return {
        (family, home, position, iri, role)
        for family, home, position, body in rows
        for iri, role in kept._row(kept._decode(body)).nodes
    }


def _detected(model: ReadModel) -> dict[str, list[dict]]:
    """The same families' findings detected over the whole store, bypassing whatever is kept."""
    return {
        family.name: sorted(
            (f.as_dict() for f in (family.detect(model, on=None) if family.dated else family.detect(model))),
            key=lambda d: d["id"],
        )
        for family in audit.families()
        if family.affected
    }


def test_kept_findings_after_each_write_equal_a_whole_detection(tmp_path: Path, built: list[BuiltDocument]) -> None:
    rng = random.Random(3)
    families = audit.families()
    assert {f.name for f in families if f.affected} == {
        "ownership",
        "metadata",
        "themes",
        "targets",
        "cascade",
        "reforms",
        "reporting",
        "timeliness",
    }
    with GraphStore(tmp_path / "store") as store:
        for doc in built[:25]:
            store.replace(doc)
        model = ReadModel(store, BASE)
        before = _scoped(model)
        assert all(before.values()), "every scoped family finds something in this corpus"
        present = {d.iri for d in built[:25]}
        for step in range(30):
            doc = rng.choice(built)
            if doc.iri in present and rng.random() < 0.3:
                change = store.remove(doc.iri, doc.graph)
                present.discard(doc.iri)
            else:
                change = store.replace(doc)
                present.add(doc.iri)
            assert change is not None
            carried = model.after(change)
            kept.carry(model, carried, change, families)
            assert all(kept.kept(carried, f) for f in families if f.affected)
            whole = _detected(ReadModel(store, BASE))
            assert _scoped(carried) == whole, step
            assert _node_rows(store) == _nodes_of_bodies(store), step  # what /gaps?document= filters by
            # what the write left in the read index: a model started afresh answers from it, the same findings
            assert _scoped(ReadModel(store, BASE)) == whole, step
            model = carried


def test_a_model_that_never_had_findings_carries_none(tmp_path: Path, built: list[BuiltDocument]) -> None:
    with GraphStore(tmp_path / "store") as store:
        store.replace(built[0])
        model = ReadModel(store, BASE)
        assert built[0].iri in model.documents  # the index is open: the write reports its change
        change = store.replace(built[1])
        assert change is not None
        after = model.after(change)
        kept.carry(model, after, change, audit.families())
        assert not any(kept.kept(after, f) for f in audit.families())


def test_findings_read_back_from_their_kept_text_are_the_same(tmp_path: Path, built: list[BuiltDocument]) -> None:
    with GraphStore(tmp_path / "store") as store:
        for doc in built[:25]:
            store.replace(doc)
        found = [f for fs in _detected_findings(ReadModel(store, BASE)) for f in fs]
    assert len(found) > 100
    for finding in found:
        back = Finding.from_dict(json.loads(kept._text(finding)))
        assert back == finding
        assert back.as_dict() == finding.as_dict()  # the id, the details and the evidence too


def _detected_findings(model: ReadModel) -> list[list[Finding]]:
    return [
        list(family.detect(model, on=None) if family.dated else family.detect(model))
        for family in audit.families()
        if family.affected
    ]


def _audited(store: GraphStore, built: list[BuiltDocument]) -> dict[str, list[dict]]:
    """The first 25 documents written and audited whole (the findings kept in the index)."""
    for doc in built[:25]:
        store.replace(doc)
    return _scoped(ReadModel(store, BASE))


def _detections(monkeypatch: pytest.MonkeyPatch) -> list[set[str] | None]:
    """The homes of each detection from now on (None: whole), as they happen."""
    calls: list[set[str] | None] = []
    original = kept._homes
    monkeypatch.setattr(kept, "_homes", lambda m, f, homes: calls.append(homes) or original(m, f, homes))
    return calls


def _refuse_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any whole or partial detection of a kept family fail the test."""

    def refused(*args: object, **kwargs: object) -> list[Finding]:
        raise AssertionError("detected again, though the index keeps the findings")

    monkeypatch.setattr(kept, "_homes", refused)


def test_a_service_started_again_answers_from_the_findings_kept_in_the_index(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore(tmp_path / "store") as store:
        first = _audited(store, built)
    with GraphStore(tmp_path / "store") as store, monkeypatch.context() as patched:
        _refuse_detection(patched)
        assert _scoped(ReadModel(store, BASE)) == first
        # a write carried over from them: only what it can change is detected, the rest read from the index
        model = ReadModel(store, BASE)
        change = store.replace(built[30])
        assert change is not None
        after = model.after(change)
        patched.undo()
        calls = _detections(patched)
        kept.carry(model, after, change, audit.families())
        assert calls and all(homes is not None for homes in calls), "carried, not detected whole"
    with GraphStore(tmp_path / "store") as store, monkeypatch.context() as patched:
        _refuse_detection(patched)
        carried = _scoped(ReadModel(store, BASE))
        patched.undo()
        assert carried == _detected(ReadModel(store, BASE))


def test_findings_kept_before_a_write_that_was_not_carried_over_are_detected_again(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore(tmp_path / "store") as store:
        _audited(store, built)
        store.replace(built[30])  # a writer that does not carry findings over (the CLI's ingest)
        calls = _detections(monkeypatch)
        model = ReadModel(store, BASE)
        assert _scoped(model) == _detected(model)
        assert calls == [None] * len([f for f in audit.families() if f.affected]), "each kept family detected whole"


def test_findings_kept_by_other_audit_code_are_detected_again(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore(tmp_path / "store") as store:
        _audited(store, built)
        monkeypatch.setattr(kept, "_code", lambda: "another-version")
        calls = _detections(monkeypatch)
        _scoped(ReadModel(store, BASE))
        assert calls == [None] * len([f for f in audit.families() if f.affected])


def test_the_cli_ingest_carries_the_findings_the_index_keeps(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from api.cli.main import main

    plans = list(realistic_corpus(14, seed=9))[12:]  # two plans the store does not hold yet
    files = []
    for plan in plans:
        files.append(tmp_path / plan.name)
        files[-1].write_text(plan.text, encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        for doc in built[:25]:
            store.replace(doc)
        _scoped(ReadModel(store, BASE))  # detected whole, kept in the index
    result = CliRunner().invoke(main, ["ingest", *map(str, files), "--store", str(tmp_path / "store"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output
    with GraphStore(tmp_path / "store") as store, monkeypatch.context() as patched:
        _refuse_detection(patched)
        carried = _scoped(ReadModel(store, BASE))  # read back, carried over both writes
        patched.undo()
        assert carried == _detected(ReadModel(store, BASE))


def test_listed_findings_are_filtered_ordered_and_paged_in_the_index_as_run_orders_them(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    with GraphStore(tmp_path / "store") as store:
        for doc in built[:25]:
            store.replace(doc)
        model = ReadModel(store, BASE)
        everything = audit.run(model)
        document = Counter(d for f in everything for d in f.documents).most_common(1)[0][0]
        agency = next(f.agencies[0] for f in everything if f.agencies)
        cases = [
            (None, None, None),
            (["cascade"], None, None),
            (["missing-link", "owner-abolished-2025"], None, None),
            (None, document, None),
            (None, agency, None),  # an agency a finding names
            (None, None, "high"),
            (["ownership", "themes", "cascade"], document, "medium"),
        ]
        for types, iri, severity in cases:
            wanted = audit.select(audit.run(model, types), document=iri, severity=severity)
            found = audit.listed(model, types, iri, severity)
            assert wanted, (types, iri, severity)  # every case keeps some
            assert [f.id for f in found] == [f.id for f in wanted] and len(found) == len(wanted), (types, iri)
            pages = [f for start in range(0, len(found), 13) for f in found[start : start + 13]]
            assert [f.id for f in pages] == [f.id for f in wanted]
        assert len(audit.listed(model)) == len(everything) > 100


def test_a_missing_document_carried_over_loses_and_gains_its_citing_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The missing-link findings of the documents a write cites are made from what was kept (not detected again):
    removing a citing document takes it out of the finding, writing it back puts it in again, each time equal to a
    whole detection."""
    from queries.audit import cascade

    samples = [build(parse(read_source(path)), BASE) for path in sorted(SEEDS.glob("*.txt"))]
    patched: list[dict[str, list[Finding]]] = []
    original = cascade.patch
    with GraphStore(tmp_path / "store") as store:
        for doc in samples:
            store.replace(doc)
        model = ReadModel(store, BASE)
        _scoped(model)
        monkeypatch.setattr(cascade, "patch", lambda *args: patched.append(original(*args)) or patched[-1])
        families = audit.families()
        only = samples[0]
        for step, write in enumerate((lambda: store.remove(only.iri, only.graph), lambda: store.replace(only))):
            change = write()
            assert change is not None
            after = model.after(change)
            kept.carry(model, after, change, families)
            assert _scoped(after) == _detected(ReadModel(store, BASE)), step
            model = after
    closed, opened = patched
    directive = next(h for h in closed if h.endswith("/28-ct-tw"))  # cited by every sample
    assert only.iri in kept_documents(opened[directive]) and only.iri not in kept_documents(closed[directive])
    assert len(kept_documents(opened[directive])) == len(kept_documents(closed[directive])) + 1


def kept_documents(findings: list[Finding]) -> tuple[str, ...]:
    (finding,) = findings
    return finding.documents
