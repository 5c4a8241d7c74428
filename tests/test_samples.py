"""Field-by-field extraction from the four sample plans, checked against what their text states."""

from __future__ import annotations

from decimal import Decimal

import pytest
from corpus import BAC_AI, BLOC, LAI_CHAU, TAN_BINH

from loaders.model import DocumentRef, ParsedDocument, PartialDate

LC = "(tỉnh Lai Châu)"
TB = "(quận Tân Bình)"
BA = "(huyện Bác Ái)"
UNKNOWN = "(tỉnh (chưa xác định))"


def labels(refs) -> list[str]:
    return [r.label for r in refs]


def obligation(doc: ParsedDocument, path: str):
    found = [o for o in doc.obligations if o.section_path == path]
    assert len(found) == 1, f"{path}: {[o.section_path for o in doc.obligations]}"
    return found[0]


def relations(doc: ParsedDocument) -> set[tuple[str, str, str]]:
    """(from, relation, to) with numbers (or titles), the strongest relation per pair, as the graph keeps it."""
    strength = {"implements": 3, "basedOn": 2, "cites": 1}
    best: dict[tuple[str, str], str] = {}

    def name(ref: DocumentRef) -> str:
        return ref.number or ref.title or "?"

    def visit(source: str, ref: DocumentRef, relation: str) -> None:
        pair = (source, name(ref))
        if pair not in best or strength[relation] > strength[best[pair]]:
            best[pair] = relation
        for nested in ref.implements:
            visit(name(ref), nested, "implements")

    for ref in doc.references:
        visit("this", ref, ref.relation)
    return {(a, rel, b) for (a, b), rel in best.items()}


# -- Lai Châu: UBND tỉnh plan, number and day blank ---------------------------------------------------


def test_lai_chau_header(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[LAI_CHAU]
    assert doc.doc_type == "Plan"
    assert doc.number is None and doc.number_suffix == "/KH-UBND"
    assert doc.issuer is not None and doc.issuer.label == "Ủy ban nhân dân tỉnh Lai Châu"
    assert doc.issuer.kind == "people-committee" and doc.issuer.level == "province"
    assert doc.jurisdiction.code == "12" and doc.jurisdiction.name == "tỉnh Lai Châu"
    assert doc.place == "Lai Châu"
    assert doc.date == PartialDate(2024) and doc.date.lexical() == ("2024", "gYear")
    assert doc.title is not None and doc.title.startswith("Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023")
    assert doc.signature is not None
    assert (doc.signature.authority, doc.signature.position, doc.signature.signer) == (
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "Tổng Thanh Hải",
    )
    assert {i.code for i in doc.issues} >= {"blank-number", "partial-date", "no-lead"}


def test_lai_chau_references(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[LAI_CHAU]
    assert relations(doc) == {
        ("this", "implements", "28-CT/TW"),
        ("this", "implements", "48-CTr/TU"),
        ("48-CTr/TU", "implements", "28-CT/TW"),
        ("this", "cites", "Luật Trẻ em"),
    }
    first = {r.number: r for r in doc.references if r.relation == "implements"}
    assert first["28-CT/TW"].date == PartialDate(2023, 12, 25)
    assert first["28-CT/TW"].issuer is not None and first["28-CT/TW"].issuer.label == "Bộ Chính trị"
    assert first["48-CTr/TU"].date == PartialDate(2024, 4, 17)
    assert first["48-CTr/TU"].issuer is not None and first["48-CTr/TU"].issuer.label == "Tỉnh ủy Lai Châu"
    assert first["48-CTr/TU"].doc_type == "ActionProgramme"


LAI_CHAU_LEADS = {
    "III.1": [],
    "III.2": [],
    "III.3": [],
    "III.4": [],
    "III.5": [],
    "III.6": [],
    "III.2.p3": [f"Chính quyền các cấp {LC}"],
    "III.5.p2": [f"Cấp ủy đảng, chính quyền các cấp {LC}"],
    "III.4.p3": [f"Các sở, ban, ngành, đoàn thể {LC}", f"Ủy ban nhân dân các huyện, thành phố {LC}"],
    "V.1": ["Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"],
    "V.2": ["Sở Giáo dục và Đào tạo tỉnh Lai Châu"],
    "V.3": ["Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"],
    "V.4": ["Sở Thông tin và Truyền thông tỉnh Lai Châu"],
    "V.5": ["Sở Y tế tỉnh Lai Châu"],
    "V.6": ["Sở Tư pháp tỉnh Lai Châu"],
    "V.7": ["Sở Kế hoạch và Đầu tư tỉnh Lai Châu"],
    "V.8": ["Sở Tài chính tỉnh Lai Châu"],
    "V.9": ["Công an tỉnh Lai Châu"],
    "V.10": ["Sở Nội vụ tỉnh Lai Châu"],
    "V.11": ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu"],
    "V.12": [f"Các sở, ban, ngành liên quan {LC}"],
    "V.13": [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu",
        f"Các tổ chức thành viên {LC}",
        f"Các tổ chức chính trị - xã hội {LC}",
    ],
    "V.14": [f"Ủy ban nhân dân các huyện, thành phố {LC}"],
}

LAI_CHAU_SUPPORTS = {  # each on the paragraph that names it
    "III.2.p3": [f"Các tổ chức, đoàn thể {LC}"],
    "V.1.p2": [f"Các sở, ban, ngành, cơ quan, đơn vị liên quan {LC}"],
    "V.1.p4": [f"Các sở, ban, ngành liên quan {LC}"],
    "V.1.p5": [f"Các sở, ban, ngành, đoàn thể liên quan {LC}"],
    "V.2.p4": [f"Các cơ quan, đơn vị liên quan {LC}"],
    "V.3.p2": [f"Các sở, ngành, cơ quan, đơn vị liên quan {LC}"],
    "V.3.p3": [f"Các sở, ban, ngành liên quan {LC}"],
    "V.5.p3": [f"Các ngành, cơ quan, đơn vị liên quan {LC}"],
    "V.6.p2": [f"Các cơ quan chức năng liên quan {LC}"],
    "V.7.p2": ["Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu", f"Các sở, ngành liên quan {LC}"],
    "V.8.p2": [
        "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",
        f"Các sở, ban ngành, cơ quan, đơn vị liên quan {LC}",
    ],
    "V.9.p2": [f"Các đơn vị liên quan {LC}"],
    "V.9.p3": [f"Các cơ quan, ban, ngành, đoàn thể {LC}"],
}


# Paragraphs under each agency heading of part V: their count (each is a duty whose lead the heading gives).
LAI_CHAU_DUTIES = {1: 4, 2: 4, 3: 5, 4: 2, 5: 4, 6: 1, 7: 1, 8: 1, 9: 3, 10: 1, 11: 1, 12: 1, 13: 1, 14: 4}


def test_lai_chau_obligations(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[LAI_CHAU]
    assert [
        o.section_path for o in doc.obligations if o.section_path.count(".") == 1 or o.section_path.startswith("III.")
    ] == [
        "III.1",
        "III.2",
        "III.2.p3",
        "III.3",
        "III.4",
        "III.4.p3",
        "III.5",
        "III.5.p2",
        "III.6",
        *[f"V.{n}" for n in range(1, 15)],
    ]
    for path, leads in LAI_CHAU_LEADS.items():
        assert labels(obligation(doc, path).leads) == leads, path
        assert not obligation(doc, path).lead_inferred
    for n, count in LAI_CHAU_DUTIES.items():
        heading = obligation(doc, f"V.{n}")
        duties = [o for o in doc.obligations if o.section_path.startswith(f"V.{n}.p")]
        assert [o.section_path for o in duties] == [f"V.{n}.p{k}" for k in range(2, count + 2)]
        for duty in duties:
            assert labels(duty.leads) == labels(heading.leads) and duty.lead_inferred
            assert duty.lead_evidence is not None and duty.lead_evidence.text == heading.title
            assert heading.span.end < duty.span.start  # the heading's own text, then each duty's
            assert duty.requested == heading.requested
    for ob in doc.obligations:
        assert labels(ob.supports) == LAI_CHAU_SUPPORTS.get(ob.section_path, []), ob.section_path
        assert ob.timeframe is None
        assert ob.requested == ob.section_path.startswith("V.13")
    plans = {o.section_path: labels(o.requires_plan_from) for o in doc.obligations if o.requires_plan_from}
    assert plans == {  # on the paragraph that says so; the requirement part's duty too
        "I.2.p2": [f"Các sở, ban, ngành, đoàn thể tỉnh {LC}", f"Ủy ban nhân dân các huyện, thành phố {LC}"],
        "V.3.p2": ["Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"],
        "V.12.p2": [f"Các sở, ban, ngành liên quan {LC}"],
        "V.14.p2": [f"Ủy ban nhân dân các huyện, thành phố {LC}"],
    }
    assert obligation(doc, "V.2").kind == "assignment" and obligation(doc, "III.1").kind == "task"
    assert obligation(doc, "III.1").title.startswith("Tăng cường sự lãnh đạo, thực hiện của các cấp chính quyền")


LAI_CHAU_TARGETS = [
    (2025, ">=", "84.3", "xã, phường, thị trấn phù hợp với trẻ em"),
    (2025, ">=", "30", "các xã, phường, thị trấn có điểm văn hóa, vui chơi dành cho trẻ em"),
    (2025, ">=", "100", "cơ sở giáo dục cho trẻ em có công trình vệ sinh đạt tiêu chuẩn"),
    (2025, ">=", "100", "trường học có dịch vụ hỗ trợ tâm lý trẻ em"),
    (2025, "<", "15", "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể cân nặng theo tuổi"),
    (2025, "<", "20", "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể chiều cao theo tuổi"),
    (2025, ">", "99.1", "Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo"),
    (2025, ">=", "98", "tỷ lệ trẻ em hoàn thành cấp tiểu học"),
    (2025, ">=", "88", "tỷ lệ trẻ em tốt nghiệp cấp trung học cơ sở"),
    (2025, ">=", "85", "trẻ em được nâng cao nhận thức, năng lực về quyền tham gia của trẻ em"),
    (
        2025,
        ">=",
        "30",
        "trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động thúc đẩy quyền tham gia của trẻ em",
    ),
    (2030, ">=", "85", "xã, phường, thị trấn phù hợp với trẻ em"),
    (2030, ">=", "35", "các xã, phường, thị trấn có điểm văn hóa, vui chơi dành cho trẻ em"),
    (2030, ">=", "100", "trẻ em gặp thiên tai, thảm họa được cứu trợ, hỗ trợ kịp thời"),
    (
        2030,
        ">=",
        "100",
        "trẻ em bị xâm hại, lạm dụng, bóc lột khi phát hiện được can thiệt, hỗ trợ và xử lý nghiêm "
        "minh các hành vi vi phạm theo quy định",
    ),
    (2030, ">=", "100", "trẻ em dưới 5 tuổi được đăng ký khai sinh"),
    (2030, "<", "12", "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể cân nặng theo tuổi"),
    (2030, "<", "18", "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể chiều cao theo tuổi"),
    (2030, ">=", "99.9", "Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo"),
    (2030, ">=", "99", "tỷ lệ trẻ em hoàn thành cấp tiểu học"),
    (2030, ">=", "90", "tỷ lệ trẻ em tốt nghiệp cấp trung học cơ sở"),
    (2030, ">=", "90", "trẻ em được nâng cao nhận thức, năng lực về quyền tham gia của trẻ em"),
    (
        2030,
        ">=",
        "35",
        "trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động thúc đẩy quyền tham gia của trẻ em",
    ),
]


def test_lai_chau_targets(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[LAI_CHAU]
    got = [(t.year, t.comparator, t.value, t.indicator) for t in doc.targets]
    assert got == [(y, c, Decimal(v), i) for y, c, v, i in LAI_CHAU_TARGETS]
    assert all(t.unit == "%" for t in doc.targets)
    decimal_comma = doc.targets[0]
    assert decimal_comma.span.text.startswith("84,3%") and doc.text[decimal_comma.span.start :].startswith("84,3%")


def test_lai_chau_reporting(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[LAI_CHAU]
    got = {
        (
            d.section_path,
            tuple(labels(d.reporters)),
            tuple(labels(d.recipients)),
            tuple(labels(d.via)),
            d.frequency,
            d.due,
        )
        for d in doc.duties
    }
    assert got == {
        (
            "VI",
            (f"Các sở, ban, ngành, đơn vị, địa phương {LC}",),
            ("Ủy ban nhân dân tỉnh Lai Châu",),
            ("Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",),
            "Định kỳ hàng năm",
            (12, 1),
        ),
        ("VI", ("Ủy ban nhân dân tỉnh Lai Châu",), (f"Các cấp có thẩm quyền {LC}",), (), None, None),
        (
            "V.1.p5",
            ("Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",),
            ("Ủy ban nhân dân tỉnh Lai Châu", f"Các cấp có thẩm quyền {LC}"),
            (),
            "Định kỳ hằng năm",
            None,
        ),
        ("V.8.p2", ("Sở Tài chính tỉnh Lai Châu",), ("Ủy ban nhân dân tỉnh Lai Châu",), (), None, None),
    }


def test_lai_chau_distribution(parsed: dict[str, ParsedDocument]) -> None:
    assert labels(parsed[LAI_CHAU].distribution) == [
        "Bộ Lao động - Thương binh và Xã hội",
        "Thường trực Tỉnh ủy Lai Châu",
        "Thường trực Hội đồng nhân dân tỉnh Lai Châu",
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu",
        "Ban Tuyên giáo Tỉnh ủy Lai Châu",
        f"Các sở, ban, ngành, đoàn thể tỉnh {LC}",
        f"Ủy ban nhân dân các huyện, thành phố {LC}",
    ]


# -- Bác Ái: party district plan, hard-wrapped ----------------------------------------------------------


def test_bac_ai_header(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BAC_AI]
    assert doc.number is None and doc.number_suffix == "-KH/HU"
    # signed "T/M BAN THƯỜNG VỤ" under "HUYỆN ỦY BÁC ÁI": the standing body issues it (DOMAIN.md §6)
    assert doc.issuer is not None and doc.issuer.label == "Ban Thường vụ Huyện ủy Bác Ái"
    assert doc.issuer.parent is not None and doc.issuer.parent.label == "Huyện ủy Bác Ái"
    assert doc.jurisdiction.code == "584" and doc.jurisdiction.parent is not None
    assert doc.jurisdiction.parent.name == "tỉnh Ninh Thuận"
    assert doc.date == PartialDate(2024, 3) and doc.date.lexical() == ("2024-03", "gYearMonth")
    assert doc.place == "Bác Ái"
    assert doc.title is not None and doc.title.endswith("đáp ứng yêu cầu phát triển đất nước phồn vinh, hạnh phúc")
    assert doc.signature is not None
    assert (doc.signature.authority, doc.signature.position, doc.signature.signer) == (
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Mẫu Thái Phương",
    )


def test_bac_ai_references(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BAC_AI]
    assert relations(doc) == {
        ("this", "implements", "28-CT/TW"),
        ("this", "implements", "273-KH/TU"),
        ("273-KH/TU", "implements", "28-CT/TW"),
    }
    plan_273 = next(r for r in doc.references if r.number == "273-KH/TU" and r.issuer)
    assert plan_273.date == PartialDate(2024, 2, 20)
    assert plan_273.issuer.label == "Ban Thường vụ Tỉnh ủy Ninh Thuận"
    assert plan_273.issuer.parent is not None and plan_273.issuer.parent.label == "Tỉnh ủy Ninh Thuận"


def test_bac_ai_obligations(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BAC_AI]
    leads = {o.section_path: labels(o.leads) for o in doc.obligations}
    assert leads == {
        "II.1": [f"Các cấp ủy, chính quyền {BA}"],
        "II.2": [],
        "II.3": [],
        "II.4": [],
        "II.5": [],
        "III.1": [
            f"Các cấp ủy, chính quyền {BA}",
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Bác Ái",
            f"Các tổ chức chính trị - xã hội huyện {BA}",
        ],
        "III.1.p2": [f"Các Đảng ủy xã {BA}"],
        "III.2": ["Thường trực Hội đồng nhân dân huyện Bác Ái"],
        "III.3": ["Ủy ban nhân dân huyện Bác Ái"],
        "III.4": ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện Bác Ái", f"Các tổ chức chính trị - xã hội {BA}"],
        "III.5": ["Ban Tuyên giáo Huyện ủy Bác Ái"],
    }
    assert all(not o.supports and o.timeframe is None for o in doc.obligations)
    plans = {o.section_path: labels(o.requires_plan_from) for o in doc.obligations if o.requires_plan_from}
    assert plans == {"III.1.p2": [f"Các Đảng ủy xã {BA}"], "III.3": ["Ủy ban nhân dân huyện Bác Ái"]}
    assert doc.targets == []
    communes = obligation(doc, "III.1.p2").leads[0]
    assert communes.group and communes.member_kind == "party-committee" and communes.member_level == "commune"


def test_bac_ai_reporting(parsed: dict[str, ParsedDocument]) -> None:
    [duty] = parsed[BAC_AI].duties
    assert labels(duty.reporters) == ["Ủy ban nhân dân huyện Bác Ái"]
    assert labels(duty.recipients) == ["Ban Thường vụ Huyện ủy Bác Ái"]
    assert duty.frequency == "định kỳ" and duty.due is None and duty.section_path == "III.3"


# -- Tân Bình: UBND quận plan, no header, Đơn vị chủ trì / phối hợp -------------------------------------


def test_tan_binh_header(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[TAN_BINH]
    assert doc.number is None and doc.number_suffix is None and doc.date is None
    assert doc.issuer is not None and doc.issuer.label == "Ủy ban nhân dân quận Tân Bình"
    assert doc.jurisdiction.code == "766"
    assert doc.jurisdiction.parent is not None and doc.jurisdiction.parent.name == "Thành phố Hồ Chí Minh"
    assert doc.signature is not None
    assert (doc.signature.authority, doc.signature.position, doc.signature.signer) == (
        "KT.CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Thị Thu Sương",
    )
    assert {i.code for i in doc.issues} >= {"blank-number", "no-date", "ocr-slip"}


def test_tan_binh_references(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[TAN_BINH]
    assert relations(doc) == {
        ("this", "implements", "33-CT/TU"),
        ("this", "basedOn", "28-CT/TW"),
        ("this", "basedOn", "3597/KH-UBND"),
        ("this", "basedOn", "253-KH/QU"),
        ("33-CT/TU", "implements", "28-CT/TW"),
        ("3597/KH-UBND", "implements", "33-CT/TU"),
        ("253-KH/QU", "implements", "33-CT/TU"),
        ("this", "cites", "23/QĐ-TTg"),
        ("this", "cites", "782/QĐ-TTg"),
        ("this", "cites", "830/QĐ-TTg"),
        ("this", "cites", "1248/QĐ-TTg"),
        ("this", "cites", "06/QĐ-TTg"),
        ("this", "cites", "106/KH-UBND"),
        ("this", "cites", "Luật Căn cước"),
    }
    issuers = {r.number: r.issuer.label for r in doc.references if r.issuer and r.relation != "cites"}
    assert issuers == {
        "33-CT/TU": "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh",
        "28-CT/TW": "Bộ Chính trị",
        "3597/KH-UBND": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "253-KH/QU": "Quận ủy Tân Bình",
    }
    dates = {r.number: r.date for r in doc.references if r.date and r.number}
    assert dates["3597/KH-UBND"] == PartialDate(2024, 6, 28)
    assert dates["253-KH/QU"] == PartialDate(2024, 6, 10)
    assert dates["06/QĐ-TTg"] == PartialDate(2019, 1, 3)
    assert dates["106/KH-UBND"] == PartialDate(2023, 4, 10)


# the heading of part IV.2 names its units by the part that assigns them; each bullet under it is theirs
ASSIGNED = "Các ban, ngành quận được giao chủ trì thực hiện các nội dung tại Mục II Kế hoạch này"


TAN_BINH_OBLIGATIONS = {
    "II.1": (
        ["Phòng Lao động - Thương binh và Xã hội quận Tân Bình"],
        [f"Các ban ngành, đoàn thể quận được giao chủ trì {TB}"],
        "Hằng năm, giai đoạn 2021-2030",
    ),
    "II.2": (
        ["Công an quận Tân Bình", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"],
        [
            "Phòng Giáo dục và Đào tạo quận Tân Bình",
            "Phòng Y tế quận Tân Bình",
            "Chi cục Thống kê quận Tân Bình",
            f"Ủy ban nhân dân 15 phường {TB}",
        ],
        "Hằng năm",
    ),
    "II.3": (
        ["Phòng Lao động - Thương binh và Xã hội quận Tân Bình"],
        [f"Các ban ngành, đoàn thể quận {TB}", f"Ủy ban nhân dân 15 phường {TB}"],
        "Thường xuyên, hằng năm",
    ),
    "II.4": (
        ["Phòng Y tế quận Tân Bình", "Bảo hiểm xã hội quận Tân Bình"],
        [
            "Phòng Giáo dục và Đào tạo quận Tân Bình",
            "Trung tâm Y tế quận Tân Bình",
            "Bệnh viện Tân Bình",
            "Phòng Lao động - Thương binh và Xã hội quận Tân Bình",
            f"Các ban, ngành, đoàn thể liên quan {TB}",
            f"Ủy ban nhân dân 15 phường {TB}",
            f"Các ban, ngành liên quan {TB}",
        ],
        "Hằng năm, giai đoạn 2023-2030",
    ),
    "II.5": (
        ["Phòng Văn hóa và Thông tin quận Tân Bình", "Trung tâm Văn hóa - Thể thao quận Tân Bình"],
        [
            "Phòng Lao động - Thương binh và Xã hội quận Tân Bình",
            "Phòng Giáo dục và Đào tạo quận Tân Bình",
            f"Các ban, ngành, đoàn thể liên quan {TB}",
            f"Ủy ban nhân dân 15 phường {TB}",
        ],
        "Hằng năm",
    ),
    "II.6": (
        ["Phòng Giáo dục và Đào tạo quận Tân Bình"],
        [f"Các ban, ngành, đoàn thể liên quan {TB}", f"Ủy ban nhân dân 15 phường {TB}"],
        "Hằng năm",
    ),
    "IV.1": (["Phòng Lao động - Thương binh và Xã hội quận Tân Bình"], [], None),
    "IV.2": ([f"{ASSIGNED} {TB}"], [], None),
    "IV.3": (["Phòng Tài chính - Kế hoạch quận Tân Bình"], [], None),
    "IV.4": (["Ủy ban Mặt trận Tổ quốc Việt Nam quận Tân Bình", f"Các đoàn thể quận {TB}"], [], None),
    "IV.5": ([f"Ủy ban nhân dân 15 phường {TB}"], [], None),
}


def test_tan_binh_obligations(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[TAN_BINH]
    got = {
        o.section_path: (labels(o.leads), labels(o.supports), o.timeframe[0] if o.timeframe else None)
        for o in doc.obligations
        if o.section_path.count(".") == 1
    }
    assert got == TAN_BINH_OBLIGATIONS
    duties = {
        o.section_path: (labels(o.leads), o.lead_inferred) for o in doc.obligations if o.section_path.count(".") == 2
    }
    assert duties == {
        **{
            path: (TAN_BINH_OBLIGATIONS[path.rsplit(".", 1)[0]][0], True)
            for path in [
                "IV.1.p2",
                "IV.2.p2",
                "IV.2.p3",
                "IV.2.p4",
                "IV.3.p2",
                "IV.4.p2",
                "IV.4.p3",
                "IV.5.p2",
                "IV.5.p3",
                "IV.5.p4",
            ]
        },
        "I.2.p2": ([f"Các ban, ngành, đoàn thể quận {TB}"], False),
    }  # the requirement part's plan duty
    assert [o.section_path for o in doc.obligations if o.requested] == ["IV.4", "IV.4.p2", "IV.4.p3"]
    plans = {o.section_path: labels(o.requires_plan_from) for o in doc.obligations if o.requires_plan_from}
    assert plans == {
        "IV.2.p2": [f"{ASSIGNED} {TB}"],
        "IV.2.p3": [f"Các đơn vị {TB}", f"Ủy ban nhân dân 15 phường {TB}"],
        "IV.5.p2": [f"Ủy ban nhân dân 15 phường {TB}"],
        "I.2.p2": [f"Các ban, ngành, đoàn thể quận {TB}"],
    }
    wards = obligation(doc, "IV.5").leads[0]
    assert (wards.group, wards.group_size, wards.member_kind, wards.member_level) == (
        True,
        15,
        "people-committee",
        "commune",
    )
    timeframe = obligation(doc, "II.1").timeframe
    assert timeframe is not None and doc.text[timeframe[1].start : timeframe[1].end] == "Hằng năm, giai đoạn 2021-2030"


def test_tan_binh_targets_and_reporting(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[TAN_BINH]
    [target] = doc.targets
    assert (target.indicator, target.value, target.comparator, target.year) == (
        "tỷ lệ bao phủ bảo hiểm y tế cho trẻ em dưới 18 tuổi",
        Decimal(100),
        ">=",
        None,
    )
    got = {
        (
            d.section_path,
            tuple(labels(d.reporters)),
            tuple(labels(d.recipients)),
            tuple(labels(d.via)),
            d.frequency,
            d.due,
        )
        for d in doc.duties
    }
    assert got == {
        (
            "V",
            (f"Các ban, ngành, đoàn thể quận {TB}", f"Ủy ban nhân dân 15 phường {TB}"),
            ("Ủy ban nhân dân quận Tân Bình",),
            ("Phòng Lao động - Thương binh và Xã hội quận Tân Bình",),
            "định kỳ hàng năm",
            (12, 5),
        ),
        (
            "V",
            ("Ủy ban nhân dân quận Tân Bình",),
            ("Sở Lao động - Thương binh và Xã hội Thành phố Hồ Chí Minh",),
            (),
            None,
            None,
        ),
        (
            "IV.1.p2",
            ("Phòng Lao động - Thương binh và Xã hội quận Tân Bình",),
            (
                "Sở Lao động - Thương binh và Xã hội Thành phố Hồ Chí Minh",
                "Quận ủy Tân Bình",
                "Ủy ban nhân dân quận Tân Bình",
            ),
            (),
            None,
            None,
        ),
    }


def test_tan_binh_distribution_resolves_abbreviations(parsed: dict[str, ParsedDocument]) -> None:
    got = labels(parsed[TAN_BINH].distribution)
    for label in [
        "Sở Lao động - Thương binh và Xã hội Thành phố Hồ Chí Minh",
        "Phòng Lao động - Thương binh và Xã hội quận Tân Bình",
        "Phòng Văn hóa và Thông tin quận Tân Bình",
        "Phòng Y tế quận Tân Bình",
        "Phòng Tài chính - Kế hoạch quận Tân Bình",
        "Phòng Giáo dục và Đào tạo quận Tân Bình",
        "Chi cục Thống kê quận Tân Bình",
        "Trung tâm Văn hóa - Thể thao quận Tân Bình",
        "Trung tâm Y tế quận Tân Bình",
        "Bảo hiểm xã hội quận Tân Bình",
        f"Ủy ban nhân dân 15 phường {TB}",
        "Ủy ban Mặt trận Tổ quốc Việt Nam quận Tân Bình",
    ]:
        assert label in got


# -- the bloc plan: province never named ---------------------------------------------------------------


def test_bloc_header(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BLOC]
    assert doc.number == "162-KH/ĐUK"
    assert (
        doc.issuer is not None
        and doc.issuer.label == "Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)"
    )
    assert doc.issuer.level == "bloc"
    assert not doc.jurisdiction.known and doc.jurisdiction.level == "province"
    assert doc.date is None
    assert {i.code for i in doc.issues} >= {"unknown-jurisdiction", "no-date"}
    assert doc.signature is not None and doc.signature.signer == "Trần Văn Thuận"


def test_bloc_references_keep_the_province_unknown(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BLOC]
    assert relations(doc) == {
        ("this", "implements", "28-CT/TW"),
        ("this", "implements", "181-KH/TU"),
        ("181-KH/TU", "implements", "28-CT/TW"),
    }
    plan_181 = next(r for r in doc.references if r.number == "181-KH/TU")
    assert plan_181.date == PartialDate(2024, 3, 18)
    assert plan_181.issuer is not None and not plan_181.issuer.jurisdiction.known
    assert plan_181.issuer.jurisdiction.key == doc.jurisdiction.key


def test_bloc_obligations_and_reporting(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed[BLOC]
    leads = {o.section_path: labels(o.leads) for o in doc.obligations}
    assert leads == {
        "II.1": [],
        "II.2": [],
        "II.3": [],
        "III.1": [f"Cấp ủy các đảng bộ, chi bộ cơ sở {UNKNOWN}"],
        "III.2": [f"Các tổ chức chính trị - xã hội cấp khối {UNKNOWN}"],
        "III.3": ["Ban Tuyên giáo và Dân vận Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)"],
    }
    plans = {o.section_path: labels(o.requires_plan_from) for o in doc.obligations if o.requires_plan_from}
    assert plans == {"III.1": [f"Cấp ủy các đảng bộ, chi bộ cơ sở {UNKNOWN}"]}
    [duty] = doc.duties
    assert labels(duty.recipients) == ["Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)"]
    assert labels(duty.reporters) == [
        "Ban Tuyên giáo và Dân vận Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)"
    ]


# -- provenance on every fact ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", [LAI_CHAU, BAC_AI, TAN_BINH, BLOC])
def test_every_span_is_the_exact_source_text(parsed: dict[str, ParsedDocument], name: str) -> None:
    doc = parsed[name]
    spans = [o.span for o in doc.obligations] + [t.span for t in doc.targets] + [d.span for d in doc.duties]
    spans += [r.span for r in doc.references] + [a.span for o in doc.obligations for a in o.leads + o.supports]
    assert spans
    for span in spans:
        assert 0 <= span.start < span.end <= len(doc.text)
        assert doc.text[span.start : span.end] == span.text
