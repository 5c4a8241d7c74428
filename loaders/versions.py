"""Versions of a document's text: when a changed text of a stored document is ingested, the facts the old text gave
are kept as an ELI expression of the document (vc:DocumentVersion), numbered in the order the texts came.

The kept facts are the document's own and its parts' (what a re-ingest replaces), every IRI under the document's
rewritten under the version's (`…/version/2/obligation/II.1`), in a named graph of their own: outside the default
graph, so no query of the current corpus sees them, and no shared node's facts (an agency's names) are held there,
so they never keep a retracted claim alive. The version nodes themselves are in the versions graph and the default
graph. A re-ingest of the same text (a new parser) keeps no version."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox

from ontology import VC

VERSIONS_GRAPH = "https://w3id.org/vn-cascade/graph/versions"
# what links a document to its parts (the facts a re-ingest replaces along with the document's own)
PARTS = f"<{VC}hasObligation>|<{VC}hasTarget>|<{VC}hasReportingDuty>|<{VC}hasReference>|<{VC}hasIssue>|<{VC}hasMention>"
_CONTENT_HASH = f"<{VC}contentHash>"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def version_iri(document: str, number: int) -> str:
    return f"{document}/version/{number}"


def version_graph(graph: str, number: int) -> str:
    """The named graph of a version's facts, under the document's claims graph."""
    return f"{graph}/version/{number}"


def _new_hash(iri: str, triples: str) -> str | None:
    found = re.search(rf'^<{re.escape(iri)}> {re.escape(_CONTENT_HASH)} "([^"]*)" \.$', triples, re.M)
    return found.group(1) if found else None


def _stored_hash(store: ox.Store, iri: str) -> str | None:
    quads = store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(VC + "contentHash"), None, ox.DefaultGraph())
    quad = next(iter(quads), None)
    return None if quad is None else cast(ox.Literal, quad.object).value


def _count(store: ox.Store, iri: str) -> int:
    has = ox.NamedNode(VC + "hasVersion")
    return sum(1 for _ in store.quads_for_pattern(ox.NamedNode(iri), has, None, ox.NamedNode(VERSIONS_GRAPH)))


def _facts(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The document's own facts and its parts' in the default graph (its history links left out)."""
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ {{ BIND(<{iri}> AS ?s) }} UNION {{ <{iri}> {PARTS} ?s }} UNION "
        f"{{ <{iri}> <{VC}hasObligation>/<{VC}hasAssignment> ?s }} ?s ?p ?o "
        f"FILTER(?p != <{VC}hasVersion>) }}"
    )
    return [ox.Triple(*row) for row in cast(ox.QuerySolutions, rows)]


def _rewritten(term: Term, iri: str, version: str) -> Term:
    """A term under the document's IRI, moved under the version's."""
    if isinstance(term, ox.NamedNode) and (term.value == iri or term.value.startswith(iri + "/")):
        return ox.NamedNode(version + term.value[len(iri) :])
    return term


def keep_previous(store: ox.Store, iri: str, graph: str, triples: str, now: dt.datetime | None = None) -> str:
    """The SPARQL Update that keeps the stored text of document `iri` as its next version, to run first in the
    transaction that writes `triples` (its new N-Triples); empty when the document is new or its text is the same."""
    new, old = _new_hash(iri, triples), _stored_hash(store, iri)
    if new is None or old is None or new == old:
        return ""
    number = _count(store, iri) + 1
    version, named = version_iri(iri, number), version_graph(graph, number)
    facts = [
        ox.Triple(_rewritten(t.subject, iri, version), t.predicate, _rewritten(t.object, iri, version))  # type: ignore[arg-type]
        for t in _facts(store, iri)
    ]
    at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    meta = (
        f"<{iri}> <{VC}hasVersion> <{version}> .\n"
        f"<{version}> a <{VC}DocumentVersion> .\n"
        f'<{version}> <{VC}versionNumber> "{number}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        f"<{version}> <{VC}versionGraph> <{named}> .\n"
        f'<{version}> <{VC}supersededAt> "{at}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'
    )
    return (
        f"INSERT DATA {{ GRAPH <{named}> {{\n{_nt(facts)}\n}} }} ;\n"
        f"INSERT DATA {{ GRAPH <{VERSIONS_GRAPH}> {{\n{meta}}} }} ;\n"
        f"INSERT DATA {{\n{meta}}} ;\n"
    )


def graphs(store: ox.Store) -> Iterable[str]:
    """The named graphs holding kept versions' facts."""
    for quad in store.quads_for_pattern(None, ox.NamedNode(VC + "versionGraph"), None, ox.NamedNode(VERSIONS_GRAPH)):
        yield cast(ox.NamedNode, quad.object).value


def history_update(store: ox.Store, iri: str) -> str:
    """The SPARQL Update that gives another store the versions this one keeps of document `iri` (their nodes and
    their graphs): what a per-document publish sends along with the document. Idempotent: a server that holds them
    already keeps them as they are."""
    versions_graph = ox.NamedNode(VERSIONS_GRAPH)
    kept = [
        q.object
        for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(VC + "hasVersion"), None, versions_graph)
    ]
    if not kept:
        return ""
    meta = [q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, versions_graph)]
    meta += [q.triple for v in kept for q in store.quads_for_pattern(cast(ox.NamedNode, v), None, None, versions_graph)]
    parts = [f"INSERT DATA {{ GRAPH <{VERSIONS_GRAPH}> {{\n{_nt(meta)}}} }} ;\nINSERT DATA {{\n{_nt(meta)}}} ;\n"]
    for graph in (q.object for q in meta if q.predicate.value == VC + "versionGraph"):
        facts = [q.triple for q in store.quads_for_pattern(None, None, None, cast(ox.NamedNode, graph))]
        parts.append(f"INSERT DATA {{ GRAPH <{cast(ox.NamedNode, graph).value}> {{\n{_nt(facts)}}} }} ;\n")
    return "".join(parts)


def _nt(triples: list[ox.Triple]) -> str:
    return cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).decode()
