"""Find documents named in a paragraph, with their dates, issuers and the relation the text states."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import doctypes
from loaders.agencies import match_at
from loaders.context import DocContext, Para
from loaders.model import AgencyRef, DocumentRef, PartialDate

_TYPE_ALT = "|".join(f"(?P<t_{k}>{p})" for k, (_, p) in doctypes.DOC_TYPES.items())
# A document type word, optionally "số", then a number (matched on folded text).
_CITATION = re.compile(rf"(?<![a-z])(?:{_TYPE_ALT})(?:\s+so)?\s*:?\s*(?=\d)")
_LAW = re.compile(
    r"(?<![a-z])luat\s+(?P<title>(?:[a-z]+,?\s+){1,24}?)(?:so\s+(?P<num>\d{1,4}/(?:19|20)\d\d/[a-z0-9]+)\s+)?"
    r"(?:ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+)?nam\s+(?P<y>(?:19|20)\d\d)(?!\d)"
)
_DATE = re.compile(r"\s*,?\s*ngay\s+(?P<d>\d{1,2})\s*(?:/|thang)\s*(?P<m>\d{1,2})\s*(?:/|nam)\s*(?P<y>(?:19|20)\d\d)")
_OF = re.compile(r"\s*,?\s*cua\s+")
_NESTED = re.compile(r"(?:ve\s+)?(?:viec\s+)?(?:trien khai\s+)?(?:thuc hien|trien khai)\s*$")
_ALIAS = re.compile(r"\(\s*sau day (?:viet|goi) tat la[^)]*\)")
# The word a clause of the preamble opens with sets its citations' relation; a proposal it answers ("xét đề nghị
# của Sở … tại Văn bản số …") is only cited.
_OPENERS = {
    "thuc hien": "implements",
    "trien khai": "implements",
    "can cu": "basedOn",
    "xet de nghi": "cites",
    "theo de nghi": "cites",
}
# A title naming what it implements: "Kế hoạch thực hiện Chỉ thị số …", "Chương trình hành động triển khai …".
_TITLE_IMPLEMENTS = re.compile(
    rf"^[-\s]*(?:{_TYPE_ALT.replace('(?P<t_', '(?P<tt_')})?\s*(?:v/v\s+|ve viec\s+)?(?:trien khai\s+)?"
    r"(?:thuc hien|trien khai)\s*$"
)
_ISSUE_VERB = re.compile(
    r"(?:ban hanh|xay dung)(?:\s+kem theo\s+(?:quyet dinh|van ban)\s+nay)?\s+(?:ke hoach|chuong trinh)"
    r"(?:\s+hanh dong)?(?:\s+trien khai)?\s+thuc hien\s*$"
)


@dataclass
class _Raw:
    ref: DocumentRef
    start: int
    end: int


def _date(folded: str, pos: int) -> tuple[PartialDate | None, int]:
    m = _DATE.match(folded, pos)
    if not m:
        return None, pos
    return PartialDate(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m.end()


_DIGIT = re.compile(r"\d")


def _citations(ctx: DocContext, para: Para) -> list[_Raw]:
    """Every document citation in the paragraph, left to right (relation still unset)."""
    text, folded = para.text, para.folded
    if _DIGIT.search(text) is None:  # every citation has a number or a year
        return []
    masked = _ALIAS.sub(lambda m: " " * len(m.group()), folded)
    found: list[_Raw] = []
    for m in _CITATION.finditer(masked):
        num = doctypes.NUMBER.match(text, m.end())
        if not num:
            continue
        doc_type = str(m.lastgroup)[2:]  # the one type alternative (t_Plan, t_Directive …) that matched
        number = doctypes.normalise_number(num)
        date, end = _date(folded, num.end())
        issuer: AgencyRef | None = None
        of = _OF.match(folded, end)
        if of and (mention := match_at(text, folded, of.end())) is not None:
            issuer = ctx.agency(para, mention)
            end = mention.end
        ref = DocumentRef("cites", number, doc_type, ctx.span(para, m.start(), num.end()), date, issuer)
        found.append(_Raw(ref, m.start(), end))
    pos = 0
    while (law := _LAW.search(masked, pos)) is not None:
        if text[law.start()] != "L":  # a law's title is capitalised: 'pháp luật về trẻ em …' names none
            pos = law.start() + 1
            continue
        pos = law.end()
        title = "Luật " + text[law.start("title") : law.end("title")].strip(" ,")
        law_number = re.sub(r"\s+", "", text[law.start("num") : law.end("num")]) if law.group("num") else None
        ref = DocumentRef(
            "cites",
            law_number,
            "Law",
            ctx.span(para, law.start(), law.end()),
            PartialDate(int(law.group("y"))),
            title=title,
        )
        found.append(_Raw(ref, law.start(), law.end()))
    found.sort(key=lambda r: r.start)
    return found


def extract(ctx: DocContext, para: Para, preamble: bool, title: bool = False) -> list[DocumentRef]:
    """References in one paragraph; in the title and preamble, 'Thực hiện' / 'Căn cứ' set the relation, each clause
    (between semicolons) by the word it opens with; a title '… thực hiện X' implements X."""
    raws = _citations(ctx, para)
    out: list[DocumentRef] = []
    previous: _Raw | None = None
    for raw in raws:
        gap = para.folded[previous.end if previous else 0 : raw.start]
        if previous is not None and _NESTED.search(gap) and ";" not in gap:
            previous.ref.implements.append(raw.ref)  # "X ... về triển khai thực hiện Y": X implements Y
            previous = raw
            continue
        clause = para.folded.rfind(";", 0, raw.start) + 1
        words = para.folded[clause:].lstrip(" -+")
        opener = next((rel for word, rel in _OPENERS.items() if words.startswith(word)), None) if preamble else None
        if opener is None and preamble and clause:  # a clause that opens with no word of its own: the paragraph's
            words = para.folded.lstrip(" -+")
            opener = next((rel for word, rel in _OPENERS.items() if words.startswith(word)), None)
        if preamble and (
            _ISSUE_VERB.search(gap)
            or (previous is None and _TITLE_IMPLEMENTS.match(gap))
            or (title and previous is None and _ENDS_IMPLEMENTING.search(gap))
        ):
            raw.ref.relation = "implements"
        elif opener and (previous is None or ";" in gap or re.match(r"^[\s,]*(?:va\s|,)", gap) or gap.strip() == ""):
            raw.ref.relation = opener
        elif preamble and previous is not None and previous.ref.relation == "implements" and _AND.match(gap):
            raw.ref.relation = "implements"  # "… thực hiện X và Y": both
        out.append(raw.ref)
        previous = raw
    return out


# "thực hiện X [về …] [(sau đây gọi tắt là …)] và Y": both implemented
_AND = re.compile(r"^\s*(?:ve\s[^;]*?)?(?:\(\s*sau day[^)]*\)\s*)?(?:va|,)\s*$")
_ENDS_IMPLEMENTING = re.compile(r"(?:thuc hien|trien khai)\s*$")
