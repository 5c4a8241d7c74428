"""What the views read from the store, once per audit context: documents, the cascade graph and its gaps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from weakref import WeakKeyDictionary

import networkx as nx

from loaders import config
from loaders.store import GraphStore
from queries.audit import analytics, cascade
from queries.audit.context import AuditContext

_RELATIONS = {"relation-implements": "implements", "relation-basedOn": "basedOn", "relation-cites": "cites"}
_cache: WeakKeyDictionary[AuditContext, Corpus] = WeakKeyDictionary()


@dataclass(frozen=True)
class DocumentFacts:
    """What the store says of a document beyond the audit context's summary."""

    type: str
    type_label: str
    issued: str | None


@dataclass(frozen=True)
class Agent:
    """An agency or group: its label, level and kind of body."""

    iri: str
    label: str
    group: bool
    level: str | None
    kind: str | None


class Corpus:
    """The store under view, with cached lookups shared by every view drawn from one audit context."""

    def __init__(self, context: AuditContext, base: str) -> None:
        self.context = context
        self.base = base

    def id_of(self, iri: str) -> str:
        """The resource id of an IRI under the base (the IRI itself otherwise)."""
        return iri.removeprefix(self.base)

    def iri_of(self, given: str) -> str:
        """An IRI from an IRI or a resource id."""
        return given if "://" in given else self.base + given.strip("/")

    @cached_property
    def facts(self) -> dict[str, DocumentFacts]:
        found: dict[str, DocumentFacts] = {}
        for d, kind, name, issued in self.context.rows("""SELECT ?d ?t ?name ?issued WHERE {
              ?d a vc:PolicyDocument ; vc:documentType ?t . ?t skos:prefLabel ?name FILTER(lang(?name) = "vi")
              OPTIONAL { ?d vc:issuedOn ?issued } } ORDER BY ?d ?issued"""):
            found.setdefault(d, DocumentFacts(kind.rsplit("doctype-", 1)[-1], name, issued))
        return found

    @cached_property
    def agents(self) -> dict[str, Agent]:
        """Every agency and group."""
        found: dict[str, Agent] = {}
        for a, cls, level, kind in self.context.rows("""SELECT ?a ?class ?level ?kind WHERE {
              VALUES ?class { vc:Agency vc:AgencyGroup } ?a a ?class OPTIONAL { ?a vc:level ?level }
              OPTIONAL { ?a vc:agencyKind/skos:prefLabel ?kind FILTER(lang(?kind) = "vi") } } ORDER BY ?a ?kind"""):
            found.setdefault(a, Agent(a, self.context.label(a), cls.endswith("AgencyGroup"), level, kind))
        return found

    @cached_property
    def references(self) -> dict[tuple[str, str, str], str]:
        """(citing document, cited document, relation) -> the words of the first such reference."""
        found: dict[tuple[str, str, str], str] = {}
        for d, target, relation, text in self.context.rows("""SELECT ?d ?t ?rel ?text WHERE {
              ?d vc:hasReference ?r . ?r vc:toDocument ?t ; vc:relation ?rel ; vc:sourceText ?text
              OPTIONAL { ?r vc:sourceStart ?s } } ORDER BY ?d ?t ?s"""):
            found.setdefault((d, target, _RELATIONS.get(relation.rsplit("#", 1)[-1], "cites")), text)
        return found

    def text(self, iri: str) -> str | None:
        """A node's source text; for a document known only from citations, the words that first cite it."""
        span = self.context.spans.get(iri)
        if span is not None:
            return span.text
        return self._citations.get(iri)

    @cached_property
    def _citations(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for (_, target, _), text in sorted(self.references.items()):
            found.setdefault(target, text)
        return found

    def document_facts(self, iri: str) -> tuple[str, ...]:
        """Detail lines of a document: issuer, date, whether ingested."""
        doc = self.context.documents.get(iri)
        facts = self.facts.get(iri)
        lines = []
        if doc is not None and doc.issuer:
            lines.append(f"Cơ quan ban hành / issuer: {self.context.label(doc.issuer)}")
        if facts is not None and facts.issued:
            lines.append(f"Ngày / issued: {facts.issued}")
        if doc is not None:
            lines.append("Đã nạp / ingested" if doc.in_corpus else "Chỉ được trích dẫn, chưa nạp / cited, not ingested")
        return tuple(lines)

    @cached_property
    def owed(self) -> list:
        """The missing-downstream-plan findings: one per (document, unit that owes a plan under it)."""
        return [f for f in cascade.detect(self.context) if f.type == "missing-downstream-plan"]

    def graph(self, gaps: bool) -> nx.DiGraph:
        """Documents with child -> parent edges (implements, basedOn); with `gaps`, also cites edges to documents
        not ingested and a placeholder for each plan a unit owes, linked to the document it owes it under."""
        return self._gap_graph if gaps else self._graph

    @cached_property
    def _graph(self) -> nx.DiGraph:
        g = analytics.cascade_graph(self.context)
        for iri, attrs in g.nodes(data=True):
            facts = self.facts.get(iri)
            label = attrs["label"]
            if facts and not label.lower().startswith(facts.type_label.lower()):
                label = f"{facts.type_label} {label}"
            attrs.update(
                label=label,
                kind=facts.type if facts else "document",
                missing=not attrs["inCorpus"],
                text=self.text(iri),
                facts=self.document_facts(iri),
            )
        for child, parent, attrs in g.edges(data=True):
            attrs["kind"] = "shortcut" if attrs["shortcut"] else attrs["relation"]
            attrs["text"] = self.references.get((child, parent, attrs["relation"]))
        return g

    @cached_property
    def _gap_graph(self) -> nx.DiGraph:
        g = self._graph.copy()
        for (source, target, relation), text in self.references.items():
            if relation == "cites" and target in g and g.nodes[target]["missing"] and not g.has_edge(source, target):
                g.add_edge(source, target, kind="cites", text=text)
        for finding in self.owed:
            parent, unit = finding.documents[0], finding.details["unit"]
            key = f"gap/{self.id_of(parent)}/{self.id_of(unit)}"
            evidence = finding.evidence[0].text if finding.evidence else None
            g.add_node(
                key,
                label=f"Kế hoạch của {self.context.label(unit)}",
                kind="plan",
                missing=True,
                level=self.agents[unit].level if unit in self.agents else None,
                text=evidence,
                facts=(finding.message_vi, finding.message_en),
            )
            g.add_edge(key, parent, kind="owes", text=evidence)
        return g


def corpus_of(source: GraphStore | AuditContext, base: str | None = None) -> Corpus:
    """The corpus of an audit context (cached with it) or of a store (read afresh)."""
    context = source if isinstance(source, AuditContext) else AuditContext(source)
    if context not in _cache:
        _cache[context] = Corpus(context, base or config.base_iri())
    return _cache[context]
