"""The catalogue's gap queries find what the audit detectors (queries/audit) find — the same gaps, with the same
documents, obligations and units — on the samples, on a synthetic corpus and on written plans with late reporting
deadlines (which neither of the others has); there Cypher must answer as SPARQL does too."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import Neo4jDatabase
from corpus import BASE
from synthetic_plans import corpus

import queries
from loaders import admin_units
from loaders.graph import build
from loaders.neo4j.projection import sync
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.audit import Finding, run
from queries.audit.cascade import _why_unexpanded
from queries.run import Row, run_cypher, run_sparql

# Each gap query and the finding types of the detector it stands for.
GAPS = {
    "gap-missing-links": ("missing-link",),
    "gap-missing-downstream-plans": ("missing-downstream-plan",),
    "gap-unexpanded-groups": ("group-not-expanded",),
    "gap-ownership": ("no-lead", "requested-lead", "vague-lead", "several-leads"),
    "gap-reporting-deadlines": ("late-reporting-deadline",),
}

# A district plan (huyện Đồng Văn, Hà Giang) whose communes report through the district's labour office by 10/12
# while the office reports up by 05/12; a commune plan implementing it whose police report to the commune by 15/12,
# after the day the communes' group reports to the district; the district party committee's plan (40-KH/HU), which
# the district plan is based on, telling its propaganda board to issue a plan; and that plan, issued by the committee.
DONG_VAN = """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG VĂN

Số: 88/KH-UBND

Đồng Văn, ngày 12 tháng 6 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em

Căn cứ Kế hoạch số 40-KH/HU ngày 20/5/2024 của Huyện ủy Đồng Văn, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. NHIỆM VỤ
1. Rà soát, cập nhật cơ sở dữ liệu về trẻ em có hoàn cảnh đặc biệt.
- Đơn vị chủ trì: Phòng Lao động - Thương binh và Xã hội.
2. Tổ chức các hoạt động vui chơi cho trẻ em dịp hè.
- Đơn vị chủ trì: Các phòng, ban liên quan.

II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
Theo dõi, tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày 05 tháng 12 hằng năm.
2. Ủy ban nhân dân các xã, thị trấn
Xây dựng kế hoạch thực hiện tại địa phương; báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội) trước ngày 10 tháng 12 hằng năm.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Sùng Mí Chá
"""
LUNG_CU = """ỦY BAN NHÂN DÂN
XÃ LŨNG CÚ

Số: 21/KH-UBND

Lũng Cú, ngày 02 tháng 7 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 88/KH-UBND ngày 12/6/2024 của Ủy ban nhân dân huyện Đồng Văn

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em đến từng thôn.
- Đơn vị chủ trì: Công an xã.

II. TỔ CHỨC THỰC HIỆN
1. Công an xã
Tổng hợp kết quả, báo cáo Ủy ban nhân dân xã trước ngày 15 tháng 12 hằng năm.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Vàng Mí Sính
"""
HUYEN_UY = """ĐẢNG BỘ TỈNH HÀ GIANG
HUYỆN ỦY ĐỒNG VĂN

Số 40-KH/HU

Đồng Văn, ngày 20 tháng 5 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em

I. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Huyện ủy
Xây dựng kế hoạch tuyên truyền thực hiện Chỉ thị trên địa bàn huyện.
2. Ủy ban nhân dân huyện
Xây dựng kế hoạch thực hiện Kế hoạch này.

Nơi nhận:
- Tỉnh ủy;
- Lưu: VT.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Hầu Mí Lử
"""
TUYEN_TRUYEN = """ĐẢNG BỘ TỈNH HÀ GIANG
HUYỆN ỦY ĐỒNG VĂN

Số 41-KH/HU

Đồng Văn, ngày 30 tháng 5 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 40-KH/HU ngày 20/5/2024 của Huyện ủy Đồng Văn

Thực hiện Kế hoạch số 40-KH/HU ngày 20/5/2024 của Huyện ủy Đồng Văn, Ban Thường vụ Huyện ủy ban hành Kế hoạch tuyên truyền như sau:

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em trên các phương tiện thông tin đại chúng.
- Đơn vị chủ trì: Ban Tuyên giáo Huyện ủy.

Nơi nhận:
- Tỉnh ủy;
- Lưu: VT.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Vàng Mí Dính
"""

Key = tuple


def _key(kind: str, documents=(), obligations=(), agencies=(), detail=None) -> Key:
    return kind, frozenset(documents), frozenset(obligations), frozenset(agencies), detail


def finding_key(f: Finding) -> Key:
    """A finding as the type, the IRIs involved and the one detail its query also answers."""
    detail = {
        "missing-link": lambda: frozenset(f.details["relations"]),
        "group-not-expanded": lambda: f.details["reason"],
        "late-reporting-deadline": lambda: (f.details["due"], f.details["onwardDue"]),
    }.get(f.type, lambda: None)()
    return _key(f.type, f.documents, f.obligations, f.agencies, detail)


def row_keys(name: str, rows: list[Row]) -> set[Key]:
    """A gap query's rows as the findings they stand for."""
    if name == "gap-missing-links":
        cited, relations = defaultdict(set), defaultdict(set)
        for r in rows:
            cited[r["document"]].add(r["citedBy"])
            relations[r["document"]].add({"implements": "implements", "based on": "basedOn"}[r["relation"]])
        return {_key("missing-link", {doc, *by}, detail=frozenset(relations[doc])) for doc, by in cited.items()}
    if name == "gap-missing-downstream-plans":
        return {
            _key(
                "missing-downstream-plan", [r["document"]], r["obligations"].split(), [r["unit"], *r["groups"].split()]
            )
            for r in rows
        }
    if name == "gap-unexpanded-groups":
        return {
            _key(
                "group-not-expanded",
                [r["document"]],
                [r["obligation"]],
                [r["group"]],
                _why_unexpanded({"known": r["jurisdictionKnown"], "vague": r["vague"]})[1],
            )
            for r in rows
        }
    if name == "gap-ownership":
        return {_key(r["gap"], [r["document"]], [r["obligation"]], r["owners"].split()) for r in rows}
    return {
        _key(
            "late-reporting-deadline",
            [r["document"], r["onwardDocument"]],
            (),
            [r["reporter"], r["recipient"], r["onwardRecipient"]],
            (r["due"], r["onwardDue"]),
        )
        for r in rows
    }


def _sorted(row: Row) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


def gap_rows(store: GraphStore) -> dict[str, list[Row]]:
    return {name: run_sparql(store, queries.get(name), {}) for name in GAPS}


def assert_agree(store: GraphStore, rows: dict[str, list[Row]]) -> None:
    found = run(store, types=[t for types in GAPS.values() for t in types])
    for name, types in GAPS.items():
        expected = {finding_key(f) for f in found if f.type in types}
        got = row_keys(name, rows[name])
        assert got == expected, (name, sorted(got - expected, key=str)[:3], sorted(expected - got, key=str)[:3])
    owed = [(r["document"], r["unit"]) for r in rows["gap-missing-downstream-plans"]]
    assert len(owed) == len(set(owed))  # one row per document and unit


def put(store: GraphStore, text: str, name: str) -> None:
    store.replace(build(parse(decode(text.encode(), name)), BASE))


def iri(store: GraphStore, label: str) -> str:
    [row] = list(store.query(f'SELECT ?x WHERE {{ ?x skos:prefLabel "{label}"@vi }}'))
    return row[0].value


@pytest.fixture(scope="module")
def sample_gaps(sample_store: GraphStore) -> dict[str, list[Row]]:
    return gap_rows(sample_store)


@pytest.fixture()
def dong_van(store: GraphStore) -> GraphStore:
    for name, text in (
        ("dong-van.txt", DONG_VAN),
        ("lung-cu.txt", LUNG_CU),
        ("huyen-uy.txt", HUYEN_UY),
        ("tuyen-truyen.txt", TUYEN_TRUYEN),
    ):
        put(store, text, name)
    return store


def test_gap_queries_agree_with_the_detectors_on_the_samples(
    sample_store: GraphStore, sample_gaps: dict[str, list[Row]]
) -> None:
    assert_agree(sample_store, sample_gaps)


def test_gap_queries_agree_with_the_detectors_on_a_synthetic_corpus(tmp_path: Path) -> None:
    rebuild(tmp_path / "store", [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(200, seed=5)])
    with GraphStore(tmp_path / "store") as store:
        rows = gap_rows(store)
        assert_agree(store, rows)
    assert all(
        rows[name]
        for name in ("gap-missing-links", "gap-missing-downstream-plans", "gap-unexpanded-groups", "gap-ownership")
    )


def test_gap_queries_agree_on_written_plans_in_sparql_and_cypher(dong_van: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    rows = gap_rows(dong_van)
    assert_agree(dong_van, rows)
    neo4j_db.clear()
    sync(dong_van, neo4j_db.driver, neo4j_db.settings.database, BASE)
    for name in GAPS:
        cypher = run_cypher(neo4j_db.driver, neo4j_db.settings.database, queries.get(name), {})
        assert Counter(map(_sorted, cypher)) == Counter(map(_sorted, rows[name])), name


def test_documents_implemented_or_built_on_but_not_ingested(sample_gaps: dict[str, list[Row]]) -> None:
    rows = sample_gaps["gap-missing-links"]
    assert {r["documentNumber"] for r in rows} == {
        "28-CT/TW",
        "48-CTr/TU",
        "273-KH/TU",
        "33-CT/TU",
        "3597/KH-UBND",
        "253-KH/QU",
        "181-KH/TU",
    }
    assert len({r["citedBy"] for r in rows if r["documentNumber"] == "28-CT/TW"}) == 4  # every sample builds on it
    assert {r["relation"] for r in rows if r["documentNumber"] in ("3597/KH-UBND", "253-KH/QU")} == {"based on"}


def test_the_fifteen_tan_binh_wards_owe_plans(sample_store: GraphStore, sample_gaps: dict[str, list[Row]]) -> None:
    group = iri(sample_store, "Ủy ban nhân dân 15 phường (quận Tân Bình)")
    wards = [r for r in sample_gaps["gap-missing-downstream-plans"] if r["groups"] == group]
    expected = {
        f"Ủy ban nhân dân {u.full_name}, quận Tân Bình"
        for u in admin_units.children(admin_units.district("Tân Bình", province_code="79").code)
    }
    assert len(expected) == len(wards) == 15 and {r["unitLabel"] for r in wards} == expected
    assert {r["paths"] for r in wards} == {"IV.2.p3, IV.5.p2"}  # two obligations ask the wards for a plan
    lai_chau = iri(sample_store, "Ủy ban nhân dân các huyện, thành phố (tỉnh Lai Châu)")
    assert sum(r["groups"] == lai_chau for r in sample_gaps["gap-missing-downstream-plans"]) == 8


def test_groups_that_cannot_be_expanded(sample_gaps: dict[str, list[Row]]) -> None:
    got = {
        (r["groupLabel"], r["path"], r["jurisdictionKnown"], r["vague"]) for r in sample_gaps["gap-unexpanded-groups"]
    }
    assert got == {
        ("Các sở, ban, ngành liên quan (tỉnh Lai Châu)", "V.12.p2", True, True),
        ("Các sở, ban, ngành, đoàn thể tỉnh (tỉnh Lai Châu)", "I.2.p2", True, False),
        ("Các ban, ngành, đoàn thể quận (quận Tân Bình)", "I.2.p2", True, False),
        ("Cấp ủy các đảng bộ, chi bộ cơ sở (tỉnh (chưa xác định))", "III.1", False, False),
        (
            "Các ban, ngành quận được giao chủ trì thực hiện các nội dung tại Mục II Kế hoạch này (quận Tân Bình)",
            "IV.2.p2",
            True,
            False,
        ),
        ("Các đơn vị (quận Tân Bình)", "IV.2.p3", True, False),
    }


def test_ownership_gaps(sample_store: GraphStore, sample_gaps: dict[str, list[Row]]) -> None:
    rows = sample_gaps["gap-ownership"]
    gaps = Counter(r["gap"] for r in rows)
    assert gaps["no-lead"] == 13 and min(gaps["requested-lead"], gaps["vague-lead"], gaps["several-leads"]) >= 1
    assert all((r["owners"] == "") == (r["gap"] == "no-lead") for r in rows)
    police = iri(sample_store, "Công an quận Tân Bình")
    labour = iri(sample_store, "Phòng Lao động - Thương binh và Xã hội quận Tân Bình")
    several = {r["path"]: r["owners"] for r in rows if r["gap"] == "several-leads" and police in r["owners"]}
    assert several == {"II.2": f"{police} {labour}"}  # Tân Bình's II.2, owners in code-point order


def test_late_reporting_deadlines_through_the_channel_and_the_group(dong_van: GraphStore) -> None:
    rows = run_sparql(dong_van, queries.get("gap-reporting-deadlines"), {})
    communes = iri(dong_van, "Ủy ban nhân dân các xã, thị trấn (huyện Đồng Văn)")
    office = iri(dong_van, "Phòng Lao động - Thương binh và Xã hội huyện Đồng Văn")
    lung_cu = iri(dong_van, "Ủy ban nhân dân xã Lũng Cú, huyện Đồng Văn")
    got = {(r["reporter"], r["recipient"], r["due"], r["onwardReporter"], r["onwardDue"]) for r in rows}
    assert got == {
        (communes, iri(dong_van, "Ủy ban nhân dân huyện Đồng Văn"), "--12-10", office, "--12-05"),
        (iri(dong_van, "Công an xã Lũng Cú, huyện Đồng Văn"), lung_cu, "--12-15", communes, "--12-10"),
    }


def test_plans_based_on_the_document_or_issued_by_the_body_above_close_the_gap(dong_van: GraphStore) -> None:
    owed = {r["unit"] for r in run_sparql(dong_van, queries.get("gap-missing-downstream-plans"), {})}
    assert len(owed) == 18  # the communes of Đồng Văn, but not:
    assert iri(dong_van, "Ủy ban nhân dân xã Lũng Cú, huyện Đồng Văn") not in owed  # its plan implements 88/KH-UBND
    assert iri(dong_van, "Ủy ban nhân dân huyện Đồng Văn") not in owed  # 88/KH-UBND is based on 40-KH/HU
    assert iri(dong_van, "Ban Tuyên giáo Huyện ủy Đồng Văn") not in owed  # 41-KH/HU, by the Huyện ủy it belongs to
