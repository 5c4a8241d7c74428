"""Shared fixtures: the sample corpus, parsed samples, and stores built from them."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.graph import build
from loaders.model import ParsedDocument
from loaders.parser import parse
from loaders.source import read_source
from loaders.store import GraphStore

from corpus import BASE, SEEDS


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
