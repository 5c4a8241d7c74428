"""Run a catalogue query on either engine and return rows with comparable Python values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

import neo4j
import pyoxigraph as ox

from ontology import XSD
from queries import Param, Query

Row = dict[str, Any]


class QueryError(ValueError):
    """A query could not run as asked (missing parameter, missing engine, wrong columns)."""


def _check_params(query: Query, params: dict[str, str]) -> None:
    missing = [p.name for p in query.params if p.name not in params]
    extra = sorted(set(params) - {p.name for p in query.params})
    if missing or extra:
        wanted = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} takes parameters: {wanted} (missing {missing}, unknown {extra})")


def _sparql_literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _bind(param: Param, value: str) -> str:
    if param.kind == "iri":
        if re.search(r"[\s<>\"{}|^`\\]", value):
            raise QueryError(f"parameter {param.name!r} must be an IRI, got {value!r}")
        return f"<{value}>"
    literal = _sparql_literal(unicodedata.normalize("NFC", value))
    return f"{literal}@vi" if param.kind == "vi" else literal


def sparql_text(query: Query, params: dict[str, str]) -> str:
    """The SPARQL text with parameters bound by a VALUES clause at the start of its WHERE block."""
    if query.sparql is None:
        raise QueryError(f"query {query.name!r} has no SPARQL version")
    _check_params(query, params)
    if not query.params:
        return query.sparql
    names = " ".join(f"?{p.name}" for p in query.params)
    values = " ".join(_bind(p, params[p.name]) for p in query.params)
    where = re.search(r"WHERE\s*\{", query.sparql, re.I)
    if where is None:
        raise QueryError(f"query {query.name!r}: parameters need a WHERE {{ … }} block to bind them in")
    return f"{query.sparql[: where.end()]}\n  VALUES ({names}) {{ ({values}) }}{query.sparql[where.end() :]}"


_XSD_STRING = XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def plain(term: Any) -> Any:
    """A value both engines agree on: IRIs and strings as str, numbers as int/float, dates ISO, booleans bool."""
    kind = type(term)
    if term is None:
        return None
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        iri = term.datatype.value
        if iri in (_XSD_STRING, _LANG_STRING):
            return term.value
        datatype = iri[len(XSD) :] if iri.startswith(XSD) else ""
        if datatype in ("integer", "int", "long"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, neo4j.time.Date):
        return term.iso_format()
    if isinstance(term, (dt.date, dt.datetime)):
        return term.isoformat()
    if isinstance(term, Decimal):
        return float(term)
    if isinstance(term, list):
        return [plain(t) for t in term]
    return term


def run_sparql(store, query: Query, params: dict[str, str]) -> list[Row]:
    """Rows from the embedded store."""
    result = store.query(sparql_text(query, params))
    names = [v.value for v in result.variables]
    if tuple(names) != query.columns:
        raise QueryError(f"query {query.name!r}: SPARQL returns {names}, its header declares {list(query.columns)}")
    return [dict(zip(names, map(plain, row), strict=False)) for row in result]


def run_cypher(driver: neo4j.Driver, database: str, query: Query, params: dict[str, str]) -> list[Row]:
    """Rows from Neo4j, in a read transaction."""
    if query.cypher is None:
        raise QueryError(f"query {query.name!r} has no Cypher version")
    _check_params(query, params)
    params = {
        k: v if p.kind == "iri" else unicodedata.normalize("NFC", v)
        for p in query.params
        for k, v in params.items()
        if k == p.name
    }
    records, _summary, keys = driver.execute_query(
        query.cypher, parameters_=params, database_=database, routing_=neo4j.RoutingControl.READ
    )
    if tuple(keys) != query.columns:
        raise QueryError(
            f"query {query.name!r}: Cypher returns {list(keys)}, its header declares {list(query.columns)}"
        )
    return [{k: plain(r[k]) for k in keys} for r in records]
