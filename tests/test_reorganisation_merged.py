"""The 2025 reorganisation on written 2024 plans of provinces merged in 2025 (tests/reform_plans/: Quảng Bình into
Quảng Trị, Bình Dương into Thành phố Hồ Chí Minh, Hà Giang into Tuyên Quang): owners on a day follow two steps
(the March department mergers, then the July province merger), districts split among communes, and the audit
flags each province-level plan, a province that kept its name included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus import BASE

import queries
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.audit import run
from queries.run import run_sparql

PLANS = Path(__file__).parent / "reform_plans"
DAY = "2026-01-01"


def _plan(name: str, text: str | None = None):
    path = PLANS / name
    data = text.encode() if text is not None else path.read_bytes()
    return build(parse(decode(data, name)), BASE)


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    store = GraphStore(tmp_path_factory.mktemp("merged") / "store")
    for name in ("quang_binh.txt", "binh_duong.txt", "ha_giang.txt"):
        store.replace(_plan(name))
    # A plan of the province that took Quảng Bình in and kept its name: the same plan, written for Quảng Trị.
    text = (PLANS / "quang_binh.txt").read_text(encoding="utf-8")
    for old, new in (("Quảng Bình", "Quảng Trị"), ("Đồng Hới", "Đông Hà")):
        text = text.replace(old, new).replace(old.upper(), new.upper())
    store.replace(_plan("quang_tri.txt", text))
    return store


def _document(store: GraphStore, number: str, province: str) -> str:
    rows = store.query(f"""SELECT ?d WHERE {{ ?d vc:inCorpus true ; vc:documentNumber "{number}" ;
        vc:jurisdiction/skos:prefLabel ?p FILTER(CONTAINS(?p, "{province}")) }}""")
    return next(iter(rows))[0].value


def _owners(store: GraphStore, obligation: str, role: str = "lead") -> list[dict]:
    rows = run_sparql(store, queries.get("owners-on-date"), {"obligation": obligation, "date": DAY})
    return [r for r in rows if r["role"] == role]


def test_a_quang_binh_child_protection_duty_goes_to_quang_tris_health_department(merged: GraphStore) -> None:
    doc = _document(merged, "1187/KH-UBND", "Quảng Bình")
    (row,) = _owners(merged, doc + "/obligation/ii-5")
    assert row["writtenLabel"] == "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Bình"
    assert (row["ownerLabel"], row["resolution"]) == ("Sở Y tế tỉnh Quảng Trị", "resolved")
    assert "45/2025/NĐ-CP" in row["basis"] and "202/2025/QH15" in row["basis"]
    spring = run_sparql(
        merged, queries.get("owners-on-date"), {"obligation": doc + "/obligation/ii-5", "date": "2025-04-01"}
    )
    assert {r["ownerLabel"] for r in spring if r["role"] == "lead"} == {"Sở Y tế tỉnh Quảng Bình"}


def test_a_child_labour_duty_of_the_labour_department_has_two_candidates(merged: GraphStore) -> None:
    doc = _document(merged, "1187/KH-UBND", "Quảng Bình")
    rows = _owners(merged, doc + "/obligation/ii-6")
    assert {r["resolution"] for r in rows} == {"ambiguous"}
    assert {r["ownerLabel"] for r in rows} == {"Sở Y tế tỉnh Quảng Trị", "Sở Nội vụ tỉnh Quảng Trị"}


def test_binh_duong_bodies_become_the_citys_and_a_district_city_its_wards(merged: GraphStore) -> None:
    doc = _document(merged, "3462/KH-UBND", "Bình Dương")
    (environment,) = _owners(merged, doc + "/obligation/ii-6")
    assert environment["ownerLabel"] == "Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh"
    wards = _owners(merged, doc + "/obligation/ii-8")
    assert len(wards) > 1 and {r["resolution"] for r in wards} == {"resolved"}
    assert all(r["ownerLabel"].startswith("Ủy ban nhân dân phường ") for r in wards)
    assert all(r["ownerLabel"].endswith("Thành phố Hồ Chí Minh") for r in wards)


def test_ha_giang_district_goes_to_tuyen_quang_communes_and_its_ethnic_board_to_a_department(
    merged: GraphStore,
) -> None:
    doc = _document(merged, "158/KH-UBND", "Hà Giang")
    communes = _owners(merged, doc + "/obligation/ii-8")
    assert len(communes) > 1 and all(r["ownerLabel"].endswith("tỉnh Tuyên Quang") for r in communes)
    (board,) = _owners(merged, doc + "/obligation/ii-2")
    assert board["ownerLabel"] == "Sở Dân tộc và Tôn giáo tỉnh Tuyên Quang"


def test_the_audit_flags_province_plans_of_merged_provinces_one_that_kept_its_name_included(
    merged: GraphStore,
) -> None:
    found = {
        f.details["province"]: f.details for f in run(merged, ["province-merged-2025"], on=dt.date.fromisoformat(DAY))
    }
    assert found["Tỉnh Quảng Bình"]["kind"] == "merged-into" and found["Tỉnh Quảng Bình"]["into"] == "Tỉnh Quảng Trị"
    assert found["Tỉnh Bình Dương"]["into"] == "Thành phố Hồ Chí Minh"
    assert found["Tỉnh Hà Giang"]["into"] == "Tỉnh Tuyên Quang"
    kept = found["Tỉnh Quảng Trị"]
    assert kept["kind"] == "kept-name" and kept["with"] == ["Tỉnh Quảng Bình"]
    assert kept["basis"] == "202/2025/QH15"
    assert not run(merged, ["province-merged-2025"], on=dt.date(2025, 6, 30))


def test_a_provinces_own_newspaper_has_no_successor_the_sources_name(merged: GraphStore) -> None:
    unresolved = [f for f in run(merged, ["owner-successor-unknown-2025"], on=dt.date.fromisoformat(DAY))]
    assert any("Báo Quảng Bình" in f.message_vi for f in unresolved)
    assert all(f.severity == "high" and not f.details["successors"] for f in unresolved)


def test_a_merged_provinces_youth_union_becomes_the_citys(merged: GraphStore) -> None:
    doc = _document(merged, "3462/KH-UBND", "Bình Dương")
    rows = run_sparql(merged, queries.get("owners-on-date"), {"obligation": doc + "/obligation/ii-7", "date": DAY})
    assert "Thành đoàn Hồ Chí Minh" in {r["ownerLabel"] for r in rows if r["writtenLabel"] == "Tỉnh đoàn Bình Dương"}
