"""Word (.docx) documents as canonical text: body paragraphs in order with the list numbers Word generates
restored from the numbering definitions, and tables as pipe rows (a merged cell whole, a multi-line cell on its
row), each piece mapped back to its paragraph or table cell."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from loaders.readers.assembly import Assembly
from loaders.readers.legacy_encodings import convert_text, legacy_text_encoding
from loaders.readers.numbering import letters, roman
from loaders.source import IngestError, SourceText, canonical

# What a .docx may unpack to: the text of the longest plans is far smaller, their pictures included.
UNPACKED_LIMIT = 64 << 20


def _format(fmt: str, n: int) -> str:
    """A level's counter as Word writes it for the level's number format."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = letters(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the formats with no Vietnamese use


@dataclass
class _Level:
    fmt: str
    text: str  # lvlText: "%1.", "%1)", "%1.%2.", or the bullet character
    start: int


@dataclass
class Numbering:
    """The document's list definitions, and the counters of the lists met so far in reading order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)  # numId -> the counter of each level
    styles: dict[str, list] = field(default_factory=dict)  # style id -> its paragraph properties, then its bases'
    default_style: str | None = None  # the paragraph style of a paragraph that names none

    @classmethod
    def of(cls, document: Document) -> Numbering:
        found = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return found  # no lists in this document
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"))): _Level(
                    _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", int(_val(lvl, "w:start") or 1)
                )
                for lvl in node.findall(qn("w:lvl"))
            }
        for num in root.findall(qn("w:num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl, start = int(override.get(qn("w:ilvl"))), _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    level = levels[ilvl]
                    levels[ilvl] = _Level(level.fmt, level.text, int(start))
            found.levels[num.get(qn("w:numId"))] = levels
        found._read_styles(document)
        return found

    def _read_styles(self, document: Document) -> None:
        """Each paragraph style's chain of properties (itself, its base, …), read once: python-docx would look
        the style up again for every paragraph, which was most of the reading time."""
        by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
        for first, node in by_id.items():
            chain, seen, style = [], set(), node
            while style is not None and style.get(qn("w:styleId")) not in seen:
                seen.add(style.get(qn("w:styleId")))
                chain.append(style.find(qn("w:pPr")))
                style = by_id.get(_val(style, "w:basedOn") or "")
            self.styles[first] = chain
            if node.get(qn("w:type")) == "paragraph" and node.get(qn("w:default")) in ("1", "true"):
                self.default_style = first

    def label(self, paragraph: Paragraph) -> str | None:
        """The list number or bullet Word shows before the paragraph ("1.", "a)", "1.2.", "-"), if any."""
        reference = self._list_reference(paragraph)
        if reference is None:
            return None
        num, ilvl = reference
        levels = self.levels.get(num)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num, [levels[i].start - 1 if i in levels else 0 for i in range(9)])
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):  # a new item restarts the levels below it
            counters[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"  # whatever glyph Word draws (often a Symbol-font character), the plan's dash item
        text = level.text
        for i in range(ilvl + 1):
            fmt = levels[i].fmt if i in levels else "decimal"
            text = text.replace(f"%{i + 1}", _format(fmt, max(counters[i], 1)))
        return text.strip() or None

    def _list_reference(self, paragraph: Paragraph) -> tuple[str, int] | None:
        """(numId, level) of a paragraph in a list: its own numbering, else its style's (or the style's base's)."""
        own = paragraph._p.pPr
        style = _val(own, "w:pStyle") if own is not None else None
        return _numbering_of([own, *self.styles.get(style or self.default_style or "", [])])


def _val(node, tag: str) -> str | None:
    child = node.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _numbering_of(sources: list) -> tuple[str, int] | None:
    """The first numbering among paragraph properties, nearest first (numId 0 switches numbering off)."""
    for ppr in sources:
        numpr = None if ppr is None else ppr.find(qn("w:numPr"))
        if numpr is None:
            continue
        num, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        if num is None or num == "0":  # numId 0 switches numbering off
            return None
        return num, int(ilvl or 0)
    return None


def _cell_text(cell) -> str:
    """A cell's paragraphs on one line: a multi-line cell stays whole in its row; a bar is not a column."""
    lines = [" ".join(p.text.split()) for p in cell.paragraphs]
    return " ".join(line for line in lines if line).replace("|", "/")


def _table(out: Assembly, table: Table, number: int) -> None:
    """One pipe row per table row. A horizontally merged cell is one cell; a vertically merged one repeats its
    text on each row it spans, so every task row keeps its owner."""
    out.gap()
    for r, row in enumerate(table.rows, 1):
        cells: list[tuple[int, str]] = []
        seen: list[object] = []
        for c, cell in enumerate(row.cells, 1):
            if seen and cell._tc is seen[-1]:
                continue  # the same merged cell again (gridSpan)
            seen.append(cell._tc)
            cells.append((c, _cell_text(cell)))
        if not any(text for _, text in cells):
            continue
        out.pipe_row(f"table {number}, row {r}", cells)
    out.gap()


def _layout(out: Assembly, table: Table, number: int) -> None:
    """A two-column table above the body (the header: issuer and number on the left, motto, place and date on the
    right) as Word shows it: each column's lines side by side, line by line, as the header reader takes them."""
    out.gap()
    for r, row in enumerate(table.rows, 1):
        columns = [
            [line.strip() for p in cell.paragraphs for line in p.text.split("\n") if line.strip()]  # breaks too
            for cell in row.cells[:2]
        ]
        out.side_by_side(f"table {number}, row {r}", columns)
    out.gap()


def read_docx(data: bytes, path: str) -> SourceText:
    """The document's text in reading order, or an IngestError naming the file when Word could not open it."""
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise IngestError(path, f"not a readable Word document (.docx): {exc}") from None
    if unpacked > UNPACKED_LIMIT:
        raise IngestError(
            path, f"the Word document unpacks to {unpacked:,} bytes, over {UNPACKED_LIMIT:,}: not read (a ZIP bomb?)"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as exc:
        raise IngestError(path, f"not a readable Word document (.docx): {exc}") from None
    _soft_hyphens_as_text(document)
    out = _assemble(document, _without_soft_hyphens)
    encoding = legacy_text_encoding(out.text())
    if encoding is not None:  # typed in a .VnTime or VNI font: read again, each piece converted
        out = _assemble(document, partial(convert_text, encoding=encoding))
    text = out.text()
    if canonical(text) != text:  # a piece ended in a base letter and the next began with a combining mark
        text, origin = canonical(text), []
    else:
        origin = out.origin
    if not text.strip():
        raise IngestError(path, "the Word document has no text (a scan pasted in as a picture?)")
    return SourceText(path=path, text=text, format="docx", origin=tuple(origin), encoding=encoding)


def _soft_hyphens_as_text(document: Document) -> None:
    """Word's optional hyphen (w:softHyphen, which python-docx skips) as U+00AD in the text: invisible in Unicode
    text, but in a document typed in a TCVN3 font the byte 0xAD is the letter ư."""
    for mark in list(document.element.body.iter(qn("w:softHyphen"))):
        text = OxmlElement("w:t")
        text.text = "\u00ad"
        mark.addprevious(text)
        mark.getparent().remove(mark)


def _without_soft_hyphens(piece: str) -> str:
    return piece.replace("\u00ad", "")


def _assemble(document: Document, convert: Callable[[str], str] | None = None) -> Assembly:
    """The body in reading order: paragraphs with their list numbers, the header table, the other tables."""
    numbering = Numbering.of(document)
    out = Assembly(convert)
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            paragraph = Paragraph(child, document)
            label, text = numbering.label(paragraph), paragraph.text.strip()
            if not text:
                out.gap()
                continue
            out.line(f"{label} {text}" if label else text, f"paragraph {paragraphs}")
        elif child.tag == qn("w:tbl"):
            tables += 1
            table = Table(child, document)
            above_body = not out.origin or all(s.where.startswith("table") for s in out.origin)
            if above_body and len(table.columns) == 2:
                _layout(out, table, tables)
            else:
                _table(out, table, tables)
    return out
