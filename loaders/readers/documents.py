"""Choose the reader by what the bytes are, and refuse what cannot be read in one line naming the file."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from loaders.config import max_document_bytes
from loaders.readers.detect import FORMATS, sniff
from loaders.readers.text import read_text
from loaders.readers.web import read_html
from loaders.readers.word import read_docx
from loaders.source import IngestError, SourceText

# The formats read today; the others are named in the refusal so a user knows what the file was taken for.
READ = {"text": read_text, "docx": read_docx, "html": read_html}


def read_document(data: bytes, path: str) -> SourceText:
    """Canonical text of a file's bytes, whatever its name says; IngestError for a format not read."""
    kind = sniff(data)
    if kind == "damaged-zip":
        raise IngestError(path, "not a readable Word document (.docx) or other ZIP-based file: the archive is damaged")
    reader = READ.get(kind)
    if reader is None:
        readable = ", ".join(FORMATS[k] for k in READ)
        raise IngestError(path, f"a {FORMATS[kind]}, which vn-cascade does not read; it reads {readable}")
    return dataclasses.replace(reader(data, path), file_digest="sha256:" + hashlib.sha256(data).hexdigest())


# What a folder is searched for: the names documents are published under (the content still decides the reader).
DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".html", ".htm", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_source(path: Path) -> SourceText:
    """Read one file from disk as canonical text (the size limit checked before reading)."""
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
    return read_document(path.read_bytes(), str(path))


def collect_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into the documents in them (by name: .txt, .docx, .pdf, …; sorted); a file named on its own
    is taken whatever its name. Missing paths raise IngestError."""
    found: list[Path] = []
    for p in paths:
        if not p.exists():
            raise IngestError(str(p), "no such file or folder")
        if p.is_dir():
            found.extend(
                sorted(
                    q
                    for q in p.rglob("*")
                    if q.is_file() and q.suffix.lower() in DOCUMENT_SUFFIXES and not q.name.startswith(".")
                )
            )
        else:
            found.append(p)
    return found
