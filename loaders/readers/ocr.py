"""Scanned pages read by OCR: rendered with pypdfium2, read by Tesseract's Vietnamese model (word boxes and
confidences), ruled tables found from the lines printed on the page, then laid out like a text layer."""

from __future__ import annotations

import dataclasses
import functools
import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageDraw

from loaders.readers.assembly import Assembly
from loaders.readers.ocr_repair import renumbered, repair, roman_heading
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


def _thickened(ink: np.ndarray, axis: int, by: int = 2) -> np.ndarray:
    """Ink spread `by` pixels across `axis`: a rule left a little askew stays one unbroken line."""
    out = ink.copy()
    for shift in range(1, by + 1):
        if axis == 0:
            out[shift:] |= ink[:-shift]
            out[:-shift] |= ink[shift:]
        else:
            out[:, shift:] |= ink[:, :-shift]
            out[:, :-shift] |= ink[:, shift:]
    return out


def _rules(lines: np.ndarray, length: float) -> list[int]:
    """The middles of the lines (rows of `lines`) holding one unbroken run of ink at least `length` long: a printed
    rule, where a line of text is broken between its words."""
    candidates = np.flatnonzero(lines.sum(axis=1) >= length)
    ruled = np.zeros(lines.shape[0], dtype=bool)
    for y in candidates:
        ruled[y] = max((b - a for a, b in _runs(lines[y])), default=0) >= length
    return _middles(ruled)


def _tables(ink: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """The ruled tables of a page image: (the y of each horizontal rule, the x of each vertical rule). Rules are
    unbroken runs of ink across a third of the page; a table's columns are the vertical rules crossing its first
    row, and it goes on down while its two outer rules do."""
    width = ink.shape[1]
    rules = _rules(_thickened(ink, axis=0), 0.3 * width)
    found: list[tuple[list[int], list[int]]] = []
    i = 0
    while i < len(rules) - 1:
        top, below = rules[i], rules[i + 1]
        band = _thickened(ink[top:below], axis=1)
        columns = _rules(np.ascontiguousarray(band.T), 0.9 * (below - top))
        if len(columns) < 2:
            i += 1
            continue
        rows = [top, below]
        j = i + 1
        while j + 1 < len(rules) and all(
            _ruled(ink, False, x, rules[j] + 3, rules[j + 1] - 3) for x in (columns[0], columns[-1])
        ):
            rows.append(rules[j + 1])
            j += 1
        found.append((rows, columns))
        i = j
    return found


def _ruled(ink: np.ndarray, horizontal: bool, at: int, start: int, end: int) -> bool:
    """Whether a rule is printed at `at` between `start` and `end` (a merged cell has none)."""
    band = ink[at - 2 : at + 3, start:end] if horizontal else ink[start:end, at - 2 : at + 3]
    covered = band.any(axis=0 if horizontal else 1)
    return bool(covered.size) and covered.mean() > 0.6


def _binarised(image: Image.Image) -> Image.Image:
    """Black ink on white, cut at Otsu's threshold: on a small crop of grey paper Tesseract's own thresholding
    misreads lone digits (a row-number column read "1 6 Š 4 2" for "1 2 3 4 5")."""
    pixels = np.asarray(image)
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    below, mass = np.cumsum(counts), np.cumsum(counts * levels)
    above = below[-1] - below
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass[-1] * below - mass * below[-1]) ** 2 / (below * above)
    threshold = int(np.nanargmax(between[:-1])) if below[-1] else _DARK
    return image.point(lambda v: 0 if v <= threshold else 255)


def _ocr_words(image: Image.Image, config: str) -> list[tuple[str, float, float, float]]:
    """Tesseract's words of a crop: (text, confidence, vertical middle, left), marks of rules left out."""
    image = _binarised(image)
    data = pytesseract.image_to_data(image, lang="vie", output_type=pytesseract.Output.DICT, config=config)
    found = []
    for i, text in enumerate(data["text"]):
        text = _repair(canonical(text.strip()))
        if not text or float(data["conf"][i]) < 0 or not text.strip("|_=~—"):  # a rule read as marks
            continue
        found.append((text, float(data["conf"][i]), data["top"][i] + data["height"][i] / 2, float(data["left"][i])))
    return found


def _lines_text(words: list[tuple[str, float, float, float]]) -> str:
    """Words in reading order: by line (their middles within a few pixels), then left to right."""
    ordered = sorted(words, key=lambda w: (round(w[2] / 12), w[3]))
    return " ".join(w[0] for w in ordered)


def _grid_table(grey: Image.Image, ink: np.ndarray, rows_y: list[int], cols_x: list[int], scale: float) -> Table:
    """The table on a grid of rules, each column read by OCR as one strip (its words go to the cells their middles
    fall in; a cell merged across columns read on its own); merged cells found where a rule is missing."""
    clean = grey.copy()
    draw = ImageDraw.Draw(clean)
    for y in rows_y:  # the rules themselves, which OCR would read as dashes
        draw.rectangle((cols_x[0], y - 4, cols_x[-1], y + 4), fill=255)
    for x in cols_x:
        draw.rectangle((x - 4, rows_y[0], x + 4, rows_y[-1]), fill=255)
    strips = [
        [
            (w[0], w[2] + rows_y[0])
            for w in _ocr_words(clean.crop((cols_x[c], rows_y[0], cols_x[c + 1], rows_y[-1])), "--psm 6")
        ]
        for c in range(len(cols_x) - 1)
    ]
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
            if right - c > 1:
                text = _lines_text(_ocr_words(clean.crop((cols_x[c], top, cols_x[right], bottom)), "--psm 6"))
            else:
                text = " ".join(word for word, middle in strips[c] if top <= middle < bottom)
            merged_down = r > 0 and not _ruled(ink, True, top, cols_x[c] + 3, cols_x[right] - 3)
            if merged_down and not text:
                row.append(None)
                spans.add((r, c))
            else:
                row.append(text)
            row.extend([None] * (right - c - 1))
            c = right
        cells.append(row)
    read_as = _count_rows(cells)
    bbox = (cols_x[0] / scale, rows_y[0] / scale, cols_x[-1] / scale, rows_y[-1] / scale)
    return Table(bbox=bbox, rows=cells, spans_down=spans, read_as=read_as)


def _count_rows(cells: list[list[str | None]]) -> dict[tuple[int, int], str]:
    """A row number OCR misread ("bô" or "2" for 8) put right when the first column counts rows one by one and the
    rows around it say which number it is; what was read, by cell."""
    first = [row[0] if row else None for row in cells]
    numbers = [int(v) if v and v.isdigit() else None for v in first]
    read_as: dict[tuple[int, int], str] = {}
    if sum(n is not None for n in numbers) < max(3, len(numbers) // 2):
        return read_as  # the first column does not number the rows
    for r in range(1, len(numbers) - 1):
        before, after = numbers[r - 1], numbers[r + 1]
        if numbers[r] != (before or 0) + 1 and before is not None and after == before + 2:
            numbers[r] = before + 1
            read_as[(r, 0)] = first[r] or ""
            cells[r][0] = str(before + 1)
    return read_as


_PER_MILLE = re.compile(r"(?<=\d)%[oO0]")


def _repair(word: str) -> str:
    """Undo the slips the Vietnamese model makes with characters it lacks: Đ read as the Icelandic Ð/ð (no
    Vietnamese letter), or as both ("QĐÐ"); the per-mille sign read as a percent sign and its third ring ("20%o",
    which no text writes, for "20‰")."""
    word = word.replace("ĐÐ", "Đ").replace("Ðđ", "đ").replace("Ð", "Đ").replace("ð", "đ")
    return _PER_MILLE.sub("‰", word)


def deskewed(grey: Image.Image) -> Image.Image:
    """The page turned straight: a scan fed in askew has its lines at a slant, which hides the rules of its tables
    from the row-by-row search. The angle (within ±1.5°, in tenths) is the one whose rows of ink are sharpest."""
    small = grey.reduce(4)
    ink = small.point(lambda v: 255 if v < 200 else 0)  # lighter than ink: a thin rule turns grey when reduced
    best, best_score = 0.0, -1.0
    for tenth in range(-15, 16):
        turned = np.asarray(ink.rotate(tenth / 10, resample=Image.Resampling.NEAREST), dtype=np.float64)
        rows = turned.sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = tenth / 10, score
    if best == 0.0:
        return grey
    return grey.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)


def ocr_page(image: Image.Image, number: int, scale: float) -> Page:
    """One page image read by Tesseract: its words (in points, as a text layer's) and its ruled tables."""
    grey = deskewed(image.convert("L"))
    ink = np.asarray(grey) < _DARK
    grids = _tables(ink)
    page = grey.copy()
    for rows_y, cols_x in grids:  # the tables are read cell by cell below, the rest of the page as a page
        ImageDraw.Draw(page).rectangle((cols_x[0] - 5, rows_y[0] - 5, cols_x[-1] + 5, rows_y[-1] + 5), fill=255)
    data = pytesseract.image_to_data(page, lang="vie", output_type=pytesseract.Output.DICT, config="--psm 3")
    words: list[Word] = []
    headings: list[int] = []
    for i, text in enumerate(data["text"]):
        text = canonical(text.strip())
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        left, top, w, h = (data[k][i] / scale for k in ("left", "top", "width", "height"))
        repaired = _repair(text)
        if data["word_num"][i] == 1 and i + 1 < len(data["text"]) and data["word_num"][i + 1] == 2:
            numeral = roman_heading(repaired, canonical(data["text"][i + 1].strip()))
            if numeral is not None:
                repaired = numeral
                headings.append(len(words))
        read_as = text if repaired != text else None
        words.append(Word(repaired, left, left + w, top, top + h, confidence=confidence, read_as=read_as))
    tables = [_grid_table(grey, ink, rows, cols, scale) for rows, cols in grids]
    width, height = grey.size
    return Page(number, width / scale, height / scale, words=words, tables=tables, headings=headings)


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
    _renumber_parts(pages)
    return _source(path, pages, "pdf-ocr" if len(scanned) == len(pages) else "pdf")


def _renumber_parts(pages: list[Page]) -> None:
    """Put right a part number OCR misread as another (III. read as II.), from the numbers around it."""
    at = [(page, i) for page in pages for i in page.headings]
    fixed = renumbered([page.words[i].text for page, i in at])
    for (page, i), numeral in zip(at, fixed, strict=True):
        word = page.words[i]
        if numeral != word.text:
            page.words[i] = dataclasses.replace(word, text=numeral, read_as=word.read_as or word.text)


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
