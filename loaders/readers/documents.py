"""Choose the reader by what the bytes are, and refuse what cannot be read in one line naming the file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from loaders.config import max_document_bytes
from loaders.originals import digest_of
from loaders.readers.detect import FORMATS, sniff
from loaders.readers.ocr import read_image
from loaders.readers.office import reader
from loaders.readers.pdf import read_pdf
from loaders.readers.text import read_text
from loaders.readers.web import read_html
from loaders.readers.word import read_docx
from loaders.source import IngestError, SourceText

# The formats read today; the others are named in the refusal so a user knows what the file was taken for.
READ = {
    "text": read_text,
    "docx": read_docx,
    "doc": reader("doc"),
    "rtf": reader("rtf"),
    "odt": reader("odt"),
    "html": read_html,
    "pdf": read_pdf,
    "image": read_image,
}


def read_document(data: bytes, path: str) -> SourceText:
    """Canonical text of a file's bytes, whatever its name says; IngestError for a format not read."""
    kind = sniff(data)
    if kind == "damaged-zip":
        raise IngestError(path, "not a readable Word document (.docx) or other ZIP-based file: the archive is damaged")
    reader = READ.get(kind)
    if reader is None:
        readable = ", ".join(FORMATS[k] for k in READ)
        raise IngestError(path, f"a {FORMATS[kind]}, which vn-cascade does not read; it reads {readable}")
    return dataclasses.replace(reader(data, path), file_digest=digest_of(data))


# What a folder is searched for: the names documents are published under (the content still decides the reader).
DOCUMENT_SUFFIXES = (
    ".txt",
    ".docx",
    ".doc",
    ".rtf",
    ".pdf",
    ".html",
    ".htm",
    ".odt",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)


def read_source(path: Path) -> SourceText:
    """Read one file from disk as canonical text (the size limit checked before reading)."""
    return read_document(read_file(path), str(path))


def read_file(path: Path) -> bytes:
    """A document file's bytes, the size limit checked before reading; IngestError naming the file otherwise."""
    if not path.exists():
        raise IngestError(str(path), "no such file")
    if path.is_dir():
        raise IngestError(str(path), "is a folder, expected a document")
    size, limit = path.stat().st_size, max_document_bytes()
    if size > limit:
        raise IngestError(
            str(path),
            f"{size:,} bytes, over the limit of {limit:,} for one document (VN_CASCADE_MAX_DOCUMENT_BYTES sets it)",
        )
    return path.read_bytes()


def collect_paths(paths: list[Path], skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Expand folders into the documents in them (by name: .txt, .docx, .pdf, …; sorted); a file named on its own
    is taken whatever its name. Files of a folder passed over are added to `skipped` with the reason. Missing paths
    raise IngestError."""
    found: list[Path] = []
    for p in paths:
        if not p.exists():
            raise IngestError(str(p), "no such file or folder")
        if not p.is_dir():
            found.append(p)
            continue
        for q in sorted(q for q in p.rglob("*") if q.is_file()):
            if q.name.startswith("."):
                reason = "a hidden file"
            elif q.suffix.lower() not in DOCUMENT_SUFFIXES:
                reason = f"not a document by its name (read: {' '.join(DOCUMENT_SUFFIXES)})"
            else:
                found.append(q)
                continue
            if skipped is not None:
                skipped.append((q, reason))
    return found
