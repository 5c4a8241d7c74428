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
