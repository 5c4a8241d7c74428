"""The service's limits and options: a frozen value the app keeps on app.state (tests build their own)."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders import config
from loaders.query_pool import default_workers


@dataclass(frozen=True)
class ServiceSettings:
    """Limits and options of one running service."""

    row_limit: int = 10_000
    timeout: float = 10.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    base: str = config.DEFAULT_BASE
    api_key: str | None = None
    max_upload: int = 64 << 20
    allowed_hosts: tuple[str, ...] = config.LOOPBACK
    query_workers: int = 2
    client_queries: int | None = None  # None: half the workers
    warm_audit: bool = False  # detect the audit's findings in the background at start, unless the index keeps them

    @classmethod
    def from_env(cls) -> ServiceSettings:
        """The service's part of the environment's settings (loaders.config reads it)."""
        given = config.settings()
        return cls(
            row_limit=given.row_limit,
            timeout=given.query_timeout,
            cors_origins=given.cors_origins,
            base=given.base,
            api_key=given.api_key,
            max_upload=given.max_document_bytes,
            allowed_hosts=given.allowed_hosts,
            query_workers=given.query_workers or default_workers(),
            client_queries=given.client_queries or None,
            warm_audit=given.warm_audit,
        )
