"""The embedded on-disk RDF store (Oxigraph), laid out so that a re-ingest replaces exactly one document.

Queries run against the default graph, which holds every fact once. Alongside it:
- each document's claims about shared nodes (agencies, cited documents, itself) also sit in its named graph,
  so replacing the document retracts a claim only when no other document makes it;
- the facts about the document itself and its parts (IRIs under its IRI: obligations, targets, mentions …) are
  found from the document's links and replaced whole (a fact another document also states survives);
- administrative-unit data from the unit catalogue is true whoever cites it and is never retracted;
- the ontology sits in its own graph.
Derived facts (vc:inCorpus false for documents known only from citations) are recomputed on every change.
Every change is one SPARQL Update, which Oxigraph applies atomically; the read index beside the store (read_index.py)
follows each change, and is rebuilt whenever it does not match the store.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import itertools
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from loaders import versions
from loaders.errors import InvalidRequest
from loaders.graph import BuiltDocument
from loaders.read_index import Change, ReadIndex
from loaders.versions import PARTS as _PARTS
from loaders.versions import VERSIONS_GRAPH
from ontology import ONTOLOGY_FILES, PREFIXES, VC

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple  # what a variable can be bound to

_DERIVE = f"""
DELETE {{ ?d <{VC}inCorpus> false }} WHERE {{ ?d <{VC}inCorpus> false }} ;
INSERT {{ ?d <{VC}inCorpus> false }} WHERE {{
  ?d a <{VC}PolicyDocument> . FILTER NOT EXISTS {{ ?d <{VC}inCorpus> true }} }}
"""


# the subject of an N-Triples line typing it an administrative unit (what a document's triples add to the units)
_UNIT_SUBJECT = re.compile(
    rf"^<([^>]+)> <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> <{re.escape(VC)}AdministrativeUnit> \.$",
    re.M,
)


def _derive_for(iri: str, graph: str, before: list[str]) -> str:
    """_DERIVE for the documents one change can touch: the document, and those its claims typed as documents before
    (`before`) and after the change (its named graph now). No other document's standing moves."""
    touched = (
        f"{{ SELECT DISTINCT ?d WHERE {{ {{ VALUES ?d {{ {' '.join(f'<{d}>' for d in [iri, *before])} }} }} UNION "
        f"{{ GRAPH <{graph}> {{ ?d a <{VC}PolicyDocument> }} }} }} }}"
    )
    # LATERAL: each touched document looked up on its own (a join would scan every document in the store)
    return (
        f"DELETE {{ ?d <{VC}inCorpus> false }} WHERE {{ {touched} LATERAL {{ ?d <{VC}inCorpus> false }} }} ;\n"
        f"INSERT {{ ?d <{VC}inCorpus> false }} WHERE {{ {touched} LATERAL {{ ?d a <{VC}PolicyDocument> "
        f"OPTIONAL {{ ?d <{VC}inCorpus> ?stored FILTER(?stored = true) }} FILTER(!BOUND(?stored)) }} }}\n"
    )


ONTOLOGY_GRAPH = "https://w3id.org/vn-cascade/ontology"
# history, which no document write retracts and a fresh build carries over: implementation events (loaders/events.py)
# and the versions a re-ingest kept (loaders/versions.py), each also copied into the default graph, where queries see
# them; each kept version's own facts sit in a graph of their own, outside the default graph
EVENTS_GRAPH = "https://w3id.org/vn-cascade/graph/events"


def _retract(iri: str, graph: str) -> str:
    """Update operations that remove a document's parts and the claims no other document makes."""
    g = f"<{graph}>"
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ {{ <{iri}> {_PARTS} ?s }} UNION "
        f"{{ <{iri}> <{VC}hasObligation>/<{VC}hasAssignment> ?s }} ?s ?p ?o }} ;\n"
        f"DELETE {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o FILTER NOT EXISTS {{ GRAPH ?h {{ <{iri}> ?p ?o }} }} }} ;\n"
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} "
        # what it said of another stored document stays: that document may state it too (its own triples are in no
        # named graph), and its next ingest takes back whatever it does not state
        f"FILTER NOT EXISTS {{ ?s <{VC}inCorpus> true FILTER(?s != <{iri}>) }} }} ;\n"
        f"DROP SILENT GRAPH {g} ;\n"
    )


def replacement(iri: str, graph: str, claims: str, triples: str, before: list[str]) -> str:
    """The SPARQL Update that puts a document, written as N-Triples (its claims, and all its triples), in place of
    what it said before; `before`: the documents its named graph typed as documents until now (documents_claimed)."""
    return (
        f"{_retract(iri, graph)}"
        f"INSERT DATA {{ GRAPH <{graph}> {{\n{claims}\n}} }} ;\n"
        f"INSERT DATA {{\n{triples}\n}} ;\n"
        f"{_derive_for(iri, graph, before)}"
    )


def documents_claimed(graph: str) -> str:
    """The query for the documents a document's named graph types as documents (itself, those it cites)."""
    return f"SELECT DISTINCT ?d WHERE {{ GRAPH <{graph}> {{ ?d a <{VC}PolicyDocument> }} }}"


def ontology_triples() -> list[ox.Triple]:
    """The ontology and its SKOS schemes, plus a marker of their content hash."""
    data = b"".join(path.read_bytes() for path in ONTOLOGY_FILES)
    triples = [q.triple for path in ONTOLOGY_FILES for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)]
    marker = ox.Triple(
        ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(VC + "contentHash"), ox.Literal(hashlib.sha1(data).hexdigest())
    )
    return [*triples, marker]


def _nt(triples: Iterable[ox.Triple]) -> str:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return cast(bytes, data).decode("utf-8")  # no output given: serialize returns the bytes


def _recover(path: Path) -> None:
    """Finish an interrupted rebuild: if the store folder is missing but the old one is kept, restore it."""
    old = path.with_name(path.name + ".old")
    if not path.exists() and old.exists():
        old.rename(path)
    elif path.exists() and old.exists():
        shutil.rmtree(old)


class GraphStore:
    """An Oxigraph store at `path` (in memory when None)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        if path is not None:
            _recover(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        self.store = ox.Store(str(path)) if path is not None else ox.Store()
        self.writable = True
        self._release: Callable[[], None] | None = None
        self._index: ReadIndex | None = None
        self._ensure_ontology()

    @classmethod
    def read_only(cls, path: Path, release: Callable[[], None] | None = None) -> GraphStore:
        """Open a folder nobody writes (a checkpoint) for reading only; writes through it fail. `release` runs at
        close (it lets go of whatever kept the folder from being removed meanwhile)."""
        opened = cls.__new__(cls)
        opened.path = path
        opened.store = ox.Store.read_only(str(path))
        opened.writable = False
        opened._release = release
        opened._index = None
        return opened

    def replace(self, built: BuiltDocument) -> Change | None:
        """Put one document in place of what it said before, in a single transaction."""
        return self.replace_serialised(built.iri, built.graph, built.claims_nt().decode(), built.triples_nt().decode())

    def replace_serialised(self, iri: str, graph: str, claims: str, triples: str) -> Change | None:
        """replace() for a document already written as N-Triples (its claims, and all its triples); what it changed
        in the read index, when the store has one. A changed text of a stored document keeps the text it replaces as
        a version (loaders/versions.py), in the same transaction."""
        index, before = self._index_before(graph)
        cited = self._cited(iri) if index is not None else frozenset()
        kept = versions.keep_previous(self.store, iri, graph, triples)
        self.store.update(kept + replacement(iri, graph, claims, triples, self._documents_claimed(graph)))
        return self._index_after(index, iri, graph, before, cited, _UNIT_SUBJECT.findall(triples))

    def remove(self, iri: str, graph: str) -> Change | None:
        """Retract one document (its parts and its claims), in a single transaction."""
        index, before = self._index_before(graph)
        cited = self._cited(iri) if index is not None else frozenset()
        self.store.update(f"{_retract(iri, graph)}{_derive_for(iri, graph, self._documents_claimed(graph))}")
        return self._index_after(index, iri, graph, before, cited)

    # -- the read index -------------------------------------------------------------------------------------------

    @property
    def read_index(self) -> ReadIndex:
        """The read index of this store, opened (and rebuilt if it does not match the store) on first use; beside
        the store on disk, in memory for a store in memory or opened read-only."""
        if self._index is None:
            on_disk = self.path is not None and self.writable
            self._index = ReadIndex(ReadIndex.beside(self.path) if on_disk and self.path else None)
            self._index.ensure(self.store)
        return self._index

    def _index_before(self, graph: str) -> tuple[ReadIndex | None, set[str]]:
        """Before a write: the index to keep in step (open, or on disk beside the store) and the subjects the
        document's claims name now."""
        if self._index is None and not (self.path is not None and ReadIndex.beside(self.path).exists()):
            return None, set()
        return self.read_index, self._subjects(graph)

    def _index_after(
        self,
        index: ReadIndex | None,
        iri: str,
        graph: str,
        before: set[str],
        cited: frozenset[tuple[str, str]],
        units: Iterable[str] = (),
    ) -> Change | None:
        """After a write: the index's rows for what the document's claims named before or name now, read again (and
        what the document cited before and cites now, in the change); an index that fails to follow is rebuilt
        whole."""
        if index is None:
            return None
        try:
            change = index.update(self.store, iri, before | self._subjects(graph), units)
        except sqlite3.Error:
            index.rebuild(self.store)
            return None
        return dataclasses.replace(change, cited_before=cited, cited_after=self._cited(iri))

    def _cited(self, iri: str) -> frozenset[tuple[str, str]]:
        """(cited document, relation) of the document's references."""
        rows = self.store.query(
            f"SELECT ?t ?rel WHERE {{ <{iri}> <{VC}hasReference> ?r . ?r <{VC}toDocument> ?t ; <{VC}relation> ?rel }}"
        )
        return frozenset((row[0].value, row[1].value) for row in cast(ox.QuerySolutions, rows))

    def _subjects(self, graph: str) -> set[str]:
        rows = self.store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return {row[0].value for row in cast(ox.QuerySolutions, rows) if isinstance(row[0], ox.NamedNode)}

    def _documents_claimed(self, graph: str) -> list[str]:
        """The documents a document's named graph types as documents (itself, those it cites): read before a change
        (one writer at a time) to know whose standing the change can move."""
        rows = self.store.query(documents_claimed(graph))
        return [row[0].value for row in cast(ox.QuerySolutions, rows)]

    def append(self, graph: str, lines: str) -> None:
        """Add N-Triples lines to a history graph (never retracted) and to the default graph, in one transaction."""
        self.store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{lines}\n}} }} ;\nINSERT DATA {{\n{lines}\n}}")

    def replace_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        """Replace a whole named graph (the ontology) and its share of the default graph, atomically."""
        g = f"<{graph}>"
        self.store.update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }} ;\n"
            f"DROP SILENT GRAPH {g} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{_nt(triples)}\n}} }} ;\n"
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} ;\n"
            f"{_DERIVE}"
        )

    def _ensure_ontology(self) -> None:
        """Load (or refresh) the ontology graph when the Turtle files changed."""
        triples = ontology_triples()
        marker = triples[-1]
        if not any(
            True
            for _ in self.store.quads_for_pattern(
                marker.subject, marker.predicate, marker.object, ox.NamedNode(ONTOLOGY_GRAPH)
            )
        ):
            self.replace_graph(ONTOLOGY_GRAPH, triples)

    def query(self, sparql: str, substitutions: dict[ox.Variable, Term] | None = None):
        """Run a SPARQL query against the default (union) graph, the vn-cascade prefixes predeclared and the
        variables in `substitutions` bound to their values before evaluation."""
        return self.store.query(sparql, prefixes=PREFIXES, substitutions=substitutions)

    def __len__(self) -> int:
        """Number of triples in the default (union) graph, counted by the engine (iterating them in Python costs
        about 9 us a triple: 20 s for 1,000 realistic plans)."""
        rows = cast(ox.QuerySolutions, self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        return int(next(iter(rows))[0].value)

    def rdflib_graph(self) -> rdflib.Graph:
        """The default (union) graph as an rdflib Graph over this store, via the oxrdflib plugin."""
        graph = rdflib.Graph(store=OxigraphStore(store=self.store), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        return graph

    def export(self, fmt: str) -> bytes:
        """Serialise the merged knowledge graph: 'nt' (fast, Oxigraph), 'ttl' or 'jsonld' (rdflib, with prefixes)."""
        if fmt == "nt":
            data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            return cast(bytes, data)  # no output given: dump returns the bytes
        graph = self.rdflib_graph()
        if fmt == "ttl":
            return graph.serialize(format="turtle", encoding="utf-8")
        if fmt == "jsonld":
            return graph.serialize(format="json-ld", context=PREFIXES, encoding="utf-8")
        raise InvalidRequest(f"unknown export format {fmt!r}: use ttl, nt or jsonld")

    def flush(self) -> None:
        self.store.flush()

    def compact(self) -> None:
        """Compact the files on disk after a batch of per-document writes: each replacement leaves the old version
        and its deletions behind until compaction (100 realistic plans ingested one by one: 195 MiB, 50 after)."""
        self.store.optimize()

    def close(self) -> None:
        """Release the store (and its lock on the folder) now rather than at garbage collection."""
        if self.writable:
            self.store.flush()
        if self._index is not None:
            self._index.close()
            self._index = None
        del self.store
        gc.collect()  # rdflib views (oxrdflib) hold the store in reference cycles
        if self._release is not None:
            self._release()
            self._release = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def backup(store: GraphStore, target: Path) -> None:
    """Copy a store as it is now to a new folder `target` (Oxigraph's online backup; a checkpoint is copied)."""
    if target.exists():
        raise FileExistsError(f"{target} exists; a backup goes to a new folder")
    if store.writable:
        store.store.backup(str(target))
    else:  # a checkpoint nobody writes: its files are the backup
        assert store.path is not None  # only read_only() makes a store that is not writable, always from a folder
        shutil.copytree(store.path, target)


def restore(path: Path, source: Path) -> None:
    """Put the backup at `source` in place of the store at `path` (which nobody may hold), swapped in whole.

    The backup is checked to open first; it is copied aside, then the old store is moved out and the copy in, so a
    crash leaves the old store or the restored one (_recover finishes the swap), never a mix."""
    probe = ox.Store.read_only(str(source))
    del probe
    aside = path.with_name(path.name + ".restoring")
    shutil.rmtree(aside, ignore_errors=True)
    shutil.copytree(source, aside)
    old = path.with_name(path.name + ".old")
    if path.exists():
        path.rename(old)
    aside.rename(path)
    shutil.rmtree(old, ignore_errors=True)


def rebuild(path: Path, docs: Iterable[BuiltDocument], timings: dict[str, float] | None = None) -> None:
    """Replace the store at `path` with one holding exactly `docs` (see load_fresh)."""
    load_fresh(path, (document_nquads(d.graph, d.claims_nt(), d.triples_nt()) for d in docs), timings)


def load_fresh(path: Path, documents: Iterable[bytes], timings: dict[str, float] | None = None) -> None:
    """Replace the store at `path` with one holding exactly the documents given as N-Quads (document_nquads).

    The documents stream into Oxigraph's bulk loader (fast, not transactional) on a fresh folder, never all held in
    memory; the old store is kept until the new one is complete, so a crash or an error from `documents` leaves
    either the old or the new store, never a mix; the read index is rebuilt last (an index that does not match its
    store is rebuilt when opened anyway). `timings`, when given, receives the seconds each step took.
    """
    lap = _stopwatch(timings)
    building = path.with_name(path.name + ".building")
    if building.exists():
        shutil.rmtree(building)
    path.parent.mkdir(parents=True, exist_ok=True)
    _recover(path)  # an interrupted swap finished first: its history is the one to carry over
    current = ox.Store.read_only(str(path)) if path.exists() else None
    store = ox.Store(str(building))
    try:
        ontology_nt = _nt_bytes(ontology_triples())
        ontology = document_nquads(ONTOLOGY_GRAPH, ontology_nt, ontology_nt)
        history = _history(current) if current is not None else iter(())
        stream = io.BufferedReader(_Chunks(itertools.chain([ontology], history, documents)), buffer_size=1 << 20)
        # The N-Quads come from Oxigraph's own serialiser over terms it validated when they were built, so the
        # loader's re-validation (over a third of its parsing time) is skipped.
        store.bulk_load(input=stream, format=ox.RdfFormat.N_QUADS, lenient=True)
        lap("read and bulk load")
        store.update(_DERIVE)
        lap("derive")
        store.flush()
    except BaseException:
        del store, current
        shutil.rmtree(building, ignore_errors=True)
        raise
    del store, current
    lap("flush and close")
    old = path.with_name(path.name + ".old")
    if path.exists():
        path.rename(old)
    building.rename(path)
    if old.exists():
        shutil.rmtree(old)
    lap("swap")
    # built now, so the first reader of the new store does not wait for it; read-only, as opening the new store for
    # writing may start a compaction that leaves it larger on disk
    index = ReadIndex(ReadIndex.beside(path))
    index.ensure(ox.Store.read_only(str(path)))
    index.close()
    lap("read index")


def _history(old: ox.Store) -> Iterator[bytes]:
    """The old store's history (its events, the versions kept and each version's graph) as N-Quads, a graph at a
    time, for a fresh build to carry over."""
    for graph in (EVENTS_GRAPH, VERSIONS_GRAPH):
        lines = cast(bytes, old.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)))
        yield document_nquads(graph, lines, lines)
    for graph in versions.graphs(old):
        lines = cast(bytes, old.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)))
        yield document_nquads(graph, lines, b"")


class _Chunks(io.RawIOBase):
    """A readable stream over an iterable of byte strings, pulled as the reader asks."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def document_nquads(graph: str, claims: bytes, triples: bytes) -> bytes:
    """A document as N-Quads: its claims in its named graph, then all its triples (claims included) in the default
    graph (a set: what several documents state collapses)."""
    named = claims.replace(b" .\n", f" <{graph}> .\n".encode())  # literals never hold a raw newline
    return named + triples


def _nt_bytes(triples: list[ox.Triple]) -> bytes:
    return cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))  # no output given: the bytes


def _stopwatch(timings: dict[str, float] | None) -> Callable[[str], None]:
    """A function that records in `timings` the seconds since its previous call (or creation) under a name."""
    last = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[name] = now - last[0]
        last[0] = now

    return lap
