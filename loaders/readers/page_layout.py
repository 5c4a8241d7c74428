"""Pages of positioned words (a PDF's text layer, or OCR of a scan) back into the text a plan was typed as: the
two-column header side by side, paragraphs rejoined across hard line wraps and page breaks, ruled tables as pipe
rows, running page numbers and repeated page headers dropped, each piece mapped to its page and line or cell.

The rules follow the layout Nghị định 30/2020/NĐ-CP (Phụ lục I) and Hướng dẫn 36-HD/VPTW prescribe: each header
column's lines centred on their column, the type heading and title centred below it, body paragraphs justified with
a first-line indent, page numbers centred in the top margin from page 2.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from loaders.readers.assembly import Assembly
from loaders.source import Segment

# Below this confidence (Tesseract's 0-100) an OCR word is flagged in the data-quality findings.
LOW_CONFIDENCE = 60.0


@dataclass(frozen=True)
class Word:
    """A word and its box on the page (points from the top left), with what the reader knows of its type."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False
    size: float = 0.0  # font size; OCR estimates it from the box
    confidence: float | None = None  # OCR's confidence, 0-100; None for a text layer
    read_as: str | None = None  # what OCR read, when a known slip was repaired


@dataclass
class Table:
    """A ruled table: its box and its rows of cell texts (None where a merged cell covers the grid position), with
    for each covered position whether the cell above spans down into it."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]
    spans_down: set[tuple[int, int]] = field(default_factory=set)
    read_as: dict[tuple[int, int], str] = field(default_factory=dict)  # OCR: cells put right, with what was read


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]  # the words outside the tables
    tables: list[Table] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)  # OCR: the words that number a part ("II."), by index


@dataclass
class Line:
    words: list[Word]
    page: int
    number: int = 0  # the line's number on its page, counted over the text kept

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return sum(w.bold for w in self.words) * 2 > len(self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    def segments(self, gap: float) -> list[Line]:
        """The line cut where words stand further apart than `gap` (the two header columns on one line)."""
        parts = [[self.words[0]]]
        for w in self.words[1:]:
            if w.x0 - parts[-1][-1].x1 > gap:
                parts.append([w])
            else:
                parts[-1].append(w)
        return [Line(p, self.page, self.number) for p in parts]


def lines_of(words: list[Word], page: int) -> list[Line]:
    """Words grouped into lines: a word joins the line whose vertical middle its own middle falls within."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (w.top + w.bottom) / 2
        if lines and lines[-1].top - 1 <= middle <= lines[-1].bottom + 1:
            lines[-1].words.append(w)
        else:
            lines.append(Line([w], page))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$", re.IGNORECASE)


def _drop_running_text(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page numbers and lines repeated at the same place on most pages, in the top and bottom margins."""

    def in_margin(line: Line, height: float) -> bool:
        return line.bottom < 0.09 * height or line.top > 0.91 * height

    repeated: Counter[tuple[str, int]] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        for line in {(re.sub(r"\d+", "#", ln.text), round(ln.top / 10)) for ln in lines if in_margin(ln, height)}:
            repeated[line] += 1
    common = {key for key, n in repeated.items() if n >= 3 and n * 2 >= len(pages)}
    for lines, height in zip(pages, heights, strict=True):
        lines[:] = [
            ln
            for ln in lines
            if not (
                in_margin(ln, height)
                and (_PAGE_NUMBER.match(ln.text) or (re.sub(r"\d+", "#", ln.text), round(ln.top / 10)) in common)
            )
        ]


@dataclass
class _Header:
    left: list[str]
    right: list[str]
    lines: int  # how many lines of the first page it took


def _header(lines: list[Line], width: float) -> _Header | None:
    """The two-column header at the top of the first page: lines whose pieces each sit centred on one of two
    column centres. The gutter between the columns is found on the lines where the columns stand clearly apart;
    every line of the header is then cut there. None when the page does not open with two columns."""
    top = lines[:14]
    pairs = [segs for segs in (ln.segments(0.03 * width) for ln in top) if len(segs) == 2]
    if not pairs:
        return None
    gutter = statistics.median((s[0].x1 + s[1].x0) / 2 for s in pairs)
    left_centre = statistics.median((s[0].x0 + s[0].x1) / 2 for s in pairs)
    right_centre = statistics.median((s[1].x0 + s[1].x1) / 2 for s in pairs)
    if right_centre - left_centre < 0.25 * width:
        return None
    tolerance = 0.06 * width
    left: list[str] = []
    right: list[str] = []
    taken = 0
    for line in top:
        sides = [
            Line([w for w in line.words if ((w.x0 + w.x1) / 2 < gutter) == is_left], line.page)
            for is_left in (True, False)
        ]
        placed = []
        for seg, column, centre in zip(sides, (left, right), (left_centre, right_centre), strict=True):
            if not seg.words:
                continue
            if abs((seg.x0 + seg.x1) / 2 - centre) > tolerance:
                break
            placed.append((column, seg.text))
        else:
            for column, text in placed:
                column.append(text)
            taken += 1
            continue
        break
    return _Header(left, right, taken) if left and right else None


def _cell(text: str | None) -> str:
    """A cell's lines on one line: a word broken at a hyphen rejoined, a bar not taken for a column."""
    if not text:
        return ""
    return re.sub(r"(?<=\w)-\n(?=\w)", "-", text).replace("\n", " ").replace("|", "/").strip()


# What opens an item of a list or a section: "1.", "2.1.", "a)", "đ)", "IV.", "-", "+", "•".
_ENUMERATOR = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVXL]{1,5}\.|[-+•–])\s")


class _Body:
    """Body lines rejoined into paragraphs, each line mapped to its page and line number."""

    def __init__(self, out: Assembly, left: float, right: float) -> None:
        self.out, self.left, self.right = out, left, right
        self.previous: Line | None = None
        self.pitch = 0.0
        self.justified = False  # most lines end on the right margin (as Nghị định 30 asks)

    def wrapped(self, prev: Line, line: Line) -> bool:
        """Whether `prev` ended only because the first word of `line` would not fit after it: on a centred line,
        in the width between the margins; otherwise before the right margin (on the margin itself in justified
        text, where only a paragraph's last line stops short)."""
        first = line.words[0]
        if self.centred(prev):
            return (prev.x1 - prev.x0) + 3.0 + (first.x1 - first.x0) > (self.right - self.left) + 1.0
        if self.justified and prev.x1 < self.right - 2.0:
            return False
        return (prev.x1 - self.left) + 3.0 + (first.x1 - first.x0) > (self.right - self.left) + 1.0

    def centred(self, line: Line) -> bool:
        """Centred between the margins, clear of both (a justified line runs from one margin to the other)."""
        clear = line.x0 > self.left + 3 and line.x1 < self.right - 3
        return clear and abs((line.x0 + line.x1) / 2 - (self.left + self.right) / 2) < 3.5

    def continues(self, line: Line, same_page: bool) -> bool:
        """Whether `line` carries on the paragraph of the line before it (a hard wrap), or starts a new one."""
        prev = self.previous
        if prev is None:
            return False
        if not self.wrapped(prev, line) or prev.bold != line.bold or abs(prev.size - line.size) > 0.6:
            return False
        if same_page and self.pitch and line.top - prev.bottom > 1.0 * self.pitch:
            return False
        if self.centred(line):  # a centred title wrapped: the line before is centred too, or fills the width
            return self.centred(prev) or prev.x0 < self.left + 3
        if _ENUMERATOR.match(line.text) and re.search(r"[.;:!?]$", prev.text):
            return False  # an item of a list after a finished sentence
        return line.x0 <= self.left + 8  # a first-line indent starts a paragraph

    def add(self, line: Line) -> None:
        prev = self.previous
        if self.continues(line, prev is not None and prev.page == line.page):
            joint = "" if prev is not None and re.search(r"\w-$", prev.text) else " "
            self.out.add(joint)
        elif prev is not None:
            self.out.add("\n")
        at = self.out.size
        where = f"page {line.page}, line {line.number}"
        if line.words[0].confidence is not None:  # read by OCR: the line's box on the page image, in points
            where += f" (box {line.x0:.0f},{line.top:.0f}-{line.x1:.0f},{line.bottom:.0f} pt)"
        self.out.add(line.text, where)
        for w in line.words:
            if w.read_as is not None:
                self.out.doubts.append(Segment(at, at + len(w.text), f"repaired: OCR read '{w.read_as}'"))
            elif w.confidence is not None and w.confidence < LOW_CONFIDENCE:
                self.out.doubts.append(Segment(at, at + len(w.text), f"OCR confidence {w.confidence:.0f}"))
            at += len(w.text) + 1
        self.previous = line

    def end(self) -> None:
        """A table or the document's end closes the paragraph."""
        if self.previous is not None:
            self.out.add("\n")
        self.previous = None


def assemble(pages: list[Page], out: Assembly) -> None:
    """Write the pages' text into `out`: the header side by side, the body's paragraphs and tables in reading order."""
    page_lines = [lines_of(p.words, p.number) for p in pages]
    _drop_running_text(page_lines, [p.height for p in pages])
    for lines in page_lines:
        for n, line in enumerate(lines, 1):
            line.number = n
    body = [ln for lines in page_lines for ln in lines]
    if not body and not any(p.tables for p in pages):
        return
    starts = Counter(round(ln.x0) for ln in body)
    # the left margin: the leftmost start many lines share (the most common start may be the indent of paragraphs)
    left = min((x for x, n in starts.items() if n >= max(3, 0.05 * len(body))), default=min(starts, default=0))
    right = statistics.quantiles([ln.x1 for ln in body], n=10)[-1] if len(body) > 2 else max(ln.x1 for ln in body)
    pitches = [b.top - a.top for a, b in itertools.pairwise(body) if a.page == b.page and 0 < b.top - a.top < 40]
    writer = _Body(out, left, right)
    writer.pitch = statistics.median(pitches) if pitches else 0.0
    writer.justified = sum(abs(ln.x1 - right) < 2 for ln in body) * 3 > len(body)
    header = _header(page_lines[0], pages[0].width) if page_lines and page_lines[0] else None
    if header is not None:
        out.side_by_side("page 1, header", [header.left, header.right])
        out.gap()
        page_lines[0] = page_lines[0][header.lines :]
    last_head: list[str | None] | None = None
    for page, lines in zip(pages, page_lines, strict=True):
        items: list[tuple[float, Line | Table]] = [(ln.top, ln) for ln in lines]
        items += [(t.bbox[1], t) for t in page.tables]
        tables_seen = 0
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, Line):
                writer.add(item)
                continue
            writer.end()
            tables_seen += 1
            rows = item.rows
            if rows and last_head is not None and rows[0] == last_head:
                rows = rows[1:]  # the heading row repeated on a continuation page
            elif rows:
                last_head = rows[0]
            _table(out, item, rows, page.number, tables_seen)
    writer.end()


def _table(out: Assembly, table: Table, rows: list[list[str | None]], page: int, number: int) -> None:
    out.gap()
    offset = len(table.rows) - len(rows)
    for r, row in enumerate(rows, 1 + offset):
        cells: list[tuple[int, str]] = []
        for c, text in enumerate(row, 1):
            if text is None and (r - 1, c - 1) in table.spans_down:  # a vertically merged cell: its text again
                text = next((table.rows[k][c - 1] for k in range(r - 2, -1, -1) if table.rows[k][c - 1]), None)
            if text is None:
                continue  # covered by a cell merged across
            cells.append((c, _cell(text)))
        if any(text for _, text in cells):
            placed = out.pipe_row(f"page {page}, table {number}, row {r}", cells)
            for (c, _), (start, end) in zip(cells, placed, strict=True):
                if (r - 1, c - 1) in table.read_as:
                    out.doubts.append(Segment(start, end, f"repaired: OCR read '{table.read_as[(r - 1, c - 1)]}'"))
    out.gap()
