"""The read index beside the store: kept in step one document at a time, equal to one rebuilt from scratch, and
rebuilt whenever it does not match its store."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import BASE, SEEDS
from synthetic_plans import corpus

from loaders import read_index
from loaders.folding import key
from loaders.graph import BuiltDocument, build
from loaders.parser import parse
from loaders.read_index import ReadIndex
from loaders.readers.documents import read_source
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from ontology import VC
from queries.read.model import ReadModel, matches_place

LOOKUPS = ("documents", "agencies", "up", "down", "labels", "spans", "references")  # what after() carries over
ORDERED = ("documents", "agencies", "up", "references")  # those read in order (the others are looked up only)
ENTRIES = "SELECT kind, iri, label, text, document FROM entry ORDER BY kind, iri, document, label"


@pytest.fixture(scope="module")
def built() -> list[BuiltDocument]:
    plans = [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(30, seed=5)]
    samples = [build(parse(read_source(path)), BASE) for path in sorted(SEEDS.glob("*.txt"))]
    return plans + samples


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of an index file, table by table (the search entries without their row numbers; of its metadata
    the stamp, not the generation, which counts the writes that made it)."""
    with sqlite3.connect(path) as db:
        found = {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("stored", "unit", "document", "agency", "alt_label")
        }
        found["meta"] = db.execute("SELECT * FROM meta WHERE key != 'generation'").fetchall()
        found["entry"] = db.execute(ENTRIES).fetchall()
        found["words"] = db.execute(
            "SELECT e.kind, e.iri, e.document FROM entry_words('ubnd OR tre OR em') w JOIN entry e ON e.id = w.rowid "
            "ORDER BY 1, 2, 3"
        ).fetchall()
    return found


def test_an_index_kept_per_document_equals_one_rebuilt_from_the_store(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    """Random replaces and removes, each followed by the index and by the read model: after each, the model carried
    over equals one read afresh, lookup for lookup, and the index equals one rebuilt from the store, row for row."""
    rng = random.Random(7)
    with GraphStore(tmp_path / "store") as store:
        model = ReadModel(store, BASE)
        _ = [getattr(model, lookup) for lookup in LOOKUPS]
        present: dict[str, BuiltDocument] = {}
        for step in range(40):
            doc = rng.choice(built)
            names, groups = _names(store)
            if doc.iri in present and rng.random() < 0.35:
                change = store.remove(doc.iri, doc.graph)
                del present[doc.iri]
            else:
                change = store.replace(doc)
                present[doc.iri] = doc
            assert change is not None
            assert change.document == doc.iri
            names_after, groups_after = _names(store)
            moved = {i for i, name in names.items() if names_after.get(i) != name}
            assert moved <= change.renamed <= change.documents | change.named, step
            assert change.groups_gone == groups - groups_after, step
            model = model.after(change)
            fresh = ReadModel(store, BASE)
            assert model.units == fresh.units, step
            for lookup in LOOKUPS:
                carried, read = getattr(model, lookup), getattr(fresh, lookup)
                assert carried == read, (step, lookup)
                if lookup in ORDERED:
                    assert list(carried) == list(read), (step, lookup)
        kept = _contents(ReadIndex.beside(store.path or tmp_path))
    # the same store, its index rebuilt from nothing
    ReadIndex.beside(tmp_path / "store").unlink()
    with GraphStore(tmp_path / "store") as store:
        _ = store.read_index
    assert _contents(ReadIndex.beside(tmp_path / "store")) == kept
    assert len(kept["document"]) >= len(present) and kept["entry"]


def _names(store: GraphStore) -> tuple[dict[str, str], set[str]]:
    """What a model read afresh calls every document and agency, and which agencies are groups."""
    model = ReadModel(store, BASE)
    agencies = {a: model.agencies[a] for a in model.agencies}
    names = {d: doc.label for d, doc in model.documents.items()} | {a: agency.label for a, agency in agencies.items()}
    return names, {a for a, agency in agencies.items() if agency.group}


def test_agency_listings_are_filtered_sorted_and_paged_in_the_index(tmp_path: Path, built: list[BuiltDocument]) -> None:
    with GraphStore(tmp_path / "store") as store:
        for doc in built:
            store.replace(doc)
        model = ReadModel(store, BASE)
        everything = [model.agencies[a] for a in model.agencies]
        assert len(everything) == len(model.agencies) > 50
        province = next(a.unit.province for a in everything if a.unit and a.unit.province)
        for kind, level, place, group in [
            (None, None, None, None),
            ("department", None, None, None),
            (None, "district", None, None),
            (None, None, province.label, None),
            (None, None, key(province.label), False),
            (None, None, province.code, True),
            (None, "commune", None, True),
        ]:
            listed = model.agency_listing(kind, level, place, group)
            wanted = sorted(
                (
                    a
                    for a in everything
                    if (kind is None or a.kind == kind)
                    and (level is None or a.level == level)
                    and (place is None or matches_place(a.unit, place))
                    and (group is None or a.group == group)
                ),
                key=lambda a: (a.label, a.iri),
            )
            assert wanted, (kind, level, place, group)  # every filter keeps some
            assert list(listed) == wanted and len(listed) == len(wanted), (kind, level, place, group)
            assert [a for start in range(0, len(listed), 9) for a in listed[start : start + 9]] == wanted
        assert len(model.agency_listing()) == len(everything)


def test_an_index_that_does_not_match_its_store_is_rebuilt_when_opened(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    path = tmp_path / "store"
    rebuild(path, built[:6])  # a bulk build writes the index last
    first = _contents(ReadIndex.beside(path))
    assert {iri for iri, _ in first["stored"]} == {d.iri for d in built[:6]}
    # a bulk build of other documents into the same folder, its index then made stale on purpose
    rebuild(path, built[6:9])
    with sqlite3.connect(ReadIndex.beside(path)) as db:
        db.execute("DELETE FROM stored")
    with GraphStore(path) as store:
        assert {d.iri for d in ReadModel(store, BASE).documents.values() if d.in_corpus} == {d.iri for d in built[6:9]}
    assert {iri for iri, _ in _contents(ReadIndex.beside(path))["stored"]} == {d.iri for d in built[6:9]}


def test_every_writer_keeps_an_existing_index_in_step(tmp_path: Path, built: list[BuiltDocument]) -> None:
    """No index until a reader asks for one; from then on every write follows it, even from a store object that
    never read it, so the next reader finds it matching (not rebuilt)."""
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.replace(built[0])
    assert not ReadIndex.beside(path).exists()
    with GraphStore(path) as store:
        assert built[0].iri in ReadModel(store, BASE).documents  # built on first read
    with GraphStore(path) as store:
        store.replace(built[1])
        store.remove(built[0].iri, built[0].graph)
        assert ReadIndex(ReadIndex.beside(path)).matches(store.store)
        documents = ReadModel(store, BASE).documents
        assert documents[built[1].iri].in_corpus
        assert built[0].iri not in documents or not documents[built[0].iri].in_corpus


def test_an_index_update_that_fails_rebuilds_the_index(
    tmp_path: Path, built: list[BuiltDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore(tmp_path / "store") as store:
        store.replace(built[0])
        _ = store.read_index

        def broken(*_: object) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(read_index, "_write", broken)
        with pytest.raises(sqlite3.OperationalError):
            store.read_index.update(store.store, built[1].iri, set())
        monkeypatch.undo()
        monkeypatch.setattr(ReadIndex, "update", lambda *_: (_ for _ in ()).throw(sqlite3.OperationalError("full")))
        assert store.replace(built[1]) is None  # the store took the document; the index was rebuilt instead
        monkeypatch.undo()
        assert store.read_index.matches(store.store)
        assert built[1].iri in ReadModel(store, BASE).documents


def test_search_pages_come_from_the_index_in_the_order_of_the_whole_list(
    tmp_path: Path, built: list[BuiltDocument]
) -> None:
    with GraphStore(tmp_path / "store") as store:
        for doc in built:
            store.replace(doc)
        search = ReadModel(store, BASE).index
        for query in ("trẻ em", "tre em", "UBND", "ủy ban nhân dân", "phong giao duc"):
            hits = search.search(query)
            everything = list(hits)
            assert len(hits) == len(everything) > 0, query
            pages = [h for start in range(0, len(hits), 7) for h in hits[start : start + 7]]
            assert pages == everything, query
            scores = [h.score for h in everything]
            assert scores == sorted(scores, reverse=True), query
        accented, folded = search.search("trẻ em"), search.search("tre em")
        assert {h.entry.iri for h in accented} == {h.entry.iri for h in folded}
        assert search.search("tr")[0].score >= 1.0  # the last word matches as a prefix
        assert len(search.search("   ")) == 0


def test_a_unit_the_documents_disagree_about_is_indexed_once(tmp_path: Path, built: list[BuiltDocument]) -> None:
    """Documents may state two parents (or labels) for one unit: the index keeps one row for it, the least in text
    order, instead of refusing the whole build (as it did at 25,000 plans)."""
    path = tmp_path / "store"
    rebuild(path, built[:4])
    with GraphStore(path) as store:
        unit, parent = next(
            iter(store.query("SELECT ?u ?p WHERE { ?u a vc:AdministrativeUnit ; vc:partOf ?p } LIMIT 1"))
        )
        other = "https://w3id.org/vn-cascade/id/unit/00-a-parent-first-in-text-order"
        store.store.add(ox.Quad(unit, ox.NamedNode(VC + "partOf"), ox.NamedNode(other), ox.DefaultGraph()))
        index = ReadIndex.beside(path)
        read_index.ReadIndex(index).rebuild(store.store)
        rows = [r for r in read_index.ReadIndex(index).units() if r[0] == unit.value]
        assert len(rows) == 1 and rows[0][4] == min(other, parent.value)
