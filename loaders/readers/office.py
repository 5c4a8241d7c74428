"""Word 97-2003 (.doc), RTF and OpenDocument (.odt) files: converted to .docx by LibreOffice headless, then read as
any Word document (the header table, Word's list numbers and the tables kept). Measured against antiword and catdoc
on the corpus, this is the only route that keeps the list numbers and the tables whole (README, the format table)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from loaders.readers.word import read_docx
from loaders.source import IngestError, SourceText

# A conversion that takes longer is stuck (a damaged file can make LibreOffice spin).
TIMEOUT = 120


def office() -> str | None:
    """The LibreOffice program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# What each kind is called, and the name the file is given for LibreOffice.
KINDS = {
    "doc": ("a Word 97-2003 document (.doc)", "document.doc"),
    "rtf": ("a Rich Text Format document (.rtf)", "document.rtf"),
    "odt": ("an OpenDocument text (.odt)", "document.odt"),
}


def convert_to_docx(data: bytes, path: str, kind: str = "doc") -> bytes:
    """The .doc's bytes saved as .docx by LibreOffice, in a folder and profile of its own (two conversions at once
    must not share a profile). LibreOffice exits 0 even when it fails: the output file is the only proof."""
    what, name = KINDS[kind]
    program = office()
    if program is None:
        raise IngestError(
            path, f"{what}; reading it needs LibreOffice (Debian: libreoffice-writer-nogui), or save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="vn-cascade-doc-") as work:
        folder = Path(work)
        source = folder / name
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise IngestError(path, f"LibreOffice did not finish converting {what} in {TIMEOUT} s") from None
        converted = folder / "out" / "document.docx"
        if not converted.is_file():
            raise IngestError(path, f"not readable as {what}: LibreOffice could not open it")
        return converted.read_bytes()


def reader(kind: str) -> Callable[[bytes, str], SourceText]:
    """The reader of one kind: the file's text in reading order as its .docx gives it (places are the .docx's
    paragraphs and table cells, the same as the file's)."""

    def read(data: bytes, path: str) -> SourceText:
        return dataclasses.replace(read_docx(convert_to_docx(data, path, kind), path), format=kind)

    return read
