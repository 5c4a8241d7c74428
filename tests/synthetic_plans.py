"""Synthetic plans with the samples' structures and other units' names, each with the facts it states.

Used by the generalisation tests and the benchmarks: a corpus of N plans forms real cascades (province plan
-> district state and party plans -> bloc plans) across provinces drawn from the administrative-unit data,
in four layouts modelled on the samples (header or none, hard-wrapped lines, role lists, agency headings).
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from loaders import admin_units
from loaders.jurisdictions import from_unit

# Ways officials write the same department; the expected label is always the canonical one.
_SPELLINGS: dict[str, list[str]] = {
    "Lao động - Thương binh và Xã hội": [
        "Lao động - Thương binh và Xã hội",
        "Lao động – Thương binh và Xã hội",
        "LĐ-TBXH",
        "Lao động, thương binh và xã hội",
    ],
    "Giáo dục và Đào tạo": ["Giáo dục và Đào tạo", "GD&ĐT"],
    "Kế hoạch và Đầu tư": ["Kế hoạch và Đầu tư", "KH&ĐT"],
}
_PROVINCE_SECTORS = [
    "Lao động - Thương binh và Xã hội",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Tư pháp",
    "Văn hóa, Thể thao và Du lịch",
    "Thông tin và Truyền thông",
    "Kế hoạch và Đầu tư",
    "Tài chính",
    "Nội vụ",
    "Nông nghiệp và Phát triển nông thôn",
    "Tài nguyên và Môi trường",
    "Xây dựng",
]
_DISTRICT_SECTORS = [
    "Lao động - Thương binh và Xã hội",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Tư pháp",
    "Nội vụ",
    "Văn hóa và Thông tin",
    "Tài chính - Kế hoạch",
]
_DUTIES = [
    "tổ chức tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật về trẻ em",
    "rà soát, hoàn thiện cơ sở dữ liệu về trẻ em liên thông với cơ sở dữ liệu quốc gia về dân cư",
    "triển khai các giải pháp phòng, chống tai nạn thương tích, đuối nước ở trẻ em",
    "nâng cao chất lượng phổ cập giáo dục mầm non cho trẻ em dưới 5 tuổi",
    "thực hiện chính sách khám, chữa bệnh cho trẻ em dưới 6 tuổi",
    "kiểm tra, thanh tra việc thực hiện quyền trẻ em",
    "phòng ngừa bạo lực, xâm hại trẻ em trên môi trường mạng",
]
_INDICATORS = [
    "xã, phường, thị trấn phù hợp với trẻ em",
    "trẻ em dưới 5 tuổi được đăng ký khai sinh",
    "trường học có dịch vụ hỗ trợ tâm lý trẻ em",
    "trẻ em có hoàn cảnh đặc biệt được trợ giúp",
]
_RATE_INDICATORS = ["tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", "tỷ lệ tử vong trẻ em dưới 1 tuổi"]
_TITLE = (
    "về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước "
    "phồn vinh, hạnh phúc"
)


@dataclass
class Expected:
    """The facts a synthetic plan states, in the labels the parser should produce."""

    issuer: str
    number: str | None
    implements: list[str]
    issued: str = ""  # dd/mm/yyyy as the text prints it
    leads: dict[str, list[str]] = field(default_factory=dict)
    supports: dict[str, list[str]] = field(default_factory=dict)
    timeframes: dict[str, str] = field(default_factory=dict)
    plans_from: dict[str, list[str]] = field(default_factory=dict)
    targets: list[tuple[int, str, str]] = field(default_factory=list)  # (year, comparator, value)
    duties: list[tuple[str, str, tuple[int, int] | None]] = field(default_factory=list)  # reporter, recipient, due


@dataclass
class SyntheticPlan:
    """One generated plan: a file name, its text and what it states."""

    name: str
    text: str
    expected: Expected


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), 2024


def _department(rng: random.Random, sector: str, head: str) -> tuple[str, str]:
    """(as written, canonical name) for 'Sở X' / 'Phòng X'."""
    written = rng.choice(_SPELLINGS.get(sector, [sector]))
    return f"{head} {written}", f"{head} {sector}"


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def province_plan(self, province: admin_units.AdminUnit, programme: str) -> SyntheticPlan:
        """A People's Committee plan of a province (the layout of the Lai Châu sample)."""
        rng = self.rng
        d, m, y = _date(rng)
        number = f"{rng.randint(10, 4000)}/KH-UBND"
        pname = province.name
        where = f"tỉnh {pname}" if province.kind == "tỉnh" else f"Thành phố {pname}"
        issuer = f"Ủy ban nhân dân {where}"
        unit_word = "tỉnh" if province.kind == "tỉnh" else "thành phố"
        sectors = rng.sample(_PROVINCE_SECTORS, k=rng.randint(4, 8))
        sectors = ["Lao động - Thương binh và Xã hội", *(s for s in sectors if s != "Lao động - Thương binh và Xã hội")]
        lead = f"Sở Lao động - Thương binh và Xã hội {where}"
        exp = Expected(issuer, number, [programme], f"{d:02d}/{m:02d}/{y}")
        lines = [
            f"ỦY BAN NHÂN DÂN\n{province.full_name.upper()}",
            f"Số: {number}",
            f"{pname}, ngày {d} tháng {m} năm {y}",
            "KẾ HOẠCH",
            f"Thực hiện Chương trình hành động số {programme} ngày 05/3/2024 của Tỉnh ủy {pname} {_TITLE}",
            f"Thực hiện Chương trình hành động số {programme} ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy, "
            f"Ủy ban nhân dân {unit_word} ban hành Kế hoạch triển khai thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Nâng cao nhận thức, trách nhiệm của các cấp, các ngành về công tác trẻ em.",
            "II. MỤC TIÊU",
        ]
        for n, year in enumerate((2025, 2030), start=1):
            lines.append(f"{n}. Đến năm {year}")
            share = rng.randint(60, 95) + rng.choice([0, 0.5])
            rate = rng.randint(5, 20)
            value = f"{share:g}".replace(".", ",")
            lines.append(
                f"(1). {value}% {rng.choice(_INDICATORS)}; giảm {rng.choice(_RATE_INDICATORS)} xuống dưới {rate}%."
            )
            exp.targets += [(year, ">=", f"{share:g}"), (year, "<", str(rate))]
        lines += ["III. NHIỆM VỤ VÀ GIẢI PHÁP"]
        for n in range(1, rng.randint(3, 5)):
            lines.append(f"{n}. {rng.choice(_DUTIES).capitalize()}")
            exp.leads[f"III.{n}"] = []
        lines.append("IV. TỔ CHỨC THỰC HIỆN")
        for n, sector in enumerate(sectors, start=1):
            written, canonical = _department(rng, sector, "Sở")
            lines.append(f"{n}. {written}")
            path = f"IV.{n}"
            exp.leads[path] = [f"{canonical} {where}"]
            if n == 1:
                lines.append(
                    f"Chủ trì, phối hợp với các sở, ban, ngành liên quan {rng.choice(_DUTIES)}. Định kỳ "
                    f"hằng năm tổng hợp kết quả báo cáo Ủy ban nhân dân {unit_word}."
                )
                exp.supports[f"{path}.p2"] = [f"Các sở, ban, ngành liên quan ({where})"]
                exp.duties.append((lead, issuer, None))
            else:
                lines.append(f"Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội {rng.choice(_DUTIES)}.")
                exp.supports[f"{path}.p2"] = [lead]
            exp.leads[f"{path}.p2"] = exp.leads[path]  # the duty under the heading, led by it (inferred)
        n = len(sectors) + 1
        lines += [
            f"{n}. Ủy ban nhân dân các huyện, thị xã, thành phố",
            f"Xây dựng kế hoạch triển khai thực hiện trên địa bàn; {rng.choice(_DUTIES)}.",
        ]
        group = f"Ủy ban nhân dân các huyện, thị xã, thành phố ({where})"
        exp.leads[f"IV.{n}"] = [group]
        exp.plans_from[f"IV.{n}.p2"] = [group]
        exp.plans_from["IV.1.p2"] = []
        dd, mm = rng.randint(1, 28), rng.choice([6, 11, 12])
        lines += [
            "V. CHẾ ĐỘ THÔNG TIN BÁO CÁO",
            f"Các sở, ban, ngành, địa phương định kỳ hằng năm (trước ngày {dd:02d}/{mm:02d}) báo cáo "
            f"Ủy ban nhân dân {unit_word} (qua Sở Lao động - Thương binh và Xã hội).",
            "Nơi nhận:",
            "- Như trên;",
            "- Thường trực Tỉnh ủy;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn An",
        ]
        exp.duties.append((f"Các sở, ban, ngành, địa phương ({where})", issuer, (mm, dd)))
        return self._plan(province.code, lines, exp)

    def district_plan(
        self, province: admin_units.AdminUnit, district: admin_units.AdminUnit, parent: Expected
    ) -> SyntheticPlan:
        """A district People's Committee plan with role lists (the layout of the Tân Bình sample)."""
        rng = self.rng
        communes = [u for u in admin_units.children(district.code) if u.level == "commune"]
        kinds = sorted({u.kind for u in communes})
        word = kinds[0] if len(kinds) == 1 else "xã"
        count = sum(1 for u in communes if u.kind == word)
        dname = from_unit(district).name
        issuer = f"Ủy ban nhân dân {dname}"
        number = f"{rng.randint(10, 999)}/KH-UBND"
        d, m, y = _date(rng)
        offices = rng.sample(_DISTRICT_SECTORS, k=4)
        group = f"Ủy ban nhân dân {count} {word} ({dname})"
        exp = Expected(issuer, number, [parent.number or ""])
        lines = [
            f"ỦY BAN NHÂN DÂN\n{district.full_name.upper()}",
            f"Số: {number}",
            f"{district.name}, ngày {d} tháng {m} năm {y}",
            "KẾ HOẠCH",
            f"Thực hiện Kế hoạch số {parent.number} ngày {parent.issued} của {parent.issuer} {_TITLE}",
            f"Căn cứ Kế hoạch số {parent.number} ngày {parent.issued} của {parent.issuer};",
            f"Ủy ban nhân dân {district.kind} ban hành kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Cụ thể hóa các nhiệm vụ, giải pháp của kế hoạch cấp trên.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
        ]
        for n in range(1, rng.randint(3, 6)):
            path = f"II.{n}"
            lead_w, lead_c = _department(rng, offices[n % 4], "Phòng")
            sup_w, sup_c = _department(rng, offices[(n + 1) % 4], "Phòng")
            when = rng.choice(["Hằng năm", "Thường xuyên", "Hằng năm, giai đoạn 2024-2030", "Quý IV năm 2024"])
            lines += [
                f"{n}. {rng.choice(_DUTIES).capitalize()}.",
                f"- Đơn vị chủ trì: {lead_w}.",
                f"- Đơn vị phối hợp: {sup_w}, các ban, ngành, đoàn thể có liên quan và Ủy ban nhân dân {count} {word}.",
                f"- Thời gian thực hiện: {when}.",
            ]
            exp.leads[path] = [f"{lead_c} {dname}"]
            exp.supports[path] = [f"{sup_c} {dname}", f"Các ban, ngành, đoàn thể liên quan ({dname})", group]
            exp.timeframes[path] = when
        lines += [
            "III. TỔ CHỨC THỰC HIỆN",
            f"1. Ủy ban nhân dân {count} {word}",
            "- Căn cứ tình hình thực tế, xây dựng kế hoạch cụ thể và tổ chức triển khai thực hiện.",
        ]
        exp.leads["III.1"] = exp.leads["III.1.p2"] = [group]
        exp.plans_from["III.1.p2"] = [group]
        dd = rng.randint(1, 28)
        lines += [
            "IV. CHẾ ĐỘ BÁO CÁO",
            f"Ủy ban nhân dân {count} {word} gửi báo cáo định kỳ hằng năm (trước ngày {dd:02d} tháng 11) "
            f"về Ủy ban nhân dân {district.kind} (thông qua Phòng Lao động - Thương binh và Xã hội).",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Trần Thị Bình",
        ]
        exp.duties.append((group, issuer, (11, dd)))
        return self._plan(district.code, lines, exp)

    def party_district_plan(
        self, province: admin_units.AdminUnit, district: admin_units.AdminUnit, parent: str
    ) -> SyntheticPlan:
        """A district party committee plan, hard-wrapped with page debris (the layout of the Bác Ái sample)."""
        rng = self.rng
        d, m, y = _date(rng)
        number = f"{rng.randint(10, 300)}-KH/HU"
        committee = f"Ban Thường vụ Huyện ủy {district.name}"  # signed T/M BAN THƯỜNG VỤ
        pc = f"Ủy ban nhân dân huyện {district.name}"
        exp = Expected(committee, number, [parent, "28-CT/TW"])
        body = [
            f"Thực hiện Kế hoạch số {parent} ngày 20/02/2024 của Ban Thường vụ Tỉnh ủy, về triển khai thực "
            f"hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, {_TITLE}. Ban Thường vụ Huyện ủy ban "
            "hành kế hoạch triển khai thực hiện với các nội dung, cụ thể như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Quán triệt Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, tạo sự đồng thuận về nhận thức và "
            "thống nhất trong hành động của hệ thống chính trị và nhân dân toàn huyện đối với công tác trẻ em.",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP",
            f"1. {rng.choice(_DUTIES).capitalize()} trên địa bàn huyện, bảo đảm trẻ em được hưởng lợi ích tốt "
            "nhất, không bị phân biệt đối xử.",
            "III. TỔ CHỨC THỰC HIỆN",
            f"1. Ủy ban nhân dân huyện xây dựng kế hoạch triển khai thực hiện; {rng.choice(_DUTIES)}; định kỳ "
            "sơ kết, tổng kết, báo cáo Ban Thường vụ Huyện ủy kết quả thực hiện.",
            "2. Ban Tuyên giáo Huyện ủy hướng dẫn công tác thông tin, tuyên truyền thực hiện Kế hoạch này.",
        ]
        exp.leads = {"II.1": [], "III.1": [pc], "III.2": [f"Ban Tuyên giáo Huyện ủy {district.name}"]}
        exp.plans_from = {"III.1": [pc]}
        exp.duties.append((pc, f"Ban Thường vụ Huyện ủy {district.name}", None))
        wrapped: list[str] = [
            f"ĐẢNG BỘ {province.full_name.upper()}",
            f"HUYỆN ỦY {district.name.upper()}",
            f"*    {district.name}, ngày {d} tháng {m} năm {y}",
            f"Số {number}",
            "KẾ HOẠCH",
            f"Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, {_TITLE}",
            "-----",
        ]
        for paragraph in body:
            if paragraph[:3].rstrip(". ").isalpha() and paragraph.split(".")[0] in ("I", "II", "III"):
                wrapped.append(paragraph)
                continue
            wrapped.extend(textwrap.wrap(paragraph, width=78))
            if rng.random() < 0.2:
                wrapped.append(f"   {rng.randint(2, 9)}")
        wrapped += [
            "Nơi nhận:",
            "- Thường trực Tỉnh ủy,",
            "- Lưu Văn phòng huyện ủy.",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Lê Văn Cường",
        ]
        return self._plan(district.code, wrapped, exp, blank_lines=True)

    def _plan(self, code: str, lines: list[str], exp: Expected, blank_lines: bool = False) -> SyntheticPlan:
        self.count += 1
        sep = "\n\n" if blank_lines or self.rng.random() < 0.5 else "\n"
        return SyntheticPlan(f"{self.count:05d}_{code}.txt", sep.join(lines) + "\n", exp)


def corpus(n: int, seed: int = 0) -> list[SyntheticPlan]:
    """N plans forming cascades: per province one plan, then its districts' state and party plans."""
    writer = _Writer(seed)
    rng = writer.rng
    provinces = admin_units.provinces()
    out: list[SyntheticPlan] = []
    order = rng.sample(provinces, k=len(provinces))
    round_ = 0
    while len(out) < n:
        province = order[round_ % len(order)]
        round_ += 1
        programme = f"{rng.randint(10, 99)}-CTr/TU"
        plan = writer.province_plan(province, programme)
        out.append(plan)
        districts = [u for u in admin_units.children(province.code) if u.level == "district"]
        for district in rng.sample(districts, k=min(len(districts), 6)):
            if len(out) >= n:
                break
            if district.kind == "huyện" and rng.random() < 0.4:
                out.append(writer.party_district_plan(province, district, f"{rng.randint(100, 400)}-KH/TU"))
            else:
                out.append(writer.district_plan(province, district, plan.expected))
    return out[:n]
