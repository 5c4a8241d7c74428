"""Project the RDF graph into a Neo4j property graph, deterministically, and keep Neo4j in step with it.

Mapping (documented in ontology/README.md, "Neo4j projection"):
- every IRI under the instance base, and every SKOS concept of the ontology, is a node labelled :Resource plus
  the local names of its classes (a plan is :Resource:PolicyDocument:Plan); its IRI is the `uri` property;
- a literal is a property named by the predicate's local name (a @vi or untagged literal keeps that name,
  another language adds `_{lang}`); several values make a list; xsd:integer -> int, xsd:decimal -> float,
  xsd:boolean -> bool, xsd:date -> date, other datatypes (gYear, gYearMonth, gMonthDay …) -> their lexical form;
- an IRI object is a relationship named by the predicate in UPPER_SNAKE case (vc:leadAgency -> LEAD_AGENCY,
  prov:wasDerivedFrom -> WAS_DERIVED_FROM, vc:documentType -> DOCUMENT_TYPE).

Syncing (see `sync`) rewrites only what the documents changed since the last sync: Neo4j keeps a record of the
version of every document it holds (:VnCascadeSync nodes, which the projection does not own); a first sync into an
empty database bulk-loads the whole projection without reading anything back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

import neo4j
import pyoxigraph as ox

from loaders.store import ONTOLOGY_GRAPH, GraphStore
from ontology import RDF, SKOS, VC, XSD

BATCH = 10000
_TYPE = RDF + "type"
_CONCEPT = SKOS + "Concept"
_XSD_STRING = XSD + "string"
_RECORD = "VnCascadeSync"  # the label of the sync record's nodes
_DOCUMENT, _REFERENCE, _ONTOLOGY = "document ", "reference ", "ontology"  # the record's keys
# the classes of the nodes reference data describes (loaders/graph.py, loaders/reform_graph.py), and of history
# (implementation events, kept versions), which no document's version covers either
_REFERENCE_CLASSES = " ".join(
    f"<{VC}{name}>"
    for name in (
        "AdministrativeUnit",
        "ChangeEvent",
        "Succession",
        "OwnershipPeriod",
        "OwnerShare",
        "ImplementationEvent",
        "DocumentVersion",
    )
)
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


class _Collector:
    """The labels, properties and outgoing links of the subjects whose quads it is given, by the mapping rules."""

    def __init__(self, base: str, concepts: set[str]) -> None:
        self.base = base
        self.concepts = concepts
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.links: list[tuple[str, str, str]] = []

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Take in quads of the default graph (each subject's quads given once)."""
        base, concepts, labels, props, links = self.base, self.concepts, self.labels, self.props, self.links
        literal, named = ox.Literal, ox.NamedNode
        for quad in quads:
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

    def nodes(self) -> dict[str, tuple[frozenset[str], dict[str, Any]]]:
        """Every subject with a class or a literal, as a node."""
        out = {}
        for uri in self.labels.keys() | self.props.keys():
            values = {k: (sorted(v, key=str) if len(v) > 1 else v[0]) for k, v in self.props[uri].items()}
            values["uri"] = uri
            out[uri] = (frozenset(self.labels[uri] | {"Resource"}), values)
        return out


def _concepts(store: GraphStore) -> set[str]:
    return {
        q.subject.value  # type: ignore[union-attr]  # pyoxigraph's stub allows a Triple subject; Quad() rejects one
        for q in store.store.quads_for_pattern(None, ox.NamedNode(_TYPE), ox.NamedNode(_CONCEPT), ox.DefaultGraph())
    }


def project(store: GraphStore, base: str) -> PropertyGraph:
    """The property graph the RDF default graph maps to."""
    collector = _Collector(base, _concepts(store))
    collector.add(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graph = PropertyGraph(collector.nodes())
    graph.rels = {(s, t, o) for s, t, o in collector.links if s in graph.nodes and o in graph.nodes}
    return graph


def _project_subjects(
    store: GraphStore, base: str, uris: Iterable[str], documents: Iterable[str]
) -> tuple[PropertyGraph, set[str]]:
    """The nodes among `uris` and among the documents given with their parts (the IRIs under theirs, followed from
    their links), with every outgoing link whatever its end; and every subject looked up, each by its own quads."""
    collector = _Collector(base, _concepts(store))
    seen: set[str] = set()
    named, default = ox.NamedNode, ox.DefaultGraph()
    for document in documents:
        prefix, queue = document + "/", [document]
        seen.add(document)
        while queue:
            quads = list(store.store.quads_for_pattern(named(queue.pop()), None, None, default))
            collector.add(quads)
            for quad in quads:
                o = quad.object
                if type(o) is named and o.value.startswith(prefix) and o.value not in seen:
                    seen.add(o.value)
                    queue.append(o.value)
    for uri in uris:
        if uri not in seen:
            seen.add(uri)
            collector.add(store.store.quads_for_pattern(named(uri), None, None, default))
    graph = PropertyGraph(collector.nodes())
    graph.rels = {link for link in collector.links if link[0] in graph.nodes}
    return graph, seen


@dataclass
class SyncReport:
    """What a sync wrote, and how: "bulk" (a first load into an empty database), "diff" (the whole projection compared
    with the whole database: a database without a sync record, or a projection given) or "documents" (only what the
    documents changed since the last sync)."""

    nodes_written: int = 0
    nodes_deleted: int = 0
    rels_written: int = 0
    rels_deleted: int = 0
    nodes: int = 0
    rels: int = 0
    mode: str = "documents"
    documents_written: int = 0  # documents added or changed (all the store's after a bulk load or a full diff)
    documents_deleted: int = 0

    @property
    def changes(self) -> int:
        return self.nodes_written + self.nodes_deleted + self.rels_written + self.rels_deleted


def _batches(rows: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def _label_clause(labels: Iterable[str]) -> str:
    return "".join(f":`{label}`" for label in sorted(labels))


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """The uniqueness constraints on :Resource(uri) and on the sync record's keys, and the lookup indexes the
    catalogue uses."""
    driver.execute_query(
        "CREATE CONSTRAINT resource_uri IF NOT EXISTS FOR (n:Resource) REQUIRE n.uri IS UNIQUE", database_=database
    )
    driver.execute_query(
        f"CREATE CONSTRAINT sync_key IF NOT EXISTS FOR (n:{_RECORD}) REQUIRE n.key IS UNIQUE", database_=database
    )
    for label, prop in _INDEXES:
        driver.execute_query(
            f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:`{label}`) ON (n.`{prop}`)",
            database_=database,
        )


def current(driver: neo4j.Driver, database: str, uris: Iterable[str] | None = None) -> PropertyGraph:
    """What Neo4j holds now (only :Resource nodes, which the projection owns): all of it, or the nodes among `uris`
    with their outgoing relationships."""
    graph = PropertyGraph()
    if uris is None:
        match, params = "MATCH (n:Resource)", {}
    else:
        match, params = "UNWIND $uris AS uri MATCH (n:Resource {uri: uri})", {"uris": list(uris)}
    records, _, _ = driver.execute_query(
        f"{match} RETURN labels(n) AS labels, properties(n) AS props", params, database_=database
    )
    for r in records:
        props = {k: (_from_neo4j(v)) for k, v in r["props"].items()}
        graph.nodes[props["uri"]] = (frozenset(r["labels"]), props)
    records, _, _ = driver.execute_query(
        f"{match.replace('(n:', '(a:')}-[r]->(b:Resource) RETURN a.uri AS s, type(r) AS t, b.uri AS o",
        params,
        database_=database,
    )
    graph.rels = {(r["s"], r["t"], r["o"]) for r in records}
    return graph


def _from_neo4j(value: Any) -> Any:
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, list):
        return [_from_neo4j(v) for v in value]
    return value


def _write(
    driver: neo4j.Driver, database: str, want: PropertyGraph, have: PropertyGraph, scope: set[str] | None = None
) -> SyncReport:
    """Write what differs between `want` and `have`, the projection and Neo4j's state over `scope` (None: everything;
    else the nodes in scope with their outgoing relationships, plus relationships from outside into new nodes)."""
    report = SyncReport()
    gone = [uri for uri in have.nodes if uri not in want.nodes]
    for rows in _batches(gone):
        driver.execute_query(
            "UNWIND $uris AS uri MATCH (n:Resource {uri: uri}) DETACH DELETE n", uris=rows, database_=database
        )
    report.nodes_deleted = len(gone)
    stale = [  # those of deleted nodes went with them
        r
        for r in have.rels - want.rels
        if r[0] in want.nodes and (r[2] in want.nodes or (scope is not None and r[2] not in scope))
    ]
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


@dataclass
class _Versions:
    """What identifies the store's state, per document (its build digest and the number of triples about its node),
    per reference subject (the number of its triples) and for the ontology (its content hash)."""

    documents: dict[str, str]
    references: dict[str, int]
    ontology: str


def _versions(store: GraphStore) -> _Versions:
    """The store's versions, from two aggregate queries and the ontology's marker (no document read whole)."""
    documents = {
        row[0].value: f"{row[1].value if row[1] is not None else ''}:{row[2].value}"
        for row in cast(
            ox.QuerySolutions,
            store.store.query(
                f"SELECT ?d ?digest (COUNT(*) AS ?n) WHERE {{ ?d <{VC}inCorpus> true "
                f"OPTIONAL {{ ?d <{VC}buildDigest> ?digest }} ?d ?p ?o }} GROUP BY ?d ?digest"
            ),
        )
    }
    # reference data (units, change events, successions: whoever states them, never retracted) can change with no
    # document left to say so (one stored and removed between two syncs): their triples are counted one by one
    references = {
        row[0].value: int(row[1].value)
        for row in cast(
            ox.QuerySolutions,
            store.store.query(
                f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ "
                f"{{ VALUES ?class {{ {_REFERENCE_CLASSES} }} ?s a ?class }} UNION "
                f"{{ ?s a <{VC}PolicyDocument> FILTER NOT EXISTS {{ ?s <{VC}inCorpus> true }} }} }} }} "
                f"?s ?p ?o }} GROUP BY ?s"
            ),
        )
    }
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    marker = next(store.store.quads_for_pattern(graph, ox.NamedNode(VC + "contentHash"), None, graph), None)
    hashed = marker.object if marker is not None else None
    return _Versions(documents, references, hashed.value if isinstance(hashed, ox.Literal) else "")


def _graph_of(document: str, base: str) -> str:
    """The named graph of a document's claims (GraphBuilder.build)."""
    return f"{base}graph/{document[len(base) :]}"


def _footprint(store: GraphStore, document: str, base: str) -> list[str]:
    """The shared subjects a document's claims speak of (the subjects of its named graph)."""
    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(_graph_of(document, base)))
    return sorted({q.subject.value for q in quads if type(q.subject) is ox.NamedNode})


def _footprints(store: GraphStore, documents: Iterable[str], base: str) -> dict[str, list[str]]:
    """Every document's footprint at once, from one query."""
    wanted = {_graph_of(d, base): d for d in documents}
    out: dict[str, list[str]] = {d: [] for d in wanted.values()}
    rows = store.store.query("SELECT DISTINCT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }")
    for g, s in cast(ox.QuerySolutions, rows):
        document = wanted.get(g.value)
        if document is not None:
            out[document].append(s.value)
    return out


@dataclass
class _Record:
    """The sync record Neo4j keeps: the versions it holds (its footprints are read for the documents that change)."""

    documents: dict[str, str]
    references: dict[str, int]
    ontology: str


def _read_record(driver: neo4j.Driver, database: str) -> _Record | None:
    """The record, or None when the database has none (empty, or synced by a version that kept none)."""
    records, _, _ = driver.execute_query(
        f"MATCH (r:{_RECORD}) RETURN properties(r) AS entry", database_=database
    )  # properties(): naming a property no node has yet would make Neo4j warn on a first sync
    if not records:
        return None
    record = _Record({}, {}, "")
    for r in records:
        key, version = r["entry"]["key"], r["entry"].get("version")
        if key.startswith(_DOCUMENT):
            record.documents[key[len(_DOCUMENT) :]] = version
        elif key.startswith(_REFERENCE):
            record.references[key[len(_REFERENCE) :]] = version
        else:
            record.ontology = version
    return record


def _recorded_footprints(driver: neo4j.Driver, database: str, documents: list[str]) -> set[str]:
    records, _, _ = driver.execute_query(
        f"UNWIND $keys AS key MATCH (r:{_RECORD} {{key: key}}) UNWIND r.footprint AS uri RETURN DISTINCT uri",
        keys=[_DOCUMENT + d for d in documents],
        database_=database,
    )
    return {r["uri"] for r in records}


def _write_record(
    driver: neo4j.Driver,
    database: str,
    rows: list[dict[str, Any]],
    gone: Iterable[str] = (),
    replace: bool = False,
) -> None:
    """Set the record entries `rows` (key, version, footprint), delete the keys `gone` (or, `replace`, every other)."""
    if replace:
        driver.execute_query(f"MATCH (r:{_RECORD}) DELETE r", database_=database)
    for batch in _batches(sorted(gone)):
        driver.execute_query(
            f"UNWIND $keys AS key MATCH (r:{_RECORD} {{key: key}}) DELETE r", keys=batch, database_=database
        )
    for batch in _batches(rows):
        driver.execute_query(
            f"UNWIND $rows AS row MERGE (r:{_RECORD} {{key: row.key}}) "
            "SET r.version = row.version, r.footprint = row.footprint",
            rows=batch,
            database_=database,
        )


def _record_rows(
    versions: _Versions, documents: dict[str, list[str]], references: Iterable[str], ontology: bool
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"key": _DOCUMENT + d, "version": versions.documents[d], "footprint": footprint}
        for d, footprint in documents.items()
    ]
    rows += [{"key": _REFERENCE + u, "version": versions.references[u], "footprint": None} for u in references]
    if ontology:
        rows.append({"key": _ONTOLOGY, "version": versions.ontology, "footprint": None})
    return rows


def _totals(driver: neo4j.Driver, database: str, report: SyncReport) -> None:
    """The database's node and relationship counts (Neo4j's count store: no scan)."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n:Resource) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels",
        database_=database,
    )
    report.nodes, report.rels = records[0]["nodes"], records[0]["rels"]


def sync(
    store: GraphStore, driver: neo4j.Driver, database: str, base: str, want: PropertyGraph | None = None
) -> SyncReport:
    """Make Neo4j hold exactly the projection of the store, writing only what differs.

    With a sync record, only the documents whose version changed since the last sync (and the reference subjects
    whose triples did, and the SKOS concepts when the ontology did) are looked at: see _sync_documents. Without one,
    an empty database is bulk-loaded and one synced before records existed is compared whole, once; either way
    the record is then written. Given `want` (the projection, computed by the caller), the whole database is compared.
    """
    ensure_schema(driver, database)
    versions = _versions(store)
    record = _read_record(driver, database)
    if record is not None and want is None:
        return _sync_documents(store, driver, database, base, versions, record)
    want = project(store, base) if want is None else want
    empty = not driver.execute_query("MATCH (n:Resource) RETURN n LIMIT 1", database_=database).records
    report = _write(driver, database, want, PropertyGraph() if empty else current(driver, database))
    report.mode = "bulk" if empty else "diff"
    report.nodes, report.rels = len(want.nodes), len(want.rels)
    report.documents_written = len(versions.documents)
    footprints = _footprints(store, versions.documents, base)
    _write_record(driver, database, _record_rows(versions, footprints, versions.references, True), replace=True)
    return report


def _sync_documents(
    store: GraphStore, driver: neo4j.Driver, database: str, base: str, versions: _Versions, record: _Record
) -> SyncReport:
    """Rewrite what changed since the record: a changed, added or removed document changes only its own nodes (its IRI
    and those under it) and the shared nodes its claims speak of, before (the record's footprint) or after (its named
    graph now); reference subjects are compared by their triple counts; the SKOS concepts when the ontology changed.
    Those nodes are projected from the store subject by subject and compared with what Neo4j holds for them."""
    changed = sorted(d for d, v in versions.documents.items() if v.startswith(":") or record.documents.get(d) != v)
    removed = sorted(set(record.documents) - set(versions.documents))
    references = sorted(u for u, n in versions.references.items() if record.references.get(u) != n)
    scope = set(references) | set(record.references) - set(versions.references)
    ontology = record.ontology != versions.ontology
    report = SyncReport(documents_written=len(changed), documents_deleted=len(removed))
    if not (changed or removed or scope or ontology):
        _totals(driver, database, report)
        return report
    footprints = {d: _footprint(store, d, base) for d in changed}
    scope |= _recorded_footprints(driver, database, changed + removed)
    for footprint in footprints.values():
        scope |= set(footprint)
    if changed or removed:  # the nodes Neo4j holds under the documents' IRIs (the store's are followed from links)
        records, _, _ = driver.execute_query(
            "UNWIND $docs AS d MATCH (n:Resource) WHERE n.uri = d OR n.uri STARTS WITH d + '/' RETURN n.uri AS uri",
            docs=changed + removed,
            database_=database,
        )
        scope |= {r["uri"] for r in records}
    if ontology:
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        scope |= {q.subject.value for q in store.store.quads_for_pattern(None, None, None, graph)}  # type: ignore[union-attr]
        records, _, _ = driver.execute_query("MATCH (n:Resource:Concept) RETURN n.uri AS uri", database_=database)
        scope |= {r["uri"] for r in records}
    want, looked = _project_subjects(store, base, scope, changed)
    have = current(driver, database, looked)
    present = _present(driver, database, {o for _, _, o in want.rels if o not in looked})
    want.rels = {r for r in want.rels if r[2] in want.nodes or r[2] in present}
    want.rels |= _links_into(store, base, [u for u in want.nodes if u not in have.nodes], looked, driver, database)
    written = _write(driver, database, want, have, looked)
    for name in ("nodes_written", "nodes_deleted", "rels_written", "rels_deleted"):
        setattr(report, name, getattr(written, name))
    gone = [_DOCUMENT + d for d in removed] + [
        _REFERENCE + u for u in set(record.references) - set(versions.references)
    ]
    _write_record(driver, database, _record_rows(versions, footprints, references, ontology), gone)
    _totals(driver, database, report)
    return report


def _links_into(
    store: GraphStore, base: str, new: list[str], looked: set[str], driver: neo4j.Driver, database: str
) -> set[tuple[str, str, str]]:
    """The relationships from nodes outside the rewritten set into its new nodes (their subjects are unchanged, but
    their links to a node that did not exist were no relationship)."""
    links = set()
    for uri in new:
        for q in store.store.quads_for_pattern(None, None, ox.NamedNode(uri), ox.DefaultGraph()):
            s = q.subject
            if type(s) is ox.NamedNode and s.value not in looked and q.predicate.value != _TYPE:
                links.add((s.value, rel_type(q.predicate.value), uri))
    if not links:
        return links
    present = _present(driver, database, {s for s, _, _ in links})  # untouched: a node now iff a node before
    return {link for link in links if link[0] in present}


def _present(driver: neo4j.Driver, database: str, uris: set[str]) -> set[str]:
    """Those of `uris` that are nodes in Neo4j."""
    if not uris:
        return set()
    records, _, _ = driver.execute_query(
        "UNWIND $uris AS uri MATCH (n:Resource {uri: uri}) RETURN uri", uris=sorted(uris), database_=database
    )
    return {r["uri"] for r in records}
