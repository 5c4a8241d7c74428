"""Read a plan file into canonical text: UTF-8, NFC, LF line endings, with clear errors."""

from __future__ import annotations

import codecs
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from loaders.config import max_document_bytes
from loaders.errors import VnCascadeError


class IngestError(VnCascadeError):
    """A document could not be ingested; the message names the file (and line when known)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class SourceText:
    """A document's canonical text (NFC, LF) and where it came from."""

    path: str
    text: str

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


# C0 controls but tab, line feed, vertical tab, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def canonical(text: str) -> str:
    """NFC-normalise, turn CRLF / CR line endings into LF and decode HTML character references left by a portal
    page ('Sở LĐ-TB&amp;XH'); offsets in the graph index this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ENTITY.search(text):
        text = html.unescape(text)
    return unicodedata.normalize("NFC", text)


def _guess_encoding(data: bytes) -> str:
    """Name the encoding a non-UTF-8 byte string most likely uses."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 (byte-order mark found)"
    if data[:200].count(b"\x00") > 20:
        return "UTF-16 without a byte-order mark"
    try:
        data.decode("cp1258")
        return "Windows-1258 (Vietnamese) or another single-byte code page"
    except UnicodeDecodeError:
        return "an unknown single-byte encoding"


def decode(data: bytes, path: str) -> SourceText:
    """Decode bytes as UTF-8 (BOM allowed) or raise an IngestError naming the line and encoding."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            path,
            f"not UTF-8 (invalid byte 0x{data[exc.start]:02x}); the bytes look like "
            f"{_guess_encoding(data)}; expected UTF-8 text",
            line,
        ) from None
    control = _CONTROL.search(raw)
    if control:
        line = raw.count("\n", 0, control.start()) + 1
        column = control.start() - (raw.rfind("\n", 0, control.start()) + 1) + 1
        code = ord(control.group())
        raise IngestError(
            path,
            f"control character U+{code:04X}{' (NUL)' if code == 0 else ''} at column {column}; "
            "expected plain text (a binary file, or text damaged in transfer?)",
            line,
        )
    text = canonical(raw)
    if not text.strip():
        raise IngestError(path, "empty file: expected the text of a plan")
    return SourceText(path=path, text=text)


def read_source(path: Path) -> SourceText:
    """Read one file from disk as canonical text."""
    if not path.exists():
        raise IngestError(str(path), "no such file")
    if path.is_dir():
        raise IngestError(str(path), "is a folder, expected a text file")
    size, limit = path.stat().st_size, max_document_bytes()
    if size > limit:
        raise IngestError(
            str(path),
            f"{size:,} bytes, over the limit of {limit:,} for one document (VN_CASCADE_MAX_DOCUMENT_BYTES sets it)",
        )
    return decode(path.read_bytes(), str(path))


def collect_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into their .txt files (sorted); missing paths raise IngestError."""
    found: list[Path] = []
    for p in paths:
        if not p.exists():
            raise IngestError(str(p), "no such file or folder")
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            found.append(p)
    return found
