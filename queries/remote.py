"""Run a catalogue query on a SPARQL 1.1 server (the SPARQL Protocol) with rows shaped as on the embedded store."""

from __future__ import annotations

from loaders.fuseki.client import FusekiClient
from queries import Query
from queries.run import QueryError, Row, plain, sparql_text


def run_remote(client: FusekiClient, query: Query, params: dict[str, str]) -> list[Row]:
    """Rows from the server's dataset: the SPARQL run_sparql runs, its values converted by the same plain()."""
    result = client.select(sparql_text(query, params))
    columns = [v.value for v in result.variables]
    if tuple(columns) != query.columns:
        raise QueryError(
            f"query {query.name!r}: the server returns {columns}, its header declares {list(query.columns)}"
        )
    return [{c: plain(row[c]) for c in columns} for row in result]
