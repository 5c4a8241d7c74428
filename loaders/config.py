"""Where vn-cascade keeps its data and which IRIs it mints; all from environment variables."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/vn-cascade/id/"


def home() -> Path:
    """VN_CASCADE_HOME, default ~/.local/share/vn-cascade."""
    return Path(os.environ.get("VN_CASCADE_HOME") or Path.home() / ".local" / "share" / "vn-cascade")


def max_document_bytes() -> int:
    """The largest document any surface (CLI or HTTP) takes in: VN_CASCADE_MAX_DOCUMENT_BYTES, default 1 MiB."""
    return int(os.environ.get("VN_CASCADE_MAX_DOCUMENT_BYTES") or 1 << 20)


def store_path() -> Path:
    """The on-disk Oxigraph store: VN_CASCADE_STORE, default $VN_CASCADE_HOME/store."""
    return Path(os.environ.get("VN_CASCADE_STORE") or home() / "store")


def base_iri() -> str:
    """Base of instance IRIs: VN_CASCADE_BASE_IRI, default https://w3id.org/vn-cascade/id/."""
    base = os.environ.get("VN_CASCADE_BASE_IRI") or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"
