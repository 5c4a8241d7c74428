"""Plans the parser has never seen: hand-written variants, a synthetic corpus with known facts, and the
identity rules (same number in two provinces, NFD, CRLF, cited-only documents ingested later)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from corpus import BAC_AI, BASE, BLOC, LAI_CHAU, seed_text
from synthetic_plans import corpus

from loaders.graph import build
from loaders.parser import parse
from loaders.source import IngestError, decode
from loaders.store import GraphStore

HA_GIANG = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG

Số: 215/KH-UBND

Hà Giang, ngày 02 tháng 5 năm 2024

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 181-KH/TU ngày 10/4/2024 của Tỉnh ủy Hà Giang

Thực hiện Kế hoạch số 181-KH/TU ngày 10/4/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC TIÊU
1. Đến năm 2026
(1). Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế đạt không dưới 95%; tỷ lệ trẻ em bị tai nạn thương tích tối đa 5‰.

II. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em trên các phương tiện thông tin đại chúng.
- Cơ quan chủ trì: Sở Thông tin và Truyền thông.
- Cơ quan phối hợp: Ban Quản lý các khu công nghiệp tỉnh, Hội Liên hiệp Phụ nữ tỉnh.
- Thời gian hoàn thành: Quý III năm 2024.

III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi. Định kỳ 6 tháng (trước ngày 15 tháng 6) báo cáo Ủy ban nhân dân tỉnh.
2. Ủy ban nhân dân các huyện, thành phố
Xây dựng kế hoạch thực hiện tại địa phương.

Nơi nhận:
- Bộ Y tế;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Sơn
"""


@pytest.fixture(scope="module")
def ha_giang():
    return parse(decode(HA_GIANG.encode(), "ha-giang.txt"))


def test_unseen_plan_header_and_references(ha_giang) -> None:
    assert ha_giang.number == "215/KH-UBND"
    assert ha_giang.issuer is not None and ha_giang.issuer.label == "Ủy ban nhân dân tỉnh Hà Giang"
    assert ha_giang.jurisdiction.code == "02"
    assert ha_giang.date is not None and ha_giang.date.lexical() == ("2024-05-02", "date")
    implemented = {r.number for r in ha_giang.references if r.relation == "implements"}
    assert implemented == {"181-KH/TU"}
    title_ref, preamble_ref = [r for r in ha_giang.references if r.number == "181-KH/TU"][:2]
    assert title_ref.issuer is not None and title_ref.issuer.label == "Tỉnh ủy Hà Giang"
    assert preamble_ref.issuer is not None and preamble_ref.issuer.label == "Ban Thường vụ Tỉnh ủy Hà Giang"
    assert [n.number for n in preamble_ref.implements] == ["28-CT/TW"]


def test_unseen_plan_roles_targets_reporting(ha_giang) -> None:
    task = next(o for o in ha_giang.obligations if o.section_path == "II.1")
    assert [a.label for a in task.leads] == ["Sở Thông tin và Truyền thông tỉnh Hà Giang"]
    assert [a.label for a in task.supports] == [
        "Ban Quản lý các khu công nghiệp tỉnh Hà Giang",
        "Hội Liên hiệp Phụ nữ tỉnh Hà Giang",
    ]
    assert task.supports[0].resolved and task.supports[1].resolved
    assert task.timeframe is not None and task.timeframe[0] == "Quý III năm 2024"
    health = next(o for o in ha_giang.obligations if o.section_path == "III.1.p2")  # the duty under "1. Sở Y tế"
    assert [a.label for a in health.leads] == ["Sở Y tế tỉnh Hà Giang"] and health.lead_inferred
    assert [a.label for a in health.supports] == ["Bảo hiểm xã hội tỉnh Hà Giang"]
    districts = next(o for o in ha_giang.obligations if o.section_path == "III.2.p2")
    assert [a.label for a in districts.requires_plan_from] == ["Ủy ban nhân dân các huyện, thành phố (tỉnh Hà Giang)"]
    assert [(t.year, t.comparator, t.value, t.unit) for t in ha_giang.targets] == [
        (2026, ">=", Decimal(95), "%"),
        (2026, "<=", Decimal(5), "‰"),
    ]
    assert ha_giang.targets[0].indicator == "Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế"
    [duty] = ha_giang.duties
    assert [a.label for a in duty.reporters] == ["Sở Y tế tỉnh Hà Giang"]
    assert [a.label for a in duty.recipients] == ["Ủy ban nhân dân tỉnh Hà Giang"]
    assert (duty.frequency, duty.due) == ("Định kỳ 6 tháng", (6, 15))


def test_same_number_in_two_provinces_is_two_documents(store: GraphStore, ha_giang) -> None:
    """The bloc plan's 181-KH/TU (province unknown) and Hà Giang's 181-KH/TU must not merge."""
    store.replace(build(ha_giang, BASE))
    store.replace(build(parse(decode(seed_text(BLOC).encode(), BLOC)), BASE))
    rows = list(store.query('SELECT ?d ?j WHERE { ?d vc:documentNumber "181-KH/TU" ; vc:jurisdiction ?j }'))
    assert len(rows) == 2
    units = sorted(r["j"].value.rsplit("/", 1)[-1] for r in rows)
    assert units[0] == "02" and units[1].startswith("unknown-province-162-kh-duk-")


def test_two_unknown_provinces_never_merge(store: GraphStore) -> None:
    """Two bloc plans with the same number but different titles: each keeps its own unknown province."""
    text = seed_text(BLOC)
    other = text.replace(
        "Thực hiện Chỉ thị số 28- CT/TW ngày 25/12/2023 của Bộ Chính trị về tăng cường",
        "Thực hiện Chỉ thị số 28- CT/TW ngày 25/12/2023 của Bộ Chính trị về đẩy mạnh",
        1,
    )
    assert other != text
    for name, body in (("a.txt", text), ("b.txt", other)):
        store.replace(build(parse(decode(body.encode(), name)), BASE))
    rows = list(store.query('SELECT DISTINCT ?d ?j WHERE { ?d vc:documentNumber "181-KH/TU" ; vc:jurisdiction ?j }'))
    assert len(rows) == 2 and len({r["j"].value for r in rows}) == 2


# A commune party committee whose commune the unit data does not know, under a province it does: its plan's
# number and title are the ones every commune of a province writes, so only the province and the day tell apart.
TWIN_PLAN = """ĐẢNG BỘ TỈNH {province}          ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ SƠN ĐÌNH LÃM
*
Số 88-KH/ĐU          Sơn Đình Lãm, ngày 20 tháng 7 năm {year}

KẾ HOẠCH
thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em
-----

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cấp ủy, chính quyền về công tác trẻ em.

II. NHIỆM VỤ, GIẢI PHÁP
1. Văn phòng Đảng ủy chủ trì, phối hợp với Ủy ban Kiểm tra Đảng ủy tham mưu quán triệt Chỉ thị số 28-CT/TW.

T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn A
"""


def test_unknown_communes_of_plans_with_one_number_and_title_never_merge(store: GraphStore) -> None:
    """Found at 25,000 plans: three plans '88-KH/ĐU' with one title, of unknown communes in two provinces and two
    years, shared one unknown commune and its agencies (and the read index refused the unit's three parents)."""
    for n, (province, year) in enumerate([("THANH HÓA", 2024), ("NGHỆ AN", 2024), ("THANH HÓA", 2025)]):
        store.replace(build(parse(decode(TWIN_PLAN.format(province=province, year=year).encode(), f"{n}.txt")), BASE))
    rows = list(
        store.query('SELECT ?d ?j WHERE { ?d vc:documentNumber "88-KH/ĐU" ; vc:inCorpus true ; vc:jurisdiction ?j }')
    )
    assert len(rows) == 3 and len({r["j"].value for r in rows}) == 3
    parents = list(
        store.query(
            'SELECT ?j (COUNT(?p) AS ?n) WHERE { ?d vc:documentNumber "88-KH/ĐU" ; vc:jurisdiction ?j . ?j vc:partOf ?p } GROUP BY ?j'
        )
    )
    assert [int(r["n"].value) for r in parents] == [1, 1, 1]
    leads = list(store.query("SELECT DISTINCT ?a WHERE { ?o vc:leadAgency ?a }"))
    assert len(leads) == 3  # each commune's own party office
    assert store.read_index.units()  # the index takes every unit


def test_nfd_and_crlf_variants_build_the_same_graph() -> None:
    original = seed_text(LAI_CHAU)
    nfc = build(parse(decode(original.encode(), "lai-chau.txt")), BASE)
    nfd = build(parse(decode(unicodedata.normalize("NFD", original).encode(), "lai-chau.txt")), BASE)
    crlf = build(parse(decode(original.replace("\n", "\r\n").encode(), "lai-chau.txt")), BASE)
    assert nfc.iri == nfd.iri == crlf.iri
    assert set(nfc.triples) == set(nfd.triples) == set(crlf.triples)


def test_reingest_replaces_without_duplicates(store: GraphStore) -> None:
    built = build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE)
    store.replace(built)
    size = len(store)
    store.replace(build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE))
    assert len(store) == size
    [row] = store.query(f"SELECT (COUNT(?o) AS ?n) WHERE {{ <{built.iri}> vc:hasObligation ?o }}")
    assert int(row["n"].value) == len(built.parsed.obligations) == 57


def test_reingest_of_an_edited_text_drops_what_it_no_longer_says(store: GraphStore) -> None:
    text = seed_text(LAI_CHAU)
    store.replace(build(parse(decode(text.encode(), LAI_CHAU)), BASE))
    edited = text.replace("11. Sở Nông nghiệp và Phát triển nông thôn", "11. Sở Tài nguyên và Môi trường")
    store.replace(build(parse(decode(edited.encode(), LAI_CHAU)), BASE))
    labels = {r["l"].value for r in store.query("SELECT ?l WHERE { ?o vc:leadAgency/skos:prefLabel ?l }")}
    assert "Sở Tài nguyên và Môi trường tỉnh Lai Châu" in labels
    assert "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu" not in labels


PLAN_273 = """ĐẢNG BỘ TỈNH NINH THUẬN
TỈNH ỦY NINH THUẬN

Số 273-KH/TU

Ninh Thuận, ngày 20 tháng 02 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em

Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành kế hoạch thực hiện như sau:

I. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác trẻ em.

II. TỔ CHỨC THỰC HIỆN
1. Các huyện ủy, thành ủy xây dựng kế hoạch thực hiện.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Nguyễn Đức Thanh
"""


@pytest.mark.parametrize("order", ["citing-first", "cited-first"])
def test_cited_document_merges_with_its_text(store: GraphStore, order: str) -> None:
    citing = build(parse(decode(seed_text(BAC_AI).encode(), BAC_AI)), BASE)
    cited = build(parse(decode(PLAN_273.encode(), "273.txt")), BASE)
    for built in [citing, cited] if order == "citing-first" else [cited, citing]:
        store.replace(built)
    rows = list(store.query('SELECT ?d ?in WHERE { ?d vc:documentNumber "273-KH/TU" ; vc:inCorpus ?in }'))
    assert [(r["d"].value, r["in"].value) for r in rows] == [(cited.iri, "true")]
    assert bool(store.query(f"ASK {{ <{citing.iri}> vc:implements <{cited.iri}> }}"))
    assert bool(store.query(f'ASK {{ <{cited.iri}> vc:issuedBy/skos:prefLabel "Tỉnh ủy Ninh Thuận"@vi }}'))


def test_removing_the_text_makes_the_document_cited_only_again(store: GraphStore) -> None:
    citing = build(parse(decode(seed_text(BAC_AI).encode(), BAC_AI)), BASE)
    cited = build(parse(decode(PLAN_273.encode(), "273.txt")), BASE)
    store.replace(citing)
    store.replace(cited)
    store.remove(cited.iri, cited.graph)
    [row] = store.query(f"SELECT ?in WHERE {{ <{cited.iri}> vc:inCorpus ?in }}")
    assert row["in"].value == "false"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"\xff\xfeK\x00", "not UTF-8"),
        ("Biên bản cuộc họp\n\nNội dung: trao đổi về công tác trẻ em.".encode(), "no identifiable document"),
        ("Thông báo\n\nHọp giao ban tuần.".encode(), "no identifiable document"),
    ],
)
def test_bad_input_is_refused_and_the_store_is_unchanged(store: GraphStore, data: bytes, message: str) -> None:
    store.replace(build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE))
    before = store.export("nt")
    with pytest.raises(IngestError, match=message) as err:
        build(parse(decode(data, "incoming/bad.txt")), BASE)
    assert str(err.value).startswith("incoming/bad.txt")
    assert store.export("nt") == before


def test_a_failed_update_writes_nothing(store: GraphStore) -> None:
    """Oxigraph applies each replace as one transaction: a statement that fails leaves no partial write."""
    store.replace(build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE))
    before = store.export("nt")
    with pytest.raises(SyntaxError):
        store.store.update(f"INSERT DATA {{ <{BASE}x> <{BASE}p> 1 }} ; DELETE WHERE {{ ?s ?p ?o }} ; NOT SPARQL")
    assert store.export("nt") == before


SYNTHETIC = corpus(150, seed=42)


@pytest.mark.parametrize("plan", SYNTHETIC[:150:3], ids=lambda p: p.name)
def test_synthetic_plans_yield_the_facts_they_state(plan) -> None:
    doc = parse(decode(plan.text.encode(), plan.name))
    expected = plan.expected
    assert doc.issuer is not None and doc.issuer.label == expected.issuer
    assert doc.number == expected.number
    assert sorted({r.number for r in doc.references if r.relation == "implements"}) == sorted(expected.implements)
    obligations = {o.section_path: o for o in doc.obligations}
    for path, leads in expected.leads.items():
        assert [a.label for a in obligations[path].leads] == leads, path
    for path, supports in expected.supports.items():
        assert [a.label for a in obligations[path].supports] == supports, path
    for path, timeframe in expected.timeframes.items():
        assert obligations[path].timeframe is not None and obligations[path].timeframe[0] == timeframe
    for path, issuers in expected.plans_from.items():
        assert [a.label for a in obligations[path].requires_plan_from] == issuers, path
    assert [(t.year, t.comparator, str(t.value)) for t in doc.targets] == expected.targets
    got = sorted((d.reporters[0].label, d.recipients[0].label, d.due) for d in doc.duties)
    assert got == sorted(expected.duties)
