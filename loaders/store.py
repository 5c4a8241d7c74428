"""The embedded on-disk RDF store (Oxigraph): one named graph per document, the default graph as their union.

Each document's triples live in its own named graph, so re-ingesting replaces exactly what that document
said. The default graph holds the distinct union of all document graphs plus derived facts (vc:inCorpus
false for documents known only from citations); queries run against it, so shared facts (an agency's label
stated by two plans) appear once. Every change is one SPARQL Update, which Oxigraph applies atomically.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from ontology import VC, sparql_prefixes

from .graph import BuiltDocument

_DERIVE = f"""
DELETE {{ ?d <{VC}inCorpus> false }} WHERE {{ ?d <{VC}inCorpus> false }} ;
INSERT {{ ?d <{VC}inCorpus> false }} WHERE {{
  ?d a <{VC}PolicyDocument> . FILTER NOT EXISTS {{ ?d <{VC}inCorpus> true }} }}
"""


def _nt(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


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

    def replace(self, built: BuiltDocument) -> None:
        """Put one document's triples in place of what it said before, in a single transaction."""
        g = f"<{built.graph}>"
        self.store.update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }} ;\n"
            f"DROP SILENT GRAPH {g} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{_nt(built.triples)}\n}} }} ;\n"
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} ;\n"
            f"{_DERIVE}"
        )

    def remove(self, graph: str) -> None:
        """Drop one document's graph and whatever only it asserted, in a single transaction."""
        g = f"<{graph}>"
        self.store.update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }} ;\n"
            f"DROP SILENT GRAPH {g} ;\n{_DERIVE}"
        )

    def query(self, sparql: str, prefixes: bool = True):
        """Run a SPARQL query against the default (union) graph; the vn-cascade prefixes are predeclared."""
        return self.store.query((sparql_prefixes() if prefixes else "") + sparql)

    def graphs(self) -> list[str]:
        """IRIs of the document graphs."""
        return sorted(g.value for g in self.store.named_graphs())

    def __len__(self) -> int:
        """Number of triples in the default (union) graph."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def export(self, fmt: ox.RdfFormat) -> bytes:
        """Serialise the default graph (the merged knowledge graph)."""
        return self.store.dump(format=fmt, from_graph=ox.DefaultGraph())

    def flush(self) -> None:
        self.store.flush()


def rebuild(path: Path, docs: list[BuiltDocument]) -> None:
    """Replace the store at `path` with one holding exactly `docs`, built aside and swapped in.

    Uses Oxigraph's bulk loader (fast, not transactional) on a fresh folder; the old store is kept until
    the new one is complete, so a crash leaves either the old or the new store, never a mix.
    """
    building = path.with_name(path.name + ".building")
    if building.exists():
        shutil.rmtree(building)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(building))
    store.bulk_load(input=_nquads(docs), format=ox.RdfFormat.N_QUADS)
    store.update(_DERIVE)
    store.flush()
    del store
    old = path.with_name(path.name + ".old")
    if path.exists():
        path.rename(old)
    building.rename(path)
    if old.exists():
        shutil.rmtree(old)


def _nquads(docs: list[BuiltDocument]) -> bytes:
    """Each document's triples in its graph, plus their distinct union in the default graph."""
    quads: list[ox.Quad] = []
    union: set[ox.Triple] = set()
    for doc in docs:
        g = ox.NamedNode(doc.graph)
        for t in doc.triples:
            quads.append(ox.Quad(t.subject, t.predicate, t.object, g))
            union.add(t)
    quads.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
