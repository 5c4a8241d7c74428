"""A print-ready HTML page printed to PDF by headless Chromium (Debian's, the one the browser tests drive); the
report's own Content-Security-Policy lets no script run and nothing load, and no host name resolves here either.
One print at a time per process: a second caller is refused at once rather than kept waiting."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from loaders import config
from loaders.errors import Unavailable

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_ONE_AT_A_TIME = threading.Lock()  # a Chromium takes ~200 MB and a core while it prints


def chromium() -> str:
    """The Chromium to print with: $VN_CASCADE_CHROMIUM, else the first on the PATH; Unavailable when none."""
    configured = config.settings().chromium
    for candidate in [configured] if configured else _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    wanted = configured or " or ".join(_CANDIDATES)
    raise Unavailable(
        f"no Chromium ({wanted}) to print the PDF with: install Debian's chromium or set VN_CASCADE_CHROMIUM"
    )


def to_pdf(html: str, timeout: float = 120.0) -> bytes:
    """The page printed on A4 as its print styles lay it out; Unavailable when Chromium cannot print it, or while
    another report is being printed (no caller waits on another's print)."""
    program = chromium()
    if not _ONE_AT_A_TIME.acquire(blocking=False):
        raise Unavailable("another report is being printed; ask again in a minute")
    try:
        with tempfile.TemporaryDirectory(prefix="vn-cascade-print-") as folder:
            return _print(program, html, Path(folder), timeout)
    finally:
        _ONE_AT_A_TIME.release()


def _print(program: str, html: str, folder: Path, timeout: float) -> bytes:
    page, out = folder / "report.html", folder / "report.pdf"
    page.write_text(html, encoding="utf-8")
    args = [
        program,
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can be fetched
        "--no-pdf-header-footer",
        f"--user-data-dir={folder / 'profile'}",
        f"--print-to-pdf={out}",
        page.as_uri(),
    ]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium's sandbox will not start as root
    # its own process group, so a print past its time goes with every renderer it started
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise Unavailable(f"Chromium did not print the report within {timeout:.0f} s") from None
    if not out.exists() or out.stat().st_size == 0:
        last = (errors.strip().splitlines() or ["no message"])[-1]
        raise Unavailable(f"Chromium could not print the report (exit {process.returncode}): {last}")
    return out.read_bytes()
