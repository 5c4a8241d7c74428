"""What the supervisors of the local Java servers (Neo4j, Fuseki) share: finding Java, and watching a process."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path


def java_executable() -> str | None:
    """The java executable, from JAVA_HOME or PATH; None when there is none."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java")


def tail(text: str, lines: int) -> str:
    """The last lines of a text (a log's, for an error message)."""
    return "\n".join(text.strip().splitlines()[-lines:])


def reap(pid: int) -> int | None:
    """Collect pid's exit code if it is an exited child of this process."""
    try:
        done, status_code = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status_code) if done == pid else None


def alive(pid: int) -> bool:
    """Whether a process with this pid exists and one of its threads is not a zombie: a JVM's first thread can end
    before the others, which still hold the port while they shut down."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return any(_state(task / "stat") not in ("Z", None) for task in tasks)
    return True


def _state(stat: Path) -> str | None:
    """The state letter of a /proc stat file (None when the thread is gone)."""
    try:
        return stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def wait_for_exit(pid: int, timeout: float) -> bool:
    """Wait up to timeout seconds for pid to exit; whether it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reap(pid)
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False
