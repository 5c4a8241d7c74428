"""Scanned pages read by OCR: rendered with pypdfium2, read by Tesseract's Vietnamese model (word boxes and
confidences), ruled tables found from the lines printed on the page, then laid out like a text layer."""

from __future__ import annotations

import functools
import io
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from loaders.readers.assembly import Assembly
from loaders.readers.ocr_repair import repair
from loaders.readers.page_layout import Page, Table, Word, assemble
from loaders.source import IngestError, SourceText, canonical

DPI = 300
# Tesseract's own threads slow it down on a few cores (5.2 s a page with two threads, 2.3 s with one, measured):
# one thread each, and the pages of a scan read side by side, one per core.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
_DARK = 128  # a pixel darker than this is ink


@functools.cache
def available() -> bool:
    """Whether Tesseract and its Vietnamese model are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        return "vie" in pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError):
        return False


def _runs(flags: np.ndarray) -> Iterator[tuple[int, int]]:
    """[start, end) of each run of True in a 1-D array."""
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    yield from zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)


def _middles(flags: np.ndarray) -> list[int]:
    return [(a + b) // 2 for a, b in _runs(flags)]


def _tables(ink: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """The ruled tables of a page image: (the y of each horizontal rule, the x of each vertical rule), found as
    rows and columns of pixels that are ink for most of the table's width or height."""
    height, width = ink.shape
    rules = _middles(ink.sum(axis=1) > 0.45 * width)
    found: list[tuple[list[int], list[int]]] = []
    group: list[int] = []
    for y in [*rules, None]:
        if y is not None and (not group or y - group[-1] < 0.5 * height):
            group.append(y)
            continue
        if len(group) >= 2:
            top, bottom = group[0], group[-1]
            columns = _middles(ink[top:bottom].sum(axis=0) > 0.6 * (bottom - top))
            if len(columns) >= 2:
                found.append((group, columns))
        group = [y] if y is not None else []
    return found


def _ruled(ink: np.ndarray, horizontal: bool, at: int, start: int, end: int) -> bool:
    """Whether a rule is printed at `at` between `start` and `end` (a merged cell has none)."""
    band = ink[at - 2 : at + 3, start:end] if horizontal else ink[start:end, at - 2 : at + 3]
    covered = band.any(axis=0 if horizontal else 1)
    return bool(covered.size) and covered.mean() > 0.6


def _grid_table(ink: np.ndarray, rows_y: list[int], cols_x: list[int], words: list[Word], scale: float) -> Table:
    """The table on a grid of rules, the words inside each cell joined; merged cells found where a rule is missing."""
    cells: list[list[str | None]] = []
    spans: set[tuple[int, int]] = set()
    for r in range(len(rows_y) - 1):
        top, bottom = rows_y[r], rows_y[r + 1]
        row: list[str | None] = []
        c = 0
        while c < len(cols_x) - 1:
            right = c + 1
            while right < len(cols_x) - 1 and not _ruled(ink, False, cols_x[right], top + 3, bottom - 3):
                right += 1  # no rule on the right: the cell is merged across
            box = (cols_x[c] / scale, top / scale, cols_x[right] / scale, bottom / scale)
            inside = [w for w in words if _in_box(w, box)]
            merged_down = r > 0 and not _ruled(ink, True, top, cols_x[c] + 3, cols_x[right] - 3)
            if merged_down and not inside:
                row.append(None)
                spans.add((r, c))
            else:
                row.append(_cell_text(inside))
            row.extend([None] * (right - c - 1))
            c = right
        cells.append(row)
    bbox = (cols_x[0] / scale, rows_y[0] / scale, cols_x[-1] / scale, rows_y[-1] / scale)
    return Table(bbox=bbox, rows=cells, spans_down=spans)


def _repair(word: str) -> str:
    """Undo the OCR slip the Vietnamese model makes with Đ: Icelandic Ð/ð (no Vietnamese letter) read for Đ/đ, or
    an Ð read a second time beside the Đ ("QĐÐ")."""
    return word.replace("ĐÐ", "Đ").replace("Ðđ", "đ").replace("Ð", "Đ").replace("ð", "đ")


def _in_box(word: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_text(words: list[Word]) -> str:
    words = sorted(words, key=lambda w: (round((w.top + w.bottom) / 2 / 6), w.x0))
    return " ".join(w.text for w in words)


def ocr_page(image: Image.Image, number: int, scale: float) -> Page:
    """One page image read by Tesseract: its words (in points, as a text layer's) and its ruled tables."""
    grey = image.convert("L")
    data = pytesseract.image_to_data(grey, lang="vie", output_type=pytesseract.Output.DICT, config="--psm 3")
    words = []
    for i, text in enumerate(data["text"]):
        text = canonical(text.strip())
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        left, top, w, h = (data[k][i] / scale for k in ("left", "top", "width", "height"))
        repaired = _repair(text)
        words.append(
            Word(
                repaired,
                left,
                left + w,
                top,
                top + h,
                confidence=confidence,
                read_as=text if repaired != text else None,
            )
        )
    ink = np.asarray(grey) < _DARK
    tables = [_grid_table(ink, rows, cols, words, scale) for rows, cols in _tables(ink)]
    outside = [w for w in words if not any(_in_box(w, t.bbox) for t in tables)]
    width, height = grey.size
    return Page(number=number, width=width / scale, height=height / scale, words=outside, tables=tables)


def read_scanned_pdf(
    data: bytes,
    path: str,
    pages: list[Page],
    scanned: list[int],
    progress: Callable[[int, int], None] | None = None,
) -> SourceText:
    """A PDF whose `scanned` pages (1-based) have no text layer: those pages read by OCR, the others as they are."""
    if not available():
        where = "every page" if len(scanned) == len(pages) else f"pages {', '.join(map(str, scanned))}"
        raise IngestError(
            path,
            f"a scanned PDF ({where} without a text layer) and OCR is not installed: "
            "install Tesseract with its Vietnamese model (Debian: tesseract-ocr tesseract-ocr-vie)",
        )
    document = pdfium.PdfDocument(data)
    scale = DPI / 72
    workers = len(os.sched_getaffinity(0))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:  # Tesseract runs as a process: threads suffice
            for at in range(0, len(scanned), workers):  # a batch rendered at a time: 9 MB a page image
                batch = scanned[at : at + workers]
                images = [document[n - 1].render(scale=scale, grayscale=True).to_pil() for n in batch]
                for n, page in zip(batch, pool.map(ocr_page, images, batch, [scale] * len(batch)), strict=True):
                    pages[n - 1] = page
                if progress is not None:
                    progress(at + len(batch), len(scanned))
    finally:
        document.close()
    return _source(path, pages, "pdf-ocr" if len(scanned) == len(pages) else "pdf")


def read_image(data: bytes, path: str) -> SourceText:
    """A page photographed or scanned to an image file, read by OCR."""
    if not available():
        raise IngestError(path, "an image, and OCR is not installed: install tesseract-ocr and tesseract-ocr-vie")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, ValueError) as exc:
        raise IngestError(path, f"not a readable image: {exc}") from None
    dpi = image.info.get("dpi", (DPI, DPI))[0] or DPI
    return _source(path, [ocr_page(image, 1, float(dpi) / 72)], "image-ocr")


def _source(path: str, pages: list[Page], form: str) -> SourceText:
    out = Assembly()
    assemble(pages, out)
    text, repairs = repair(out.text())
    if not text.strip():
        raise IngestError(path, "OCR found no text on the scanned pages")
    doubts = sorted([*out.doubts, *repairs], key=lambda d: d.start)
    return SourceText(path=path, text=text, format=form, origin=tuple(out.origin), doubts=tuple(doubts))
