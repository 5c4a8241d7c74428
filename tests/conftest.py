"""Shared fixtures: the sample corpus, parsed samples, and stores built from them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest
from corpus import BASE, SEEDS, free_port

from loaders.graph import build
from loaders.model import ParsedDocument
from loaders.neo4j.server import Neo4jServerError, Neo4jSettings, driver, settings_from_env, start, stop
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.store import GraphStore


@pytest.fixture(scope="session")
def parsed() -> dict[str, ParsedDocument]:
    """The four sample plans, parsed once."""
    return {p.name: parse(read_source(p)) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """An on-disk store holding the four samples (read-only use)."""
    store = GraphStore(tmp_path_factory.mktemp("samples") / "store")
    for p in sorted(SEEDS.glob("*.txt")):
        store.replace(build(parse(read_source(p)), BASE))
    return store


@pytest.fixture()
def store(tmp_path: Path) -> GraphStore:
    """An empty on-disk store for a test that writes."""
    return GraphStore(tmp_path / "store")


@dataclass(frozen=True)
class Neo4jDatabase:
    """A Neo4j database for tests: its settings and an open driver."""

    settings: Neo4jSettings
    driver: neo4j.Driver

    def clear(self) -> None:
        with self.driver.session(database=self.settings.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture(scope="session")
def neo4j_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jDatabase]:
    """A real Neo4j: the one NEO4J_URI names, else a local server started for the session.

    Under CI=true a server that cannot start fails the tests; elsewhere they are skipped with how to start one.
    """
    if os.environ.get("NEO4J_URI"):
        settings = settings_from_env()
    else:
        settings = settings_from_env(
            {"VN_CASCADE_HOME": str(tmp_path_factory.mktemp("neo4j-home")), "VN_CASCADE_NEO4J_PORT": str(free_port())}
        )
    try:
        start(settings)
    except Neo4jServerError as exc:
        message = f"no Neo4j server (Java 17+ and Maven are needed for the local one): {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"{message}\nStart one with `vn-cascade neo4j start`, or set NEO4J_URI.")
    with driver(settings) as drv:
        yield Neo4jDatabase(settings, drv)
    if settings.managed:
        stop(settings)
