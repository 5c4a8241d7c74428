"""PDF documents: the text layer read with pdfplumber (words with their boxes, ruled tables), laid back out as the
plan was typed (loaders.readers.page_layout); pages with no text layer go to OCR when Tesseract is installed."""

from __future__ import annotations

import io
import logging
import unicodedata

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from loaders.readers.assembly import Assembly
from loaders.readers.ocr import read_scanned_pdf
from loaders.readers.page_layout import Page, Table, Word, assemble
from loaders.source import IngestError, SourceText, canonical

# pdfminer reports every odd font it meets at WARNING; a reader's caller has nothing to do about them.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# More pages than any plan has: a file past it is refused rather than read for minutes.
PAGE_LIMIT = 400


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _table(found) -> Table:
    """A pdfplumber table as cell texts, noting which empty grid positions a cell above spans down into."""
    rows = found.extract()
    spans: set[tuple[int, int]] = set()
    boxes = [row.cells for row in found.rows]
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is not None or r == 0:
                continue
            above = next((boxes[k][c] for k in range(r - 1, -1, -1) if boxes[k][c] is not None), None)
            bottom = row_bottom(row)
            if above is not None and bottom is not None and above[3] >= bottom - 1:
                spans.add((r, c))
    return Table(bbox=found.bbox, rows=rows, spans_down=spans)


def row_bottom(row: list) -> float | None:
    bottoms = [box[3] for box in row if box is not None]
    return max(bottoms) if bottoms else None


def _page(page, number: int) -> Page:
    tables = [_table(t) for t in page.find_tables()]
    words = [
        w
        for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
        if not any(_inside(w, t.bbox) for t in tables)
    ]
    return Page(
        number=number,
        width=float(page.width),
        height=float(page.height),
        words=[
            Word(
                text=unicodedata.normalize("NFC", w["text"]),
                x0=w["x0"],
                x1=w["x1"],
                top=w["top"],
                bottom=w["bottom"],
                bold="bold" in w["fontname"].lower(),
                size=float(w["size"]),
            )
            for w in words
        ],
        tables=tables,
    )


def read_pdf(data: bytes, path: str) -> SourceText:
    """The document's text from its text layer (scanned pages through OCR), or an IngestError naming the file."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(path, "an encrypted PDF: save it without a password and ingest it again") from None
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        if isinstance(getattr(exc, "args", [None])[0], PDFPasswordIncorrect | PDFEncryptionError):
            raise IngestError(path, "an encrypted PDF: save it without a password and ingest it again") from None
        raise IngestError(path, f"not a readable PDF: {exc}") from None
    if count > PAGE_LIMIT:
        raise IngestError(path, f"{count} pages, over the limit of {PAGE_LIMIT} for one document")
    with pdf:
        try:
            pages = [_page(page, n) for n, page in enumerate(pdf.pages, 1)]
        except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
            raise IngestError(path, f"not a readable PDF: {exc}") from None
    scanned = [p.number for p in pages if not p.words and not p.tables]
    if scanned:
        return read_scanned_pdf(data, path, pages, scanned)
    out = Assembly()
    assemble(pages, out)
    text = out.text()
    if canonical(text) != text:
        raise IngestError(path, "the PDF's text layer did not come out as NFC text")  # pieces are NFC each
    if not text.strip():
        raise IngestError(path, "the PDF has no text")
    return SourceText(path=path, text=text, format="pdf", origin=tuple(out.origin))
