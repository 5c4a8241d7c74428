"""Benchmark: pages/s, documents/s and characters/s of each reader, beside the raw library it is built on, on the
evaluation corpus's plans written as real files (Word, portal page, text PDF, Word 97-2003, scanned PDF).

Run: python tests/benchmarks/bench_readers.py [--plans 72] [--doc-plans 10] [--scan-plans 3] [--work DIR]
The files are written once into --work (default: a folder under the system's temporary folder) and reused. OCR is
slow: it shows its progress page by page and keeps each page's timing in --work/ocr-pages.json, so a run that is
stopped resumes where it stopped (delete the file to measure again). Pages are those of the plan's A4 PDF.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import docx
import pdfplumber
import pypdfium2 as pdfium
import pytesseract
import trafilatura
from office_documents import saved_as
from pdf_documents import pdf_page_count, plan_as_pdf, plan_as_scan
from tqdm import tqdm
from web_pages import plan_as_html
from word_documents import plan_as_docx

from loaders.readers import ocr, office, read_document
from loaders.readers.office import convert_to_docx

CORPUS = ROOT / "tests" / "eval_corpus"


def plans(limit: int) -> list[tuple[str, str]]:
    """(name, text) of the corpus plans the writers can lay out (a type heading and a motto)."""
    found = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            plan_as_docx(text)
        except StopIteration:
            continue
        found.append((path.stem, text))
    return found[:limit]


def written(work: Path, kind: str, items: list[tuple[str, str]], write: Callable[[str], bytes]) -> dict[str, bytes]:
    """The plans written as `kind`, from --work when written before."""
    folder = work / kind
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in items:
        path = folder / name
        if not path.exists():
            path.write_bytes(write(text))
        out[name] = path.read_bytes()
    return out


def timed(files: dict[str, bytes], step: Callable[[bytes, str], object]) -> float:
    start = time.perf_counter()
    for name, data in files.items():
        step(data, name)
    return time.perf_counter() - start


def line(label: str, seconds: float, docs: int, pages: int, chars: int) -> None:
    print(
        f"  {label:<50} {docs / seconds:8.2f} docs/s {pages / seconds:8.2f} pages/s "
        f"{chars / seconds / 1000:8.1f}k chars/s  ({seconds:.2f} s)"
    )


def raw_docx(data: bytes, _: str) -> None:
    document = docx.Document(io.BytesIO(data))
    _ = [p.text for p in document.paragraphs], [c.text for t in document.tables for r in t.rows for c in r.cells]


def raw_pdf(data: bytes, _: str) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()


def raw_html(data: bytes, _: str) -> None:
    trafilatura.extract(data.decode("utf-8"), output_format="xml", include_tables=True, favor_recall=True)


def ocr_pages(work: Path, scans: dict[str, bytes]) -> None:
    """OCR with progress, resumable: Tesseract alone page by page (one thread, as the reader runs it), then the
    reader on each whole scan (its pages side by side, one per core); each result kept in --work/ocr-pages.json."""
    log_path = work / "ocr-pages.json"
    log: dict[str, dict[str, float]] = json.loads(log_path.read_text()) if log_path.exists() else {}
    jobs = [(name, n) for name, data in scans.items() for n in range(pdf_page_count(data))]
    for name, n in tqdm(jobs, desc="Tesseract alone", unit="page", file=sys.stderr):
        key = f"{name}#{n + 1}"
        if key not in log:
            image = pdfium.PdfDocument(scans[name])[n].render(scale=ocr.DPI / 72, grayscale=True).to_pil()
            start = time.perf_counter()
            pytesseract.image_to_data(image, lang="vie", output_type=pytesseract.Output.DICT, config="--psm 3")
            log[key] = {"engine": time.perf_counter() - start}
            log_path.write_text(json.dumps(log))
    for name in tqdm(scans, desc="OCR reader", unit="scan", file=sys.stderr):
        if name not in log:
            start = time.perf_counter()
            source = read_document(scans[name], name + ".pdf")
            log[name] = {"reader": time.perf_counter() - start, "chars": len(source.text)}
            log_path.write_text(json.dumps(log))
    pages, chars = len(jobs), sum(log[name]["chars"] for name in scans)
    engine = sum(log[f"{name}#{n + 1}"]["engine"] for name, n in jobs)
    print(f"OCR at {ocr.DPI} dpi, {len(scans)} scanned plans, {pages} pages, {os.cpu_count()} cores:")
    line("Tesseract vie alone, one page after another", engine, len(scans), pages, chars)
    line(
        "the reader (read_document: pages side by side)", sum(log[n]["reader"] for n in scans), len(scans), pages, chars
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=72)
    parser.add_argument("--doc-plans", type=int, default=10)
    parser.add_argument("--scan-plans", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "vn-cascade-bench-readers")
    args = parser.parse_args()
    items = plans(args.plans)
    pdfs = written(args.work, "pdf", items, plan_as_pdf)
    pages = {name: pdf_page_count(data) for name, data in pdfs.items()}
    chars = {name: len(text) for name, text in items}
    docxs = written(args.work, "docx", items, plan_as_docx)
    htmls = written(args.work, "html", items, plan_as_html)
    total_pages, total_chars = sum(pages.values()), sum(chars.values())
    print(f"{len(items)} corpus plans, {total_pages} A4 pages, {total_chars:,} characters (one core unless said)")
    for label, files, raw, raw_label in (
        ("Word .docx", docxs, raw_docx, "python-docx alone (paragraphs, cells)"),
        ("portal page .html", htmls, raw_html, "trafilatura alone (article as XML)"),
        ("text PDF", pdfs, raw_pdf, "pdfplumber alone (words, tables)"),
    ):
        print(f"{label}:")
        line(raw_label, timed(files, raw), len(files), total_pages, total_chars)
        line("the reader (read_document)", timed(files, read_document), len(files), total_pages, total_chars)
    if office.office() is not None and args.doc_plans:
        chosen = items[: args.doc_plans]
        docs_folder = args.work / "doc"
        if not docs_folder.exists() or len(list(docs_folder.iterdir())) < len(chosen):
            docs_folder.mkdir(parents=True, exist_ok=True)
            lists_of_their_own = {n: plan_as_docx(text, own_lists=True) for n, text in chosen}  # as .doc keeps them
            for name, data in saved_as(lists_of_their_own, "doc").items():
                (docs_folder / name).write_bytes(data)
        docs = {n: (docs_folder / n).read_bytes() for n, _ in chosen}
        some_pages, some_chars = sum(pages[n] for n in docs), sum(chars[n] for n in docs)
        print("Word 97-2003 .doc (one LibreOffice run a file):")
        line("LibreOffice alone (.doc to .docx)", timed(docs, convert_to_docx), len(docs), some_pages, some_chars)
        line("the reader (read_document)", timed(docs, read_document), len(docs), some_pages, some_chars)
    if ocr.available() and args.scan_plans:
        scans = written(args.work, "scan", items[: args.scan_plans], plan_as_scan)
        ocr_pages(args.work, scans)


if __name__ == "__main__":
    main()
