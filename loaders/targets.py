"""Numeric targets (chỉ tiêu): one target per percentage (%) or per-mille (‰) figure, with comparator, year and
indicator.

Comparator. The words right before the number set it, the one nearest the number winning, unless "trở lên" /
"trở xuống" follows the number: '<' dưới, thấp hơn ("xuống dưới", "giảm xuống dưới", "còn dưới"); '<=' không quá,
không vượt quá, tối đa, còn, xuống ("giảm còn", "giảm xuống còn"), "… trở xuống"; '>' trên, hơn, cao hơn; '>='
không dưới, tối thiểu, ít nhất, từ, lên, "… trở lên"; '=' bằng. Without one of these ("đạt 98%", a bare number) the
bound is '>=', or '<=' in a clause that opens with "giảm"; "ở mức" states a level with no direction: '=' (or '<='
under "giảm"). These words, the verbs and fillers next to the number (đạt, ở mức, đảm bảo, duy trì, phấn đấu,
khoảng, bình quân) and a starting value ("từ 15% xuống còn 12%") are not part of the indicator.

Year. A year written in the text ("Đến năm 2030, …", "… đạt 99% vào năm 2030", "trong năm 2025", "năm 2025: …")
wins over the heading's: a year before a number holds for it and for the numbers after it in the paragraph; a year
right after a number, or after the last number of a clause, holds for that number only. A bare "năm 2020" (as in
"so với năm 2020", a baseline) is not a horizon. Year words are not part of the indicator.

Rates of change. A number per year ("giảm bình quân 2%/năm", "tăng 5% mỗi năm") is the yearly change of the
indicator: unit '%/năm' (or '‰/năm'), value signed (a reduction is negative) and the comparator bounds the signed
change, so "giảm bình quân 2%/năm" is '<=' -2 (down by at least 2 a year) and "tăng 5%/năm" is '>=' 5. A change with
no period ("giảm 10% số vụ") is neither a level nor a yearly rate and is not a target.

Not targets: meeting other targets ("Phấn đấu đạt 100% các chỉ tiêu trong Chương trình hành động …"): a number
of targets (chỉ tiêu, mục tiêu), written after it or as its indicator, measures compliance, not children's welfare.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loaders.context import DocContext, Para
from loaders.folding import key
from loaders.model import Target

_YEAR = re.compile(
    r"(?<![a-z])(?:(?:den|trong|vao)\s+(?:(?:het|cuoi)\s+)?nam\s+|nam\s+(?=\d{4}\s*:))"
    r"(?P<y>(?:19|20)\d\d)(?!\d)"
)
_YEAR_WORDS = re.compile(_YEAR.pattern + r"\s*[,:]?")
_NUM = r"\d{1,3}(?:[.,]\d{1,3})?"
_UNIT = r"%|‰|phan\s+tram|phan\s+(?:nghin|ngan)"
# Words before a number (folded, single-spaced): (phrase, the bound it sets or None), each before any it starts.
_PHRASES: list[tuple[str, str | None]] = [
    ("khong vuot qua", "<="),
    ("khong qua", "<="),
    ("toi da", "<="),
    ("con", "<="),
    ("xuong", "<="),
    ("khong duoi", ">="),
    ("khong thap hon", ">="),
    ("khong it hon", ">="),
    ("toi thieu", ">="),
    ("it nhat", ">="),
    ("len", ">="),
    ("them", ">="),
    ("thap hon", "<"),
    ("duoi", "<"),
    ("cao hon", ">"),
    ("tren", ">"),
    ("hon", ">"),
    ("bang", "="),
    (rf"tu {_NUM}\s*(?:{_UNIT})(?= (?:(?:giam|tang) )?(?:xuong|len|con) )", None),
    ("tu", ">="),
    ("dat", None),
    ("o muc", None),
    ("dam bao", None),
    ("duy tri", None),
    ("phan dau", None),
    ("khoang", None),
    ("chi", None),
    ("giam", None),
    ("tang", None),
    ("binh quan", None),
    ("(?:moi|hang) nam", None),
]
_BOUNDS = {p: b for p, b in _PHRASES if b}
_PHRASE = re.compile(r"(?<![0-9a-z])(?:" + "|".join("(?:" + p + ")" for p, _ in _PHRASES) + r")(?=\s)")
_NUMBER = re.compile(
    rf"(?P<pre>(?:(?:{_PHRASE.pattern})\s+)*)(?P<v>{_NUM})\s*(?P<u>{_UNIT})"
    r"(?P<per>(?:\s*/\s*(?:1\s+|mot\s+)?|\s+(?:moi|hang)\s+)nam(?![a-z]))?(?P<tail>\s+tro\s+(?:len|xuong)(?![a-z]))?"
)
# Words after the last "giảm"/"tăng" that make the number a level to reach, not the size of the change.
_LEVEL = {
    "con",
    "xuong",
    "len",
    "dat",
    "o muc",
    "bang",
    "duoi",
    "khong qua",
    "khong vuot qua",
    "toi da",
    "dam bao",
    "duy tri",
}
_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "="}
_META = re.compile(r"^(?:cac |nhung )?(?:chi tieu|muc tieu)\b")
_MARKER = re.compile(r"^\s*(?:\(\d+\)\.?|\d+\.|[-+•])\s*")
_LEAD_VERB = re.compile(r"^(?:va|phan dau|dat|giam|tang|nang|duy tri|dam bao)\s+")
_TRAILER = re.compile(r"\s*,?\s*(?:trong do|cu the)\s*:?\s*$")
# Counted targets ("có ít nhất 15 xã …", "xuống dưới 5 vụ/năm"): a bound, a whole number, the noun counted.
COUNT_NOUNS = (
    r"xa|phuong|thi tran|huyen|quan|thanh pho|truong hop|truong(?: hoc| mam non| tieu hoc)?|tre em|em|vu|co so|diem"
    r"|cap|thon|to dan pho|ban|ap|xom|khom|khu pho"
    r"|lop|mo hinh|hoc sinh|nguoi|gia dinh|ho|khu|cau lac bo|nhom|be boi|cong tac vien|diem vui choi|san choi"
    r"|thieu nhi|doi vien|doan vien"
)
_COUNT_BOUNDS = {
    "khong vuot qua",
    "khong qua",
    "toi da",
    "khong duoi",
    "toi thieu",
    "it nhat",
    "duoi",
    "tren",
    "xuong",
    "con",
    "them",
}
_COUNT = re.compile(
    rf"(?P<pre>(?:(?:{_PHRASE.pattern})\s+)+)(?P<v>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,5}})(?:\s*/\s*\d{{1,5}})?\s+"
    rf"(?P<noun>(?:{COUNT_NOUNS}))(?![a-z])(?P<per>\s*/\s*nam(?![a-z]))?"
)


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
        text, folded = (text[m.end() :], folded[m.end() :]) if head else (text[: m.start()], folded[: m.start()])
        if not repeat:
            break
    return text, folded


def _cut_years(text: str, folded: str) -> tuple[str, str]:
    """Text without its year words ("Đến năm 2030, "), keeping text and folded aligned."""
    keep, start = [], 0
    for m in _YEAR_WORDS.finditer(folded):
        keep.append((start, m.start()))
        start = m.end()
    keep.append((start, len(folded)))
    return "".join(text[a:b] for a, b in keep), "".join(folded[a:b] for a, b in keep)


def _head(text: str, folded: str) -> tuple[str, str]:
    """Text without year words, list marker, leading punctuation and lead verbs."""
    text, folded = _trim(*_cut_years(text, folded), _MARKER, False, True)
    cut = len(folded) - len(folded.lstrip(" ,:;-"))
    return _trim(text[cut:], folded[cut:], _LEAD_VERB, True, True)


def _indicator_before(text: str, folded: str) -> str:
    """The indicator written before its number: 'Đến năm 2030, tỷ lệ … đạt 98%' -> 'tỷ lệ …'."""
    return " ".join(_head(text, folded)[0].split()).strip(" ,:;-")


def _indicator_after(text: str, folded: str) -> str:
    """The indicator written after its number: '100% trẻ em … vào năm 2025, trong đó:' -> 'trẻ em …'."""
    text, _ = _trim(*_cut_years(text, folded), _TRAILER, False, False)
    return " ".join(text.split()).strip(" ,:;.-")


def _lead_verbs(folded: str) -> set[str]:
    """The verbs a clause opens with ("Phấn đấu giảm tỷ lệ …" -> {'phan dau', 'giam'})."""
    _, rest = _trim(*_cut_years(folded, folded), _MARKER, False, True)
    rest = rest.lstrip(" ,:;-")
    verbs: set[str] = set()
    while m := _LEAD_VERB.match(rest):
        verbs.add(m.group().strip())
        rest = rest[m.end() :]
    return verbs


def _years(
    folded: str, span: tuple[int, int], hits: list[re.Match[str]], carried: int | None
) -> tuple[list[int | None], int | None]:
    """The year of each number of the clause folded[a:b], and the year carried on to the next clause."""
    a, b = span
    found = list(_YEAR.finditer(folded, a, b))
    out: list[int | None] = []
    for i, m in enumerate(hits):
        prev = hits[i - 1].end() if i else a
        heads = [y for y in found if prev <= y.start() < m.start() and (not i or folded[prev : y.start()].strip(" ,"))]
        if heads:
            carried = int(heads[-1].group("y"))
        stop = hits[i + 1].start() if i + 1 < len(hits) else b
        trailing = [
            y
            for y in found
            if m.end() <= y.start() < stop and (i + 1 == len(hits) or not folded[m.end() : y.start()].strip(" ,"))
        ]
        out.append(int(trailing[0].group("y")) if trailing else carried)
    return out, carried


def _bound(m: re.Match[str], clause: set[str]) -> tuple[str, Decimal, str] | None:
    """(comparator, value, unit) of one number, or None for a change with no period."""
    words = [" ".join(p.group().split()) for p in _PHRASE.finditer(m.group("pre"))]
    cmps = [_BOUNDS[w] for w in words if w in _BOUNDS]
    if m.group("tail"):
        cmps.append(">=" if m.group("tail").endswith("len") else "<=")
    last = max((i for i, w in enumerate(words) if w in ("giam", "tang")), default=-1)
    change = words[last] if last >= 0 else None
    level = any(w in _LEVEL for w in words[last + 1 :])
    unit = "%" if m.group("u") == "%" or m.group("u").endswith("tram") else "‰"
    value = _value(m.group("v"))
    per = m.group("per") or ""
    yearly = any(w.endswith(" nam") for w in words) or bool(per)
    if "/" in per or (yearly and not level and (change or "binh quan" in words or clause & {"giam", "tang"})):
        reduce = change == "giam" if change else "giam" in clause
        comparator = cmps[-1] if cmps else ">="
        return (_FLIP[comparator], -value, unit + "/năm") if reduce else (comparator, value, unit + "/năm")
    if change and not level:
        return None
    if cmps:
        return cmps[-1], value, unit
    if "giam" in clause:
        return "<=", value, unit
    return ("=" if "o muc" in words else ">="), value, unit


def in_paragraph(ctx: DocContext, para: Para, year: int | None, path: str) -> list[Target]:
    """Targets stated in one paragraph; `year` is the heading's, for numbers whose text gives none."""
    out: list[Target] = []
    text, folded = para.text, para.folded
    if "%" not in folded and "‰" not in folded and "phan" not in folded:  # no unit a target's number needs
        return out
    for a, b in _clauses(folded):
        hits = list(_NUMBER.finditer(folded, a, b))
        if not hits:
            continue
        clause = _lead_verbs(folded[a:b])
        years, year = _years(folded, (a, b), hits, year)
        first = _indicator_before(text[a : hits[0].start()], folded[a : hits[0].start()])
        before_mode = len(first.split()) >= 2
        indicator = ""
        for i, m in enumerate(hits):
            if before_mode:
                start = hits[i - 1].end() if i else a
                before = _indicator_before(text[start : m.start()], folded[start : m.start()])
                indicator = before if len(before.split()) >= 2 else indicator
            else:
                stop = hits[i + 1].start() if i + 1 < len(hits) else b
                glue = re.search(r"\s+(?:va|,)\s*$", folded[m.end() : stop]) if i + 1 < len(hits) else None
                end = m.end() + glue.start() if glue else stop
                indicator = _indicator_after(text[m.end() : end], folded[m.end() : end])
            bound = _bound(m, clause)
            if bound is None or _META.match(key(indicator)) or _META.match(key(folded[m.end() : b])):
                continue
            comparator, value, unit = bound
            lead = len(folded[a:b]) - len(folded[a:b].lstrip())
            out.append(Target(indicator, value, unit, comparator, years[i], ctx.span(para, a + lead, b), path))
    return out


def counts_in_paragraph(ctx: DocContext, para: Para, year: int | None, path: str) -> list[Target]:
    """Counted targets stated in one paragraph of a targets part ('có ít nhất 09 xã đạt chuẩn …'); the bound must
    be written ('ít nhất', 'dưới', 'không quá', …), so counts that only describe are not targets."""
    out: list[Target] = []
    text, folded = para.text, para.folded
    for a, b in _clauses(folded):
        hits = [
            m
            for m in _COUNT.finditer(folded, a, b)
            if any(" ".join(p.group().split()) in _COUNT_BOUNDS for p in _PHRASE.finditer(m.group("pre")))
        ]
        if not hits:
            continue
        years, year = _years(folded, (a, b), hits, year)
        for i, m in enumerate(hits):
            words = [" ".join(p.group().split()) for p in _PHRASE.finditer(m.group("pre"))]
            comparator = [_BOUNDS[w] for w in words if w in _BOUNDS][-1]
            value = Decimal(m.group("v").replace(".", ""))
            noun = text[m.start("noun") : m.end("noun")]
            indicator = " ".join(text[m.start("noun") : b].split()).strip(" ,:;.-")
            lead = len(folded[a:b]) - len(folded[a:b].lstrip())
            out.append(Target(indicator, value, noun, comparator, years[i], ctx.span(para, a + lead, b), path))
    return out


_HEADING_YEAR = re.compile(
    r"(?<![a-z])(?:giai doan\s+(?:19|20)\d\d\s*-\s*|nam\s+|ngay\s+\d{1,2}/\d{1,2}/)"
    r"(?P<y>(?:19|20)\d\d)(?!\d)"
)


def horizon(folded: str, heading: bool = False) -> int | None:
    """The year a heading like 'Đến năm 2025' sets for the targets under it; a heading may also say 'năm 2024'
    or 'giai đoạn 2024 - 2030' (its last year)."""
    m = _YEAR.search(folded) or (_HEADING_YEAR.search(folded) if heading else None)
    return int(m.group("y")) if m else None
