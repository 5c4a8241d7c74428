"""Every setting vn-cascade takes from the environment, read in this one place (`settings()`); the functions below
it are the shorthands the loaders use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/vn-cascade/id/"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _names(value: str | None, separator: str = ",") -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(separator) if part.strip())


@dataclass(frozen=True)
class Settings:
    """The environment as vn-cascade reads it (VN_CASCADE_* and NEO4J_*); the README's settings table lists each."""

    home: Path  # VN_CASCADE_HOME, default ~/.local/share/vn-cascade
    store: Path  # VN_CASCADE_STORE, default $VN_CASCADE_HOME/store
    base: str  # VN_CASCADE_BASE_IRI: base of instance IRIs, ending in / or #
    max_document_bytes: int  # VN_CASCADE_MAX_DOCUMENT_BYTES: the largest document any surface takes in (64 MiB)
    query_folders: tuple[Path, ...]  # VN_CASCADE_QUERIES: analysts' catalogue folders (os.pathsep-separated)
    row_limit: int  # VN_CASCADE_ROW_LIMIT (10,000)
    query_timeout: float  # VN_CASCADE_QUERY_TIMEOUT, seconds (10)
    query_workers: int  # VN_CASCADE_QUERY_WORKERS; 0: one per core, at least four
    client_queries: int  # VN_CASCADE_CLIENT_QUERIES; 0: half the workers
    cors_origins: tuple[str, ...]  # VN_CASCADE_CORS_ORIGINS (comma-separated; none by default)
    allowed_hosts: tuple[str, ...]  # VN_CASCADE_ALLOWED_HOSTS (comma-separated; loopback names by default)
    api_key: str | None  # VN_CASCADE_API_KEY: turns on ingest over HTTP
    warm_audit: bool  # VN_CASCADE_WARM_AUDIT (1): serve detects the audit at start, in the background, if not kept
    plan_days: int  # VN_CASCADE_PLAN_DAYS (60): days after a document that a plan it asks for is due, unless stated
    host: str  # VN_CASCADE_HOST (127.0.0.1)
    port: int  # VN_CASCADE_PORT (8000)
    neo4j_uri: str | None  # NEO4J_URI: an external server; unset: the managed local one
    neo4j_user: str  # NEO4J_USER (neo4j)
    neo4j_password: str  # NEO4J_PASSWORD
    neo4j_database: str  # NEO4J_DATABASE (neo4j)
    neo4j_port: int  # VN_CASCADE_NEO4J_PORT: the managed server's Bolt port (7687)
    neo4j_heap: str  # VN_CASCADE_NEO4J_HEAP: the managed server's heap (512m)
    managed_neo4j_password: str | None  # VN_CASCADE_NEO4J_PASSWORD; unset: generated and kept under the home
    fuseki_url: str | None  # VN_CASCADE_FUSEKI_URL: an external Fuseki's dataset URL; unset: the managed local one
    fuseki_user: str | None  # VN_CASCADE_FUSEKI_USER: the external server's user (HTTP basic auth), if it asks
    fuseki_password: str | None  # VN_CASCADE_FUSEKI_PASSWORD; managed server unset: generated and kept under the home
    fuseki_port: int  # VN_CASCADE_FUSEKI_PORT: the managed server's HTTP port; 0 (default): a free one at start
    fuseki_heap: str  # VN_CASCADE_FUSEKI_HEAP: the managed server's heap (1g)
    chromium: str | None  # VN_CASCADE_CHROMIUM: the Chromium that prints PDF reports; unset: chromium on the PATH


def settings(env: Mapping[str, str] = os.environ) -> Settings:
    """The settings as the environment gives them now (empty values count as unset)."""
    home = Path(env.get("VN_CASCADE_HOME") or Path.home() / ".local" / "share" / "vn-cascade")
    base = env.get("VN_CASCADE_BASE_IRI") or DEFAULT_BASE
    return Settings(
        home=home,
        store=Path(env.get("VN_CASCADE_STORE") or home / "store"),
        base=base if base.endswith(("/", "#")) else base + "/",
        max_document_bytes=int(env.get("VN_CASCADE_MAX_DOCUMENT_BYTES") or 64 << 20),  # a 40-page scan at 300 dpi
        query_folders=tuple(Path(p) for p in _names(env.get("VN_CASCADE_QUERIES"), os.pathsep)),
        row_limit=int(env.get("VN_CASCADE_ROW_LIMIT") or 10_000),
        query_timeout=float(env.get("VN_CASCADE_QUERY_TIMEOUT") or 10),
        query_workers=int(env.get("VN_CASCADE_QUERY_WORKERS") or 0),
        client_queries=int(env.get("VN_CASCADE_CLIENT_QUERIES") or 0),
        cors_origins=_names(env.get("VN_CASCADE_CORS_ORIGINS")),
        allowed_hosts=tuple(h.lower() for h in _names(env.get("VN_CASCADE_ALLOWED_HOSTS"))) or LOOPBACK,
        api_key=env.get("VN_CASCADE_API_KEY") or None,
        warm_audit=(env.get("VN_CASCADE_WARM_AUDIT") or "1").lower() not in ("0", "false", "no", "off"),
        plan_days=int(env.get("VN_CASCADE_PLAN_DAYS") or 60),
        host=env.get("VN_CASCADE_HOST") or "127.0.0.1",
        port=int(env.get("VN_CASCADE_PORT") or 8000),
        neo4j_uri=env.get("NEO4J_URI") or None,
        neo4j_user=env.get("NEO4J_USER") or "neo4j",
        neo4j_password=env.get("NEO4J_PASSWORD", ""),
        neo4j_database=env.get("NEO4J_DATABASE") or "neo4j",
        neo4j_port=int(env.get("VN_CASCADE_NEO4J_PORT") or 7687),
        neo4j_heap=env.get("VN_CASCADE_NEO4J_HEAP") or "512m",
        managed_neo4j_password=env.get("VN_CASCADE_NEO4J_PASSWORD") or None,
        fuseki_url=(env.get("VN_CASCADE_FUSEKI_URL") or "").rstrip("/") or None,
        fuseki_user=env.get("VN_CASCADE_FUSEKI_USER") or None,
        fuseki_password=env.get("VN_CASCADE_FUSEKI_PASSWORD") or None,
        fuseki_port=int(env.get("VN_CASCADE_FUSEKI_PORT") or 0),
        fuseki_heap=env.get("VN_CASCADE_FUSEKI_HEAP") or "1g",
        chromium=env.get("VN_CASCADE_CHROMIUM") or None,
    )


def home() -> Path:
    """Where vn-cascade keeps its data."""
    return settings().home


def store_path() -> Path:
    """The on-disk Oxigraph store."""
    return settings().store


def base_iri() -> str:
    """Base of instance IRIs."""
    return settings().base


def max_document_bytes() -> int:
    """The largest document any surface (CLI or HTTP) takes in."""
    return settings().max_document_bytes
