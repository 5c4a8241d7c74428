"""Theme tagging: the keyword rules tag sample obligations sensibly, with or without diacritics and across line
wraps; a parent's theme that a child plan leaves out is a finding until the child covers it; the coverage matrix."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pyoxigraph as ox
import pytest
from corpus import BAC_AI, BASE, BLOC, LAI_CHAU, TAN_BINH

from loaders.folding import fold
from loaders.graph import build
from loaders.model import ParsedDocument
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from loaders.themes import tag, themes
from loaders.validate import validate
from ontology import VC
from queries.audit import Finding, ReadModel, run
from queries.audit.themes import coverage


def names(*texts: str) -> set[str]:
    return {iri.removeprefix(VC + "theme-") for iri in tag(*texts)}


def obligation_themes(doc: ParsedDocument, path: str) -> set[str]:
    """The themes of an item and of the duties split off under it (each tagged on its own text)."""
    found: set[str] = set()
    for ob in doc.obligations:
        if ob.section_path == path or ob.section_path.startswith(path + "."):
            found |= names(ob.title, ob.span.text)
    return found


def test_the_scheme_has_labelled_themes_with_keywords() -> None:
    found = {t.iri.removeprefix(VC + "theme-"): t for t in themes()}
    assert {
        "communication",
        "leadership",
        "law-policy",
        "resources",
        "health",
        "education",
        "culture-play",
        "injury",
        "violence",
        "online",
        "child-labour",
        "justice",
        "data",
        "inspection",
        "participation",
    } <= set(found)
    assert all(t.vi and t.en and t.keywords for t in found.values())
    assert "đuối nước" in found["injury"].keywords and "xâm hại" in found["violence"].keywords


@pytest.mark.parametrize(
    "sample, path, expected",
    [
        (BAC_AI, "II.2", {"injury", "culture-play", "resources"}),  # "tình trạng đuối nước", "khu vui chơi"
        (BAC_AI, "II.5", {"participation", "communication"}),  # "cho trẻ em được tham gia"
        (LAI_CHAU, "V.5", {"health", "injury", "violence"}),  # Sở Y tế: dinh dưỡng, tai nạn, xâm hại
        (LAI_CHAU, "V.9", {"violence", "justice", "data"}),  # Công an: tội phạm xâm hại, định danh
        (LAI_CHAU, "V.4", {"communication", "online", "inspection"}),  # Sở TT&TT: không gian mạng, thanh tra
        (LAI_CHAU, "V.3", {"culture-play", "injury", "child-labour"}),  # "bơi an toàn", lao động trẻ em
        (TAN_BINH, "II.4", {"health", "social-protection"}),  # dinh dưỡng, bảo hiểm y tế, mồ côi
    ],
)
def test_sample_obligations_get_their_themes(
    parsed: dict[str, ParsedDocument], sample: str, path: str, expected: set[str]
) -> None:
    assert expected <= obligation_themes(parsed[sample], path)


@pytest.mark.parametrize(
    "sample, path, expected",
    [
        (TAN_BINH, "II.2", {"data"}),  # cơ sở dữ liệu, căn cước, Chi cục Thống kê
        (TAN_BINH, "IV.3", {"resources"}),  # dự toán kinh phí
        (LAI_CHAU, "V.8", {"resources"}),  # ngân sách
        (BLOC, "III.1", {"communication", "leadership"}),  # "người lao động" is not child labour
    ],
)
def test_sample_obligations_get_only_their_themes(
    parsed: dict[str, ParsedDocument], sample: str, path: str, expected: set[str]
) -> None:
    assert obligation_themes(parsed[sample], path) == expected


def test_accent_free_upper_case_and_nfd_text_tag_the_same(parsed: dict[str, ParsedDocument]) -> None:
    for doc in parsed.values():
        for ob in doc.obligations:
            text = ob.span.text
            expected = tag(text)
            assert tag(fold(text)) == tag(unicodedata.normalize("NFD", text)) == tag(text.upper()) == expected
    assert names("PHONG CHONG DUOI NUOC") == names("phòng, chống đuối nước") == {"injury"}


def test_keywords_match_across_line_wraps_and_only_as_whole_words(parsed: dict[str, ParsedDocument]) -> None:
    text = next(o for o in parsed[BAC_AI].obligations if o.section_path == "II.4").span.text
    wrapped = text[text.index("sức \n") : text.index("khỏe") + len("khỏe")]
    assert "\n" in wrapped and names(wrapped) == {"health"}
    assert names("tổ chức dạy kỹ năng an toàn, phòng, chống đuối\nnước cho trẻ em") == {"injury"}
    assert names("đẩy mạnh xã hội\n  hóa") == {"resources"}
    assert names("xã hội hoạt động") == set()  # 'xa hoi hoa' is a prefix of 'xa hoi hoat'
    assert names("được dạy bởi giáo dục truyền thống") == set()  # not dạy bơi, not truyền thông
    assert names("Tuyên truyền", "giáo dục pháp luật") == {"communication"}
    assert names("lao động", "trẻ em") == set()  # no match across the title and the text


def test_the_graph_carries_the_themes(sample_store: GraphStore, parsed: dict[str, ParsedDocument]) -> None:
    rows = sample_store.query(f"""SELECT ?t WHERE {{ ?d vc:sourceFile "{BAC_AI}" ; vc:hasObligation ?o .
        ?o vc:sectionPath "II.2" ; vc:theme ?t }}""")
    assert {r["t"].value.removeprefix(VC + "theme-") for r in rows} == obligation_themes(parsed[BAC_AI], "II.2")


def test_the_samples_coverage_matrix(sample_store: GraphStore, parsed: dict[str, ParsedDocument]) -> None:
    matrix = coverage(ReadModel(sample_store))
    assert [t["iri"] for t in matrix["themes"]] == [t.iri for t in themes()]
    files = {r["d"].value: r["f"].value for r in sample_store.query("SELECT ?d ?f WHERE { ?d vc:sourceFile ?f }")}
    assert {files[d["iri"]] for d in matrix["documents"]} == set(parsed)
    for j, document in enumerate(matrix["documents"]):
        doc = parsed[files[document["iri"]]]
        expected = Counter(iri for ob in doc.obligations for iri in tag(ob.title, ob.span.text))
        assert [row[j] for row in matrix["counts"]] == [expected[t.iri] for t in themes()]
        assert document["obligations"] == len(doc.obligations)
        assert document["untagged"] == sum(not tag(ob.title, ob.span.text) for ob in doc.obligations)
    cell = {
        (t["iri"].removeprefix(VC + "theme-"), files[d["iri"]]): matrix["counts"][i][j]
        for i, t in enumerate(matrix["themes"])
        for j, d in enumerate(matrix["documents"])
    }
    assert cell[("injury", BAC_AI)] == 2 and cell[("data", TAN_BINH)] == 1 and cell[("resources", LAI_CHAU)] == 9
    assert cell[("participation", BLOC)] == 0 and cell[("communication", BLOC)] == 4


def test_a_theme_outside_the_scheme_is_a_violation(store: GraphStore) -> None:
    ob = ox.NamedNode(f"{BASE}doc/x/obligation/i-1")
    store.replace_graph(f"{BASE}graph/x", [ox.Triple(ob, ox.NamedNode(VC + "theme"), ox.NamedNode(VC + "kind-police"))])
    assert {f.focus for f in validate(store).violations} == {VC + "kind-police"}


# A district plan of huyện Đồng Văn (Hà Giang) with three themed tasks, and a commune plan implementing it.
PARENT = """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG VĂN

Số: 88/KH-UBND

Đồng Văn, ngày 12 tháng 6 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị trên địa bàn huyện

Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em trên hệ thống loa truyền thanh.
- Cơ quan chủ trì: Phòng Văn hóa và Thông tin.
2. Tổ chức dạy bơi, phòng, chống đuối nước cho trẻ em trong dịp hè.
- Cơ quan chủ trì: Phòng Giáo dục và Đào tạo.
3. Bảo vệ trẻ em trên môi trường mạng.
- Cơ quan chủ trì: Công an huyện.

II. TỔ CHỨC THỰC HIỆN
1. Ủy ban nhân dân các xã, thị trấn
Xây dựng kế hoạch thực hiện tại địa phương.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Sùng Mí Chá
"""
CHILD = """ỦY BAN NHÂN DÂN
XÃ LŨNG CÚ

Số: 30/KH-UBND

Lũng Cú, ngày 02 tháng 7 năm 2024

KẾ HOẠCH
Thực hiện Kế hoạch số 88/KH-UBND ngày 12/6/2024 của Ủy ban nhân dân huyện Đồng Văn

Thực hiện Kế hoạch số 88/KH-UBND ngày 12/6/2024 của Ủy ban nhân dân huyện Đồng Văn, Ủy ban nhân dân xã ban hành Kế hoạch như sau:

I. NHIỆM VỤ
1. Tuyên truyền về quyền trẻ em đến từng thôn, bản.
- Đơn vị chủ trì: Công chức Văn hóa - Xã hội.
{extra}
Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Giàng Seo Lử
"""
SWIMMING = """2. Mở lớp dạy kỹ năng bơi an toàn cho trẻ em.
- Đơn vị chủ trì: Đoàn Thanh niên xã.
"""


def put(store: GraphStore, text: str, name: str) -> str:
    built = build(parse(decode(text.encode(), name)), BASE)
    store.replace(built)
    return built.iri


def missing_themes(store: GraphStore) -> dict[str, Finding]:
    return {f.details["theme"].removeprefix(VC + "theme-"): f for f in run(store, types=["theme-not-carried-down"])}


def test_a_theme_not_carried_down_opens_and_closes(store: GraphStore) -> None:
    parent = put(store, PARENT, "dong-van.txt")
    child = put(store, CHILD.format(extra=""), "lung-cu.txt")
    assert bool(store.query(f"ASK {{ <{child}> vc:implements <{parent}> }}"))
    found = missing_themes(store)
    assert set(found) == {"injury", "online"}
    drowning = found["injury"]
    assert drowning.severity == "medium" and drowning.documents == (child, parent)
    [evidence] = drowning.evidence
    assert evidence.document == parent and evidence.text.startswith("2. Tổ chức dạy bơi, phòng, chống đuối nước")
    [row] = store.query(f"SELECT ?text WHERE {{ <{parent}> vc:text ?text }}")
    assert row["text"].value[evidence.start : evidence.end] == evidence.text
    assert drowning.obligations == (f"{parent}/obligation/i-2",)
    assert "đuối nước, tai nạn thương tích" in drowning.message_vi and "drowning and injury" in drowning.message_en
    assert "\n" not in drowning.message_vi + drowning.message_en

    put(store, CHILD.format(extra=SWIMMING), "lung-cu.txt")
    assert set(missing_themes(store)) == {"online"}
    matrix = coverage(ReadModel(store))
    column = [d["iri"] for d in matrix["documents"]].index(child)
    counts = {
        t["iri"].removeprefix(VC + "theme-"): cells[column]
        for t, cells in zip(matrix["themes"], matrix["counts"], strict=False)
    }
    assert counts["communication"] == counts["injury"] == 1 and counts["online"] == 0 and sum(counts.values()) == 2
