"""Where the sample corpus is and what its files are called; shared by the tests."""

from __future__ import annotations

import random
import socket
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.graph import BuiltDocument
    from loaders.store import GraphStore

BASE = "https://w3id.org/vn-cascade/id/"
REPO = Path(__file__).resolve().parent.parent
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
BUNDLED = REPO / "loaders" / "samples"
SEEDS = SHARED_SEEDS if SHARED_SEEDS.is_dir() else BUNDLED

LAI_CHAU = "001_f3d187b8c873bf0b.txt"
BAC_AI = "002_0ca082c1129b37b2.txt"
TAN_BINH = "003_74e26c645920928b.txt"
BLOC = "004_7e380267f469fff2.txt"


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Where test clients address the service: a loopback name on its Host allow-list.
LOCAL = "http://127.0.0.1"


def change_at_random(
    store: GraphStore, present: dict[str, BuiltDocument], doc: BuiltDocument, rng: random.Random, remove: float
) -> None:
    """Remove `doc` when it is stored and a draw falls under `remove`, else store it (again); `present` follows."""
    if doc.iri in present and rng.random() < remove:
        store.remove(doc.iri, doc.graph)
        del present[doc.iri]
    else:
        store.replace(doc)
        present[doc.iri] = doc
