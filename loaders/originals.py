"""The files documents were read from, kept beside the graph by the SHA-256 of their bytes, so a user can download
exactly what a fact was read from (vc:fileDigest names the file)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_DIGEST = re.compile(r"sha256:([0-9a-f]{64})")


def digest_of(data: bytes) -> str:
    """The key a file is kept under: "sha256:" and the hex digest of its bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Originals:
    """A folder of original files, each stored once under its digest (sha256/ab/abcdef…), written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, store: Path) -> Originals:
        """The originals of the store at `store`: the folder next to it named after it ("store-originals")."""
        return cls(store.with_name(store.name + "-originals"))

    def path(self, digest: str) -> Path | None:
        """Where the file with `digest` is kept, or None for a malformed digest (never a path outside the root)."""
        m = _DIGEST.fullmatch(digest)
        if m is None:
            return None
        hexdigest = m.group(1)
        return self.root / "sha256" / hexdigest[:2] / hexdigest

    def keep(self, data: bytes) -> tuple[str, bool]:
        """Store `data` under its digest; (the digest, whether this call added the file)."""
        digest = digest_of(data)
        target = self.path(digest)
        assert target is not None  # digest_of makes well-formed digests
        if target.exists():
            return digest, False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest, True

    def discard(self, digest: str) -> None:
        """Remove a file this ingest added when the graph write it belonged to failed."""
        target = self.path(digest)
        if target is not None:
            target.unlink(missing_ok=True)

    def read(self, digest: str) -> bytes | None:
        """The kept file's bytes, or None when no file is kept under `digest`."""
        target = self.path(digest)
        if target is None or not target.is_file():
            return None
        return target.read_bytes()
