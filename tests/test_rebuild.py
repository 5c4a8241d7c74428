"""The bulk rebuild: the same store as ingesting document by document, and the old store untouched when a build
fails."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import BASE
from synthetic_plans import corpus

from loaders import store as store_module
from loaders.graph import BuiltDocument, build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import ONTOLOGY_GRAPH, GraphStore, rebuild
from ontology import VC


@pytest.fixture(scope="module")
def built() -> list[BuiltDocument]:
    return [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(40, seed=3)]


def _quads(path: Path) -> set[ox.Quad]:
    with GraphStore(path) as store:
        return set(store.store)


def test_rebuild_holds_what_ingesting_each_document_holds(tmp_path: Path, built: list[BuiltDocument]) -> None:
    with GraphStore(tmp_path / "ingested") as store:
        for doc in built:
            store.replace(doc)
    timings: dict[str, float] = {}
    rebuild(tmp_path / "bulk", built, timings)
    quads = _quads(tmp_path / "bulk")
    assert quads == _quads(tmp_path / "ingested")
    graphs = {q.graph_name for q in quads}
    assert ox.NamedNode(ONTOLOGY_GRAPH) in graphs and {ox.NamedNode(d.graph) for d in built} <= graphs
    assert any(q.predicate == ox.NamedNode(VC + "inCorpus") and q.object == ox.Literal(False) for q in quads)
    assert list(timings) == ["serialise", "bulk load", "derive", "flush and close", "swap"]


def test_a_failed_build_leaves_the_old_store(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(tmp_path / "store", built[:5])
    before = _quads(tmp_path / "store")
    monkeypatch.setattr(store_module, "_nquads", lambda docs: b"<broken")
    with pytest.raises(SyntaxError):
        rebuild(tmp_path / "store", built)
    assert _quads(tmp_path / "store") == before
