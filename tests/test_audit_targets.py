"""The target-cascade detector on hand-written plans: a province plan with targets and a district plan that
implements it by number, whose targets each test rewrites."""

from __future__ import annotations

import pytest
from corpus import BASE

from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.audit import run
from queries.audit.model import SEVERITIES, Finding
from queries.audit.targets import FAMILY, TYPES, content_words, detect, similarity
from queries.read.model import ReadModel

PARENT = """ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG

Số: 412/KH-UBND

Tuyên Quang, ngày 15 tháng 4 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em

Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC TIÊU
{targets}

II. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.
2. Ủy ban nhân dân các huyện, thành phố
Xây dựng kế hoạch thực hiện tại địa phương.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Sơn
"""

CHILD = """ỦY BAN NHÂN DÂN
HUYỆN HÀM YÊN

Số: 95/KH-UBND

Hàm Yên, ngày 20 tháng 5 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 412/KH-UBND ngày 15/4/2024 của Ủy ban nhân dân tỉnh Tuyên Quang

Thực hiện Kế hoạch số 412/KH-UBND ngày 15/4/2024 của Ủy ban nhân dân tỉnh Tuyên Quang, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. MỤC TIÊU
{targets}

II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Bình
"""

COMMUNES = "85% xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em"
BIRTHS = "98% trẻ em dưới 5 tuổi được đăng ký khai sinh"
STUNTING = "Giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi xuống dưới 15%"
UNDERWEIGHT = "giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân xuống dưới 10%"
PRIMARY = "Tỷ lệ trẻ em hoàn thành cấp tiểu học đạt 99%"


def targets(y2025: list[str], y2030: list[str]) -> str:
    """A MỤC TIÊU section: one paragraph per year, the clauses separated by ';'."""
    return f"1. Đến năm 2025\n(1). {'; '.join(y2025)}.\n2. Đến năm 2030\n(1). {'; '.join(y2030)}."


FULL = targets([COMMUNES, BIRTHS, STUNTING, UNDERWEIGHT], [PRIMARY])
PARENT_IRI = f"{BASE}doc/unit-08/2024/412-kh-ubnd"
CHILD_IRI = f"{BASE}doc/unit-074/2024/95-kh-ubnd"


def ingest(store: GraphStore, name: str, text: str) -> str:
    built = build(parse(decode(text.encode(), name)), BASE)
    store.replace(built)
    return built.iri


def findings(store: GraphStore, child: str, parent: str = FULL) -> list[Finding]:
    """Ingest (or re-ingest) both plans and run the detector."""
    assert ingest(store, "412.txt", PARENT.format(targets=parent)) == PARENT_IRI
    assert ingest(store, "95.txt", CHILD.format(targets=child)) == CHILD_IRI
    return list(detect(ReadModel(store)))


def summary(found: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(f.type, f.details["indicator"], f.details["year"]) for f in found]


def test_types_are_documented() -> None:
    assert [t.name for t in TYPES] == ["target-not-carried-down", "target-weaker"]
    assert all(t.family == FAMILY == "targets" and t.severity in SEVERITIES and t.vi and t.en for t in TYPES)


def test_a_child_restating_every_target_has_no_findings(store: GraphStore) -> None:
    assert findings(store, FULL) == []


def test_an_omitted_indicator_opens_a_finding_and_stating_it_closes_it(store: GraphStore) -> None:
    [finding] = findings(store, targets([COMMUNES, STUNTING, UNDERWEIGHT], [PRIMARY]))
    assert finding.type == "target-not-carried-down" and finding.severity == "medium"
    assert finding.documents == (CHILD_IRI, PARENT_IRI)
    assert finding.details["indicator"] == "trẻ em dưới 5 tuổi được đăng ký khai sinh"
    assert (finding.details["year"], finding.details["value"], finding.details["unit"]) == (2025, 98, "%")
    [evidence] = finding.evidence
    text = PARENT.format(targets=FULL)
    assert evidence.document == PARENT_IRI and evidence.text == BIRTHS
    assert evidence.start is not None and text[evidence.start : evidence.end] == BIRTHS
    assert "95/KH-UBND" in finding.message_vi and "412/KH-UBND" in finding.message_en
    assert findings(store, FULL) == []


def test_an_omission_is_one_finding_per_parent_target(store: GraphStore) -> None:
    both_years = targets([COMMUNES, BIRTHS, STUNTING, UNDERWEIGHT], [PRIMARY, COMMUNES.replace("85%", "90%")])
    found = findings(store, targets([BIRTHS, STUNTING, UNDERWEIGHT], [PRIMARY]), parent=both_years)
    assert summary(found) == [
        ("target-not-carried-down", "xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em", 2025),
        ("target-not-carried-down", "xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em", 2030),
    ]


@pytest.mark.parametrize(
    "original, clause, weaker",
    [
        (COMMUNES, COMMUNES.replace("85%", "80%"), True),
        (COMMUNES, COMMUNES, False),
        (COMMUNES, COMMUNES.replace("85%", "90%"), False),
        (STUNTING, STUNTING.replace("15%", "17%"), True),
        (STUNTING, STUNTING.replace("15%", "12%"), False),
    ],
)
def test_a_weaker_number_is_flagged_an_equal_or_stronger_one_is_not(
    store: GraphStore, original: str, clause: str, weaker: bool
) -> None:
    stated = [clause if c == original else c for c in (COMMUNES, BIRTHS, STUNTING, UNDERWEIGHT)]
    found = findings(store, targets(stated, [PRIMARY]))
    assert [f.type for f in found] == (["target-weaker"] if weaker else [])
    for finding in found:
        assert finding.severity == "high" and finding.documents == (CHILD_IRI, PARENT_IRI)
        assert [(e.document, e.text) for e in finding.evidence] == [(PARENT_IRI, original), (CHILD_IRI, clause)]


def test_different_years_are_not_compared(store: GraphStore) -> None:
    """The child states the 2025 commune target for 2030 only, lower, and the 2030 primary target for 2025."""
    child = targets([BIRTHS, STUNTING, UNDERWEIGHT, PRIMARY.replace("99%", "90%")], [COMMUNES.replace("85%", "70%")])
    assert findings(store, child) == []


def test_a_target_with_no_year_is_not_compared(store: GraphStore) -> None:
    stated = [COMMUNES.replace("85%", "70%"), BIRTHS, STUNTING, UNDERWEIGHT, PRIMARY]
    child = f"1. Mục tiêu cụ thể\n(1). {'; '.join(stated)}."
    assert findings(store, child) == []


def test_wording_variants_of_the_same_indicator_match(store: GraphStore) -> None:
    """Accents off, words reordered, generic words and a scope added or dropped: still the same indicators."""
    variants = [
        "Tỷ lệ xa, thi tran, phuong phu hop voi tre em tren dia ban huyen dat 85%",
        "đăng ký khai sinh cho trẻ em dưới 5 tuổi đạt 98%",
        "giảm tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi trên địa bàn huyện xuống dưới 15%",
        "GIAM TY LE TRE DUOI 5 TUOI BI SUY DINH DUONG THE NHE CAN XUONG DUOI 10%",
    ]
    primary = "Tỷ lệ hoàn thành cấp tiểu học của trẻ em đạt 99%"
    assert findings(store, targets(variants, [primary])) == []
    variants[0] = variants[0].replace("85%", "75%")
    assert summary(findings(store, targets(variants, [primary]))) == [
        ("target-weaker", "xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em", 2025)
    ]


def test_an_unrelated_indicator_does_not_match(store: GraphStore) -> None:
    """A school-counselling target does not stand in for birth registration, nor is its number compared."""
    child = targets([COMMUNES, "10% trường học có dịch vụ hỗ trợ tâm lý trẻ em", STUNTING, UNDERWEIGHT], [PRIMARY])
    assert summary(findings(store, child)) == [
        ("target-not-carried-down", "trẻ em dưới 5 tuổi được đăng ký khai sinh", 2025)
    ]


def test_a_near_twin_does_not_stand_in_for_its_sibling(store: GraphStore) -> None:
    """Stunting and underweight share most words; a child stating only stunting has not carried underweight down."""
    child = targets([COMMUNES, BIRTHS, STUNTING], [PRIMARY])
    assert summary(findings(store, child)) == [
        ("target-not-carried-down", "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân", 2025)
    ]


def test_a_near_twin_counts_as_carried_down_but_its_number_is_not_compared(store: GraphStore) -> None:
    """With only stunting above, an underweight target below is its closest counterpart, but not the same indicator."""
    parent = targets([COMMUNES, BIRTHS, STUNTING], [PRIMARY])
    child = targets([COMMUNES, BIRTHS, UNDERWEIGHT.replace("10%", "25%")], [PRIMARY])
    assert findings(store, child, parent=parent) == []


def test_only_pairs_of_ingested_documents_are_audited(store: GraphStore) -> None:
    ingest(store, "95.txt", CHILD.format(targets=targets([BIRTHS], [PRIMARY])))
    assert list(detect(ReadModel(store))) == []
    ingest(store, "412.txt", PARENT.format(targets=FULL))
    assert len(list(detect(ReadModel(store)))) == 3


def test_matching_ignores_accents_order_and_generic_words() -> None:
    parent = content_words("Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh")
    assert parent == {"duoi", "5", "tuoi", "dang", "ky", "khai", "sinh"}
    assert content_words("dang ky khai sinh cho tre em duoi 5 tuoi tren dia ban tinh") == parent
    assert similarity(parent, content_words("trường học có dịch vụ hỗ trợ tâm lý trẻ em")) == 0
    assert similarity(parent, frozenset()) == 0


def test_the_family_is_registered(store: GraphStore) -> None:
    findings(store, targets([COMMUNES.replace("85%", "80%"), BIRTHS, STUNTING, UNDERWEIGHT], [PRIMARY]))
    assert [f.type for f in run(store, types=["targets"])] == ["target-weaker"]
