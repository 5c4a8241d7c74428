"""Project the RDF graph into a Neo4j property graph, deterministically, and keep Neo4j in step with it.

Mapping (documented in ontology/README.md, "Neo4j projection"):
- every IRI under the instance base, and every SKOS concept of the ontology, is a node labelled :Resource plus
  the local names of its classes (a plan is :Resource:PolicyDocument:Plan); its IRI is the `uri` property;
- a literal is a property named by the predicate's local name (a @vi or untagged literal keeps that name,
  another language adds `_{lang}`); several values make a list; xsd:integer -> int, xsd:decimal -> float,
  xsd:boolean -> bool, xsd:date -> date, other datatypes (gYear, gYearMonth, gMonthDay …) -> their lexical form;
- an IRI object is a relationship named by the predicate in UPPER_SNAKE case (vc:leadAgency -> LEAD_AGENCY,
  prov:wasDerivedFrom -> WAS_DERIVED_FROM, vc:documentType -> DOCUMENT_TYPE).
Syncing compares the desired graph with what Neo4j holds and writes only the difference, in UNWIND batches.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import neo4j
import pyoxigraph as ox

from loaders.store import GraphStore
from ontology import RDF, SKOS, XSD

BATCH = 10000
_TYPE = RDF + "type"
_CONCEPT = SKOS + "Concept"
_XSD_STRING = XSD + "string"
_INDEXES = [
    ("PolicyDocument", "documentNumber"),
    ("Agency", "prefLabel"),
    ("AgencyGroup", "prefLabel"),
    ("Obligation", "sectionPath"),
    ("Target", "targetYear"),
    ("AdministrativeUnit", "unitCode"),
]


@lru_cache(maxsize=4096)
def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


@lru_cache(maxsize=4096)
def rel_type(iri: str) -> str:
    """vc:leadAgency -> LEAD_AGENCY."""
    name = local_name(iri)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper().replace("-", "_")


def _value(literal: ox.Literal) -> Any:
    iri = literal.datatype.value
    if iri == _XSD_STRING:
        return literal.value
    datatype = iri[len(XSD) :] if iri.startswith(XSD) else ""
    text = literal.value
    if datatype in ("integer", "int", "long"):
        return int(text)
    if datatype in ("decimal", "double", "float"):
        return float(text)
    if datatype == "boolean":
        return text == "true"
    if datatype == "date":
        return dt.date.fromisoformat(text)
    return text


@dataclass
class PropertyGraph:
    """Nodes (uri -> labels, properties) and relationships (start uri, type, end uri)."""

    nodes: dict[str, tuple[frozenset[str], dict[str, Any]]] = field(default_factory=dict)
    rels: set[tuple[str, str, str]] = field(default_factory=set)


def project(store: GraphStore, base: str) -> PropertyGraph:
    """The property graph the RDF default graph maps to."""
    labels: dict[str, set[str]] = defaultdict(set)
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    links: list[tuple[str, str, str]] = []
    concepts = {
        q.subject.value  # type: ignore[union-attr]  # pyoxigraph's stub allows a Triple subject; Quad() rejects one
        for q in store.store.quads_for_pattern(None, ox.NamedNode(_TYPE), ox.NamedNode(_CONCEPT), ox.DefaultGraph())
    }
    literal, named = ox.Literal, ox.NamedNode
    for quad in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        s = quad.subject
        if type(s) is not named:
            continue
        subject = s.value
        if not (subject.startswith(base) or subject in concepts):
            continue
        p, o = quad.predicate.value, quad.object
        if p == _TYPE:
            assert not isinstance(o, ox.Triple)  # the store holds no triple terms: GraphBuilder and the ontology
            labels[subject].add(local_name(o.value))
        elif type(o) is literal:
            lang = o.language
            name = local_name(p) if lang is None or lang == "vi" else f"{local_name(p)}_{lang}"
            props[subject][name].append(_value(o))
        elif type(o) is named:
            links.append((subject, rel_type(p), o.value))
    graph = PropertyGraph()
    for uri in labels.keys() | props.keys():
        values = {k: (sorted(v, key=str) if len(v) > 1 else v[0]) for k, v in props[uri].items()}
        values["uri"] = uri
        graph.nodes[uri] = (frozenset(labels[uri] | {"Resource"}), values)
    graph.rels = {(s, t, o) for s, t, o in links if s in graph.nodes and o in graph.nodes}
    return graph


@dataclass
class SyncReport:
    """What a sync wrote."""

    nodes_written: int = 0
    nodes_deleted: int = 0
    rels_written: int = 0
    rels_deleted: int = 0
    nodes: int = 0
    rels: int = 0

    @property
    def changes(self) -> int:
        return self.nodes_written + self.nodes_deleted + self.rels_written + self.rels_deleted


def _batches(rows: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def _label_clause(labels: Iterable[str]) -> str:
    return "".join(f":`{label}`" for label in sorted(labels))


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """The uniqueness constraint on :Resource(uri) and the lookup indexes the catalogue uses."""
    driver.execute_query(
        "CREATE CONSTRAINT resource_uri IF NOT EXISTS FOR (n:Resource) REQUIRE n.uri IS UNIQUE", database_=database
    )
    for label, prop in _INDEXES:
        driver.execute_query(
            f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:`{label}`) ON (n.`{prop}`)",
            database_=database,
        )


def current(driver: neo4j.Driver, database: str) -> PropertyGraph:
    """What Neo4j holds now (only :Resource nodes, which the projection owns)."""
    graph = PropertyGraph()
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    for r in records:
        props = {k: (_from_neo4j(v)) for k, v in r["props"].items()}
        graph.nodes[props["uri"]] = (frozenset(r["labels"]), props)
    records, _, _ = driver.execute_query(
        "MATCH (a:Resource)-[r]->(b:Resource) RETURN a.uri AS s, type(r) AS t, b.uri AS o", database_=database
    )
    graph.rels = {(r["s"], r["t"], r["o"]) for r in records}
    return graph


def _from_neo4j(value: Any) -> Any:
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, list):
        return [_from_neo4j(v) for v in value]
    return value


def sync(
    store: GraphStore, driver: neo4j.Driver, database: str, base: str, want: PropertyGraph | None = None
) -> SyncReport:
    """Make Neo4j hold exactly the projection of the store (or `want`, when given); write only what differs."""
    ensure_schema(driver, database)
    want = project(store, base) if want is None else want
    have = current(driver, database)
    report = SyncReport(nodes=len(want.nodes), rels=len(want.rels))
    gone = [uri for uri in have.nodes if uri not in want.nodes]
    for rows in _batches(gone):
        driver.execute_query(
            "UNWIND $uris AS uri MATCH (n:Resource {uri: uri}) DETACH DELETE n", uris=rows, database_=database
        )
    report.nodes_deleted = len(gone)
    stale = [r for r in have.rels - want.rels if r[0] in want.nodes and r[2] in want.nodes]
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s, t, o in stale:
        by_type[t].append({"s": s, "o": o})
    for t, rows in by_type.items():
        for batch in _batches(rows):
            driver.execute_query(
                f"UNWIND $rows AS row MATCH (:Resource {{uri: row.s}})-[r:`{t}`]->(:Resource {{uri: row.o}}) DELETE r",
                rows=batch,
                database_=database,
            )
    report.rels_deleted = len(stale)
    created: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    changed: dict[tuple[frozenset[str], frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
    for uri, (labels, props) in want.nodes.items():
        old = have.nodes.get(uri)
        if old is None:
            created[labels].append(props)
        elif old != (labels, props):
            changed[(labels, frozenset(old[0] - labels))].append({"uri": uri, "props": props})
    for labels, rows in created.items():  # new: CREATE (the diff says they are absent)
        for batch in _batches(rows):
            driver.execute_query(
                f"UNWIND $rows AS props CREATE (n{_label_clause(labels)}) SET n = props", rows=batch, database_=database
            )
        report.nodes_written += len(rows)
    for (labels, removed), rows in changed.items():
        drop = f" REMOVE n{_label_clause(removed)}" if removed else ""
        for batch in _batches(rows):
            driver.execute_query(
                f"UNWIND $rows AS row MATCH (n:Resource {{uri: row.uri}}) SET n = row.props "
                f"SET n{_label_clause(labels)}{drop}",
                rows=batch,
                database_=database,
            )
        report.nodes_written += len(rows)
    new_rels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, t, o in sorted(want.rels - have.rels):
        new_rels[t][s].append(o)
    for t, by_start in new_rels.items():  # one seek per start node, then one per end node
        rows = [{"s": s, "o": ends} for s, ends in by_start.items()]
        for batch in _batches(rows):
            driver.execute_query(
                f"UNWIND $rows AS row MATCH (a:Resource {{uri: row.s}}) UNWIND row.o AS o "
                f"MATCH (b:Resource {{uri: o}}) CREATE (a)-[:`{t}`]->(b)",
                rows=batch,
                database_=database,
            )
        report.rels_written += sum(len(ends) for ends in by_start.values())
    return report
