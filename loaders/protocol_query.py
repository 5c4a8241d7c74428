"""Run one SPARQL Protocol query against a store and bring back at most limit+1 rows, as picklable values."""

from __future__ import annotations

import pyoxigraph as ox

from loaders.store import GraphStore
from ontology import PREFIXES

Rows = list[list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]]


def execute(
    store: GraphStore, query: str, base: str, default: list[str], named: list[str], limit: int
) -> bool | tuple[list[str] | None, Rows | list[ox.Triple]]:
    """ASK gives a bool; SELECT gives (variable names, rows); CONSTRUCT/DESCRIBE give (None, triples).

    Relative IRIs resolve against `base` (the endpoint). A dataset given in the request (default-graph-uri,
    named-graph-uri) replaces the query's and the store's whole: the graphs it does not name are not in it."""
    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None  # None: the store's own
    named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None
    if default or named:
        default_graph = [ox.NamedNode(iri) for iri in default]
        named_graphs = [ox.NamedNode(iri) for iri in named]
    result = store.store.query(
        query, base_iri=base, prefixes=PREFIXES, default_graph=default_graph, named_graphs=named_graphs
    )
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    rows: list = []
    for item in result:
        rows.append(item if isinstance(result, ox.QueryTriples) else list(item))
        if len(rows) > limit:
            break
    names = [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else None
    return names, rows
