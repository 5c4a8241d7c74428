"""Publish the embedded store to a SPARQL 1.1 server: whole through the Graph Store Protocol, or one document's share
after an ingest through SPARQL Update (the very update the embedded store ran)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import cast

import pyoxigraph as ox

from loaders.fuseki.client import FusekiClient, FusekiError
from loaders.store import GraphStore, documents_claimed, replacement

BATCH = 20_000  # triples serialised at a time while a graph streams to the server


@dataclass(frozen=True)
class Published:
    """What a full publish wrote: the named graphs and their triples, the default graph's triples, and the graphs
    the server had that the store does not (deleted)."""

    graphs: int
    named_triples: int
    default_triples: int
    deleted: int
    seconds: float

    @property
    def quads(self) -> int:
        """Every quad written: the named graphs' triples and the default graph's."""
        return self.named_triples + self.default_triples


def publish(store: GraphStore, client: FusekiClient) -> Published:
    """Make the server's dataset hold exactly the store's quads: each named graph (every document's claims, the
    ontology) and then the default graph (every fact once) put whole, then the server's other graphs deleted.
    Each PUT is one transaction on the server, so a query on the default graph sees it all old or all new."""
    began = time.perf_counter()
    named = [graph.value for graph in store.store.named_graphs() if isinstance(graph, ox.NamedNode)]
    counts: dict[str, int] = {}
    try:
        for graph in named:
            counts[graph] = _put(store, client, graph)
        default = _put(store, client, None)
        stale = sorted(set(client.graphs()) - set(named))
        for graph in stale:
            client.delete_graph(graph)
    except FusekiError as exc:
        raise FusekiError(
            f"publishing the store failed after {len(counts)} of {len(named)} named graphs: {exc}"
        ) from None
    return Published(len(named), sum(counts.values()), default, len(stale), time.perf_counter() - began)


@dataclass(frozen=True)
class DocumentPublished:
    """What a per-document publish sent: the document, its claims and all its triples."""

    iri: str
    claims: int
    triples: int
    seconds: float


def publish_document(
    client: FusekiClient, iri: str, graph: str, claims: str, triples: str, history: str = ""
) -> DocumentPublished:
    """Put one document (its claims and all its triples as N-Triples, as GraphStore.replace_serialised takes them)
    in place of what it said before on the server, in one SPARQL Update: the embedded store's own update text, after
    `history` (versions.history_update: the versions the embedded store keeps of it). One writer at a time, as on
    the embedded store: the documents its graph claimed before are read just ahead of it."""
    began = time.perf_counter()
    try:
        before = [row[0].value for row in client.select(documents_claimed(graph))]
        client.update(history + replacement(iri, graph, claims, triples, before))
    except FusekiError as exc:
        raise FusekiError(f"republishing document <{iri}> failed: {exc}") from None
    return DocumentPublished(iri, _lines(claims), _lines(triples), time.perf_counter() - began)


def _put(store: GraphStore, client: FusekiClient, graph: str | None) -> int:
    """PUT one graph of the store (the default graph when None), streamed as N-Triples; its number of triples."""
    counted = [0]
    target = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    quads = store.store.quads_for_pattern(None, None, None, target)

    def chunks() -> Iterator[bytes]:
        while batch := [quad.triple for quad in islice(quads, BATCH)]:
            counted[0] += len(batch)
            yield cast(bytes, ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES))  # no output given: the bytes

    client.put_graph(graph, chunks())
    return counted[0]


def _lines(ntriples: str) -> int:
    """The number of triples in an N-Triples text."""
    return sum(1 for line in ntriples.splitlines() if line.strip())
