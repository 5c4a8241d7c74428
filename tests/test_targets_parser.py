"""Target parsing: the comparator vocabulary, comparator and year words kept out of indicators, years stated in
the sentence, yearly rates of change, per mille, and statements about meeting other documents' targets."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from corpus import BASE
from test_audit_targets import PARENT as PLAN

from loaders import targets
from loaders.context import DocContext
from loaders.graph import build
from loaders.layout import Block
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from loaders.validate import validate

UP = "Tỷ lệ trẻ em được tiêm chủng đầy đủ"
DOWN = "Tỷ lệ trẻ em bị tai nạn thương tích"
PRIMARY = "tỷ lệ trẻ em hoàn thành cấp tiểu học"
Row = tuple[int | None, str, Decimal, str, str]


def read(sentence: str, heading_year: int | None = 2025) -> list[Row]:
    """(year, comparator, value, unit, indicator) of each target of one paragraph under a heading's year."""
    ctx = DocContext.of(sentence, [Block(sentence, list(range(len(sentence))), len(sentence))])
    return [
        (t.year, t.comparator, t.value, t.unit, t.indicator)
        for t in targets.in_paragraph(ctx, ctx.paras[0], heading_year, "I.1")
    ]


def plan_targets(section: str) -> list[Row]:
    """The targets of a whole plan whose MỤC TIÊU section is `section`."""
    doc = parse(decode(PLAN.format(targets=section).encode(), "412.txt"))
    return [(t.year, t.comparator, t.value, t.unit, t.indicator) for t in doc.targets]


@pytest.mark.parametrize(
    "words, comparator",
    [
        ("không vượt quá 10%", "<="),
        ("không quá 10%", "<="),
        ("tối đa 10%", "<="),
        ("dưới 10%", "<"),
        ("còn 10%", "<="),
        ("giảm còn 10%", "<="),
        ("giảm xuống còn 10%", "<="),
        ("giảm xuống dưới 10%", "<"),
        ("chỉ còn dưới 10%", "<"),
        ("giảm từ 15% xuống còn 10%", "<="),
        ("từ 10% trở xuống", "<="),
    ],
)
def test_upper_bounds_and_their_words_stay_out_of_the_indicator(words: str, comparator: str) -> None:
    assert read(f"{DOWN} {words}.") == [(2025, comparator, Decimal(10), "%", DOWN)]


@pytest.mark.parametrize(
    "words, comparator",
    [
        ("không dưới 95%", ">="),
        ("tối thiểu 95%", ">="),
        ("ít nhất 95%", ">="),
        ("đạt ít nhất 95%", ">="),
        ("trên 95%", ">"),
        ("đạt trên 95%", ">"),
        ("đạt từ 95% trở lên", ">="),
        ("đạt 95% trở lên", ">="),
        ("đạt 95%", ">="),
        ("95%", ">="),
        ("đạt 95 phần trăm", ">="),
        ("bằng 95%", "="),
    ],
)
def test_lower_bounds_and_their_words_stay_out_of_the_indicator(words: str, comparator: str) -> None:
    assert read(f"{UP} {words}.") == [(2025, comparator, Decimal(95), "%", UP)]


def test_a_level_stated_with_o_muc_has_no_direction_unless_the_clause_reduces() -> None:
    mortality = "Tỷ suất tử vong trẻ em dưới 1 tuổi"
    assert read(f"{mortality} ở mức 10‰.") == [(2025, "=", Decimal(10), "‰", mortality)]
    assert read(f"Giảm {mortality.lower()} ở mức 10‰.") == [(2025, "<=", Decimal(10), "‰", mortality.lower())]
    assert read(f"{mortality} ở mức dưới 10‰.") == [(2025, "<", Decimal(10), "‰", mortality)]


def test_per_mille_in_words() -> None:
    mortality = "Tỷ suất tử vong trẻ em dưới 5 tuổi"
    assert read(f"{mortality} giảm xuống dưới 20 phần nghìn.") == [(2025, "<", Decimal(20), "‰", mortality)]


@pytest.mark.parametrize(
    "sentence, year, indicator",
    [
        (f"Đến năm 2030, {PRIMARY} đạt 99%.", 2030, PRIMARY),
        (f"{PRIMARY.capitalize()} đạt 99% vào năm 2030.", 2030, PRIMARY.capitalize()),
        (f"Năm 2030: {PRIMARY} đạt 99%.", 2030, PRIMARY),
        (f"Trong năm 2030, {PRIMARY} đạt 99%.", 2030, PRIMARY),
        (f"{PRIMARY.capitalize()} đến hết năm 2030 đạt 99%.", 2030, PRIMARY.capitalize()),
    ],
)
def test_a_year_in_the_sentence_wins_over_the_heading_and_leaves_the_indicator(
    sentence: str, year: int, indicator: str
) -> None:
    assert read(sentence) == read(sentence, heading_year=None) == [(year, ">=", Decimal(99), "%", indicator)]


def test_a_baseline_year_is_not_a_horizon() -> None:
    sentence = "Tỷ lệ trẻ em bị xâm hại giảm xuống còn 5% so với năm 2020."
    assert read(sentence) == [(2025, "<=", Decimal(5), "%", "Tỷ lệ trẻ em bị xâm hại")]
    assert read(sentence, heading_year=None)[0][0] is None


def test_a_leading_year_holds_for_the_rest_of_the_paragraph_a_trailing_one_for_its_number() -> None:
    a, b = "Tỷ lệ trẻ em được đăng ký khai sinh", "tỷ lệ trẻ em được tiêm chủng"
    assert [r[0] for r in read(f"Đến năm 2030, {a.lower()} đạt 99%; {b} đạt 95%.")] == [2030, 2030]
    assert [r[0] for r in read(f"{a} đạt 99% vào năm 2030; {b} đạt 95%.")] == [2030, 2025]
    assert read(f"{a} đạt 98% vào năm 2025 và 99% vào năm 2030.") == [
        (2025, ">=", Decimal(98), "%", a),
        (2030, ">=", Decimal(99), "%", a),
    ]
    assert read("100% trẻ em dưới 5 tuổi được đăng ký khai sinh vào năm 2030; 90% trẻ em được tiêm chủng.") == [
        (2030, ">=", Decimal(100), "%", "trẻ em dưới 5 tuổi được đăng ký khai sinh"),
        (2025, ">=", Decimal(90), "%", "trẻ em được tiêm chủng"),
    ]


def test_a_heading_that_states_targets_keeps_them() -> None:
    section = (
        "1. Đến năm 2025\n(1). Tỷ lệ trẻ em được tiêm chủng đạt 95%; đến năm 2030, tỷ lệ trẻ em được tiêm "
        "chủng đạt 98%.\n2. Đến năm 2030: tỷ lệ trẻ em hoàn thành cấp tiểu học đạt 99%."
    )
    assert plan_targets(section) == [
        (2025, ">=", Decimal(95), "%", "Tỷ lệ trẻ em được tiêm chủng"),
        (2030, ">=", Decimal(98), "%", "tỷ lệ trẻ em được tiêm chủng"),
        (2030, ">=", Decimal(99), "%", PRIMARY),
    ]


@pytest.mark.parametrize(
    "sentence, row",
    [
        (f"{DOWN} giảm bình quân 2%/năm.", ("<=", Decimal(-2), "%/năm", DOWN)),
        (f"Giảm {DOWN.lower()} bình quân 2%/năm.", ("<=", Decimal(-2), "%/năm", DOWN.lower())),
        (f"Giảm {DOWN.lower()} 2% mỗi năm.", ("<=", Decimal(-2), "%/năm", DOWN.lower())),
        (f"{DOWN} giảm ít nhất 0,5‰/năm.", ("<=", Decimal("-0.5"), "‰/năm", DOWN)),
        (f"{UP} tăng bình quân 3%/năm.", (">=", Decimal(3), "%/năm", UP)),
    ],
)
def test_a_yearly_rate_is_a_signed_change_per_year_not_a_level(
    sentence: str, row: tuple[str, Decimal, str, str]
) -> None:
    assert read(sentence) == [(2025, *row)]


def test_a_change_with_no_period_is_not_a_target_a_level_maintained_yearly_is() -> None:
    assert read("Phấn đấu giảm 10% số vụ xâm hại trẻ em so với năm 2020.") == []
    assert read(f"{UP} đạt 95% hằng năm.") == [(2025, ">=", Decimal(95), "%", UP)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Phấn đấu đạt 100% các chỉ tiêu trong Chương trình hành động vì trẻ em tỉnh giai đoạn 2021-2030, trong đó:",
        "Hoàn thành 100% chỉ tiêu của Kế hoạch số 15/KH-UBND.",
        "Phấn đấu 100% các mục tiêu của Chương trình được thực hiện.",
    ],
)
def test_meeting_other_targets_is_not_a_target(sentence: str) -> None:
    assert read(sentence) == []


def test_a_commune_meeting_a_standard_is_still_a_target() -> None:
    assert read("90% xã đạt chỉ tiêu xã phù hợp với trẻ em.") == [
        (2025, ">=", Decimal(90), "%", "xã đạt chỉ tiêu xã phù hợp với trẻ em")
    ]


def test_a_yearly_rate_in_the_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store")
    section = f"1. Đến năm 2030\n(1). {DOWN} giảm bình quân 2%/năm."
    store.replace(build(parse(decode(PLAN.format(targets=section).encode(), "412.txt")), BASE))
    [row] = store.query(
        "SELECT ?u ?c ?v ?y WHERE { ?t a vc:Target ; vc:unit ?u ; vc:comparator ?c ; "
        "vc:targetValue ?v ; vc:targetYear ?y }"
    )
    assert (row["u"].value, row["c"].value, Decimal(row["v"].value), row["y"].value) == ("%/năm", "<=", -2, "2030")
    assert unicodedata.is_normalized("NFC", row["u"].value)
    report = validate(store)
    assert report.conforms, report.violations[:3]


def test_counted_targets_of_villages_couples_and_more_schools() -> None:
    """'không quá 08 cặp', 'có ít nhất 12 thôn, tổ dân phố', 'có thêm 03 trường'; 'tăng thêm 5%' is a change, not a
    level, and 'trường hợp' is no school."""
    section = (
        "- Số cặp tảo hôn trên địa bàn không quá 08 cặp.\n- Có ít nhất 12 thôn, tổ dân phố duy trì mô hình.\n"
        "- Có thêm 03 trường đạt chuẩn quốc gia.\n- Tỷ lệ trẻ em được tiêm chủng tăng thêm 5%.\n"
    )
    assert [(c, v, u) for _, c, v, u, _ in plan_targets(section)] == [
        ("<=", Decimal(8), "cặp"),
        (">=", Decimal(12), "thôn"),
        (">=", Decimal(3), "trường"),
    ]
