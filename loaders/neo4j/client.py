"""One Neo4j driver per process: opened on first use, closed with its owner, and the driver's failures turned into
the library's own errors with the fix in the message."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j

from loaders.errors import Unavailable
from loaders.neo4j.server import Neo4jSettings, driver


class Neo4jUnavailable(Unavailable):
    """The Neo4j server does not answer, or refuses the credentials."""


class Neo4jClient:
    """A server's settings and the one driver this process keeps for it."""

    def __init__(self, settings: Neo4jSettings, acquisition_timeout: float = 5.0) -> None:
        self.settings = settings
        self._timeout = acquisition_timeout
        self._driver: neo4j.Driver | None = None
        self._lock = threading.Lock()

    @property
    def database(self) -> str:
        return self.settings.database

    @property
    def driver(self) -> neo4j.Driver:
        """The driver, opened on first use (it holds a connection pool shared by every request)."""
        with self._lock:
            if self._driver is None:
                self._driver = driver(self.settings, connection_acquisition_timeout=self._timeout)
            return self._driver

    @contextmanager
    def reaching(self) -> Iterator[neo4j.Driver]:
        """The driver, with a server that does not answer or refuses the credentials raised as Neo4jUnavailable saying
        so (and how to get one), never as the driver's own error."""
        try:
            yield self.driver
        except neo4j.exceptions.ServiceUnavailable as exc:
            raise Neo4jUnavailable(
                f"no Neo4j answers at {self.settings.uri} ({exc}); start the local one with `vn-cascade neo4j "
                "start`, or set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE"
            ) from None
        except neo4j.exceptions.AuthError as exc:
            raise Neo4jUnavailable(f"{self.settings.uri} refused the credentials: {exc.message}") from None

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
                self._driver = None
