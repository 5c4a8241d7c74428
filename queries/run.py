"""Run a catalogue query on either engine and return rows with comparable Python values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import neo4j
import pyoxigraph as ox

from loaders.errors import InvalidRequest
from ontology import XSD
from queries import Param, Query

if TYPE_CHECKING:
    from loaders.store import GraphStore

Row = dict[str, Any]


class QueryError(InvalidRequest):
    """A query could not run as asked (missing parameter, missing engine, wrong columns)."""


def _check_params(query: Query, params: dict[str, str]) -> None:
    missing = [p.name for p in query.params if p.name not in params]
    extra = sorted(set(params) - {p.name for p in query.params})
    if missing or extra:
        wanted = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} takes parameters: {wanted} (missing {missing}, unknown {extra})")


_IRI_REFUSED = re.compile(r"[\s<>\"{}|^`\\]")


def _term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for: an IRI, a "…"@vi label or a plain string (labels NFC)."""
    if param.kind == "iri":
        try:
            if _IRI_REFUSED.search(value):
                raise ValueError(value)
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {param.name!r} must be an IRI, got {value!r}") from None
    if param.kind == "date":
        return ox.Literal(_day(param, value).isoformat(), datatype=ox.NamedNode(XSD + "date"))
    text = unicodedata.normalize("NFC", value)
    return ox.Literal(text, language="vi") if param.kind == "vi" else ox.Literal(text)


def _day(param: Param, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"parameter {param.name!r} must be a date YYYY-MM-DD, got {value!r}") from None


# Enough of SPARQL's lexical grammar to find the top-level WHERE group: comments, IRIs and strings are skipped
# whole, so a keyword or brace inside them is never taken for one.
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    |(?P<var>[?$]\w+)
    |(?P<word>[\w:.%\\-]+)
    |(?P<punct>.)""",
    re.X | re.S,
)


@lru_cache(maxsize=256)
def _where_group(name: str, sparql: str) -> int:
    """The offset just inside the top-level WHERE group of a SELECT query (the first brace outside the projection's
    parentheses; comments, IRIs and strings skipped)."""
    depth, selecting = 0, False
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word" and text.upper() in ("CONSTRUCT", "ASK", "DESCRIBE") and not selecting:
            break
        if kind == "word" and text.upper() == "SELECT":
            selecting = True
        elif kind == "punct" and selecting:
            depth += (text == "(") - (text == ")")
            if text == "{" and depth == 0:
                return m.end()
    raise QueryError(f"query {name!r}: parameters need a SELECT … WHERE {{ … }} query to bind them in")


def sparql_text(query: Query, params: dict[str, str]) -> str:
    """The SPARQL that runs for these parameters: a VALUES row at the start of the WHERE group binding each one to
    its term as pyoxigraph writes it (escaped and validated by the library, not by hand).

    Oxigraph's own `substitutions=` binds the same values but plans around them: measured on 300 plans it took
    26–48 ms for agency-obligations, leads-of-plan and cascade-up where the VALUES row takes 0.1–0.6 ms."""
    if query.sparql is None:
        raise QueryError(f"query {query.name!r} has no SPARQL version")
    _check_params(query, params)
    if not query.params:
        return query.sparql
    names = " ".join(f"?{p.name}" for p in query.params)
    values = " ".join(str(_term(p, params[p.name])) for p in query.params)
    at = _where_group(query.name, query.sparql)
    return f"{query.sparql[:at]}\n  VALUES ({names}) {{ ({values}) }}{query.sparql[at:]}"


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


def run_sparql(store: GraphStore, query: Query, params: dict[str, str]) -> list[Row]:
    """Rows from the embedded store."""
    result = store.query(sparql_text(query, params))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name!r}: its SPARQL is not a SELECT query")
    columns = [v.value for v in result.variables]
    if tuple(columns) != query.columns:
        raise QueryError(f"query {query.name!r}: SPARQL returns {columns}, its header declares {list(query.columns)}")
    return [{c: plain(row[c]) for c in columns} for row in result]


def run_cypher(driver: neo4j.Driver, database: str, query: Query, params: dict[str, str]) -> list[Row]:
    """Rows from Neo4j, in a read transaction."""
    if query.cypher is None:
        raise QueryError(f"query {query.name!r} has no Cypher version")
    _check_params(query, params)
    bound: dict[str, Any] = {
        k: v if p.kind == "iri" else _day(p, v) if p.kind == "date" else unicodedata.normalize("NFC", v)
        for p in query.params
        for k, v in params.items()
        if k == p.name
    }
    records, _summary, keys = driver.execute_query(
        query.cypher, parameters_=bound, database_=database, routing_=neo4j.RoutingControl.READ
    )
    if tuple(keys) != query.columns:
        raise QueryError(
            f"query {query.name!r}: Cypher returns {list(keys)}, its header declares {list(query.columns)}"
        )
    return [{k: plain(r[k]) for k in keys} for r in records]


def stable(rows: list[Row], query: Query) -> list[Row]:
    """The rows in one order whichever engine gave them (by every column, as the query lists them), so pages of
    one answer neither repeat nor skip a row."""
    return sorted(rows, key=lambda row: tuple(_order(row.get(c)) for c in query.columns))


def _order(value: object) -> tuple[int, object]:
    """A cell's place in the order: numbers by value, then text, then empty cells last."""
    if value is None:
        return (2, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))
