"""The document frame fixed by Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW: issuing body under
its parent body, motto, number and symbol, "V/v" subject, place and date; read whether the two header columns
arrive stacked, side by side on one line (as PDF and Word text gives them) or partly missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.agencies import match_at
from loaders.context import Para
from loaders.folding import ffold
from loaders.layout import Block, is_caps

_COLUMNS = re.compile(r"\t+|\s{2,}|\s*\|\s*")
# The motto column: the state's, the party's (Hướng dẫn 36-HD/VPTW) or the youth union's ('ĐOÀN TNCS HỒ CHÍ MINH').
_MOTTOS = (
    r"cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|dang cong san viet nam"
    r"|doan (?:tncs|thanh nien cong san) ho chi minh"
)
_MOTTO = re.compile(
    rf"^(?:{_MOTTOS})"
    r"\W*$"
)
_PARTY_MOTTO = re.compile(r"dang cong san viet nam")
PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*ngay\s*(?P<d>\d{1,2})?\s*(?:thang|/)\s*(?P<m>\d{1,2})?\s*(?:nam|/)\s*"
    r"(?P<y>(?:19|20)\d\d)"
)
_NUMBER = re.compile(r"^s[oố]\s*[:.]?\s*(?=[\d/-]|$)", re.I)
_SUBJECT = re.compile(r"^(?:v/v|ve viec)\b")
_RULE = re.compile(r"^[\s*_=~.·•–—-]*$")
_STANDING = re.compile(r"^(?:ban thuong vu|thuong truc|ban chap hanh)$")


@dataclass
class Cell:
    """One column's text on one line, with its source offsets."""

    text: str
    start: int

    @property
    def block(self) -> Block:
        return Block(
            self.text,
            list(range(self.start, self.start + len(self.text))),
            self.start + len(self.text),
            is_caps(self.text),
        )


@dataclass
class Frame:
    """What the header says, each part as a Para (with offsets into the source) or None when absent."""

    lines: list[Para] = field(default_factory=list)  # the issuing-body lines, parent body first
    parent: Para | None = None  # cơ quan chủ quản ("UBND TỈNH THANH HÓA" above "SỞ Y TẾ")
    issuer: Para | None = None  # the issuing body, its lines joined
    standing: str | None = None  # "Ban Thường vụ" when the issuer line names only the standing body
    number: Para | None = None
    subject: Para | None = None  # "V/v …" of a letter
    place_date: Para | None = None
    party: bool = False  # "ĐẢNG CỘNG SẢN VIỆT NAM": a party document


def _para(cells: list[Cell]) -> Para:
    block = Block.joined([c.block for c in cells]) if len(cells) > 1 else cells[0].block
    return Para(block, ffold(block.text))


def _cells(text: str, start: int, end: int) -> list[list[Cell]]:
    """Each non-blank line of text[start:end] split into its columns: at tabs, runs of spaces and table bars, and
    around the parts whose wording is fixed (the motto, 'Số: …', 'place, ngày … năm …') even when a single space
    separates them from the other column, as text pulled from a PDF may."""
    rows: list[list[Cell]] = []
    offset = start
    for raw in text[start:end].split("\n"):
        cells: list[Cell] = []
        pos = 0
        for a, b in _fixed_parts(raw):
            cells.extend(_split(raw[pos:a], offset + pos))
            cells.extend(_split(raw[a:b], offset + a, whole=True))
            pos = b
        cells.extend(_split(raw[pos:], offset + pos))
        if cells:
            rows.append(cells)
        offset += len(raw) + 1
    return rows


_MOTTO_ANY = re.compile(_MOTTOS)
_NUMBER_AT = re.compile(
    r"^[\s|*]*(?P<n>s[oố]\s*[:.]?\s*(?:\d[\d ]*)?\s*(?:[-/]\S*(?:\s?[-/]\s?[^\s,]+|\s?[^\s,]*[-/][^\s,]*)*)?)",
    re.IGNORECASE,
)
_PLACE_DATE_ANY = re.compile(
    r"(?P<pd>(?:[^\s,|]+ ){0,5}[^\s,|]+,\s*ngay\b[\s\d]*(?:thang|/)[\s\d]*(?:nam|/)\s*(?:19|20)\d\d)"
)


def _fixed_parts(raw: str) -> list[tuple[int, int]]:
    """Spans of a header line whose wording is fixed: the motto, the number, the place and date."""
    folded = ffold(raw)
    spans = [(m.start(), m.end()) for m in _MOTTO_ANY.finditer(folded)]
    number = _NUMBER_AT.match(raw)
    floor = 0
    if number is not None and number.group("n").strip() and re.search(r"\d|[-/]", number.group("n")):
        spans.append((number.start("n"), number.end("n")))
        floor = number.end("n")
    for m in _PLACE_DATE_ANY.finditer(folded, floor):
        a = m.start()
        words = raw[a : m.end()].split(",")[0].split(" ")
        if not words[-1].isupper():  # the place is written in running case: drop capitals of the left column before it
            while len(words) > 1 and words[0].isupper():
                a += len(words.pop(0)) + 1
        if not any(x < m.end() and a < y for x, y in spans):
            spans.append((a, m.end()))
    return sorted(spans)


def _split(raw: str, at: int, whole: bool = False) -> list[Cell]:
    """The cells of a stretch of a line: one if `whole`, else split at column gaps."""
    cells: list[Cell] = []
    pos = 0
    for piece in [raw] if whole else _COLUMNS.split(raw):
        here = raw.index(piece, pos) if piece else pos
        pos = here + len(piece)
        stripped = piece.strip(" *|\u00a0")
        if stripped:
            cells.append(Cell(stripped, at + here + piece.index(stripped)))
    return cells


def _right(cell: Cell) -> bool:
    folded = " ".join(ffold(cell.text).split())
    return bool(_MOTTO.match(folded) or PLACE_DATE.match(folded))


def _merge(row: list[Cell], source: str) -> list[Cell]:
    """Rejoin pieces of one column that stray spaces split ('ỦY  BAN NHÂN DÂN')."""
    out: list[Cell] = []
    for cell in row:
        if out and not _right(out[-1]) and not _right(cell):
            prev = out[-1]
            out[-1] = Cell(source[prev.start : cell.start + len(cell.text)], prev.start)
        else:
            out.append(cell)
    return out


def read(source: str, start: int, end: int) -> Frame:
    """The frame of the header that spans source[start:end]."""
    frame = Frame()
    left: list[Cell] = []
    subject: list[Cell] = []
    for row in _cells(source, start, end):
        for cell in _merge(row, source):
            folded = " ".join(ffold(cell.text).split())
            if _RULE.match(cell.text):
                continue
            if _PARTY_MOTTO.search(folded):
                frame.party = True
            if _MOTTO.match(folded):
                continue
            if PLACE_DATE.match(folded):
                frame.place_date = frame.place_date or _para([cell])
            elif _NUMBER.match(cell.text):
                frame.number = frame.number or _para([cell])
            elif _SUBJECT.match(folded) or (subject and not is_caps(cell.text)):
                subject.append(cell)
            elif is_caps(cell.text) and frame.number is None and not subject:
                left.append(cell)
    if subject:
        frame.subject = _para(subject)
    _issuer(frame, left)
    return frame


def _issuer(frame: Frame, cells: list[Cell]) -> None:
    """Split the issuing-body lines into the parent body and the issuer: the issuer is the shortest run of last
    lines that reads as one body ('SỞ Y TẾ' under 'UBND TỈNH THANH HÓA'; 'ỦY BAN NHÂN DÂN' / 'TỈNH NGHỆ AN' is one)."""
    frame.lines = [_para([c]) for c in cells]
    if not cells:
        return
    last = " ".join(ffold(cells[-1].text).split())
    if _STANDING.match(last) and len(cells) > 1:  # "TỈNH ỦY X" / "BAN THƯỜNG VỤ"
        frame.standing = cells[-1].text
        cells = cells[:-1]
    for i in range(len(cells) - 1, -1, -1):
        para = _para(cells[i:])
        mention = match_at(para.text, para.folded, 0)
        if mention is not None and mention.end >= len(para.text.rstrip(" .,:;")) - 1:
            frame.issuer = para
            frame.parent = _para(cells[:i]) if i else None
            return
    frame.issuer = _para(cells)


_INDENT = 24  # a line's only cell starting this far in stands in the right-hand column


def columns(source: str, start: int, end: int) -> tuple[list[Para], list[Para]]:
    """The lines of source[start:end] as (left column, right column) paragraphs, one a cell, for a block laid out
    side by side (Nơi nhận on the left, the signature on the right); ([], []) when no line has two columns."""
    rows = _cells(source, start, end)
    if not any(len(row) > 1 for row in rows):
        return [], []
    left: list[Para] = []
    right: list[Para] = []
    for row in rows:
        first = row[0]
        line_start = source.rfind("\n", 0, first.start) + 1
        if len(row) == 1 and first.start - line_start >= _INDENT:
            right.append(_para([first]))
            continue
        left.append(_para([first]))
        right.extend(_para([cell]) for cell in row[1:])
    return left, right
