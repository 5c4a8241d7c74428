"""Write a plan given as text into a PDF the way an official's file is printed (Nghị định 30/2020/NĐ-CP, A4): the
header's two columns side by side, the type heading and title centred in bold, justified body paragraphs wrapped to
the page, pipe tables as ruled tables, page numbers from page 2; or as a scan of that print with no text layer."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from plan_parts import header_and_body
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Table, TableStyle

REGULAR, BOLD = "DejaVuSerif", "DejaVuSerif-Bold"  # Debian's fonts-dejavu-core: a serif with Vietnamese glyphs
for _name in (REGULAR, BOLD):
    registerFont(TTFont(_name, f"/usr/share/fonts/truetype/dejavu/{_name}.ttf"))

_LEFT, _RIGHT, _TOP, _BOTTOM = 30 * mm, 20 * mm, 20 * mm, 20 * mm
_WIDTH = A4[0] - _LEFT - _RIGHT
_SIZE, _CELL, _PAD = 13, 11, 4  # body and table text in points, cell padding
_BODY = ParagraphStyle(
    "body", fontName=REGULAR, fontSize=_SIZE, leading=17, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6
)
_STRONG = ParagraphStyle("strong", _BODY, fontName=BOLD)
_TYPE = ParagraphStyle(
    "type", _STRONG, fontSize=14, leading=18, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=14, spaceAfter=2
)
_TITLE = ParagraphStyle("title", _TYPE, spaceBefore=0, spaceAfter=0)
_CELL_TEXT = ParagraphStyle("cell", fontName=REGULAR, fontSize=_CELL, leading=13.5, alignment=TA_LEFT)
_CELL_HEAD = ParagraphStyle("head", _CELL_TEXT, fontName=BOLD, alignment=TA_CENTER)
_SIGN_LEFT = ParagraphStyle("sign", _CELL_TEXT, fontSize=12, leading=15)
_SIGN_RIGHT = ParagraphStyle("signer", _SIGN_LEFT, fontName=BOLD, fontSize=_SIZE, leading=17, alignment=TA_CENTER)
_GAP = re.compile(r" {3,}")  # columns typed apart with spaces (a signature block beside "Nơi nhận")


def _upper(line: str) -> bool:
    """A line in capitals (agency names, section headings, the signer's title): set in bold."""
    return any(c.isalpha() for c in line) and line == line.upper()


def _rule(line: str) -> bool:
    """A typed stand-in for a short drawn line ("-----", "_______")."""
    return len(line.strip()) >= 3 and set(line.strip()) <= set("-_")


class _Header(Flowable):
    """The header's two columns side by side (40% and 60% of the width), line i of each at the same height."""

    LEADING = 18

    def __init__(self, left: list[str], right: list[str]) -> None:
        super().__init__()
        left, right = ([line.replace("\t", "    ") for line in lines] for lines in (left, right))
        self.columns = ((left, 0.0, 0.4), (right, 0.4, 0.6))  # (lines, start, share of the width)
        self.rows = max(len(left), len(right))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.rows * self.LEADING

    def draw(self) -> None:
        for lines, start, share in self.columns:
            centre, room = (start + share / 2) * self.width, share * self.width - 8
            fonts = [BOLD if _upper(line) or line.startswith("Độc lập") else REGULAR for line in lines]
            fit = [_SIZE * room / stringWidth(line, font, _SIZE) for line, font in zip(lines, fonts, strict=True)]
            size = {f: min([_SIZE] + [s for s, font in zip(fit, fonts, strict=True) if font == f]) for f in set(fonts)}
            for i, (line, font) in enumerate(zip(lines, fonts, strict=True)):  # bold lines of a column shrunk alike
                y = (self.rows - i - 0.75) * self.LEADING
                if _rule(line):
                    self.canv.setLineWidth(0.6)
                    self.canv.line(centre - room / 6, y + 4, centre + room / 6, y + 4)
                else:
                    self.canv.setFont(font, size[font])
                    self.canv.drawCentredString(centre, y, line)


def _grid(rows: list[list[str]]) -> Table:
    """A table ruled cell by cell, its first row as the header row (repeated on each page the table runs onto)."""
    n = max(len(r) for r in rows)
    columns = [[r[c] if c < len(r) else "" for r in rows] for c in range(n)]
    floor = [
        max((stringWidth(w, BOLD, _CELL) for v in col for w in v.split()), default=0) + 2 * _PAD for col in columns
    ]
    want = [max(len(v) for v in col) for col in columns]
    widths = [f + (_WIDTH - sum(floor)) * w / (sum(want) or 1) for f, w in zip(floor, want, strict=True)]
    cells = [[Paragraph(escape(v), _CELL_HEAD if r == 0 else _CELL_TEXT) for v in row] for r, row in enumerate(rows)]
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    style += [(f"{side}PADDING", (0, 0), (-1, -1), _PAD) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]
    return Table(
        [r + [""] * (n - len(r)) for r in cells],
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(style),
        spaceBefore=3,
        spaceAfter=9,
    )


def _columns(pairs: list[list[str]]) -> Table:
    """Lines typed as two columns (recipients beside the signature): a borderless table, line i of each side by side."""
    cells = [
        [Paragraph(escape(p[0]), _SIGN_LEFT), Paragraph(escape(p[-1] if len(p) > 1 else ""), _SIGN_RIGHT)]
        for p in pairs
    ]
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return Table(cells, colWidths=[0.55 * _WIDTH, 0.45 * _WIDTH], style=style)


def _story(left: list[str], right: list[str], body: list[str]) -> list[Flowable]:
    """The flowables of the page: header, type heading, title, then paragraphs, tables and typed columns."""
    story: list[Flowable] = [_Header(left, right), Paragraph(escape(body[0].strip()), _TYPE)]
    i = 1
    while i < len(body) and body[i].strip() and not _rule(body[i]):
        story.append(Paragraph(escape(body[i].strip()), _TITLE))
        i += 1
    story.append(HRFlowable(width="25%", thickness=0.6, color="black", spaceBefore=6, spaceAfter=10))
    if i < len(body) and _rule(body[i]):  # the typed line under the title: drawn above
        i += 1
    rows: list[list[str]] = []
    pairs: list[list[str]] = []
    for line in [*body[i:], ""]:
        if line.startswith("|") or line.count("\t") >= 2:  # a pipe table, or a table pasted as tab-separated text
            cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.strip().strip("|").split("|"))]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            story.append(_grid(rows))
            rows = []
        if line.strip() and (pairs or _GAP.search(line.rstrip())):
            pairs.append(_GAP.split(line.rstrip(), maxsplit=1))
            continue
        if pairs:
            story.append(_columns(pairs))
            pairs = []
        if _rule(line):
            story.append(HRFlowable(width="25%", thickness=0.6, color="black", spaceAfter=6))
        elif line.strip():
            story.append(Paragraph(escape(line.strip()), _STRONG if _upper(line) else _BODY))
    return story


def _page_number(canvas: Canvas, document: BaseDocTemplate) -> None:
    """Page numbers centred in the top margin, from page 2 (Nghị định 30/2020/NĐ-CP)."""
    canvas.setFont(REGULAR, _SIZE)
    canvas.drawCentredString(_LEFT + _WIDTH / 2, A4[1] - 13 * mm, str(document.page))


def plan_as_pdf(text: str) -> bytes:
    """The plan's text as a printed A4 PDF's bytes, with a text layer."""
    left, right, body = header_and_body(text)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=_LEFT,
        rightMargin=_RIGHT,
        topMargin=_TOP,
        bottomMargin=_BOTTOM,
        title=body[0].strip(),
        invariant=True,
    )
    document.build(_story(left, right, body), onLaterPages=_page_number)
    return out.getvalue()


def _scanned(page: Image.Image, rng: np.random.Generator, dpi: int) -> Image.Image:
    """One page as a scanner gives it back: grey, a little askew, paper grain and specks of dust, slightly soft."""
    page = page.convert("L").rotate(rng.uniform(-0.5, 0.5), Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(page, dtype=np.float32) * 0.9 + 12  # ink not quite black, paper not quite white
    pixels += rng.standard_normal(pixels.shape, dtype=np.float32) * 3
    specks = rng.random(pixels.shape, dtype=np.float32) < 0.0002
    pixels[specks] = rng.uniform(0, 120, int(specks.sum()))
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5 * dpi / 300))


def plan_as_scan(text: str, dpi: int = 300, seed: int = 0) -> bytes:
    """The printed plan scanned back to an image-only PDF's bytes (no text layer), its noise fixed by seed."""
    pdf = pdfium.PdfDocument(plan_as_pdf(text))
    pages = [
        _scanned(pdf[i].render(scale=dpi / 72, grayscale=True).to_pil(), np.random.default_rng([seed, i]), dpi)
        for i in range(len(pdf))
    ]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:], creationDate=None, modDate=None)
    return out.getvalue()


def pdf_page_count(data: bytes) -> int:
    """How many pages the PDF has."""
    return len(pdfium.PdfDocument(data))
