"""OCR slips in the names the lexicons know, put right: a sector, a mass organisation, a province or an organ read
with a tone mark lost or wrong ("Văn phong", "Xã hôi") gets the spelling the lexicon has, letter for letter (the
text keeps its length, so every offset and place stays), and each repair is noted with what OCR read."""

from __future__ import annotations

import functools
import re

from loaders import admin_units
from loaders.folding import ffold
from loaders.lexicon import MASS_ORGANISATIONS, SECTORS
from loaders.source import Segment

# Organ names the agency lexicon writes out in full.
_ORGANS = ("Ủy ban nhân dân", "Hội đồng nhân dân", "Văn phòng", "Ủy ban Mặt trận Tổ quốc Việt Nam")


@functools.cache
def _known() -> tuple[dict[str, str], re.Pattern[str]]:
    """The known names by their folded form, and one pattern finding any of them (longest first) in folded text."""
    names = [*SECTORS, *MASS_ORGANISATIONS, *(u.name for u in admin_units.provinces()), *_ORGANS]
    by_fold = {ffold(n).lower(): n for n in names if len(n) >= 5}
    alternatives = "|".join(re.escape(f) for f in sorted(by_fold, key=len, reverse=True))
    return by_fold, re.compile(rf"(?<![0-9a-z])(?:{alternatives})(?![0-9a-z])")


def _in_case_of(surface: str, known: str) -> str:
    return "".join(
        k.upper() if s.isupper() else k.lower() if s.islower() else k for s, k in zip(surface, known, strict=True)
    )


def repair(text: str) -> tuple[str, list[Segment]]:
    """`text` with the known names it misspells put right, and a note for each repair naming what was read."""
    by_fold, pattern = _known()
    folded = ffold(text).lower()
    pieces: list[str] = []
    notes: list[Segment] = []
    last = 0
    for m in pattern.finditer(folded):
        surface = text[m.start() : m.end()]
        fixed = _in_case_of(surface, by_fold[m.group()])
        if fixed == surface:
            continue
        pieces += [text[last : m.start()], fixed]
        notes.append(Segment(m.start(), m.end(), f"repaired: OCR read '{surface}'"))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces), notes


_ROMAN_READ = re.compile(r"[IVXLl1|]{1,6}[.,:;-]?")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")


_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral up to XXXIX."""
    digits = [_VALUES[c] for c in numeral.rstrip(".-")]
    return sum(-d if d < after else d for d, after in zip(digits, [*digits[1:], 0], strict=True))


def roman(n: int) -> str:
    tens, units = divmod(n, 10)
    return "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][units]


def renumbered(numerals: list[str]) -> list[str]:
    """Part numbers in reading order with a misread one put right: one that repeats the number before it, or skips
    one, while the number after it is the one after the expected, is the expected one ("II., II., IV." -> III.)."""
    values = [roman_value(n) for n in numerals]
    fixed = list(numerals)
    for k in range(1, len(values)):
        expected = values[k - 1] + 1
        after = values[k + 1] if k + 1 < len(values) else None
        if values[k] != expected and (after is None or after == expected + 1):
            values[k] = expected
            fixed[k] = roman(expected) + ("-" if numerals[k].endswith("-") else ".")
    return fixed


def roman_heading(first: str, following: str) -> str | None:
    """The number of a part heading ("II. CHỈ TIÊU"), as OCR may misread it ("IL", "Il.", "1I"), put right; None
    when `first` is no Roman numeral (nor a misreading of one) or the words after it are not a heading in capitals."""
    if not _ROMAN_READ.fullmatch(first) or not following or not following.isupper():
        return None
    if first.rstrip(".,:;-").isdigit():
        return None  # "1." numbers an item in Arabic figures
    numeral = first.rstrip(".,:;-").replace("l", "I").replace("1", "I").replace("|", "I")
    numeral = numeral[0] + numeral[1:].replace("L", "I")  # L only as a slip here: no part runs to fifty
    if not _ROMAN.fullmatch(numeral):
        return None
    return numeral + ("-" if first.endswith("-") else ".")  # a party document writes "II-" (Hướng dẫn 36)
