"""Read a plan file into canonical text: UTF-8, NFC, LF line endings, with clear errors."""

from __future__ import annotations

import bisect
import codecs
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from loaders.errors import VnCascadeError


class IngestError(VnCascadeError):
    """A document could not be ingested; the message names the file (and line when known)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Segment:
    """A stretch [start, end) of the canonical text and where it was in the file read ("paragraph 12",
    "table 2, row 4, cell 3", "page 3")."""

    start: int
    end: int
    where: str


@dataclass(frozen=True)
class SourceText:
    """A document's canonical text (NFC, LF), where it came from, and (for files other than plain text) the map
    from the text back to the places in the file it was read from."""

    path: str
    text: str
    format: str = "text"
    origin: tuple[Segment, ...] = ()
    encoding: str | None = None  # the encoding before Unicode the text was converted from (TCVN3, VNI, …)
    file_digest: str | None = None  # "sha256:…" of the file's bytes, the key of the original kept beside the graph
    doubts: tuple[Segment, ...] = ()  # stretches of the text OCR read with low confidence ("confidence 41")

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.origin]

    def locate(self, offset: int) -> str | None:
        """Where in the file the text at `offset` was; None for plain text (its line number says it)."""
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0 and offset < self.origin[at].end:
            return self.origin[at].where
        return None

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
