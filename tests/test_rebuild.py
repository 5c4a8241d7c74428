"""The bulk rebuild: the same store as ingesting document by document, and the old store untouched when a build
fails."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import BASE, change_at_random
from synthetic_plans import corpus

from loaders import store as store_module
from loaders.graph import BuiltDocument, build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import ONTOLOGY_GRAPH, GraphStore, load_fresh, rebuild
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
    assert list(timings) == ["read and bulk load", "derive", "flush and close", "swap", "read index"]


def test_a_failed_build_leaves_the_old_store(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(tmp_path / "store", built[:5])
    before = _quads(tmp_path / "store")
    monkeypatch.setattr(store_module, "document_nquads", lambda graph, claims, triples: b"<broken")
    with pytest.raises(SyntaxError):
        rebuild(tmp_path / "store", built)
    assert _quads(tmp_path / "store") == before
    assert not (tmp_path / "store.building").exists()


def test_a_stream_that_breaks_off_leaves_the_old_store(tmp_path: Path, built: list[BuiltDocument]) -> None:
    """Documents streamed to the loader: malformed quads after good ones, or the source failing half-way (a parsing
    worker dying), leave the old store whole and no half-built folder."""
    rebuild(tmp_path / "store", built[:5])
    before = _quads(tmp_path / "store")
    good = [store_module.document_nquads(d.graph, d.claims_nt(), d.triples_nt()) for d in built[5:]]

    def failing() -> Iterator[bytes]:
        yield from good
        raise RuntimeError("worker died")

    with pytest.raises(SyntaxError):
        load_fresh(tmp_path / "store", [*good, b"<http://a> <http://b> .\n"])
    with pytest.raises(RuntimeError, match="worker died"):
        load_fresh(tmp_path / "store", failing())
    assert _quads(tmp_path / "store") == before
    assert not (tmp_path / "store.building").exists()


def test_each_change_derives_the_standing_of_every_document_it_touches(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    """Replacing or removing one document updates vc:inCorpus for the documents it touches only; after any sequence
    of changes, re-deriving over the whole store finds nothing left to change."""
    rng = random.Random(5)
    cited_only: set[str] = set()

    def standing(store: GraphStore) -> set[ox.Quad]:
        return set(store.store.quads_for_pattern(None, ox.NamedNode(VC + "inCorpus"), None))

    with GraphStore(tmp_path / "store") as store:
        present: set[str] = set()
        for step in range(70):
            doc = rng.choice(built)
            if doc.iri in present and rng.random() < 0.4:
                store.remove(doc.iri, doc.graph)
                present.discard(doc.iri)
            else:
                store.replace(doc)
                present.add(doc.iri)
            before = standing(store)
            store.store.update(store_module._DERIVE)
            assert standing(store) == before, f"step {step}"
            cited_only |= {q.subject.value for q in before if q.object == ox.Literal(False)}
    assert cited_only & {d.iri for d in built}  # some plans were cited before (or after) being stored themselves


def test_what_each_stored_document_states_survives_any_sequence_of_changes(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    """Removing or replacing a document takes back its own triples and the claims no other document makes, never a
    triple a stored document states itself (a plan's claims about the plan it cites repeat some of that plan's
    own facts: its type, its number)."""
    rng = random.Random(11)
    with GraphStore(tmp_path / "store") as store:
        present: dict[str, BuiltDocument] = {}
        for step in range(60):
            change_at_random(store, present, rng.choice(built), rng, remove=0.4)
            held = set(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            for kept in present.values():
                stated = {ox.Quad(t.subject, t.predicate, t.object) for t in (*kept.owned, *kept.claims)}
                assert stated <= held, (step, kept.iri, sorted(map(str, stated - held))[:3])
