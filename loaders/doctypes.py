"""Document types and document numbers: how the text names them and what a number's suffix says."""

from __future__ import annotations

import re

# Document type concept -> (Vietnamese label, folded pattern as written before a number or as a heading).
DOC_TYPES: dict[str, tuple[str, str]] = {
    "ActionProgramme": ("Chương trình hành động", r"chuong trinh hanh dong"),
    "Programme": ("Chương trình", r"chuong trinh"),
    "Directive": ("Chỉ thị", r"chi thi"),
    "Plan": ("Kế hoạch", r"ke hoach"),
    "Decision": ("Quyết định", r"quyet dinh"),
    "Resolution": ("Nghị quyết", r"nghi quyet"),
    "Decree": ("Nghị định", r"nghi dinh"),
    "Circular": ("Thông tư", r"thong tu"),
    "Conclusion": ("Kết luận", r"ket luan"),
    "Guidance": ("Hướng dẫn", r"huong dan"),
    "Letter": ("Công văn", r"cong van|van ban"),
    "Notice": ("Thông báo", r"thong bao"),
    "Report": ("Báo cáo", r"bao cao"),
    "Law": ("Luật", r"luat"),
}

# Type abbreviations in a number's symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III) -> document type concept.
TYPE_CODES: dict[str, str] = {
    "nq": "Resolution",
    "qd": "Decision",
    "ct": "Directive",
    "tb": "Notice",
    "hd": "Guidance",
    "ctr": "Programme",
    "kh": "Plan",
    "bc": "Report",
    "kl": "Conclusion",
    "nd": "Decree",
    "tt": "Circular",
}

# Register code (who issues under it) -> (issuer kind, level of its jurisdiction).
REGISTERS: dict[str, tuple[str, str]] = {
    "tw": ("party-central", "central"),
    "ttg": ("prime-minister", "central"),
    "cp": ("government", "central"),
    "qh15": ("national-assembly", "central"),
    "ubtvqh15": ("national-assembly", "central"),
    "tu": ("party-committee", "province"),
    "hu": ("party-committee", "district"),
    "qu": ("party-committee", "district"),
    "thu": ("party-committee", "district"),
    "duk": ("bloc-party-committee", "province"),
    "ubnd": ("people-committee", "any"),
}

# "28-CT/TW", "28- CT/TW", "3597/KH-UBND", "176/2025/QH15", "42/2025/NĐ-CP", "1685/NQ-UBTVQH15".
NUMBER = re.compile(
    r"(?<![\w/])(?P<n>\d{1,5})(?:\s*/\s*(?P<y>(?:19|20)\d\d))?\s*[-/]\s*(?P<code>[A-ZĐ][A-Za-zĐđ0-9]{0,7})"
    r"(?:\s*[/-]\s*(?P<reg>[A-ZĐ][A-Za-zĐđ0-9&]{0,12})(?:-(?P<unit>[A-ZĐ][A-Za-zĐđ0-9&]{0,12}))?)?(?![\w])"
)
# A blank number as printed: "Số: /KH-UBND", "Số -KH/HU".
BLANK_NUMBER = re.compile(r"^S[ốo]\s*:?\s*(?P<suffix>[-/]\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)?)\s*$")


def normalise_number(m: re.Match[str]) -> str:
    """The number as officials print it, without stray spaces: '28- CT/TW' -> '28-CT/TW'."""
    return re.sub(r"\s+", "", m.group(0))


def code_key(text: str) -> str:
    """Folded type/register code: 'ĐUK' -> 'duk', 'NĐ' -> 'nd'."""
    return text.replace("Đ", "D").replace("đ", "d").lower()


def register_of(number_or_suffix: str) -> str | None:
    """Register code of a number or blank-number suffix: '28-CT/TW' -> 'tw', '/KH-UBND' -> 'ubnd'."""
    parts = [code_key(p) for p in re.split(r"[-/\s]+", number_or_suffix) if p and not p.isdigit()]
    for p in reversed(parts):
        if p in REGISTERS:
            return p
    for p in parts:
        if p.startswith("ubnd"):
            return "ubnd"
    return None


def type_of_number(number_or_suffix: str) -> str | None:
    """Document type its symbol names ('215/KH-UBND' -> Plan); None for a letter's symbol ('2259/UBND-VX')."""
    parts = [code_key(p) for p in re.split(r"[-/\s]+", number_or_suffix) if p and not p.isdigit()]
    return TYPE_CODES.get(parts[0]) if parts else None
