"""Numeric targets (chỉ tiêu): one target per percentage, with comparator, year and indicator."""
from __future__ import annotations

import re
from decimal import Decimal

from .context import DocContext, Para
from .model import Target

_HORIZON = re.compile(r"(?:den|trong|vao)\s+nam\s+(?P<y>(?:19|20)\d\d)")
# A percentage, with the words before it that set the comparator (folded text).
_NUMBER = re.compile(
    r"(?:(?P<cmp>(?:xuong\s+)?duoi|tren|khong qua|toi da|toi thieu|it nhat|khong duoi|xuong|bang)\s+)?"
    r"(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>%|‰|phan tram)")
_COMPARATORS = {"duoi": "<", "xuong duoi": "<", "tren": ">", "khong qua": "<=", "toi da": "<=",
                "toi thieu": ">=", "it nhat": ">=", "khong duoi": ">=", "xuong": "<=", "bang": "="}
_MARKER = re.compile(r"^\s*(?:\(\d+\)\.?|\d+\.|[-+•])\s*")
_LEAD_VERB = re.compile(r"^(?:phan dau|dat|giam|tang|nang|duy tri|dam bao)\s+")
_TAIL_VERB = re.compile(r"\s+(?:dat|dam bao|duy tri|phan dau|xuong)\s*$")
_TRAILER = re.compile(r"\s*,?\s*(?:trong do|cu the)\s*:?\s*$")


def _value(raw: str) -> Decimal:
    """'84,3' -> 84.3 (Vietnamese decimal comma)."""
    return Decimal(raw.replace(",", "."))


def _clauses(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a paragraph, split at ';' and sentence ends."""
    out, start = [], 0
    for m in re.finditer(r";|\.(?=\s|$)", folded):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(folded)))
    return [(a, b) for a, b in out if folded[a:b].strip()]


def _trim(text: str, folded: str, pattern: re.Pattern[str], repeat: bool, head: bool) -> tuple[str, str]:
    """Cut matches of `pattern` from the head (or tail) of text, keeping text and folded aligned."""
    while (m := pattern.search(folded)) and m.group():
        text, folded = (text[m.end():], folded[m.end():]) if head else (text[:m.start()], folded[:m.start()])
        if not repeat:
            break
    return text, folded


def _indicator_before(text: str, folded: str) -> str:
    """The indicator written before its number: 'Tỷ lệ … đạt 98%' -> 'Tỷ lệ …'."""
    cut = len(text) - len(text.lstrip())
    text, folded = text[cut:], folded[cut:]
    text, folded = _trim(text, folded, _MARKER, False, True)
    cut = len(text) - len(text.lstrip())
    text, folded = _trim(text[cut:], folded[cut:], _LEAD_VERB, True, True)
    text, folded = _trim(text, folded, _TAIL_VERB, True, False)
    return text.strip(" ,:;-")


def in_paragraph(ctx: DocContext, para: Para, year: int | None, path: str) -> list[Target]:
    """Targets stated in one paragraph: every percentage is one target."""
    out: list[Target] = []
    text, folded = para.text, para.folded
    for a, b in _clauses(folded):
        hits = list(_NUMBER.finditer(folded, a, b))
        clause_verb = _LEAD_VERB.match(_MARKER.sub("", folded[a:b].lstrip(), count=1))
        for i, m in enumerate(hits):
            cmp_words = " ".join((m.group("cmp") or "").split())
            comparator = _COMPARATORS.get(cmp_words, ">=")
            if clause_verb and clause_verb.group().startswith("giam") and comparator == ">=":
                comparator = "<="
            before = _indicator_before(text[a:m.start()], folded[a:m.start()]) if i == 0 else ""
            if len(before.split()) >= 2:
                indicator = before
            else:
                stop = hits[i + 1].start() if i + 1 < len(hits) else b
                glue = re.search(r"\s+(?:va|,)\s*$", folded[m.end():stop]) if i + 1 < len(hits) else None
                end = m.end() + glue.start() if glue else stop
                indicator, _ = _trim(text[m.end():end], folded[m.end():end], _TRAILER, False, False)
                indicator = indicator.strip(" ,:;.-")
            unit = "%" if m.group("u") in ("%", "phan tram") else m.group("u")
            lead = len(folded[a:b]) - len(folded[a:b].lstrip())
            out.append(Target(indicator, _value(m.group("v")), unit, comparator, year,
                              ctx.span(para, a + lead, b), path))
    return out


def horizon(folded: str) -> int | None:
    """The year a heading like 'Đến năm 2025' sets for the targets under it."""
    m = _HORIZON.search(folded)
    return int(m.group("y")) if m else None
