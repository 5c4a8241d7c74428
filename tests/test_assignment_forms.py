"""Ways plans hand work down, each read into obligations with their lead, whether it is a request, and whether the
lead is inferred from a heading above the item."""

from __future__ import annotations

import pytest

from loaders.parser import parse
from loaders.source import decode

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
HEADER = (
    f"ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\n\nSố: 91/KH-UBND\n\n{MOTTO}\n\nHải Dương, ngày 12 tháng 3 năm 2024\n\n"
    "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư\n\n"
)
FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Dương"
GROUPS = "Các tổ chức chính trị - xã hội tỉnh (tỉnh Hải Dương)"
HEALTH = "Sở Y tế tỉnh Hải Dương"

FORMS = {
    "a part headed by whom it asks": (
        "IV. ĐỀ NGHỊ ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH VÀ CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI TỈNH\n"
        "1. Tăng cường giám sát việc thực hiện.\n2. Vận động hội viên tham gia.\n",
        [("IV.1", [FRONT, GROUPS], True, True), ("IV.2", [FRONT, GROUPS], True, True)],
    ),
    "a part headed by whose duty it is": (
        "IV. TRÁCH NHIỆM CỦA SỞ Y TẾ\n1. Tổ chức khám sức khỏe.\n2. Hướng dẫn các cơ sở y tế.\n",
        [("IV.1", [HEALTH], False, True), ("IV.2", [HEALTH], False, True)],
    ),
    "'Trách nhiệm của X' items": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của Sở Y tế\na) Tổ chức khám sức khỏe.\nb) Hướng dẫn các cơ sở y tế.\n",
        [("III.1", [HEALTH], False, False), ("III.1.a", [HEALTH], False, True), ("III.1.b", [HEALTH], False, True)],
    ),
    "a task heading that names its lead in brackets": (
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền (Sở Y tế chủ trì)\na) Tổ chức hội nghị.\nb) Phát hành tài liệu.\n",
        [("II.1", [HEALTH], False, False), ("II.1.a", [HEALTH], False, True), ("II.1.b", [HEALTH], False, True)],
    ),
    "a task heading 'Nhiệm vụ do X chủ trì thực hiện'": (
        "III. NHIỆM VỤ CỤ THỂ\n1. Nhiệm vụ do Sở Y tế chủ trì thực hiện\nTổ chức khám sức khỏe cho trẻ em.\n",
        [("III.1", [HEALTH], False, False), ("III.1.p2", [HEALTH], False, True)],
    ),
    "an agency heading with a note in brackets": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế (cơ quan thường trực)\n- Tổ chức khám sức khỏe.\n- Hướng dẫn các cơ sở.\n",
        [("III.1", [HEALTH], False, False), ("III.1.p2", [HEALTH], False, True), ("III.1.p3", [HEALTH], False, True)],
    ),
    "lettered items of a part with no numbers": (
        "III. TỔ CHỨC THỰC HIỆN\na) Sở Tư pháp\nPhổ biến pháp luật cho trẻ em.\nb) Sở Y tế\nTổ chức khám sức khỏe.\n",
        [
            ("III.a", ["Sở Tư pháp tỉnh Hải Dương"], False, False),
            ("III.a.p2", ["Sở Tư pháp tỉnh Hải Dương"], False, True),
            ("III.b", [HEALTH], False, False),
            ("III.b.p2", [HEALTH], False, True),
        ],
    ),
    "a loose paragraph over its bullets": (
        "III. TỔ CHỨC THỰC HIỆN\nSở Y tế thực hiện các nhiệm vụ sau:\n- Tổ chức khám sức khỏe.\n- Hướng dẫn các cơ"
        " sở.\n",
        [("III.p2", [HEALTH], False, True), ("III.p3", [HEALTH], False, True)],
    ),
    "a sub-item headed by a unit over its bullets": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Các sở, ngành\n1.1. Sở Y tế\n+ Tổ chức khám sức khỏe.\n+ Hướng dẫn các cơ sở.\n",
        [
            ("III.1", ["Các sở, ngành (tỉnh Hải Dương)"], False, False),
            ("III.1.1", [HEALTH], False, False),
            ("III.1.1.p2", [HEALTH], False, True),
            ("III.1.1.p3", [HEALTH], False, True),
        ],
    ),
    "several role labels on one line": (
        "II. NHIỆM VỤ\n1. Tổ chức khám sức khỏe cho trẻ em. Cơ quan chủ trì: Sở Y tế. Cơ quan phối hợp: Sở Tài"
        " chính.\n",
        [("II.1", [HEALTH], False, False)],
    ),
    "'Trách nhiệm thực hiện:' as a role line": (
        "II. NHIỆM VỤ\n1. Tổ chức khám sức khỏe cho trẻ em.\n- Trách nhiệm thực hiện: Sở Y tế.\n",
        [("II.1", [HEALTH], False, False)],
    ),
    "a unit on a line of its own over bullets": (
        "III. TỔ CHỨC THỰC HIỆN\n* Sở Y tế\n- Tổ chức khám sức khỏe cho trẻ em.\n- Hướng dẫn các cơ sở.\n",
        [("III.p2", [HEALTH], False, True), ("III.p3", [HEALTH], False, True)],
    ),
    "a unit heading with its standing role after a dash": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế - cơ quan thường trực\n- Tổ chức khám.\n- Tổng hợp kết quả.\n",
        [("III.1", [HEALTH], False, False), ("III.1.p2", [HEALTH], False, True), ("III.1.p3", [HEALTH], False, True)],
    ),
    "'(X thực hiện)' after the task": (
        "II. NHIỆM VỤ\n1. Phát hành tài liệu tuyên truyền (Sở Y tế thực hiện).\n"
        "2. Dạy bơi cho học sinh (Sở Y tế chủ trì, phối hợp với Sở Tư pháp thực hiện).\n",
        [("II.1", [HEALTH], False, False), ("II.2", [HEALTH], False, False)],
    ),
    "bullets of a request that name their own units": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội"
        " tỉnh\n"
        "- Tăng cường giám sát.\n- Hội Liên hiệp Phụ nữ tỉnh duy trì các câu lạc bộ.\n",
        [
            ("III.1", [FRONT, GROUPS], True, False),
            ("III.1.p2", [FRONT, GROUPS], True, True),
            ("III.1.p3", ["Hội Liên hiệp Phụ nữ tỉnh Hải Dương"], True, False),
        ],
    ),
    "a part of proposals": (
        "V. ĐỀ XUẤT, KIẾN NGHỊ\n1. Đối với Bộ Y tế: sớm ban hành hướng dẫn chuyên môn.\n",
        [("V.1", ["Bộ Y tế"], True, False)],
    ),
    "a task title naming its lead over bullets": (
        "II. NHIỆM VỤ\n1. Tuyên truyền về quyền trẻ em (Sở Y tế chủ trì, phối hợp Sở Tư pháp)\n- Biên soạn tài liệu.\n"
        "- Tổ chức cuộc thi.\nĐầu mối liên hệ: Sở Y tế, điện thoại 0204.3854.712.\n",
        [("II.1", [HEALTH], False, False), ("II.1.p2", [HEALTH], False, True), ("II.1.p3", [HEALTH], False, True)],
    ),
    "'Riêng X …' singles a unit out": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Riêng Sở Y tế chỉ đạo các bệnh viện bảo đảm an toàn.\n",
        [("III.1", [HEALTH], False, False)],
    ),
    "role lines that name lead and support in one": (
        "II. NHIỆM VỤ\n1. Tổ chức khám sức khỏe.\n- Phân công: Sở Y tế chủ trì; Sở Tư pháp phối hợp.\n"
        "2. Tuyên truyền.\n- Thực hiện: Sở Tư pháp.\n3. Rà soát.\n- Đơn vị chủ trì, phối hợp: Sở Y tế; Công an tỉnh.\n",
        [
            ("II.1", [HEALTH], False, False),
            ("II.2", ["Sở Tư pháp tỉnh Hải Dương"], False, False),
            ("II.3", [HEALTH], False, False),
        ],
    ),
    "a heading over one paragraph whose subject does the work": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Kiểm tra, giám sát\nSở Y tế, Sở Tư pháp kiểm tra việc thực hiện Kế hoạch.\n",
        [("III.1", [HEALTH, "Sở Tư pháp tỉnh Hải Dương"], False, False)],
    ),
    "a title sentence, then the unit that does it": (
        "II. NHIỆM VỤ\n1. Rà soát cơ chế, chính sách về trẻ em. Sở Tư pháp phối hợp với Sở Y tế rà soát các văn bản.\n",
        [("II.1", ["Sở Tư pháp tỉnh Hải Dương"], False, False)],
    ),
    "'(n)' items under a unit's heading, one naming its own unit": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế:\n(1) Tổ chức khám sức khỏe.\n(2) Công an tỉnh chủ trì điều tra các vụ"
        " việc.\n",
        [
            ("III.1", [HEALTH], False, False),
            ("III.1.p2", [HEALTH], False, True),
            ("III.1.p3", ["Công an tỉnh Hải Dương"], False, False),
        ],
    ),
    "'X cùng Y …': Y supports": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế cùng Sở Tư pháp kiểm tra việc thực hiện; Ủy ban nhân dân cùng cấp phối"
        " hợp.\n",
        [("III.1", [HEALTH], False, False)],
    ),
    "bracketed items of a part, a task label before its units": (
        "II. NHIỆM VỤ\n(1) Kiện toàn Ban Điều hành công tác bảo vệ trẻ em.\n(2) Phòng, chống xâm hại, mua bán trẻ em,"
        " tảo "
        "hôn và hôn nhân cận huyết thống: Sở Y tế, Sở Tư pháp theo chức năng, nhiệm vụ tăng cường tuyên truyền.\n",
        [("II.1", [], False, False), ("II.2", [HEALTH, "Sở Tư pháp tỉnh Hải Dương"], False, False)],
    ),
    "units on lines of their own over numbered items": (
        "III. NHIỆM VỤ CỦA CÁC CƠ QUAN, ĐƠN VỊ\nSở Y tế\na) Tổ chức khám sức khỏe.\nCông an tỉnh\n"
        "1. Chủ trì điều tra các vụ việc.\n2. Cập nhật dữ liệu trẻ em.\nSở Tư pháp\nPhổ biến pháp luật cho trẻ em.\n"
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n- Tăng cường giám sát.\n"
        "- Hội Liên hiệp Phụ nữ tỉnh duy trì các câu lạc bộ.\n",
        [
            ("III.p2", [HEALTH], False, True),
            ("III.p4", ["Công an tỉnh Hải Dương"], False, True),
            ("III.p5", ["Công an tỉnh Hải Dương"], False, True),
            ("III.p7", ["Sở Tư pháp tỉnh Hải Dương"], False, True),
            ("III.p9", [FRONT], True, True),
            ("III.p10", ["Hội Liên hiệp Phụ nữ tỉnh Hải Dương"], True, False),
        ],
    ),
    "an item whose sentence introduces sub-items that name their units": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Nhiệm vụ trọng tâm năm 2025\nĐể hoàn thành mục tiêu, Ủy ban nhân dân tỉnh yêu cầu "
        "các đơn vị sau:\n1.1. Sở Y tế: tổ chức khám sức khỏe.\n1.2. Công an tỉnh điều tra các vụ việc.\n",
        [
            ("III.1", ["Các đơn vị (tỉnh Hải Dương)"], False, False),
            ("III.1.1", [HEALTH], False, False),
            ("III.1.2", ["Công an tỉnh Hải Dương"], False, False),
        ],
    ),
    "a part titled 'Trách nhiệm thực hiện'": (
        "III. TRÁCH NHIỆM THỰC HIỆN\n1. Trách nhiệm của Sở Y tế\n- Tổ chức khám sức khỏe.\n2. Đối với Công an tỉnh\n"
        "a) Điều tra các vụ việc.\n",
        [
            ("III.1", [HEALTH], False, False),
            ("III.1.p2", [HEALTH], False, True),
            ("III.2", ["Công an tỉnh Hải Dương"], False, False),
            ("III.2.a", ["Công an tỉnh Hải Dương"], False, True),
        ],
    ),
    "role lines closing an item after bullets, one bullet naming its own unit": (
        "II. NHIỆM VỤ\n1. Chăm sóc sức khỏe cho trẻ em\n- Củng cố mạng lưới y tế cơ sở.\n- Công an tỉnh chủ trì điều"
        " tra "
        "các vụ việc.\nCơ quan chủ trì: Sở Y tế.\nCơ quan phối hợp: Sở Tư pháp.\n",
        [("II.1", [HEALTH], False, False), ("II.1.p3", ["Công an tỉnh Hải Dương"], False, False)],
    ),
    "the issuer relays a request": (
        "III. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân tỉnh đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp giám"
        " sát.\n",
        [("III.1", [FRONT], True, False)],
    ),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_assignment_form(name: str) -> None:
    body, expected = FORMS[name]
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [
        (o.section_path, [a.label for a in o.leads], o.requested, o.lead_inferred) for o in doc.obligations
    ] == expected


def test_a_review_part_assigns_nothing_and_warns_of_nothing() -> None:
    """A report's results ('I. KẾT QUẢ THỰC HIỆN') state what was done; its 'giao' is history, not a duty."""
    body = (
        "I. KẾT QUẢ THỰC HIỆN\n1. UBND tỉnh đã giao Sở Y tế chủ trì tổ chức khám cho 12.000 trẻ em.\n"
        "II. NHIỆM VỤ NĂM 2025\n1. Sở Y tế chủ trì tổ chức khám sức khỏe.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [o.section_path for o in doc.obligations] == ["II.1"]
    assert not [i for i in doc.issues if i.code == "unparsed-assignment"]


def test_work_a_higher_body_handed_down_is_not_assigned_here() -> None:
    body = (
        "I. MỤC ĐÍCH\n1. Cụ thể hóa các nhiệm vụ Thủ tướng Chính phủ giao cho Ủy ban nhân dân tỉnh tại Quyết định "
        "số 1183/QĐ-TTg.\nII. NHIỆM VỤ\n1. Sở Y tế chủ trì tổ chức khám sức khỏe.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [o.section_path for o in doc.obligations] == ["II.1"]


def test_a_decision_assigns_in_its_articles_over_more_than_one_paragraph() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\n\nSố: 12/QĐ-UBND\n\n" + MOTTO + "\n\nHải Dương, ngày 2 tháng 4 năm 2025\n\n"
        "QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện Chỉ thị số 28-CT/TW\n\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị số 28-CT/TW.\n"
        "Điều 2. Giao Sở Y tế chủ trì, phối hợp với các sở, ban, ngành tỉnh theo dõi việc thực hiện Kế hoạch.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Y tế, Tư pháp; Chủ tịch UBND các huyện chịu trách nhiệm thi "
        "hành Quyết định này./.\nNơi nhận:\n- Như Điều 3;\n"
    )
    doc = parse(decode(text.encode(), "decision.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations] == [
        ("Điều 2", [HEALTH]),
        (
            "Điều 3",
            [
                "Văn phòng Ủy ban nhân dân tỉnh Hải Dương",
                HEALTH,
                "Sở Tư pháp tỉnh Hải Dương",
                "Ủy ban nhân dân các huyện (tỉnh Hải Dương)",
            ],
        ),
    ]


def test_a_mass_organisations_boards_are_its_own() -> None:
    text = (
        "HỘI LHPN TỈNH ĐIỆN BIÊN\n\nSố: 45/KH-HPN\n\n" + MOTTO + "\n\nĐiện Biên, ngày 6 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Ban Tuyên giáo chủ trì tuyên truyền."
        "\n2. Ban Gia đình - Xã hội chủ trì, phối hợp với Văn phòng Hội tổ chức câu lạc bộ.\n"
    )
    doc = parse(decode(text.encode(), "plan.txt"))
    hoi = "Hội Liên hiệp Phụ nữ tỉnh Điện Biên"
    assert [([a.label for a in o.leads], [a.label for a in o.supports]) for o in doc.obligations] == [
        ([f"Ban Tuyên giáo {hoi}"], []),
        ([f"Ban Gia đình - Xã hội {hoi}"], [f"Văn phòng {hoi}"]),
    ]


def test_a_report_assigns_only_in_its_outlook_and_proposals() -> None:
    body = (
        "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI\nỦy ban nhân dân tỉnh giao Sở Y tế chủ trì tổ chức khám.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n1. Sở Y tế chủ trì tổ chức khám sức khỏe.\n"
        "III. ĐỀ XUẤT, KIẾN NGHỊ\n1. Đề nghị Bộ Y tế hướng dẫn chuyên môn.\n"
    )
    text = HEADER.replace("KẾ HOẠCH", "BÁO CÁO") + body
    doc = parse(decode(text.encode(), "report.txt"))
    assert doc.doc_type == "Report"
    assert [(o.section_path, o.requested) for o in doc.obligations] == [("II.1", False), ("III.1", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Y tế, với sự phối hợp của Sở Tài chính, tổ chức khám sức khỏe.",
        "Sở Y tế chủ trì, cùng Sở Tài chính tổ chức khám sức khỏe.",
        "Sở Y tế tổ chức khám sức khỏe với sự tham gia của Sở Tài chính; Ủy ban nhân dân cùng cấp theo dõi.",
    ],
)
def test_support_given_as_a_phrase(sentence: str) -> None:
    doc = parse(decode((HEADER + "III. TỔ CHỨC THỰC HIỆN\n1. " + sentence + "\n").encode(), "plan.txt"))
    assert [a.label for a in doc.obligations[0].leads] == [HEALTH]
    assert [a.label for a in doc.obligations[0].supports] == ["Sở Tài chính tỉnh Hải Dương"]


def test_a_youth_unions_own_bodies_and_a_district_youth_union() -> None:
    text = (
        "TỈNH ĐOÀN BÌNH THUẬN\n\nSố: 12-KH/TĐTN\n\n" + MOTTO + "\n\nPhan Thiết, ngày 10 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Ban Tuyên giáo Tỉnh đoàn chủ trì, phối "
        "hợp với Ban Thường vụ Huyện đoàn Tuy Phong tổ chức hoạt động hè; báo cáo về Ban Thường vụ Tỉnh đoàn (qua "
        "Ban Tuyên giáo Tỉnh đoàn) trước ngày 15/11 hằng năm.\n"
    )
    doc = parse(decode(text.encode(), "plan.txt"))
    board, standing = "Ban Tuyên giáo Tỉnh đoàn Bình Thuận", "Ban Thường vụ Tỉnh đoàn Bình Thuận"
    assert [([a.label for a in o.leads], [a.label for a in o.supports]) for o in doc.obligations] == [
        ([board], ["Ban Thường vụ Huyện đoàn Tuy Phong"])
    ]
    assert [
        ([a.label for a in d.reporters], [a.label for a in d.recipients], [a.label for a in d.via]) for d in doc.duties
    ] == [([board], [standing], [board])]


def test_under_a_units_heading_its_own_handing_on_is_no_new_lead() -> None:
    body = "III. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các huyện\n- Ban hành kế hoạch; giao Phòng Y tế làm đầu mối.\n"
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [([a.label for a in o.leads], o.lead_inferred) for o in doc.obligations][1] == (
        ["Ủy ban nhân dân các huyện (tỉnh Hải Dương)"],
        True,
    )


@pytest.mark.parametrize(
    "table",
    [
        # the header over two rows, the roles on the second
        "| TT | Nội dung công việc | Phân công thực hiện | | Thời gian |\n|---|---|---|---|---|\n| | | Chủ trì | Phối"
        " hợp | |\n",
        # one header row; the lead column called 'Trách nhiệm'
        "| STT | Nhiệm vụ | Trách nhiệm | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n",
        # the lead column called 'Thực hiện'
        "| TT | Nội dung | Thực hiện | Phối hợp | Thời gian |\n",
    ],
)
def test_an_assignment_table_in_a_part_of_any_name(table: str) -> None:
    body = (
        "IV. PHÂN CÔNG THỰC HIỆN\n" + table + "| 1 | Tổ chức tuyên truyền | Sở Y tế | Sở Tư pháp | Hằng năm |\n"
        "| 2 | Rà soát trẻ em | UBND các huyện | Công an tỉnh | Quý II |\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [
        (o.section_path, [a.label for a in o.leads], [a.label for a in o.supports], o.timeframe and o.timeframe[0])
        for o in doc.obligations
    ] == [
        ("IV.t1", [HEALTH], ["Sở Tư pháp tỉnh Hải Dương"], "Hằng năm"),
        ("IV.t2", ["Ủy ban nhân dân các huyện (tỉnh Hải Dương)"], ["Công an tỉnh Hải Dương"], "Quý II"),
    ]
    assert not [i for i in doc.issues if i.code == "unparsed-assignment"]


def test_party_numbering_with_dashes() -> None:
    """Hướng dẫn 36-HD/VPTW numbers parts and items 'I-', '1-'."""
    body = "II- NHIỆM VỤ, GIẢI PHÁP\n1- Sở Y tế chủ trì tổ chức khám sức khỏe.\n2- Sở Tư pháp phổ biến pháp luật.\n"
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations] == [
        ("II.1", [HEALTH]),
        ("II.2", ["Sở Tư pháp tỉnh Hải Dương"]),
    ]


def test_a_part_that_reviews_and_sets_targets_is_read_for_its_targets() -> None:
    body = "II. TÌNH HÌNH VÀ CHỈ TIÊU NĂM 2025\n- Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt từ 97% trở lên.\n"
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(str(t.value), t.unit, t.comparator, t.year) for t in doc.targets] == [("97", "%", ">=", 2025)]


@pytest.mark.parametrize(
    "body, paths",
    [
        (
            "III. TỔ CHỨC THỰC HIỆN\n1. Các sở, ngành\n1.1 Sở Y tế chủ trì tổ chức khám\nsức khỏe cho trẻ em.\n1.2 Sở"
            " Tư pháp phổ "
            "biến pháp luật.\n",
            ["III.1", "III.1.1", "III.1.2"],
        ),
        (
            "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế:\na. Tổ chức khám sức khỏe.\nb. Hướng dẫn các cơ sở.\n",
            ["III.1", "III.1.a", "III.1.b"],
        ),
        (
            "III. TỔ CHỨC THỰC HIỆN\n1) Sở Y tế chủ trì tổ chức khám.\n2) Sở Tư pháp phổ biến pháp luật.\n",
            ["III.1", "III.2"],
        ),
        ("III - TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì tổ chức khám.\n", ["III.1"]),
        # parts in running case, named 'PHẦN', lettered
        (
            "I. Mục đích, yêu cầu\n1. Nâng cao nhận thức.\nII. Nhiệm vụ, giải pháp\n1. Sở Y tế chủ trì tổ chức khám.\n",
            ["II.1"],
        ),
        (
            "PHẦN I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nPHẦN II. NHIỆM VỤ, GIẢI PHÁP\n1. Sở Y tế chủ trì"
            " khám.\n",
            ["II.1"],
        ),
        (
            "A. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nB. NHIỆM VỤ, GIẢI PHÁP\n1. Sở Y tế chủ trì tổ chức khám.\n",
            ["B.1"],
        ),
        # parts titled in capitals with no number, or numbered '1.', '2.' with their items '2.1.'
        (
            "MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nNHIỆM VỤ, GIẢI PHÁP\n1. Sở Y tế chủ trì tổ chức khám.\n",
            ["II.1"],
        ),
        (
            "1. MỤC ĐÍCH, YÊU CẦU\n1.1. Nâng cao nhận thức.\n2. NHIỆM VỤ, GIẢI PHÁP\n2.1. Sở Y tế chủ trì tổ chức"
            " khám.\n",
            ["2.1"],
        ),
    ],
)
def test_numbering_styles(body: str, paths: list[str]) -> None:
    """'1.1' without its last stop, 'a.' letters, '1)' items, 'III -' parts."""
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [o.section_path for o in doc.obligations] == paths


def test_a_part_of_bulleted_tasks_without_numbers() -> None:
    body = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n- Tăng cường tuyên truyền về quyền trẻ em.\n- Sở Y tế chủ trì tổ chức khám sức"
        " khỏe.\n"
        "- Nâng cao chất lượng dịch vụ.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations] == [
        ("II.p1", []),
        ("II.p2", [HEALTH]),
        ("II.p3", []),
    ]


def test_unit_headings_inside_an_item_hand_their_bullets_down() -> None:
    """A notice's item with '* X:' headings (the star dropped as bold markup) over '-' bullets."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n2. Nhiệm vụ trọng tâm quý IV\n* Sở Y tế:\n- Tổ chức khám sức khỏe.\n- Tổng hợp kết "
        "quả.\n* Sở Tư pháp: phổ biến pháp luật cho trẻ em.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads], o.lead_inferred) for o in doc.obligations] == [
        ("III.2", [], False),
        ("III.2.p2", [HEALTH], False),
        ("III.2.p2.p2", [HEALTH], True),
        ("III.2.p2.p3", [HEALTH], True),
        ("III.2.p5", ["Sở Tư pháp tỉnh Hải Dương"], False),
    ]


def test_the_issuer_asking_after_an_adverbial_is_no_heading() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n2. Nhiệm vụ trọng tâm\nĐể phòng ngừa tai nạn, thương tích cho trẻ em, Chủ tịch UBND "
        "tỉnh yêu cầu:\na) Giao Sở Y tế tổ chức khám sức khỏe.\nb) Sở Tư pháp phổ biến pháp luật.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations][-2:] == [
        ("III.2.a", [HEALTH]),
        ("III.2.b", ["Sở Tư pháp tỉnh Hải Dương"]),
    ]


def test_a_letters_parts_headed_by_units_in_capitals() -> None:
    text = (
        HEADER.replace(
            "KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư\n\n", "V/v bảo vệ trẻ em\n\n"
        )
        + "Kính gửi: Các đơn vị.\n\nCÁC ĐƠN VỊ TRỰC THUỘC SỞ\n1. Kiện toàn bộ phận tư vấn.\n2. Tổ chức ngoại khóa.\n"
        "ĐỀ NGHỊ ỦY BAN NHÂN DÂN CÁC HUYỆN\na) Chỉ đạo các trường.\n"
    )
    doc = parse(decode(text.encode(), "letter.txt"))
    assert [(o.section_path, [a.label for a in o.leads], o.lead_inferred, o.requested) for o in doc.obligations] == [
        ("I.1", ["Các đơn vị trực thuộc sở (tỉnh Hải Dương)"], True, False),
        ("I.2", ["Các đơn vị trực thuộc sở (tỉnh Hải Dương)"], True, False),
        ("II.a", ["Ủy ban nhân dân các huyện (tỉnh Hải Dương)"], True, True),
    ]


def test_a_reports_outlook_aims_at_targets_in_its_year() -> None:
    body = (
        "I. KẾT QUẢ THỰC HIỆN\nĐã có 98% trẻ em được tiêm chủng.\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n"
        "Tỉnh phấn đấu 100% trẻ em có hoàn cảnh đặc biệt được quản lý, theo dõi.\n"
    )
    doc = parse(decode((HEADER.replace("KẾ HOẠCH", "BÁO CÁO") + body).encode(), "report.txt"))
    assert [(str(t.value), t.unit, t.year) for t in doc.targets] == [("100", "%", 2026)]


def test_a_task_that_starts_like_a_review_is_still_a_task() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Đánh giá chung\nCác đơn vị đã triển khai tốt.\n2. Đánh giá kết quả thực hiện công "
        "tác trẻ em học kỳ I, Sở Y tế gửi báo cáo về Ủy ban nhân dân tỉnh trước ngày 20/12/2024.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [o.section_path for o in doc.obligations] == ["III.2"]


def test_a_letter_whose_instructions_are_plain_paragraphs() -> None:
    """No numbers, no parts: each paragraph after '… yêu cầu các đơn vị … các nội dung sau:' is an instruction to the
    addressees, unless it names its own unit; the closing formula is none."""
    text = (
        "UBND TỈNH HẢI DƯƠNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 120/SGDĐT-CTTT\nV/v bảo vệ trẻ em trong trường học\n\n"
        + MOTTO
        + "\n\nHải Dương, ngày 2 tháng 10 năm 2024\n\nKính gửi:\n- Các trường trung học phổ thông;\n"
        "- Phòng Giáo dục và Đào tạo các huyện, thành phố.\n\nThực hiện Chỉ thị số 28-CT/TW, Sở Giáo dục và Đào tạo "
        "yêu cầu các đơn vị triển khai các nội dung sau:\n\nRà soát quy tắc ứng xử trong nhà trường.\n\n"
        "Phối hợp với Công an xã, phường tuyên truyền phòng, chống xâm hại.\n\n"
        "Giao Thanh tra Sở kiểm tra việc thực hiện trong học kỳ II.\n\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị liên hệ Sở để được hướng dẫn./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn A\n"
    )
    doc = parse(decode(text.encode(), "letter.txt"))
    addressees = [
        "Các trường trung học phổ thông (tỉnh Hải Dương)",
        "Phòng Giáo dục và Đào tạo các huyện, thành phố (tỉnh Hải Dương)",
    ]
    assert [([a.label for a in o.leads], o.lead_inferred, [s.label for s in o.supports]) for o in doc.obligations] == [
        (addressees, True, []),
        (addressees, True, ["Công an xã, phường (tỉnh Hải Dương)"]),
        (["Thanh tra Sở Giáo dục và Đào tạo tỉnh Hải Dương"], False, []),
    ]


def test_a_letter_to_principals_reads_them_as_their_schools_and_its_reporting_paragraph_as_a_duty() -> None:
    """'Hiệu trưởng các trường …' leads as the schools; a loose 'các trường' is the schools the letter is sent to;
    'Về chế độ báo cáo: …' gives a reporting duty, not an obligation."""
    text = (
        "UBND HUYỆN GIA BÌNH\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 61/PGDĐT-CTHS\nV/v bảo vệ trẻ em\n\n"
        + MOTTO
        + "\n\nGia Bình, ngày 2 tháng 10 năm 2024\n\nKính gửi: Hiệu trưởng các trường mầm non, tiểu học, THCS.\n\n"
        "Phòng Giáo dục và Đào tạo yêu cầu Hiệu trưởng các trường mầm non, tiểu học, THCS thực hiện các nội dung sau:"
        "\n\nCác trường mầm non bảo đảm an toàn cho trẻ.\n\nHiệu trưởng các trường kiện toàn tổ tư vấn học đường.\n\n"
        "Về chế độ báo cáo: các trường gửi báo cáo về Phòng Giáo dục và Đào tạo chậm nhất vào ngày 05/12 hằng năm."
        "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\n\nNguyễn Văn A\n"
    )
    doc = parse(decode(text.encode(), "letter.txt"))
    schools = "Các trường mầm non, tiểu học, trung học cơ sở (huyện Gia Bình)"
    assert [[a.label for a in o.leads] for o in doc.obligations] == [["Các trường mầm non (huyện Gia Bình)"], [schools]]
    assert [([a.label for a in d.reporters], [a.label for a in d.recipients], d.due) for d in doc.duties] == [
        (["Các trường (huyện Gia Bình)"], ["Phòng Giáo dục và Đào tạo huyện Gia Bình"], (12, 5))
    ]


def test_a_decisions_numbered_points_each_assign_and_a_reporting_point_only_reports() -> None:
    """'Điều 2' with points '1.', '2.': each its own obligation; 'Điều 1. Giao chỉ tiêu … năm 2025' gives its targets
    that year; '3. Chế độ báo cáo: …' gives reporting duties, not an obligation."""
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\n\nSố: 12/QĐ-UBND\n\n" + MOTTO + "\n\nHải Dương, ngày 2 tháng 4 năm 2025"
        "\n\nQUYẾT ĐỊNH\nVề công tác trẻ em năm 2025\n\nQUYẾT ĐỊNH:\n"
        "Điều 1. Giao chỉ tiêu về công tác trẻ em năm 2025 như sau:\n1. 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm"
        " y tế.\n"
        "Điều 2. Giao nhiệm vụ cho các sở, ngành\n1. Giao Sở Y tế chủ trì tổ chức tiêm chủng.\n"
        "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường giám sát.\n"
        "3. Chế độ báo cáo: các sở, ngành báo cáo kết quả về Sở Y tế trước ngày 25/11/2025.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    doc = parse(decode(text.encode(), "decision.txt"))
    points = [
        (o.section_path, [a.label for a in o.leads], o.requested)
        for o in doc.obligations
        if o.section_path.startswith("Điều 2.")
    ]
    assert points == [("Điều 2.1", [HEALTH], False), ("Điều 2.2", [FRONT], True)]
    assert [(t.value, t.year) for t in doc.targets] == [(100, 2025)]
    assert [([a.label for a in d.reporters], [a.label for a in d.recipients], d.due) for d in doc.duties] == [
        (["Các sở, ngành (tỉnh Hải Dương)"], [HEALTH], (11, 25))
    ]


def test_a_short_name_the_text_defines_and_a_letters_closing_paragraphs() -> None:
    """'… Sở Y tế các tỉnh (sau đây gọi là Sở) …': 'Sở' later is those departments; a paragraph after the last item
    that names its own unit does not take the item's owner away; thanks close the letter."""
    text = (
        "BỘ Y TẾ\n\nSố: 48/BYT-BMTE\nV/v bảo vệ trẻ em\n\n" + MOTTO + "\n\nHà Nội, ngày 4 tháng 11 năm 2024\n\n"
        "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n\nBộ Y tế đề nghị Sở Y tế các tỉnh, thành phố "
        "trực thuộc Trung ương (sau đây gọi là Sở) thực hiện một số nội dung sau:\n\n1. Tham mưu ban hành kế hoạch.\n\n"
        "2. Tăng cường kiểm tra.\n\nSở tổng hợp kết quả, gửi báo cáo về Bộ (qua Cục Bà mẹ và Trẻ em) trước ngày "
        "15/12/2024.\n\nBộ Y tế trân trọng cảm ơn sự phối hợp của Quý Sở./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )
    doc = parse(decode(text.encode(), "letter.txt"))
    provinces = "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương (Trung ương)"
    assert [(o.section_path, [a.label for a in o.leads], o.requested) for o in doc.obligations] == [
        ("1", [provinces], True),
        ("2", [provinces], True),
        ("2.p2", [provinces], True),
    ]
    assert [
        ([a.label for a in d.reporters], [a.label for a in d.recipients], [a.label for a in d.via]) for d in doc.duties
    ] == [([provinces], ["Bộ Y tế"], ["Cục Bà mẹ và Trẻ em Bộ Y tế"])]


def test_a_table_pasted_from_word_with_tabs_between_its_cells() -> None:
    """Word text gives a table as tab-separated lines: read as the pipe table it is, abbreviations spelled out."""
    body = (
        "III. NHIỆM VỤ VÀ PHÂN CÔNG\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
        "1\tTuyên truyền về quyền trẻ em\tSở Y tế\tĐài PT-TH Hải Dương; VKSND tỉnh\tHằng năm\n"
        "2\tRà soát chính sách\tSở Tư pháp\tCác sở: Tài chính, Y tế\tQuý IV/2024\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads], [a.label for a in o.supports]) for o in doc.obligations] == [
        ("III.t1", [HEALTH], ["Đài Phát thanh và Truyền hình Hải Dương", "Viện kiểm sát nhân dân tỉnh Hải Dương"]),
        ("III.t2", ["Sở Tư pháp tỉnh Hải Dương"], ["Sở Tài chính tỉnh Hải Dương", HEALTH]),
    ]
    assert doc.obligations[0].span.text.startswith("1\tTuyên truyền")  # provenance stays on the source text


def test_units_named_at_the_address_are_those_the_letter_is_sent_to() -> None:
    """'Các cơ quan, đơn vị nêu tại Kính gửi …': the addressees, inferred; 'xét đề nghị của Sở … tại Văn bản số …' is
    only cited."""
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\n\nSố: 1876/UBND-VX\nV/v bảo vệ trẻ em\n\n"
        + MOTTO
        + "\n\nKiên Giang, ngày 17 tháng 6 năm 2024\n\nKính gửi:\n- Các sở, ban, ngành tỉnh;\n"
        "- Ủy ban nhân dân các huyện, thành phố.\n\nThực hiện Kế hoạch số 85-KH/TU ngày 24/4/2024 của Ban Thường vụ "
        "Tỉnh ủy; xét đề nghị của Sở Y tế tại Văn bản số 1120/SYT-NV ngày 10/6/2024, Chủ tịch Ủy ban nhân dân tỉnh "
        "có ý kiến như sau:\n\n1. Các cơ quan, đơn vị nêu tại Kính gửi chủ động lồng ghép nội dung bảo vệ trẻ em.\n"
    )
    doc = parse(decode(text.encode(), "letter.txt"))
    ob = doc.obligations[0]
    assert ([a.label for a in ob.leads], ob.lead_inferred) == (
        ["Các sở, ban, ngành tỉnh (tỉnh Kiên Giang)", "Ủy ban nhân dân các huyện, thành phố (tỉnh Kiên Giang)"],
        True,
    )
    assert {(r.number, r.relation) for r in doc.references} == {("85-KH/TU", "implements"), ("1120/SYT-NV", "cites")}


def test_a_tab_table_keeps_its_group_rows_and_a_tab_set_signature_stays_a_signature() -> None:
    """'II<TAB>Nhóm nhiệm vụ …<TAB><TAB>' between rows is a row of the table; 'Nơi nhận:<TAB><TAB>T/M …' is the foot."""
    body = (
        "III. NHIỆM VỤ VÀ PHÂN CÔNG\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\n"
        "I\tNhóm nhiệm vụ tuyên truyền\t\t\n1\tTuyên truyền về quyền trẻ em\tSở Y tế\tSở Tư pháp\n"
        "II\tNhóm nhiệm vụ chính sách\t\t\n2\tRà soát chính sách\tSở Tư pháp\tSở Y tế\n\n"
        "Nơi nhận:\t\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\t\tCHỦ TỊCH\n- Lưu: VT.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations] == [
        ("III.t1", [HEALTH]),
        ("III.t2", ["Sở Tư pháp tỉnh Hải Dương"]),
    ]


def test_an_item_titled_reporting_gives_duties_not_an_obligation() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì tổ chức khám sức khỏe.\n2. Chế độ báo cáo\nCác sở, ngành báo cáo "
        "kết quả về Sở Y tế trước ngày 20/11 hằng năm.\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [o.section_path for o in doc.obligations] == ["III.1"]
    assert [([a.label for a in d.reporters], [a.label for a in d.recipients]) for d in doc.duties] == [
        (["Các sở, ngành (tỉnh Hải Dương)"], [HEALTH])
    ]


def test_a_notices_conclusions_introduced_by_the_official_who_speaks() -> None:
    """'Phó Chủ tịch UBND tỉnh chỉ đạo:' over 'a) Giao Sở Y tế …', 'đ) …': each conclusion its own unit's (the letter đ
    its own path); the office 'thông báo ý kiến kết luận … để … biết, thực hiện' closes the notice."""
    text = (
        "UBND TỈNH HẢI DƯƠNG\nVĂN PHÒNG\n\nSố: 48/TB-VP\n\n" + MOTTO + "\n\nHải Dương, ngày 2 tháng 10 năm 2024\n\n"
        "THÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n1. Đánh giá chung\nCác ngành đã triển khai tốt.\n"
        "2. Nhiệm vụ thời gian tới\nĐể hoàn thành các chỉ tiêu, Phó Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo:\n"
        "a) Giao Sở Y tế tổ chức khám sức khỏe.\nd) Giao Công an tỉnh điều tra các vụ việc.\n"
        "đ) Giao Sở Tư pháp phổ biến pháp luật.\n\nVăn phòng Ủy ban nhân dân tỉnh thông báo ý kiến kết luận của Phó "
        "Chủ tịch Ủy ban nhân dân tỉnh để các cơ quan, đơn vị biết, thực hiện./.\n"
    )
    doc = parse(decode(text.encode(), "notice.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations if o.leads] == [
        ("2.a", [HEALTH]),
        ("2.d", ["Công an tỉnh Hải Dương"]),
        ("2.đ", ["Sở Tư pháp tỉnh Hải Dương"]),
    ]


def test_an_appendix_table_after_the_signature_is_read_as_tasks() -> None:
    """'PHỤ LỤC / MỘT SỐ NHIỆM VỤ …' after the foot: its table rows are obligations, not the last part's tail."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nCác sở báo cáo kết quả về Sở Y tế trước ngày 05/12 hằng năm.\n\nNơi nhận:\n- Như trên;\n"
        "- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\nMỘT SỐ NHIỆM VỤ CỤ THỂ NĂM 2025\n"
        "(Kèm theo Kế hoạch số 91/KH-UBND)\n\nTT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\n"
        "1\tRà soát danh sách trẻ em\tSở Y tế\tSở Tư pháp\n"
    )
    doc = parse(decode((HEADER + body).encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads]) for o in doc.obligations] == [("PL.t1", [HEALTH])]
