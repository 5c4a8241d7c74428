"""Reporting chains as plans write them: reporter, recipient, channel, onward hop, the deadline of each hop, and
officials who stand for their body."""

from __future__ import annotations

from loaders.model import ReportingDuty
from loaders.parser import parse
from loaders.source import decode

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def _duties(header: str, body: str) -> list[tuple[list[str], list[str], list[str], tuple[int, int] | None, int | None]]:
    text = f"{header}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư\n\n{body}\n"
    doc = parse(decode(text.encode(), "plan.txt"))
    return [_row(d) for d in doc.duties]


def _row(d: ReportingDuty) -> tuple[list[str], list[str], list[str], tuple[int, int] | None, int | None]:
    return (
        [r.label for r in d.reporters],
        [r.label for r in d.recipients],
        [r.label for r in d.via],
        d.due,
        d.due_year,
    )


DISTRICT = f"ỦY BAN NHÂN DÂN\nHUYỆN CAO LÃNH\n\nSố: 77/KH-UBND\n\n{MOTTO}\n\nCao Lãnh, ngày 02 tháng 4 năm 2024"
DEPARTMENT = (
    f"UBND TỈNH LÀO CAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 310/KH-SGDĐT\n\n{MOTTO}\n\nLào Cai, ngày 5 tháng 9 năm 2024"
)
MINISTRY = f"BỘ Y TẾ\n\nSố: 88/KH-BYT\n\n{MOTTO}\n\nHà Nội, ngày 24 tháng 4 năm 2024"


def test_each_hop_takes_the_deadline_written_after_its_own_report() -> None:
    """A plan deadline earlier in the sentence is not the reporting deadline; each clause stands apart."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. UBND các xã, thị trấn xây dựng kế hoạch, hoàn thành trước ngày 30/4/2024; "
        "định kỳ hằng năm báo cáo kết quả về UBND huyện (qua Phòng Lao động - Thương binh và Xã hội) "
        "trước ngày 25/11."
    )
    assert _duties(DISTRICT, body) == [
        (
            ["Ủy ban nhân dân các xã, thị trấn (huyện Cao Lãnh)"],
            ["Ủy ban nhân dân huyện Cao Lãnh"],
            ["Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"],
            (11, 25),
            None,
        )
    ]


def test_an_advised_body_reports_on_in_the_second_hop() -> None:
    """'… về X để tổng hợp, tham mưu Y báo cáo Z': X receives, then Y reports to Z by the second date."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nCác cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về Phòng Lao động - "
        "Thương binh và Xã hội trước ngày 05/12 để tổng hợp, tham mưu Ủy ban nhân dân huyện báo cáo Ủy ban nhân "
        "dân tỉnh (qua Sở Lao động - Thương binh và Xã hội) trước ngày 15/12 hằng năm."
    )
    office = "Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [
        (["Các cơ quan, đơn vị được giao nhiệm vụ (huyện Cao Lãnh)"], [office], [], (12, 5), None),
        (
            ["Ủy ban nhân dân huyện Cao Lãnh"],
            ["Ủy ban nhân dân tỉnh Đồng Tháp"],
            ["Sở Lao động - Thương binh và Xã hội tỉnh Đồng Tháp"],
            (12, 15),
            None,
        ),
    ]


def test_the_issuing_body_named_by_its_head_or_alone() -> None:
    """'về Sở (qua …)', 'lãnh đạo Sở báo cáo …', 'báo cáo Bộ trưởng': the issuing Sở or Bộ; a one-off date keeps
    its year."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Các trường trung học phổ thông báo cáo kết quả về Sở (qua Phòng Chính trị tư "
        "tưởng) trước ngày 30/11/2024.\n2. Phòng Chính trị tư tưởng tổng hợp kết quả, tham mưu lãnh đạo Sở báo "
        "cáo UBND tỉnh trước ngày 10/12/2024."
    )
    department = "Sở Giáo dục và Đào tạo tỉnh Lào Cai"
    assert _duties(DEPARTMENT, body) == [
        (
            ["Các trường trung học phổ thông (tỉnh Lào Cai)"],
            [department],
            [f"Phòng Chính trị tư tưởng {department}"],
            (11, 30),
            2024,
        ),
        ([department], ["Ủy ban nhân dân tỉnh Lào Cai"], [], (12, 10), 2024),
    ]
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Các đơn vị thuộc Bộ Y tế được giao nhiệm vụ tại Kế hoạch này báo cáo Bộ "
        "trưởng (qua Cục Bà mẹ và Trẻ em) trước ngày 15/11 hằng năm để tổng hợp, báo cáo Thủ tướng Chính phủ."
    )
    units = "Các đơn vị thuộc Bộ Y tế được giao nhiệm vụ tại Kế hoạch này (Trung ương)"
    assert _duties(MINISTRY, body) == [
        ([units], ["Bộ Y tế"], ["Cục Bà mẹ và Trẻ em Bộ Y tế"], (11, 15), None),
        (["Bộ Y tế"], ["Thủ tướng Chính phủ"], [], None, None),
    ]


def test_the_onward_hop_keeps_its_own_channel() -> None:
    header = (
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN\nĐẢNG ỦY XÃ LA HIÊN\n*\nSố 12-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "La Hiên, ngày 10 tháng 9 năm 2025"
    )
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ trực thuộc báo cáo kết quả thực hiện về Đảng ủy xã (qua Ban Xây "
        "dựng Đảng) trước ngày 15/11 hằng năm để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo và "
        "Dân vận Tỉnh ủy)."
    )
    (first, onward) = _duties(header, body)
    assert first[1:3] == (["Đảng ủy xã La Hiên"], ["Ban Xây dựng Đảng Đảng ủy xã La Hiên"])
    assert onward[:3] == (
        ["Đảng ủy xã La Hiên"],
        ["Ban Thường vụ Tỉnh ủy Thái Nguyên"],
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên"],
    )


def test_words_that_only_look_like_units_are_not_recipients() -> None:
    """'báo cáo các trường hợp …' reports cases, not to schools; 'Tuyên giáo' is no 'giao' assignment."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Trạm Y tế xã phối hợp với các nhà trường tổ chức khám sức khỏe; kịp thời báo "
        "cáo các trường hợp trẻ em bị bạo lực."
    )
    assert _duties(DISTRICT, body) == []


def test_two_periods_two_deadlines_two_hops() -> None:
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nUBND các xã, thị trấn báo cáo định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày "
        "15/12) về Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội)."
    )
    communes, district = "Ủy ban nhân dân các xã, thị trấn (huyện Cao Lãnh)", "Ủy ban nhân dân huyện Cao Lãnh"
    office = "Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [
        ([communes], [district], [office], (6, 15), None),
        ([communes], [district], [office], (12, 15), None),
    ]


def test_two_deadlines_joined_by_va_are_two_hops() -> None:
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nUBND các xã, thị trấn báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15/12/2025 "
        "(sơ kết) và trước ngày 20/5/2026 (tổng kết)."
    )
    assert [(d[3], d[4]) for d in _duties(DISTRICT, body)] == [((12, 15), 2025), ((5, 20), 2026)]


def test_a_second_report_in_the_same_clause_is_its_own_hop() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Lao động - Thương binh và Xã hội tổng hợp, báo cáo Ủy ban nhân dân huyện "
        "trước ngày 10/12 hằng năm và báo cáo Sở Lao động - Thương binh và Xã hội trước ngày 15/12 hằng năm."
    )
    office = "Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"
    assert [(d[1], d[3]) for d in _duties(DISTRICT, body)] == [
        (["Ủy ban nhân dân huyện Cao Lãnh"], (12, 10)),
        (["Sở Lao động - Thương binh và Xã hội tỉnh Đồng Tháp"], (12, 15)),
    ]
    assert all(d[0] == [office] for d in _duties(DISTRICT, body))


def test_report_at_once_to_the_head_and_by_a_day_written_with_vao() -> None:
    """'chậm nhất vào ngày 05/12/2024' is a deadline; 'báo cáo ngay Giám đốc Sở và UBND huyện' reports to the Sở the
    director heads and to the district."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Các trường trung học phổ thông báo cáo kết quả về Sở Giáo dục và Đào tạo "
        "chậm nhất vào ngày 05/12/2024; khi xảy ra vụ việc xâm hại, báo cáo ngay Giám đốc Sở và Ủy ban nhân dân huyện"
        " sở tại."
    )
    schools, department = "Các trường trung học phổ thông (tỉnh Lào Cai)", "Sở Giáo dục và Đào tạo tỉnh Lào Cai"
    assert _duties(DEPARTMENT, body) == [
        ([schools], [department], [], (12, 5), 2024),
        ([schools], [department, "Ủy ban nhân dân huyện (chưa xác định)"], [], None, None),
    ]


def test_a_bare_office_name_points_back_at_the_group_named_before_it() -> None:
    """'Phòng GD&ĐT các huyện … yêu cầu các trường báo cáo về Phòng Giáo dục và Đào tạo': the offices of the group."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Giáo dục và Đào tạo các huyện, thành phố yêu cầu các trường tiểu học báo "
        "cáo kết quả về Phòng Giáo dục và Đào tạo trước ngày 30/11/2024."
    )
    assert _duties(DEPARTMENT, body) == [
        (
            ["Các trường tiểu học (tỉnh Lào Cai)"],
            ["Phòng Giáo dục và Đào tạo các huyện, thành phố (tỉnh Lào Cai)"],
            [],
            (11, 30),
            2024,
        )
    ]


def test_a_sentence_that_only_says_the_results_are_also_reported_continues_the_last_reporter() -> None:
    """'Kết quả thực hiện đồng thời được báo cáo Ban Thường vụ Huyện ủy': the reporter of the hop before it."""
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Lao động - Thương binh và Xã hội tổng hợp kết quả, tham mưu Ủy ban nhân "
        "dân huyện báo cáo Ủy ban nhân dân tỉnh trước ngày 05/12 hằng năm. Kết quả thực hiện đồng thời được báo cáo "
        "Ban Thường vụ Huyện ủy theo quy định."
    )
    district = "Ủy ban nhân dân huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [
        ([district], ["Ủy ban nhân dân tỉnh Đồng Tháp"], [], (12, 5), None),
        ([district], ["Ban Thường vụ Huyện ủy Cao Lãnh"], [], None, None),
    ]


def test_the_body_work_is_sent_to_reports_it_on() -> None:
    """'… phản ánh về Phòng X để tổng hợp, báo cáo UBND huyện': Phòng X reports to the district."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nCác cơ quan, đơn vị kịp thời phản ánh khó khăn về Phòng Lao động - Thương binh và Xã hội "
        "để tổng hợp, báo cáo Ủy ban nhân dân huyện."
    )
    assert _duties(DISTRICT, body) == [
        (["Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"], ["Ủy ban nhân dân huyện Cao Lãnh"], [], None, None)
    ]


def test_the_competent_authorities_receive_reports_but_lead_nothing() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Đề nghị cấp có thẩm quyền xem xét bổ sung biên chế.\n2. Phòng Lao động - Thương "
        "binh và Xã hội tổng hợp, báo cáo Ủy ban nhân dân huyện và các cấp có thẩm quyền."
    )
    text = f"{DISTRICT}\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW\n\n{body}\n"
    doc = parse(decode(text.encode(), "plan.txt"))
    assert [[a.label for a in o.leads] for o in doc.obligations] == [
        [],
        ["Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"],
    ]
    assert [[a.label for a in d.recipients] for d in doc.duties] == [
        ["Ủy ban nhân dân huyện Cao Lãnh", "Các cấp có thẩm quyền (huyện Cao Lãnh)"]
    ]


def test_periods_listed_after_a_colon_repeat_the_hop_with_their_own_dates() -> None:
    """'… báo cáo về Sở Y tế (qua X): báo cáo quý …; báo cáo 6 tháng trước ngày 10/6; báo cáo năm trước ngày 05/12'."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\n1. Các trường báo cáo về Sở Giáo dục và Đào tạo (qua Phòng Chính trị tư tưởng): báo cáo "
        "quý trước ngày 15 của tháng cuối quý; báo cáo 6 tháng trước ngày 10/6; báo cáo năm trước ngày 05/12."
    )
    schools, department = "Các trường (tỉnh Lào Cai)", "Sở Giáo dục và Đào tạo tỉnh Lào Cai"
    via = [f"Phòng Chính trị tư tưởng {department}"]
    assert _duties(DEPARTMENT, body) == [
        ([schools], [department], via, None, None),
        ([schools], [department], via, (6, 10), None),
        ([schools], [department], via, (12, 5), None),
    ]


def test_each_recipient_keeps_its_own_channel() -> None:
    """'… báo cáo UBND tỉnh (qua Sở X) và Ban Thường vụ Huyện ủy': the channel is the province's alone; a Cục after
    the ministry it serves is that ministry's."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nỦy ban nhân dân huyện báo cáo Ủy ban nhân dân tỉnh (qua Sở Y tế) và Ban Thường vụ Huyện "
        "ủy trước ngày 10/12 hằng năm; báo cáo Bộ Y tế (qua Cục Bà mẹ và Trẻ em) khi có yêu cầu."
    )
    district = "Ủy ban nhân dân huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [
        ([district], ["Ủy ban nhân dân tỉnh Đồng Tháp"], ["Sở Y tế tỉnh Đồng Tháp"], (12, 10), None),
        ([district], ["Ban Thường vụ Huyện ủy Cao Lãnh"], [], (12, 10), None),
        ([district], ["Bộ Y tế"], ["Cục Bà mẹ và Trẻ em Bộ Y tế"], None, None),
    ]


def test_two_reports_of_one_hop_each_with_its_period() -> None:
    """'báo cáo định kỳ hằng quý (…) và báo cáo năm (trước ngày 05/12) về X': two hops to X."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nCác phòng báo cáo định kỳ hằng quý (trước ngày 20 của tháng cuối quý) và báo cáo năm "
        "(trước ngày 05/12) về Phòng Lao động - Thương binh và Xã hội."
    )
    offices, office = "Các phòng (huyện Cao Lãnh)", "Phòng Lao động - Thương binh và Xã hội huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [([offices], [office], [], None, None), ([offices], [office], [], (12, 5), None)]


def test_reporters_listed_across_a_semicolon_or_after_a_label() -> None:
    """'Thủ trưởng các phòng; Chủ tịch UBND các xã báo cáo …': both report; 'Các cơ quan: A, B và C báo cáo …': A, B,
    C report, not the label; 'báo cáo quý (…), báo cáo năm (…)' a hop each."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\n1. Thủ trưởng các phòng, ban; Chủ tịch UBND các xã, thị trấn báo cáo về Ủy ban nhân dân "
        "huyện trước ngày 10/12 hằng năm.\n2. Các cơ quan: Phòng Tư pháp, Công an huyện báo cáo định kỳ hằng quý "
        "(trước ngày 20 của tháng cuối quý), báo cáo năm (trước ngày 25/11) về Ủy ban nhân dân huyện."
    )
    district = "Ủy ban nhân dân huyện Cao Lãnh"
    first = ["Các phòng, ban (huyện Cao Lãnh)", "Ủy ban nhân dân các xã, thị trấn (huyện Cao Lãnh)"]
    second = ["Phòng Tư pháp huyện Cao Lãnh", "Công an huyện Cao Lãnh"]
    assert _duties(DISTRICT, body) == [
        (first, [district], [], (12, 10), None),
        (second, [district], [], None, None),
        (second, [district], [], (11, 25), None),
    ]


def test_units_an_item_directs_are_not_its_reporters() -> None:
    """'Chỉ đạo UBND các xã …; định kỳ … báo cáo Chủ tịch UBND tỉnh': the item's own unit reports."""
    province = f"ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 7/KH-UBND\n\n{MOTTO}\n\nCao Bằng, ngày 2 tháng 4 năm 2024"
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các huyện, thành phố\n- Chỉ đạo UBND các xã, phường, thị trấn "
        "thực hiện tiêu chuẩn xã phù hợp với trẻ em; hằng năm (trước ngày 10/12) báo cáo Chủ tịch UBND tỉnh kết quả "
        "thực hiện."
    )
    assert _duties(province, body) == [
        (
            ["Ủy ban nhân dân các huyện, thành phố (tỉnh Cao Bằng)"],
            ["Ủy ban nhân dân tỉnh Cao Bằng"],
            [],
            (12, 10),
            None,
        )
    ]


def test_a_report_named_first_then_who_sends_it() -> None:
    """'Riêng báo cáo sơ kết …, các phòng, ban gửi về X trước ngày …': the units named before the recipient report."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\n- Riêng báo cáo sơ kết 01 năm thực hiện Kế hoạch, các phòng, ban gửi về Phòng Tư pháp "
        "trước ngày 15/10/2025."
    )
    assert _duties(DISTRICT, body) == [
        (["Các phòng, ban (huyện Cao Lãnh)"], ["Phòng Tư pháp huyện Cao Lãnh"], [], (10, 15), 2025)
    ]


def test_reporters_after_an_adverbial_and_across_a_semicolon() -> None:
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\nĐịnh kỳ hằng năm, trước ngày 05/12, các phòng, ban; Ủy ban nhân dân các xã, thị trấn báo "
        "cáo kết quả về Ủy ban nhân dân huyện."
    )
    assert _duties(DISTRICT, body) == [
        (
            ["Các phòng, ban (huyện Cao Lãnh)", "Ủy ban nhân dân các xã, thị trấn (huyện Cao Lãnh)"],
            ["Ủy ban nhân dân huyện Cao Lãnh"],
            [],
            (12, 5),
            None,
        )
    ]


def test_a_channel_that_is_a_unit_of_the_last_recipient_and_a_report_at_the_same_time() -> None:
    """'báo cáo UBND tỉnh và Bộ Y tế (qua Cục Bà mẹ và Trẻ em)': the Cục is the ministry's channel alone; '…; đồng
    thời báo cáo Bộ …' keeps the reporter of the hop before; '… và tham mưu UBND huyện báo cáo …' is one more hop."""
    body = (
        "V. CHẾ ĐỘ BÁO CÁO\n1. Phòng Y tế tổng hợp, tham mưu Ủy ban nhân dân huyện báo cáo Ủy ban nhân dân tỉnh và "
        "Bộ Y tế (qua Cục Bà mẹ và Trẻ em) trước ngày 05/12 hằng năm; đồng thời báo cáo Ban Thường vụ Huyện ủy.\n"
        "2. Phòng Tư pháp tổng hợp, báo cáo Ủy ban nhân dân huyện trước ngày 15/12 hằng năm và tham mưu Ủy ban nhân "
        "dân huyện báo cáo Sở Tư pháp."
    )
    district = "Ủy ban nhân dân huyện Cao Lãnh"
    assert _duties(DISTRICT, body) == [
        ([district], ["Ủy ban nhân dân tỉnh Đồng Tháp"], [], (12, 5), None),
        ([district], ["Bộ Y tế"], ["Cục Bà mẹ và Trẻ em Bộ Y tế"], (12, 5), None),
        ([district], ["Ban Thường vụ Huyện ủy Cao Lãnh"], [], None, None),
        (["Phòng Tư pháp huyện Cao Lãnh"], [district], [], (12, 15), None),
        ([district], ["Sở Tư pháp tỉnh Đồng Tháp"], [], None, None),
    ]
