"""Unit names as plans write them: long own names, lists of sectors after one head, officials, groups with their
qualifiers, and words that only look like units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.agencies import find_all
from loaders.parser import parse
from loaders.source import canonical, decode

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
DISTRICT = f"ỦY BAN NHÂN DÂN\nHUYỆN HÀM YÊN\n\nSố: 91/KH-UBND\n\n{MOTTO}\n\nHàm Yên, ngày 12 tháng 3 năm 2024"


@pytest.mark.parametrize(
    "text, names",
    [
        # own names with commas, dashes and a verb-like pair before the level word
        (
            "Trung tâm Văn hóa, Truyền thông và Thể thao huyện chủ trì",
            ["Trung tâm Văn hóa, Truyền thông và Thể thao huyện"],
        ),
        ("Trung tâm Văn hóa - Thông tin và Thể thao quận chủ trì", ["Trung tâm Văn hóa - Thông tin và Thể thao quận"]),
        ("Trung tâm Dịch vụ tổng hợp xã tổ chức", ["Trung tâm Dịch vụ tổng hợp xã"]),
        ("Phòng Văn hóa - Xã hội tổng hợp, báo cáo", ["Phòng Văn hóa - Xã hội"]),
        # a comma that separates two units does not join them
        ("Trung tâm Y tế, Công an huyện và Phòng Tư pháp", ["Trung tâm Y tế", "Công an huyện", "Phòng Tư pháp"]),
        ("phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
        ("Quỹ Bảo trợ trẻ em thành phố vận động", ["Quỹ Bảo trợ trẻ em thành phố"]),
        ("Sở Du lịch chủ trì", ["Sở Du lịch"]),
        (
            "Phòng Bảo trợ xã hội, Trẻ em và Phòng, chống tệ nạn xã hội chủ trì",
            ["Phòng Bảo trợ xã hội, Trẻ em và Phòng, chống tệ nạn xã hội"],
        ),
        (
            "Các trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên báo cáo",
            ["Các trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên"],
        ),
        # groups with what qualifies them
        (
            "Các đơn vị thuộc Bộ Y tế được giao nhiệm vụ tại Kế hoạch này báo cáo",
            ["Các đơn vị thuộc Bộ Y tế được giao nhiệm vụ tại Kế hoạch này"],
        ),
        ("Các cơ quan, đơn vị được phân công tại Mục III gửi", ["Các cơ quan, đơn vị được phân công tại Mục III"]),
        ("phối hợp với các ban xây dựng Đảng của Huyện ủy", ["các ban xây dựng Đảng của Huyện ủy"]),
        ("Các bộ phận được phân công báo cáo", ["Các bộ phận được phân công"]),
        ("UBND các xã, phường, đặc khu xây dựng", ["UBND các xã, phường, đặc khu"]),
        ("Ủy ban nhân dân các xã, phường có đường biên giới", ["Ủy ban nhân dân các xã, phường có đường biên giới"]),
        ("các cơ quan báo chí của tỉnh", ["các cơ quan báo chí của tỉnh"]),
        ("Trưởng các thôn, tổ dân phố phối hợp", ["Trưởng các thôn, tổ dân phố"]),
        ("các đồn biên phòng trên địa bàn", ["các đồn biên phòng trên địa bàn"]),
        # a mass organisation's standing committee and boards; the youth unions as a group
        (
            "báo cáo Ban Thường vụ Tỉnh đoàn (qua Ban Tuyên giáo Tỉnh đoàn)",
            ["Ban Thường vụ Tỉnh đoàn", "Ban Tuyên giáo Tỉnh đoàn"],
        ),
        ("phối hợp với các huyện đoàn, thành đoàn tổ chức", ["các huyện đoàn, thành đoàn"]),
        # names holding words that elsewhere are verbs, or a comma of their own
        ("Cục Công nghệ thông tin chủ trì", ["Cục Công nghệ thông tin"]),
        ("Cục Nhà giáo và Cán bộ quản lý giáo dục phối hợp", ["Cục Nhà giáo và Cán bộ quản lý giáo dục"]),
        (
            "Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên chủ trì",
            ["Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên"],
        ),
        ("Phòng Y tế tổ chức tập huấn", ["Phòng Y tế"]),
        # central bodies of the party and the youth union
        ("báo cáo Ban Dân vận Trung ương", ["Ban Dân vận Trung ương"]),
        (
            "Trung ương Đoàn TNCS Hồ Chí Minh và Hội đồng Đội tỉnh",
            ["Trung ương Đoàn TNCS Hồ Chí Minh", "Hội đồng Đội tỉnh"],
        ),
        ("các Sở Giáo dục và Đào tạo chủ trì", ["các Sở Giáo dục và Đào tạo"]),
        ("phối hợp với các Trạm Y tế xã, thị trấn", ["các Trạm Y tế xã, thị trấn"]),
        ("V. ĐỐI VỚI CÁC PHÒNG CHUYÊN MÔN THUỘC SỞ", ["CÁC PHÒNG CHUYÊN MÔN THUỘC SỞ"]),
        (
            "Phòng Giáo dục Trung học - Giáo dục thường xuyên chủ trì",
            ["Phòng Giáo dục Trung học - Giáo dục thường xuyên"],
        ),
        (
            "Trung tâm Chính trị các huyện, thị xã, thành phố tổ chức",
            ["Trung tâm Chính trị các huyện, thị xã, thành phố"],
        ),
        (
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
        ),
        ("các cục, vụ, đơn vị thuộc Bộ", ["các cục, vụ, đơn vị thuộc Bộ"]),
        ("các vụ việc xâm hại", []),
        ("Phòng VH-XH phường và CA phường phối hợp", ["Phòng VH-XH phường", "CA phường"]),
        (
            "Báo Trà Vinh tăng thời lượng; Báo Giáo dục và Thời đại đưa tin",
            ["Báo Trà Vinh", "Báo Giáo dục và Thời đại"],
        ),
        ("ca ngợi tấm gương", []),
        (
            "phối hợp với UBND các huyện Đắk Glei, Tu Mơ Rông và Kon Plông",
            ["UBND các huyện Đắk Glei", "Tu Mơ Rông", "Kon Plông"],
        ),
        ("Giao Phòng Chính trị, tư tưởng chủ trì", ["Phòng Chính trị, tư tưởng"]),
        ("Cục Bà mẹ và Trẻ em hỗ trợ tỉnh Phú Thọ", ["Cục Bà mẹ và Trẻ em"]),
        (
            "Các cơ quan chuyên môn, đơn vị sự nghiệp thuộc huyện chủ trì",
            ["Các cơ quan chuyên môn, đơn vị sự nghiệp thuộc huyện"],
        ),
        (
            "Các cơ quan, đơn vị thuộc Ủy ban nhân dân thành phố",
            ["Các cơ quan, đơn vị thuộc Ủy ban nhân dân thành phố"],
        ),
        ("Các ban cán sự đảng, đảng đoàn, các huyện ủy báo cáo", ["Các ban cán sự đảng, đảng đoàn, các huyện ủy"]),
        (
            "Các cơ quan, đơn vị, Ban điều hành các khối phố báo cáo",
            ["Các cơ quan, đơn vị", "Ban điều hành các khối phố"],
        ),
        (
            "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương tham mưu",
            ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"],
        ),
        # an official post written in lower case
        ("về UBND xã (qua công chức Văn hóa - Xã hội)", ["UBND xã", "công chức Văn hóa - Xã hội"]),
        # look-alikes
        ("kịp thời báo cáo các trường hợp trẻ em", []),
        ("theo Bộ luật Hình sự", []),
        # a place whose words are head nouns elsewhere: 'Hải Phòng', 'Sông Công'
        ("Đề nghị Thành đoàn Hải Phòng chủ trì", ["Thành đoàn Hải Phòng"]),
        ("Ủy ban nhân dân thành phố Sông Công chủ trì", ["Ủy ban nhân dân thành phố Sông Công"]),
        ("UBND tỉnh Quảng Ninh Phòng Y tế", ["UBND tỉnh Quảng Ninh", "Phòng Y tế"]),
        # a place whose words look like head nouns: 'Vũ' is no 'Vụ', 'Phong' no 'Phòng', 'Số' no 'Sở'
        ("UBND XÃ VŨ QUÝ", ["UBND XÃ VŨ QUÝ"]),
        ("UBND HUYỆN PHONG ĐIỀN", ["UBND HUYỆN PHONG ĐIỀN"]),
        ("Số: 45/KH-SYT", []),
        ("KÍNH GỬI: CỤC", []),  # a head word alone in capitals is no unit; an abbreviation is
        ("- CCTK, TTVHTT quận;", ["CCTK", "TTVHTT quận"]),
        # trade unions, the confederation and its boards; a Cục with its Bộ after a comma or a dash
        (
            "Liên đoàn Lao động các huyện, Công đoàn ngành, Công đoàn các Khu công nghiệp:",
            ["Liên đoàn Lao động các huyện", "Công đoàn ngành", "Công đoàn các Khu công nghiệp"],
        ),
        (
            "Công đoàn cơ sở báo cáo về công đoàn cấp trên trực tiếp",
            ["Công đoàn cơ sở", "công đoàn cấp trên trực tiếp"],
        ),
        (
            "báo cáo Tổng Liên đoàn Lao động Việt Nam (qua Ban Nữ công Tổng Liên đoàn)",
            ["Tổng Liên đoàn Lao động Việt Nam", "Ban Nữ công Tổng Liên đoàn"],
        ),
        (
            "báo cáo Ủy ban nhân dân tỉnh và Cục Bà mẹ và Trẻ em, Bộ Y tế.",
            ["Ủy ban nhân dân tỉnh", "Cục Bà mẹ và Trẻ em, Bộ Y tế"],
        ),
        ("Cục Trẻ em - Bộ Lao động - Thương binh và Xã hội", ["Cục Trẻ em - Bộ Lao động - Thương binh và Xã hội"]),
        ("cấp ủy cơ sở báo cáo ngay Thường trực Huyện ủy", ["cấp ủy cơ sở", "Thường trực Huyện ủy"]),
        ("báo cáo Ủy ban nhân dân tỉnh và các cấp có thẩm quyền", ["Ủy ban nhân dân tỉnh", "các cấp có thẩm quyền"]),
        # the youth union's bodies; schools by level, abbreviated; a principal stands for the schools
        (
            "Các huyện, thị, thành đoàn, đoàn trực thuộc báo cáo Ban Bí thư Trung ương Đoàn",
            ["Các huyện, thị, thành đoàn, đoàn trực thuộc", "Ban Bí thư Trung ương Đoàn"],
        ),
        ("Các trường tiểu học và THCS đẩy mạnh", ["Các trường tiểu học và THCS"]),
        ("Các trường THCS phối hợp với Công an các xã", ["Các trường THCS", "Công an các xã"]),
        ("Hiệu trưởng các trường mầm non, tiểu học, THCS tổ chức", ["Hiệu trưởng các trường mầm non, tiểu học, THCS"]),
        (
            "phối hợp với Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ tổ chức",
            ["Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"],
        ),
        ("Chi bộ các ấp tổ chức sinh hoạt", ["Chi bộ các ấp"]),
        # sectors and places listed after a colon; abbreviated names
        ("| Các sở: Tài chính, Tư pháp, Y tế | Quý IV |", ["Tài chính", "Tư pháp", "Y tế"]),
        ("UBND các huyện: Minh Hóa, Tuyên Hóa", ["UBND các huyện: Minh Hóa", "Tuyên Hóa"]),
        ("UBND các huyện: Báo cáo kết quả", ["UBND các huyện"]),
        (
            "báo cáo Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam và Trung ương Hội Nông dân",
            ["Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam", "Trung ương Hội Nông dân"],
        ),
        ("3. Ban Tổ chức - Kiểm tra: đưa nội dung", ["Ban Tổ chức - Kiểm tra"]),
        (
            "Sở Thông tin và Truyền thông, Báo Cao Bằng, Đài Phát thanh - Truyền hình tỉnh",
            ["Sở Thông tin và Truyền thông", "Báo Cao Bằng", "Đài Phát thanh - Truyền hình tỉnh"],
        ),
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN", []),
        ("Đề nghị Sở Giáo dục và Đào tạo quan tâm hỗ trợ", ["Sở Giáo dục và Đào tạo"]),  # 'quan tâm', not 'quận'
        # a group keeps what its members have in common; 'có trách nhiệm' is the sentence's verb
        (
            "UBND các xã có đông đồng bào dân tộc thiểu số chủ động bố trí",
            ["UBND các xã có đông đồng bào dân tộc thiểu số"],
        ),
        ("Các sở, ban, ngành còn lại căn cứ", ["Các sở, ban, ngành còn lại"]),
        ("UBND các xã có trách nhiệm báo cáo", ["UBND các xã"]),
        ("phối hợp với Phòng Kế hoạch - Tài chính thẩm định hồ sơ", ["Phòng Kế hoạch - Tài chính"]),
        # a ministry's units: names holding a comma pair; a head alone after the comma is one more of the group
        ("Vụ Truyền thông và Thi đua, khen thưởng chủ trì", ["Vụ Truyền thông và Thi đua, khen thưởng"]),
        ("phối hợp với Cục Quản lý Khám, chữa bệnh tổ chức", ["Cục Quản lý Khám, chữa bệnh"]),
        ("Các Vụ, Cục, Thanh tra Bộ theo chức năng", ["Các Vụ, Cục", "Thanh tra Bộ"]),
        ("Các đơn vị thuộc, trực thuộc Bộ báo cáo", ["Các đơn vị thuộc, trực thuộc Bộ"]),
        ("Các đơn vị thuộc và trực thuộc Sở báo cáo", ["Các đơn vị thuộc và trực thuộc Sở"]),
        ("các trường học và các thôn, buôn báo cáo", ["các trường học", "các thôn, buôn"]),
        (
            "Ủy ban nhân dân thành phố Phú Quốc, huyện Kiên Hải và huyện Kiên Lương chú trọng",
            ["Ủy ban nhân dân thành phố Phú Quốc", "huyện Kiên Hải", "huyện Kiên Lương"],
        ),
        ("các huyện, thị, thành đoàn có sông, biển tổ chức", ["các huyện, thị, thành đoàn có sông, biển"]),
        (
            "Đảng ủy các xã ven biển và Đảng ủy thị trấn Thịnh Long",
            ["Đảng ủy các xã ven biển", "Đảng ủy thị trấn Thịnh Long"],
        ),
        ("UBND huyen Quan Son chu tri", ["UBND huyen Quan Son"]),  # a text without accents keeps its level words
        (
            "phối hợp với Báo và Phát thanh, Truyền hình Vĩnh Long; BCH Quân sự huyện",
            ["Báo và Phát thanh, Truyền hình Vĩnh Long", "BCH Quân sự huyện"],
        ),
        ("Thường trực Hội LHPN tỉnh chủ trì", ["Thường trực Hội LHPN tỉnh"]),
        (
            "Sở VH&TT; Đài PT-TH Quảng Bình; VKSND tỉnh; TAND tỉnh",
            ["Sở VH&TT", "Đài PT-TH Quảng Bình", "VKSND tỉnh", "TAND tỉnh"],
        ),
    ],
)
def test_mentions(text: str, names: list[str]) -> None:
    assert [text[m.start : m.end] for m in find_all(text)] == names


def test_a_list_of_sectors_after_one_head_is_one_unit_each() -> None:
    """'Giám đốc các Sở: A, B và C' in a decision's closing article names each department."""
    text = (
        "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Lao động - Thương binh và Xã hội, Giáo dục và Đào tạo, Y tế và "
        "Tư pháp; Chủ tịch UBND các huyện"
    )
    assert [(text[m.start : m.end], m.kind) for m in find_all(text)][1:5] == [
        ("Lao động - Thương binh và Xã hội", "department"),
        ("Giáo dục và Đào tạo", "department"),
        ("Y tế", "department"),
        ("Tư pháp", "department"),
    ]


def test_named_units_take_the_level_their_kind_has() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Trung tâm Văn hóa, Truyền thông và Thể thao chủ trì, phối hợp với Huyện đoàn tổ "
        "chức dạy bơi cho trẻ em."
    )
    doc = parse(decode(f"{DISTRICT}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n{body}\n".encode(), "plan.txt"))
    assert [a.label for a in doc.obligations[0].leads] == ["Trung tâm Văn hóa, Truyền thông và Thể thao huyện Hàm Yên"]


def test_a_task_heading_over_one_paragraph_naming_its_lead_is_one_obligation() -> None:
    body = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nâng cao chất lượng chăm sóc sức khỏe trẻ em\nTrung tâm Y tế huyện chủ trì, "
        "phối hợp với Phòng Giáo dục và Đào tạo triển khai tiêm chủng mở rộng.\n2. Bảo vệ trẻ em trên môi trường "
        "mạng\nPhòng Văn hóa và Thông tin chủ trì tuyên truyền kỹ năng an toàn trên mạng.\n"
    )
    doc = parse(decode(f"{DISTRICT}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n{body}".encode(), "plan.txt"))
    assert [(o.section_path, [a.label for a in o.leads], o.lead_inferred) for o in doc.obligations] == [
        ("II.1", ["Trung tâm Y tế huyện Hàm Yên"], False),
        ("II.2", ["Phòng Văn hóa và Thông tin huyện Hàm Yên"], False),
    ]


def test_html_character_references_of_a_saved_portal_page_are_decoded() -> None:
    assert (
        canonical("(qua Sở LĐ-TB&amp;XH), chuyên mục &quot;Vì trẻ em&quot;")
        == '(qua Sở LĐ-TB&XH), chuyên mục "Vì trẻ em"'
    )
    assert canonical("A & B; C&D") == "A & B; C&D"


def test_after_2025_an_office_without_its_unit_is_a_communes() -> None:
    header = f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\n\nSố: 12/KH-UBND\n\n{MOTTO}\n\nHải Phòng, ngày 10 tháng 8 năm 2025"
    body = "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa - Xã hội tham mưu rà soát trẻ em.\n"
    doc = parse(decode(f"{header}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n{body}".encode(), "plan.txt"))
    (lead,) = doc.obligations[0].leads
    assert lead.level == "commune" and "huyện" not in lead.label


def test_a_unions_bodies_are_placed_and_the_confederation_is_central() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Công đoàn Viên chức tỉnh chủ trì tuyên truyền; báo cáo Tổng Liên đoàn (qua Ban "
        "Nữ công Tổng Liên đoàn) và Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội."
    )
    province = f"ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nSố: 9/KH-UBND\n\n{MOTTO}\n\nTuyên Quang, ngày 2 tháng 3 năm 2024"
    doc = parse(decode(f"{province}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n{body}\n".encode(), "plan.txt"))
    assert [a.label for a in doc.obligations[0].leads] == ["Công đoàn Viên chức tỉnh Tuyên Quang"]
    # 'A (qua X) và B': A through X, B direct
    assert [([a.label for a in d.recipients], [a.label for a in d.via]) for d in doc.duties] == [
        (["Tổng Liên đoàn Lao động Việt Nam"], ["Ban Nữ công Tổng Liên đoàn Lao động Việt Nam"]),
        (["Cục Trẻ em Bộ Lao động - Thương binh và Xã hội"], []),
    ]


def test_every_group_a_pattern_finds_opens_with_a_word_the_scan_looks_for() -> None:
    """The mention scan only tries words GROUP_STARTS lists; each group pattern's matches over the whole corpus open
    with one of them."""
    from loaders import agencies, folding

    starts = re.compile(agencies.GROUP_STARTS)
    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "eval_corpus").rglob("*.txt"))]
    for text in texts:
        folded = folding.ffold(text)
        for _, pattern in agencies._GROUP_PATTERNS:
            for m in pattern.finditer(folded):
                assert starts.match(folded, m.start()), (pattern.pattern[:40], folded[m.start() : m.end()])
