"""The embedded on-disk RDF store (Oxigraph): one named graph per document, the default graph as their union.

Each document's triples live in its own named graph, so re-ingesting replaces exactly what that document
said. The default graph holds the distinct union of all document graphs plus derived facts (vc:inCorpus
false for documents known only from citations); queries run against it, so shared facts (an agency's label
stated by two plans) appear once. Every change is one SPARQL Update, which Oxigraph applies atomically.
"""
from __future__ import annotations

import gc
import hashlib
import shutil
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ontology import ONTOLOGY_FILES, PREFIXES, VC, sparql_prefixes

from .graph import BuiltDocument

_DERIVE = f"""
DELETE {{ ?d <{VC}inCorpus> false }} WHERE {{ ?d <{VC}inCorpus> false }} ;
INSERT {{ ?d <{VC}inCorpus> false }} WHERE {{
  ?d a <{VC}PolicyDocument> . FILTER NOT EXISTS {{ ?d <{VC}inCorpus> true }} }}
"""


ONTOLOGY_GRAPH = "https://w3id.org/vn-cascade/ontology"


def ontology_triples() -> list[ox.Triple]:
    """The ontology and its SKOS schemes, plus a marker of their content hash."""
    data = b"".join(path.read_bytes() for path in ONTOLOGY_FILES)
    triples = [q.triple for path in ONTOLOGY_FILES
               for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    marker = ox.Triple(ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(VC + "contentHash"),
                       ox.Literal(hashlib.sha1(data).hexdigest()))
    return [*triples, marker]


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
        self._ensure_ontology()

    def replace(self, built: BuiltDocument) -> None:
        """Put one document's triples in place of what it said before, in a single transaction."""
        self.replace_graph(built.graph, built.triples)

    def replace_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        """Replace a named graph and keep the default graph their distinct union, atomically."""
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
        if not any(True for _ in self.store.quads_for_pattern(marker.subject, marker.predicate, marker.object,
                                                               ox.NamedNode(ONTOLOGY_GRAPH))):
            self.replace_graph(ONTOLOGY_GRAPH, triples)

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
        return sorted(g.value for g in self.store.named_graphs() if g.value != ONTOLOGY_GRAPH)

    def __len__(self) -> int:
        """Number of triples in the default (union) graph."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def rdflib_graph(self) -> rdflib.Graph:
        """The default (union) graph as an rdflib Graph over this store, via the oxrdflib plugin."""
        graph = rdflib.Graph(store=OxigraphStore(store=self.store), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        return graph

    def export(self, fmt: str) -> bytes:
        """Serialise the merged knowledge graph: 'nt' (fast, Oxigraph), 'ttl' or 'jsonld' (rdflib, with prefixes)."""
        if fmt == "nt":
            return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph = self.rdflib_graph()
        if fmt == "ttl":
            return graph.serialize(format="turtle", encoding="utf-8")
        if fmt == "jsonld":
            return graph.serialize(format="json-ld", context=PREFIXES, encoding="utf-8")
        raise ValueError(f"unknown export format {fmt!r}: use ttl, nt or jsonld")

    def flush(self) -> None:
        self.store.flush()

    def close(self) -> None:
        """Release the store (and its lock on the folder) now rather than at garbage collection."""
        self.store.flush()
        del self.store
        gc.collect()  # rdflib views (oxrdflib) hold the store in reference cycles

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    """One N-Quads stream: the ontology's and each document's triples in their graphs, and every triple again
    without a graph (the default graph, which Oxigraph keeps as a set, so the union comes out distinct)."""
    graphs = [(ONTOLOGY_GRAPH, ontology_triples()), *((doc.graph, doc.triples) for doc in docs)]
    named: list[bytes] = []
    default: list[bytes] = []
    for graph, triples in graphs:
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        default.append(nt)
        named.append(nt.replace(b" .\n", f" <{graph}> .\n".encode()))  # literals never hold a raw newline
    return b"".join(named + default)
