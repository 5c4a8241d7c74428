"""Gap detectors: the expected findings on the samples, and variants in which gaps close and open."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus import BASE, LAI_CHAU, TAN_BINH

from loaders import admin_units
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.audit import Finding, finding_types, run

# A district plan (huyện Quản Bạ, Hà Giang) telling its communes to issue plans and report by 15/12, while
# the district's own department must report up by 10/12; and one commune's plan implementing it.
DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN QUẢN BẠ

Số: 120/KH-UBND

Quản Bạ, ngày 10 tháng 6 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 215/KH-UBND ngày 02/5/2024 của Ủy ban nhân dân tỉnh Hà Giang về chăm sóc, giáo dục và bảo vệ trẻ em

Thực hiện Kế hoạch số 215/KH-UBND ngày 02/5/2024 của Ủy ban nhân dân tỉnh Hà Giang, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em trên hệ thống loa truyền thanh.
- Cơ quan chủ trì: Phòng Văn hóa và Thông tin.
{extra_task}
II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10 tháng 12 hằng năm.
2. Ủy ban nhân dân các xã, thị trấn
Xây dựng kế hoạch thực hiện tại địa phương; định kỳ hằng năm báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội) trước ngày {commune_due} tháng 12.
{extra_unit}
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lò Văn Thành
"""
COMMUNE = """ỦY BAN NHÂN DÂN
XÃ THANH VÂN

Số: 45/KH-UBND

Thanh Vân, ngày 01 tháng 7 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 120/KH-UBND ngày 10/6/2024 của Ủy ban nhân dân huyện Quản Bạ

Thực hiện Kế hoạch số 120/KH-UBND ngày 10/6/2024 của Ủy ban nhân dân huyện Quản Bạ, Ủy ban nhân dân xã ban hành Kế hoạch như sau:

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em đến từng thôn, bản.
- Đơn vị chủ trì: Công chức Văn hóa - Xã hội.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Vàng Seo Pao
"""


def district_plan(commune_due: str = "15", extra_task: str = "", extra_unit: str = "") -> str:
    return DISTRICT.format(commune_due=commune_due, extra_task=extra_task, extra_unit=extra_unit)


def put(store: GraphStore, text: str, name: str) -> None:
    store.replace(build(parse(decode(text.encode(), name)), BASE))


def of_type(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.type == kind]


def labels(store: GraphStore, iris) -> set[str]:
    found = set()
    for iri in iris:
        found |= {r[0].value for r in store.query(f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel|vc:documentNumber ?l }}")}
    return found


@pytest.fixture(scope="module")
def findings(sample_store: GraphStore) -> list[Finding]:
    return run(sample_store)


def test_every_finding_is_typed_graded_explained_and_evidenced(findings: list[Finding]) -> None:
    types = finding_types()
    assert findings
    for f in findings:
        assert f.type in types
        if f.type != "missing-link":  # a missing link is high when implemented, medium when only built on
            assert f.severity == types[f.type].severity
        assert f.message_vi and f.message_en and f.documents
        assert f.evidence, f"{f.type} has no evidence"
    assert len({f.id for f in findings}) == len(findings)


def test_documents_cited_as_parents_but_not_ingested(findings: list[Finding], sample_store: GraphStore) -> None:
    missing = of_type(findings, "missing-link")
    numbers = {number for f in missing for number in labels(sample_store, f.documents[:1])}
    assert numbers == {"28-CT/TW", "48-CTr/TU", "273-KH/TU", "33-CT/TU", "3597/KH-UBND", "253-KH/QU", "181-KH/TU"}
    directive = next(f for f in missing if "28-CT/TW" in labels(sample_store, f.documents[:1]))
    assert directive.severity == "high" and len(directive.documents) == 5  # it, and the four plans
    assert all("28-CT/TW" in e.text.replace(" ", "") for e in directive.evidence)  # one sample wraps "28- CT/TW"


def test_the_fifteen_tan_binh_ward_plans_are_missing(findings: list[Finding], sample_store: GraphStore) -> None:
    plan = next(r[0].value for r in sample_store.query(f'SELECT ?d WHERE {{ ?d vc:sourceFile "{TAN_BINH}" }}'))
    wards = [
        f
        for f in of_type(findings, "missing-downstream-plan")
        if f.documents == (plan,)
        and f.details["groups"]
        and "15 phường" in labels(sample_store, f.details["groups"]).pop()
    ]
    expected = {
        f"Ủy ban nhân dân {u.full_name}, quận Tân Bình"
        for u in admin_units.children(admin_units.district("Tân Bình", province_code="79").code)
    }
    assert len(expected) == 15 and {labels(sample_store, [f.details["unit"]]).pop() for f in wards} == expected
    assert all(len(f.obligations) == 2 for f in wards)  # two obligations ask the wards for a plan


def test_groups_expand_to_units_from_the_data(findings: list[Finding], sample_store: GraphStore) -> None:
    plan = next(r[0].value for r in sample_store.query(f'SELECT ?d WHERE {{ ?d vc:sourceFile "{LAI_CHAU}" }}'))
    owed = {
        labels(sample_store, [f.details["unit"]]).pop()
        for f in of_type(findings, "missing-downstream-plan")
        if f.documents == (plan,) and f.details["groups"]
    }
    lai_chau = admin_units.province("Lai Châu")
    assert len(owed) == len(admin_units.children(lai_chau.code)) == 8
    bac_ai = [
        f
        for f in of_type(findings, "missing-downstream-plan")
        if any("Đảng ủy xã" in g for g in labels(sample_store, f.details["groups"]))
    ]
    assert len(bac_ai) == len(admin_units.children(admin_units.district("Bác Ái", province_code="58").code))
    unexpanded = {f.details["reason"] for f in of_type(findings, "group-not-expanded")}
    assert "the group's jurisdiction is unknown" in unexpanded  # the 162-KH/ĐUK bloc plan


def test_metadata_and_ownership_gaps(findings: list[Finding], sample_store: GraphStore) -> None:
    by_type = Counter(f.type for f in findings)
    lai_chau = next(r[0].value for r in sample_store.query(f'SELECT ?d WHERE {{ ?d vc:sourceFile "{LAI_CHAU}" }}'))
    lai_chau_meta = {f.type for f in findings if f.documents == (lai_chau,) and not f.obligations}
    assert {"blank-number", "partial-date"} <= lai_chau_meta
    unknown = of_type(findings, "unknown-jurisdiction")
    assert [labels(sample_store, f.documents) for f in unknown] == [{"162-KH/ĐUK"}]
    assert by_type["no-lead"] == 13 and by_type["requested-lead"] >= 1 and by_type["vague-lead"] >= 1
    for f in of_type(findings, "several-leads"):
        assert f.details["leads"] >= 2 and len(f.agencies) >= 2


def test_a_missing_plan_closes_when_it_is_ingested(store: GraphStore) -> None:
    put(store, district_plan(), "quan-ba.txt")
    communes = admin_units.children(admin_units.district("Quản Bạ", province_code="02").code)
    before = of_type(run(store), "missing-downstream-plan")
    assert len(before) == len(communes)
    put(store, COMMUNE, "thanh-van.txt")
    after = of_type(run(store), "missing-downstream-plan")
    assert len(after) == len(communes) - 1
    assert {f.details["unit"] for f in before} - {f.details["unit"] for f in after} == {
        next(iter(store.query('SELECT ?i WHERE { ?d vc:sourceFile "thanh-van.txt" ; vc:issuedBy ?i }')))[0].value
    }


def test_a_new_duty_opens_a_gap(store: GraphStore) -> None:
    put(store, district_plan(), "quan-ba.txt")
    before = {f.id for f in run(store, types=["cascade"])}
    put(
        store,
        district_plan(extra_unit="3. Phòng Giáo dục và Đào tạo\nXây dựng kế hoạch phổ cập giáo dục mầm non.\n"),
        "quan-ba.txt",
    )
    opened = [f for f in run(store, types=["cascade"]) if f.id not in before]
    assert [labels(store, [f.details["unit"]]) for f in opened] == [{"Phòng Giáo dục và Đào tạo huyện Quản Bạ"}]


def test_reporting_deadlines_follow_the_chain(store: GraphStore) -> None:
    put(store, district_plan(commune_due="15"), "quan-ba.txt")
    late = of_type(run(store), "late-reporting-deadline")
    assert len(late) == 1 and late[0].details == {"due": "--12-15", "onwardDue": "--12-10"}
    assert len(late[0].evidence) == 2 and "15 tháng 12" in late[0].evidence[0].text + late[0].evidence[1].text
    put(store, district_plan(commune_due="05"), "quan-ba.txt")
    assert of_type(run(store), "late-reporting-deadline") == []
    silent = of_type(run(store), "recipient-without-upward-duty")
    assert [labels(store, f.agencies) for f in silent] == [{"Ủy ban nhân dân tỉnh Hà Giang"}]


def test_filters_by_type_family_and_document(findings: list[Finding], sample_store: GraphStore) -> None:
    only = run(sample_store, types=["no-lead", "metadata"])
    assert {f.type for f in only} == {"no-lead"} | {
        t for t, ft in finding_types().items() if ft.family == "metadata" and t in {f.type for f in findings}
    }
    doc = of_type(findings, "unknown-jurisdiction")[0].documents[0]
    assert all(f.involves(doc) or any(e.document == doc for e in f.evidence) for f in run(sample_store, document=doc))
    with pytest.raises(ValueError, match="unknown finding type"):
        run(sample_store, types=["no-such-gap"])


def test_owners_the_2025_reorganisation_ended_name_their_successors(
    findings: list[Finding], sample_store: GraphStore
) -> None:
    """As of today: each owner that no longer exists, with the bodies that hold its duties now (details in
    tests/test_reorganisation.py)."""
    gone = {labels(sample_store, f.agencies[:1]).pop(): f for f in of_type(findings, "owner-abolished-2025")}
    district = gone["Phòng Lao động - Thương binh và Xã hội quận Tân Bình"]
    assert district.details["resolution"] == "resolved"
    assert any("Tân Sơn Hòa" in s for s in district.details["successors"])
    # 8 obligations (IV.1 and the duty under it share their heading as evidence of the inferred lead), 7 texts
    assert len(district.obligations) == 8 and len(district.evidence) == 7
    assert {e.text for e in district.evidence} >= {"Phòng Lao động - Thương binh và Xã hội"}
    members = gone["Ủy ban nhân dân các huyện, thành phố (tỉnh Lai Châu)"]
    assert members.details["successors"] == ["Ủy ban nhân dân các xã, phường (tỉnh Lai Châu)"]
    assert not any(  # Lai Châu carries on: only the departments merged in March 2025 are flagged
        "tỉnh Lai Châu" in name
        and not name.startswith(
            ("Ủy ban nhân dân các", "Các", "Sở Lao động", "Sở Kế hoạch", "Sở Nông nghiệp", "Sở Thông tin")
        )
        for name in gone
    )
    assert "Sở Y tế tỉnh Lai Châu" not in gone and "Công an tỉnh Lai Châu" not in gone


def test_synthetic_cascade_gaps_open_without_a_plan_and_close_with_it() -> None:
    from synthetic_plans import corpus

    built = [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(30, seed=3)]
    whole = GraphStore(None)
    for document in built:
        whole.replace(document)
    complete = {f.id for f in run(whole, types=["missing-downstream-plan"])}
    checked = 0
    for left_out in built:
        partial = GraphStore(None)
        for document in built:
            if document is not left_out:
                partial.replace(document)
        opened = [f for f in run(partial, types=["missing-downstream-plan"]) if f.id not in complete]
        if opened:  # the plan a unit owed: leaving it out opens that unit's gap, and only that
            issuer = next(iter(whole.query(f"SELECT ?i WHERE {{ <{left_out.iri}> vc:issuedBy ?i }}")))[0].value
            assert {f.details["unit"] for f in opened} == {issuer}
            partial.replace(left_out)
            assert {f.id for f in run(partial, types=["missing-downstream-plan"])} == complete
            checked += 1
        if checked == 3:
            break
    assert checked == 3


def test_a_document_a_whole_cascade_cites_is_named_with_its_first_citers_and_lists_them_all(tmp_path) -> None:
    from realistic_plans import realistic_corpus

    with GraphStore(tmp_path / "store") as store:
        for plan in realistic_corpus(40, seed=2):
            store.replace(build(parse(decode(plan.text.encode(), plan.name)), BASE))
        findings = run(store, ["missing-link"])
        cited = max(findings, key=lambda f: len(f.documents))
        citing = cited.documents[1:]
        assert len(citing) == cited.details["citing"] > 20
        names = [n.strip() for n in cited.message_vi.split("(", 1)[1].split(" và ")[0].split(",")]
        assert len(names) == 5 and f"và {len(citing) - 5} văn bản khác" in cited.message_vi
        assert f"and {len(citing) - 5} more" in cited.message_en
        quoted = {e.document for e in cited.evidence}
        assert quoted == set(sorted(citing)[:20])  # the first twenty citing documents, each quoted
