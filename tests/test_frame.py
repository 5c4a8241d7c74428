"""The document frame of the national rules, read whatever shape the header arrives in, and the kinds of document
beyond plans: letters, decisions with their points, excerpts; the graph terms they add; the warnings ingest gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli.main import main
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode

BASE = "https://w3id.org/vn-cascade/id/"
BODY = "\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị\n\nI. NHIỆM VỤ\n1. Tuyên truyền.\n"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
FREEDOM = "Độc lập - Tự do - Hạnh phúc"

HEADERS = {
    # two columns on one line, as PDF and Word text give them
    "one-line": (
        f"ỦY BAN NHÂN DÂN          {MOTTO}\nHUYỆN CẦN GIUỘC          {FREEDOM}\n"
        "Số: 412/KH-UBND          Cần Giuộc, ngày 17 tháng 7 năm 2024",
        "Ủy ban nhân dân huyện Cần Giuộc",
        "huyện Cần Giuộc",
        "412/KH-UBND",
    ),
    # the parent body above the issuer, stacked
    "parent line": (
        f"UBND TỈNH GIA LAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 1876/KH-SGDĐT\n\n{MOTTO}\n{FREEDOM}\n\n"
        "Gia Lai, ngày 09 tháng 8 năm 2024",
        "Sở Giáo dục và Đào tạo tỉnh Gia Lai",
        "tỉnh Gia Lai",
        "1876/KH-SGDĐT",
    ),
    # a party committee under its higher committee, party motto beside it
    "party": (
        "ĐẢNG BỘ TỈNH QUẢNG NAM          ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY ĐẠI LỘC\n*\n"
        "Số 145-KH/HU          Đại Lộc, ngày 04 tháng 4 năm 2024",
        "Huyện ủy Đại Lộc",
        "huyện Đại Lộc",
        "145-KH/HU",
    ),
    # after 1 July 2025: a commune straight under its province, found without a district
    "2025 commune": (
        f"ỦY BAN NHÂN DÂN          {MOTTO}\nXÃ CHƯ SÊ          {FREEDOM}\n"
        "Số:    /KH-UBND          Chư Sê, ngày    tháng 8 năm 2025",
        "Ủy ban nhân dân xã Chư Sê, tỉnh Gia Lai",
        "xã Chư Sê, tỉnh Gia Lai",
        None,
    ),
    # a commune party committee whose district name alone is ambiguous (Chợ Mới: An Giang and Bắc Kạn)
    "commune party": (
        "ĐẢNG BỘ HUYỆN CHỢ MỚI\nĐẢNG ỦY XÃ KIẾN AN\n*\nSố 37-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Kiến An, ngày 19 tháng 6 năm 2024",
        "Đảng ủy xã Kiến An",
        "xã Kiến An, huyện Chợ Mới",
        "37-KH/ĐU",
    ),
    # an office of the parent body, its two lines side by side with the motto
    "office of the parent": (
        f"UBND TỈNH SƠN LA          {MOTTO}\nVĂN PHÒNG          {FREEDOM}\n"
        "Số: 318/TB-VPUB          Sơn La, ngày 17 tháng 10 năm 2025",
        "Văn phòng Ủy ban nhân dân tỉnh Sơn La",
        "tỉnh Sơn La",
        "318/TB-VPUB",
    ),
    # a 2025 ward whose name starts like a head noun ('Quy' of 'Quỹ'), found by its name alone
    "2025 ward": (
        f"ỦY BAN NHÂN DÂN          {MOTTO}\nPHƯỜNG QUY NHƠN NAM          {FREEDOM}\n"
        "Số: 214/KH-UBND          Quy Nhơn Nam, ngày 20 tháng 11 năm 2025",
        "Ủy ban nhân dân phường Quy Nhơn Nam, tỉnh Gia Lai",
        "phường Quy Nhơn Nam, tỉnh Gia Lai",
        "214/KH-UBND",
    ),
    # a department of a ministry, its name in capitals
    "unit of a ministry": (
        f"BỘ Y TẾ          {MOTTO}\nCỤC BÀ MẸ VÀ TRẺ EM          {FREEDOM}\n"
        "Số: 45/KH-BMTE          Hà Nội, ngày 10 tháng 5 năm 2024",
        "Cục Bà mẹ và trẻ em Bộ Y tế",
        "Trung ương",
        "45/KH-BMTE",
    ),
    # the standing board of the Fatherland Front, on a third line
    "standing board": (
        f"ỦY BAN MTTQ VIỆT NAM          {MOTTO}\nTỈNH NAM ĐỊNH          {FREEDOM}\nBAN THƯỜNG TRỰC\n"
        "Số: 45/KH-MTTQ-BTT          Nam Định, ngày 10 tháng 5 năm 2024",
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nam Định",
        "tỉnh Nam Định",
        "45/KH-MTTQ-BTT",
    ),
    # a People's Committee's steering board
    "steering board": (
        f"UBND TỈNH HÀ GIANG          {MOTTO}\nBAN CHỈ ĐẠO CÔNG TÁC TRẺ EM          {FREEDOM}\n"
        "Số: 45/KH-BCĐ          Hà Giang, ngày 10 tháng 5 năm 2024",
        "Ban Chỉ đạo công tác trẻ em tỉnh Hà Giang",
        "tỉnh Hà Giang",
        "45/KH-BCĐ",
    ),
    # the youth union's executive committee, the youth union's motto beside it
    "youth union": (
        "BCH ĐOÀN TỈNH BÌNH THUẬN          ĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 45-KH/TĐTN-TG          Phan Thiết, ngày 10 tháng 5 năm 2024",
        "Tỉnh đoàn Bình Thuận",
        "tỉnh Bình Thuận",
        "45-KH/TĐTN-TG",
    ),
    # the youth union's committee beside its motto on one line, in a province renamed since ('Thừa Thiên Huế', 2024)
    "youth union, renamed province": (
        "BCH ĐOÀN TỈNH THỪA THIÊN HUẾ          ĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 186-KH/TĐTN-PT          Thừa Thiên Huế, ngày 28 tháng 5 năm 2024",
        "Tỉnh đoàn Thừa Thiên Huế",
        "tỉnh Thừa Thiên Huế",
        "186-KH/TĐTN-PT",
    ),
    # a bloc party committee before 2025
    "bloc committee": (
        "ĐẢNG BỘ TỈNH HÒA BÌNH          ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\n"
        "Số 45-KH/ĐUK          Hòa Bình, ngày 10 tháng 5 năm 2024",
        "Đảng ủy Khối các cơ quan tỉnh Hòa Bình",
        "tỉnh Hòa Bình",
        "45-KH/ĐUK",
    ),
    # a header pulled from a PDF with single spaces between its columns
    "single spaces": (
        f"ỦY BAN NHÂN DÂN {MOTTO}\nHUYỆN KIẾN XƯƠNG {FREEDOM}\nSố: 142/KH-UBND Kiến Xương, ngày 19 tháng 7 năm 2024",
        "Ủy ban nhân dân huyện Kiến Xương",
        "huyện Kiến Xương",
        "142/KH-UBND",
    ),
    # a header that a Word table gave as table rows
    "table rows": (
        f"| UBND TỈNH BẮC GIANG | {MOTTO} |\n|---|---|\n| SỞ GIÁO DỤC VÀ ĐÀO TẠO | {FREEDOM} |\n"
        "| Số: 2318/SGDĐT-CTTT | Bắc Giang, ngày 14 tháng 10 năm 2024 |",
        "Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
        "tỉnh Bắc Giang",
        "2318/SGDĐT-CTTT",
    ),
    # the party committee of a People's Committee, signed by its standing committee
    "agency party committee": (
        "ĐẢNG BỘ TỈNH HÀ TĨNH          ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\n*\n"
        "Số 37-KH/ĐU          Hà Tĩnh, ngày 20 tháng 5 năm 2025",
        "Đảng ủy Ủy ban nhân dân tỉnh Hà Tĩnh",
        "tỉnh Hà Tĩnh",
        "37-KH/ĐU",
    ),
    # a ministry
    "central": (
        f"BỘ Y TẾ          {MOTTO}\n          {FREEDOM}\nSố: 612/KH-BYT          Hà Nội, ngày 24 tháng 4 năm 2025",
        "Bộ Y tế",
        "Trung ương",
        "612/KH-BYT",
    ),
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_the_issuer_and_its_unit_come_from_the_header(name: str) -> None:
    header, issuer, unit, number = HEADERS[name]
    doc = parse(decode((header + BODY).encode(), f"{name}.txt"))
    assert doc.issuer is not None and doc.issuer.label == issuer
    assert doc.jurisdiction.name == unit and doc.jurisdiction.known
    assert doc.number == number


def test_a_2025_ward_sits_under_its_province_with_its_own_offices() -> None:
    text = (
        f"ỦY BAN NHÂN DÂN\nPHƯỜNG BẢO AN\n\nSố: 57/KH-UBND\n\n{MOTTO}\n{FREEDOM}\n\n"
        "Bảo An, ngày 15 tháng 9 năm 2025\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\nI. NHIỆM VỤ\n"
        "1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Trạm Y tế phường và Công an phường rà soát trẻ em.\n"
    )
    doc = parse(decode(text.encode(), "bao-an.txt"))
    assert doc.jurisdiction.scheme == "2025" and doc.jurisdiction.up("district") is None
    assert doc.jurisdiction.parent is not None and doc.jurisdiction.parent.name == "tỉnh Khánh Hòa"
    [ob] = doc.obligations
    assert [a.label for a in ob.leads] == ["Phòng Văn hóa - Xã hội phường Bảo An, tỉnh Khánh Hòa"]
    assert [a.label for a in ob.supports] == [
        "Trạm Y tế phường Bảo An, tỉnh Khánh Hòa",
        "Công an phường Bảo An, tỉnh Khánh Hòa",
    ]


LETTER = f"""UBND TỈNH QUẢNG NINH          {MOTTO}
SỞ Y TẾ          {FREEDOM}
Số: 2259/SYT-NVY          Quảng Ninh, ngày 28 tháng 10 năm 2024
V/v triển khai thực hiện Chỉ thị số 28-CT/TW

Kính gửi: Trung tâm Y tế các huyện, thị xã, thành phố.

Thực hiện Văn bản số 1830/UBND - VX2 ngày 10/10/2024 của UBND tỉnh, Sở Y tế đề nghị các đơn vị thực hiện các nội dung sau:
1. Rà soát, lập danh sách trẻ em suy dinh dưỡng trên địa bàn.
2. Giao Phòng Nghiệp vụ Y chủ trì, phối hợp với Văn phòng Sở tổng hợp kết quả, báo cáo Giám đốc Sở trước ngày 30/11/2024.

Nơi nhận:                                    KT. GIÁM ĐỐC
- Như trên;                                  PHÓ GIÁM ĐỐC
- Lưu: VT.
                                             Nguyễn Văn An
"""


def test_a_letter_is_read_with_its_addressee_and_internal_units() -> None:
    doc = parse(decode(LETTER.encode(), "letter.txt"))
    assert doc.doc_type == "Letter" and doc.number == "2259/SYT-NVY"
    assert doc.issuer is not None and doc.issuer.label == "Sở Y tế tỉnh Quảng Ninh"
    assert doc.title is not None and doc.title.startswith("V/v triển khai")
    assert [(r.number, r.relation) for r in doc.references] == [
        ("28-CT/TW", "implements"),
        ("1830/UBND-VX2", "implements"),
    ]
    first, second = doc.obligations
    # "đề nghị các đơn vị …" points back at whom the letter is sent to
    assert [a.label for a in first.leads] == ["Trung tâm Y tế các huyện, thị xã, thành phố (tỉnh Quảng Ninh)"]
    assert first.lead_inferred and first.requested
    assert first.lead_evidence is not None and "Kính gửi" in first.lead_evidence.text
    assert [a.label for a in second.leads] == ["Phòng Nghiệp vụ Y Sở Y tế tỉnh Quảng Ninh"]
    assert [a.label for a in second.supports] == ["Văn phòng Sở Y tế tỉnh Quảng Ninh"]
    assert not second.lead_inferred and not second.requested


DECISION = f"""ỦY BAN NHÂN DÂN          {MOTTO}
TỈNH BẾN TRE          {FREEDOM}
Số: 2315/QĐ-UBND          Bến Tre, ngày 06 tháng 11 năm 2024

QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch thực hiện Chỉ thị số 28-CT/TW

ỦY BAN NHÂN DÂN TỈNH BẾN TRE

Căn cứ Luật Trẻ em số 102/2016/QH13 ngày 05 tháng 4 năm 2016;

QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch thực hiện Chỉ thị số 28-CT/TW trên địa bàn tỉnh.
Điều 2. Tổ chức thực hiện
a) Sở Y tế chủ trì, phối hợp với Sở Giáo dục và Đào tạo khám sức khỏe cho học sinh.
b) Công an tỉnh chỉ đạo phòng ngừa xâm hại trẻ em.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, Chủ tịch UBND các huyện, thành phố chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


def test_a_decision_gives_its_points_and_its_execution_clause_as_obligations() -> None:
    doc = parse(decode(DECISION.encode(), "decision.txt"))
    assert doc.doc_type == "Decision" and doc.issuer is not None and doc.issuer.label == "Ủy ban nhân dân tỉnh Bến Tre"
    got = {o.section_path: [a.label for a in o.leads] for o in doc.obligations}
    assert got == {
        "Điều 2.a": ["Sở Y tế tỉnh Bến Tre"],
        "Điều 2.b": ["Công an tỉnh Bến Tre"],
        "Điều 3": [
            "Văn phòng Ủy ban nhân dân tỉnh Bến Tre",
            "Sở Y tế tỉnh Bến Tre",
            "Ủy ban nhân dân các huyện, thành phố (tỉnh Bến Tre)",
        ],
    }  # Điều 1 assigns nothing
    law = next(r for r in doc.references if r.doc_type == "Law")
    assert (law.number, law.title, law.relation, law.date.year) == ("102/2016/QH13", "Luật Trẻ em", "basedOn", 2016)


def test_an_excerpt_without_a_header_keeps_what_its_lead_says_and_is_flagged() -> None:
    text = (
        "Kế hoạch thực hiện Chỉ thị số 28-CT/TW trên địa bàn tỉnh Bình Phước\nNgày đăng: 12/08/2024\n"
        "Ngày 05/8/2024, UBND tỉnh Bình Phước ban hành Kế hoạch số 241/KH-UBND thực hiện Chỉ thị số 28-CT/TW "
        "ngày 25/12/2023 của Bộ Chính trị. Cổng Thông tin điện tử tỉnh giới thiệu nội dung chính của Kế hoạch.\n\n"
        "I. NHIỆM VỤ\n1. Sở Y tế chủ trì khám sức khỏe cho trẻ em.\n"
    )
    doc = parse(decode(text.encode(), "excerpt.txt"))
    assert (doc.doc_type, doc.number, doc.date.lexical()) == ("Plan", "241/KH-UBND", ("2024-08-05", "date"))
    assert doc.issuer is not None and doc.issuer.label == "Ủy ban nhân dân tỉnh Bình Phước"
    assert {(r.number, r.relation) for r in doc.references} == {("28-CT/TW", "implements")}  # title and lead
    assert "excerpt" in {i.code for i in doc.issues}


def test_a_type_named_only_in_a_lead_paragraph_is_built_with_that_paragraph_as_its_source() -> None:
    """No type heading, number line or title: the lead paragraph that names the document is where its type was
    read, so it is the document's provenance (this used to crash the build and abort a whole batch)."""
    lead = "Kế hoạch số 15/KH-SYT về phòng, chống dịch bệnh năm 2024 của Sở Y tế."
    text = (
        f"Thực hiện chỉ đạo của UBND tỉnh Nghệ An, Sở Y tế thông báo như sau:\n\n{lead}\n\n1. Các đơn vị triển khai.\n"
    )
    doc = parse(decode(text.encode(), "lead.txt"))
    assert doc.doc_type == "Plan" and doc.type_span is not None and doc.type_span.text == lead
    built = build(doc, BASE)
    sources = {
        t.object.value
        for t in built.triples
        if t.subject.value == built.iri and t.predicate.value.endswith("#sourceText")
    }
    assert sources == {lead}


def test_inferred_leads_and_one_off_deadlines_in_the_graph() -> None:
    built = build(parse(decode(LETTER.encode(), "letter.txt")), BASE)
    triples = {
        (t.subject.value, t.predicate.value.rsplit("#", 1)[-1], getattr(t.object, "value", None)) for t in built.triples
    }
    inferred = {s for s, p, _ in triples if p == "inferredLeadAgency"}
    assert len(inferred) == 1 and all(s.endswith("/obligation/1") for s in inferred)  # asked of the addressee
    assert "2024-11-30" in {o for _, p, o in triples if p == "dueDate"}
    plan = build(
        parse(
            decode(
                (
                    HEADERS["one-line"][0] + "\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n"
                    "I. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế\nRà soát trẻ em suy dinh dưỡng.\n"
                ).encode(),
                "p.txt",
            )
        ),
        BASE,
    )
    facts = {
        (t.subject.value.rsplit("/", 1)[-1], t.predicate.value.rsplit("#", 1)[-1], getattr(t.object, "value", ""))
        for t in plan.triples
    }
    assert ("i-1-p2", "inferredLeadAgency", f"{BASE}agency/unit-807/phong-y-te-huyen-can-giuoc") in facts
    assert any(p == "role" and o.endswith("role-lead-inferred") for _, p, o in facts)
    assert ("2", "sourceText", "Phòng Y tế") in facts  # the inferred lead's evidence is the heading


def test_ingest_warns_about_work_it_could_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VN_CASCADE_HOME", str(tmp_path / "home"))
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nSố: 15/KH-UBND\n\nHà Giang, ngày 02 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n"
        "Giao Sở Y tế chủ trì, phối hợp với Sở Tư pháp theo dõi việc thực hiện kế hoạch này.\n\n"
        "I. NHIỆM VỤ\n1. Tuyên truyền về quyền trẻ em.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["ingest", str(plan)])
    assert result.exit_code == 0, result.output
    assert f"warning: {plan}:11: this text assigns work but no obligation was read from it" in result.output
    gaps = CliRunner().invoke(main, ["gaps", "--type", "unparsed-assignment", "--format", "json"])
    assert gaps.exit_code == 0 and "unparsed-assignment" in gaps.output and "Giao Sở Y tế" in gaps.output


GUIDANCE = """TỈNH ỦY HÀ TĨNH                          ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
*
Số 87-HD/BTGTU                          Hà Tĩnh, ngày 12 tháng 3 năm 2024

HƯỚNG DẪN
tuyên truyền Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư

I. NỘI DUNG TUYÊN TRUYỀN
1. Quan điểm, mục tiêu của Chỉ thị số 28-CT/TW.

II. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch tuyên truyền; báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy trước ngày 15/11 hằng năm.
2. Đề nghị Báo Hà Tĩnh, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục tuyên truyền về Chỉ thị.
"""


def test_a_board_of_a_party_committee_issues_a_guidance() -> None:
    """Written after the code, in a form the corpus lacks: a party board's guidance under its committee."""
    doc = parse(decode(GUIDANCE.encode(), "guidance.txt"))
    assert (doc.doc_type, doc.number) == ("Guidance", "87-HD/BTGTU")
    assert doc.issuer is not None and doc.issuer.label == "Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"
    boards, media = doc.obligations  # the content part assigns nothing
    assert [a.label for a in boards.leads] == ["Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy (tỉnh Hà Tĩnh)"]
    assert [a.label for a in media.leads] == ["Báo Hà Tĩnh", "Đài Phát thanh - Truyền hình tỉnh Hà Tĩnh"]
    assert media.requested
    [duty] = doc.duties
    assert [a.label for a in duty.recipients] == ["Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"] and duty.due == (11, 15)


def test_relations_by_clause_and_a_title_that_implements() -> None:
    """'Thực hiện X; căn cứ Y' gives X implements, Y basedOn; a title '… tham gia thực hiện Chỉ thị số 28-CT/TW'
    implements it."""
    text = (
        HEADERS["party"][0]
        + "\n\nKẾ HOẠCH\ncông tác dân vận tham gia thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023\n\n"
        "Thực hiện Kế hoạch số 203-KH/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy; căn cứ Hướng dẫn số 98-HD/BDVTW "
        "ngày 18/6/2024 của Ban Dân vận Trung ương, Huyện ủy ban hành Kế hoạch như sau:\n\nI. NHIỆM VỤ\n1. Tuyên"
        " truyền.\n"
    )
    doc = parse(decode(text.encode(), "plan.txt"))
    assert {(r.number, r.relation) for r in doc.references} == {
        ("28-CT/TW", "implements"),
        ("203-KH/TU", "implements"),
        ("98-HD/BDVTW", "basedOn"),
    }


def test_a_decisions_first_article_says_what_its_plan_implements() -> None:
    text = (
        HEADERS["central"][0].replace("612/KH-BYT", "12/QĐ-BYT") + "\n\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\n"
        "Căn cứ Kế hoạch số 15-KH/BCSĐ ngày 5/2/2024 của Ban cán sự đảng Bộ Y tế;\n\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban "
        "Bí thư và Kế hoạch số 15-KH/BCSĐ.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    doc = parse(decode(text.encode(), "decision.txt"))
    strongest = {}
    for ref in doc.references:
        rank = ["cites", "basedOn", "implements"].index(ref.relation)
        strongest[ref.number] = max(strongest.get(ref.number, 0), rank)
    assert strongest == {"28-CT/TW": 2, "15-KH/BCSĐ": 2}


def test_a_renamed_province_keeps_one_preferred_name_and_the_one_it_had_on_the_day() -> None:
    """A 2024 plan of 'tỉnh Thừa Thiên Huế' (Thành phố Huế from 1 January 2025): the unit is one node, its preferred
    name the catalogue's, the document's name beside it."""
    header = HEADERS["youth union, renamed province"][0]
    built = build(parse(decode((header + BODY).encode(), "p.txt")), BASE)
    labels = {
        (t.predicate.value.rsplit("#", 1)[-1], t.object.value)
        for t in built.triples
        if t.subject.value == f"{BASE}unit/46"
    }
    assert ("prefLabel", "Thành phố Huế") in labels and ("altLabel", "Tỉnh Thừa Thiên Huế") in labels


def test_the_signature_set_above_the_distribution_list_still_names_the_standing_body() -> None:
    """'T/M BAN THƯỜNG VỤ' on the line before 'Nơi nhận:' (the two columns of the foot side by side)."""
    text = (
        "ĐẢNG BỘ TỈNH NAM ĐỊNH          ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY HẢI HẬU\n*\n"
        "Số 112-KH/HU          Hải Hậu, ngày 06 tháng 5 năm 2024\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 28-CT/TW\n\n"
        "I. NHIỆM VỤ\n1. Các chi bộ tổ chức quán triệt.\n\n                    T/M BAN THƯỜNG VỤ\n"
        "Nơi nhận:                    PHÓ BÍ THƯ\n- Ban Thường vụ Tỉnh ủy,\n- Lưu Văn phòng Huyện ủy.\n"
    )
    doc = parse(decode(text.encode(), "plan.txt"))
    assert doc.issuer is not None and doc.issuer.label == "Ban Thường vụ Huyện ủy Hải Hậu"


def test_a_law_is_cited_by_its_capitalised_title_not_by_the_word_in_running_text() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Đề nghị Tỉnh đoàn giám sát việc thực hiện chính sách, pháp luật về trẻ em theo "
        "quy định của Luật Trẻ em năm 2016.\n"
    )
    doc = parse(
        decode((HEADERS["parent line"][0] + "\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n" + body).encode(), "p.txt")
    )
    assert [r.title for r in doc.references if r.doc_type == "Law"] == ["Luật Trẻ em"]


def test_two_documents_implemented_with_a_description_and_a_short_name_between() -> None:
    body = (
        "Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư về tăng cường công tác trẻ em (sau đây gọi tắt "
        "là Chỉ thị 28) và Kế hoạch số 185-KH/TU ngày 12/3/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy "
        "xây dựng Kế hoạch như sau:\n\nI. NHIỆM VỤ\n1. Các chi bộ quán triệt.\n"
    )
    doc = parse(
        decode((HEADERS["party"][0] + "\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 28-CT/TW\n\n" + body).encode(), "p.txt")
    )
    assert {(r.number, r.relation) for r in doc.references} == {("28-CT/TW", "implements"), ("185-KH/TU", "implements")}
