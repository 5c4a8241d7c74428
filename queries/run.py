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

Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def _term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for: an IRI, a "…"@vi label or a plain string (labels NFC)."""
    if param.kind == "iri":
        try:
            if _IRI_REFUSED.search(value):
                raise ValueError(value)
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {param.name!r} must be an IRI, got {value!r}") from None
    text = unicodedata.normalize("NFC", value)
    return ox.Literal(text, language="vi") if param.kind == "vi" else ox.Literal(text)


def sparql_substitutions(query: Query, params: dict[str, str]) -> Substitutions:
    """The parameters as pyoxigraph binds them (`Store.query(…, substitutions=…)`): variable -> RDF term."""
    if query.sparql is None:
        raise QueryError(f"query {query.name!r} has no SPARQL version")
    _check_params(query, params)
    return {ox.Variable(p.name): _term(p, params[p.name]) for p in query.params}


# Enough of SPARQL's lexical grammar to find the top-level SELECT clause and GROUP BY: comments, IRIs and
# strings are skipped whole, so a keyword, brace or variable inside them is never taken for one.
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
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}


def _bindable(name: str, sparql: str, params: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The query with its top-level SELECT also projecting the parameters, and the ones it added.

    Oxigraph substitutes only variables the top-level SELECT projects (it binds them before evaluating the
    query, as a solution every pattern extends), so a parameter the query does not project is added to the
    projection, and to GROUP BY when the query groups (a constant adds no group); `run_sparql` drops it again."""
    tokens = [
        (m.lastgroup, m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(sparql)
        if m.lastgroup not in ("space", "comment")
    ]
    words = [text.upper() if kind == "word" else "" for kind, text, _, _ in tokens]
    form = next((i for i, w in enumerate(words) if w in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")), None)
    if form is None or words[form] != "SELECT":
        return sparql, ()  # no projection: every variable of the pattern can be substituted
    i = form + 1
    if i < len(words) and words[i] in ("DISTINCT", "REDUCED"):
        i += 1
    start, depth, projected = i, 0, set()
    while i < len(tokens) and not (depth == 0 and (words[i] in ("WHERE", "FROM") or tokens[i][1] == "{")):
        kind, text = tokens[i][:2]
        depth += (text == "(") - (text == ")") if kind == "punct" else 0
        if kind == "var" and (depth == 0 or words[i - 1] == "AS"):
            projected.add(text[1:])
        i += 1
    if i == len(tokens) or i == start:
        raise QueryError(f"query {name!r}: parameters need a SELECT … WHERE {{ … }} query to bind them in")
    if tokens[start][1] == "*":
        return sparql, ()  # SELECT * projects every variable of the pattern
    added = tuple(p for p in params if p not in projected)
    if not added:
        return sparql, ()
    names = "".join(f" ?{p}" for p in added)
    edits = [(tokens[i - 1][3], names)]  # after the last projected expression
    group = next((j for j in range(i, len(tokens)) if tokens[j][1] == "{"), None)
    depth, end = 0, None
    for j in range(group if group is not None else len(tokens), len(tokens)):
        depth += (tokens[j][1] == "{") - (tokens[j][1] == "}") if tokens[j][0] == "punct" else 0
        if depth == 0:
            end = j
            break
    if end is not None:
        after = range(end + 1, len(tokens))
        by = next((j + 1 for j in after if words[j] == "GROUP" and words[j + 1 : j + 2] == ["BY"]), None)
        aggregated = any(
            words[j] == "HAVING" or (words[j] in _AGGREGATES and j + 1 < len(tokens) and tokens[j + 1][1] == "(")
            for j in [*range(start, i), *after]
        )
        if by is not None:
            edits.append((tokens[by][3], names))
        elif aggregated:
            edits.append((tokens[end][3], f" GROUP BY{names}"))
    for at, text in sorted(edits, reverse=True):
        sparql = sparql[:at] + text + sparql[at:]
    return sparql, added


@lru_cache(maxsize=256)
def _prepared(name: str, sparql: str, params: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return _bindable(name, sparql, params) if params else (sparql, ())


def _bound(query: Query, params: dict[str, str]) -> tuple[str, Substitutions, tuple[str, ...]]:
    substitutions = sparql_substitutions(query, params)
    assert query.sparql is not None  # sparql_substitutions refuses a query without one
    text, added = _prepared(query.name, query.sparql, tuple(p.name for p in query.params))
    return text, substitutions, added


def sparql_text(query: Query, params: dict[str, str]) -> str:
    """The SPARQL that runs for these parameters, to show: a comment line giving each parameter's value (bound
    by Oxigraph's substitution, not written into the text), then the query as it runs."""
    text, substitutions, _ = _bound(query, params)
    if not substitutions:
        return text
    values = ", ".join(f"?{variable.value} = {term}" for variable, term in substitutions.items())
    return f"# parameters (substituted): {values}\n{text}"


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
    """Rows from the embedded store; the parameters are bound by pyoxigraph's substitution."""
    text, substitutions, added = _bound(query, params)
    result = store.query(text, substitutions=substitutions)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name!r}: its SPARQL is not a SELECT query")
    names = [v.value for v in result.variables]
    keep = [i for i, n in enumerate(names) if n not in added]
    columns = [names[i] for i in keep]
    if tuple(columns) != query.columns:
        raise QueryError(f"query {query.name!r}: SPARQL returns {columns}, its header declares {list(query.columns)}")
    return [{names[i]: plain(row[i]) for i in keep} for row in result]


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
