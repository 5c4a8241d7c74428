"""Word 97-2003 (.doc), RTF and OpenDocument files for the tests, saved by LibreOffice from the tests' .docx files
(one LibreOffice run for a whole batch), as an official re-saving a Word file in an older format would."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def saved_as(files: dict[str, bytes], kind: str) -> dict[str, bytes]:
    """Each .docx of `files` (name -> bytes) saved as `kind` ("doc", "rtf", "odt"), by name."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program is not None, "LibreOffice is not installed"
    with tempfile.TemporaryDirectory(prefix="vn-cascade-tests-") as work:
        folder = Path(work)
        for name, data in files.items():
            (folder / f"{name}.docx").write_bytes(data)
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                kind,
                "--outdir",
                str(folder / "out"),
                *(str(folder / f"{name}.docx") for name in files),
            ],
            capture_output=True,
            timeout=600,
            check=True,
        )
        return {name: (folder / "out" / f"{name}.{kind}").read_bytes() for name in files}
