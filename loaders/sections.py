"""Split a plan's body into Roman-numeral sections and numbered items, each with its section path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.agencies import match_at
from loaders.context import Para

# Parts and items numbered "I.", "1.", "2.1." or, in party documents (Hướng dẫn 36-HD/VPTW), "I-", "1-".
_PART = re.compile(r"^(?:ph[aầ]n\s+)?(?P<n>[IVXL]{1,5}|[A-H])(?:\.|\s?-(?=\s)|:)\s*(?P<title>.*)$", re.IGNORECASE)
# Words a part's title opens with: a part written in running case ("II. Nhiệm vụ, giải pháp") is one by its words.
_PART_WORDS = re.compile(
    r"^(?:muc dich|yeu cau|quan diem|muc tieu|chi tieu|nhiem vu|giai phap|to chuc thuc hien"
    r"|kinh phi|che do|trach nhiem|phan cong|noi dung|de xuat|kien nghi|ket qua|tinh hinh|danh gia"
    r"|phuong huong|dac diem|thuc trang|doi voi|de nghi|cong tac)"
)
# "1.", "1-", "1)", and sub-items "1.1." or "1.1" without the last stop
_ITEM = re.compile(
    r"^(?P<n>\d{1,2}(?:\.\d{1,2})*)(?:\.(?!\d)|-(?=\s)|\)(?=\s)|(?<=\d\.\d)(?=\s)|(?<=\d\.\d\d)(?=\s))"
    r"\s*(?P<rest>.*)$"
)
_LETTER = re.compile(r"^(?P<n>[a-zđ])[).]\s+(?P<rest>.*)$")
# A part that looks back (a report's results, a notice's assessment): it states what was done, it assigns nothing.
REVIEW = (
    r"^(?!.*(?:chi tieu|muc tieu|nhiem vu|giai phap|phuong huong))"
    r"(?:(?:\d{1,2}\.\s*)?(?:ket qua|danh gia|tinh hinh|thuc trang|nhung ket qua|ton tai|han che))"
)
_BRACKETED = re.compile(r"^\((?P<n>\d{1,2})\)\s*(?P<rest>.*)$")
_ARTICLE = re.compile(r"^(?P<n>Điều\s+\d{1,2})\s*[.:]\s*(?P<rest>.*)$")  # a decision's articles
_KINDS: list[tuple[str, str]] = [
    ("review", REVIEW),
    ("requests", r"^(?:\d{1,2}\.\s*)?(?:de nghi|kien nghi|de xuat)"),
    ("reporting", r"bao cao"),
    ("implementation", r"to chuc thuc hien|phan cong|trach nhiem"),
    ("funding", r"kinh phi"),
    ("tasks", r"nhiem vu|giai phap|^noi dung(?:\s+(?:thuc hien|trien khai|cong viec|chu yeu|trong tam|cu the))*\W*$"),
    ("targets", r"muc tieu|chi tieu"),
    ("purpose", r"muc dich|yeu cau|quan diem"),
]


def part_heading(para: Para, arabic: bool = False, following: Para | None = None) -> tuple[str | None, int] | None:
    """(number, where the title starts) of a part heading, None when the paragraph is not one: 'I. MỤC ĐÍCH', 'II- …',
    'PHẦN III. …', 'B. NHIỆM VỤ' (numbered and in capitals), 'II. Nhiệm vụ …' (numbered, titled with a part's
    words), 'NHIỆM VỤ, GIẢI PHÁP' (in capitals, a part's words, no number), and with `arabic` '2. NHIỆM VỤ …'."""
    m = _PART.match(para.text)
    if m is not None and m.group("n").isupper():
        roman = all(c in "IVXL" for c in m.group("n"))
        if para.block.caps and (roman or len(m.group("title")) > 3):
            return m.group("n"), m.start("title")
        if roman and _PART_WORDS.match(para.folded[m.start("title") :]):
            return m.group("n"), m.start("title")
    if not para.block.caps or len(para.text) > 100:
        return None
    if (
        arabic
        and (a := _ARABIC_PART.match(para.text)) is not None
        and _PART_WORDS.match(para.folded[a.start("title") :])
    ):
        return a.group("n"), a.start("title")
    if _ITEM.match(para.text):
        return None
    if _PART_WORDS.match(para.folded) or (
        _names_a_unit(para) and following is not None and _LISTED.match(following.text) is not None
    ):
        return None, 0  # "NHIỆM VỤ, GIẢI PHÁP"; "CÁC ĐƠN VỊ TRỰC THUỘC SỞ" over its items
    return None


_LISTED = re.compile(r"^(?:\d{1,2}[.)-]|[a-zđ][).]|\(\d{1,2}\)|[-+•–*])\s")


_ADDRESS = re.compile(r"(?:de nghi|doi voi|trach nhiem cua|giao)\s+")


def _names_a_unit(para: Para) -> bool:
    """Whether a heading in capitals is a unit's name (after 'ĐỀ NGHỊ', 'ĐỐI VỚI' …) and nothing more."""
    at = m.end() if (m := _ADDRESS.match(para.folded)) else 0
    mention = match_at(para.text, para.folded, at)
    return mention is not None and mention.end >= len(para.text.rstrip(" .:;"))


_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_ARABIC_PART = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<title>\S.*)$")


def section_kind(folded_title: str) -> str:
    """What a section is for, from its heading words."""
    for kind, pattern in _KINDS:
        if re.search(pattern, folded_title):
            return kind
    return "other"


@dataclass
class Item:
    """A numbered item ("2.", "2.1.") and the paragraphs under it up to the next item."""

    number: str
    head: Para
    rest: str  # heading text after the number
    rest_offset: int  # where `rest` starts in head.text
    body: list[Para] = field(default_factory=list)

    @property
    def paras(self) -> list[Para]:
        return [self.head, *self.body]

    @property
    def looks_back(self) -> bool:
        """Whether the item's heading reviews what was done ('1. Đánh giá chung', '2. Kết quả đạt được'); a task
        that starts with the same words ('7. Đánh giá kết quả thực hiện …, gửi báo cáo về Sở …') does not."""
        rest = self.head.folded[self.rest_offset :].strip()
        return len(rest) <= 60 and re.match(REVIEW, rest) is not None


@dataclass
class Section:
    """A Roman-numeral section: its number, heading, kind, loose paragraphs and numbered items."""

    roman: str
    title: str
    kind: str
    head: Para | None  # None for the unnumbered body of a letter or notice
    intro: list[Para] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def paras(self) -> list[Para]:
        return [*([self.head] if self.head else []), *self.intro, *(p for it in self.items for p in it.paras)]

    @property
    def body(self) -> list[Para]:
        """Everything under the heading."""
        return [*self.intro, *(p for it in self.items for p in it.paras)]


def split(paras: list[Para]) -> tuple[list[Para], list[Section]]:
    """(paragraphs before the first section, the sections). A text without Roman-numeral parts (a letter, a
    notice) has one unnamed section from its first numbered (or, failing that, lettered) paragraph on."""
    if any((p_ := part_heading(p)) and p_[0] for p in paras):
        return _roman(paras)
    if sum(1 for p in paras if (p_ := part_heading(p, arabic=True)) and p_[0]) >= 2:
        return _roman(paras, arabic=True)  # '1. MỤC ĐÍCH …', '2. NHIỆM VỤ …' numbered as parts, '2.1.' their items
    if sum(1 for p, q in zip(paras, [*paras[1:], None], strict=False) if part_heading(p, following=q)) >= 2:
        return _roman(paras)  # parts titled in capitals without numbers
    return _unnamed(paras)


def _unnamed(paras: list[Para]) -> tuple[list[Para], list[Section]]:
    pattern = next((p for p in (_ARTICLE, _ITEM, _LETTER) if any(p.match(para.text) for para in paras)), _LETTER)
    first = next((i for i, p in enumerate(paras) if pattern.match(p.text)), None)
    if first is None:
        return paras, []
    sec = Section("", "", "body", None)
    for para in paras[first:]:
        item = pattern.match(para.text)
        if item:
            sec.items.append(Item(item.group("n"), para, item.group("rest"), item.start("rest")))
        else:
            sec.items[-1].body.append(para)
    return paras[:first], [sec]


def _roman(paras: list[Para], arabic: bool = False) -> tuple[list[Para], list[Section]]:
    before: list[Para] = []
    sections: list[Section] = []
    for para, following in zip(paras, [*paras[1:], None], strict=False):
        part = part_heading(para, arabic, following)
        if part:
            number, at = part
            number = number or _ROMANS[len(sections) % len(_ROMANS)]  # an unnumbered part: its place in the text
            sections.append(Section(number, para.text[at:].strip(), section_kind(para.folded[at:]), para))
            continue
        if not sections:
            before.append(para)
            continue
        sec = sections[-1]
        item = _ITEM.match(para.text)
        if item:
            rest, number = item.group("rest"), item.group("n")
            if arabic and number.startswith(sec.roman + "."):  # '2.1.' under part '2.': its item 1
                number = number[len(sec.roman) + 1 :]
            sec.items.append(Item(number, para, rest, item.start("rest")))
        elif sec.items:
            sec.items[-1].body.append(para)
        else:
            sec.intro.append(para)
    for sec in sections:
        if not sec.items:
            _lettered(sec)
    return before, sections


def _lettered(sec: Section) -> None:
    """A part whose items are lettered ('a) Sở Tư pháp', 'b) …') or bracketed ('(1) …') rather than numbered: those
    are its items."""
    pattern = next((p for p in (_LETTER, _BRACKETED) if any(p.match(x.text) for x in sec.intro)), None)
    if pattern is None:
        return
    first = next(i for i, p in enumerate(sec.intro) if pattern.match(p.text))
    paras, sec.intro = sec.intro[first:], sec.intro[:first]
    for para in paras:
        item = pattern.match(para.text)
        if item:
            sec.items.append(Item(item.group("n"), para, item.group("rest"), item.start("rest")))
        else:
            sec.items[-1].body.append(para)


def top_items(section: Section) -> list[Item]:
    """Level-one items ("1.", "2."), each absorbing its sub-items ("2.1.") as body paragraphs."""
    out: list[Item] = []
    for it in section.items:
        if "." not in it.number or not out:
            out.append(Item(it.number.split(".")[0], it.head, it.rest, it.rest_offset, list(it.body)))
        else:
            out[-1].body.extend(it.paras)
    return out
