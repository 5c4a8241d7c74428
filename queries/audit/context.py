"""Shared reads for the detectors: the documents, labels and provenance spans, each fetched once per run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from loaders.store import GraphStore
from queries.audit.model import Evidence


@dataclass(frozen=True)
class DocumentInfo:
    iri: str
    label: str
    in_corpus: bool
    issuer: str | None
    unit: str | None
    level: str | None


def _document_label(number: str | None, title: str | None, kind: str, issuer: str | None) -> str:
    """The number when there is one; else the type and issuer ('kế hoạch (không số) của UBND quận Tân Bình')."""
    if number:
        return number
    if issuer:
        return f"{kind.capitalize()} (không số) của {issuer}"
    return f"{kind.capitalize()} (không số): {title[:60]}…" if title and len(title) > 60 else (title or kind)


class AuditContext:
    """The store under audit, with lazily cached lookups shared by the detectors."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def rows(self, sparql: str) -> list[list[str | None]]:
        """A SELECT's rows with every term as its string value (None when unbound)."""
        return [[None if term is None else term.value for term in row] for row in self.store.query(sparql)]

    @cached_property
    def documents(self) -> dict[str, DocumentInfo]:
        found: dict[str, DocumentInfo] = {}
        for d, in_corpus, number, title, kind, issuer, by, unit, level in self.rows("""
            SELECT ?d ?inCorpus ?number ?title ?kind ?issuer ?by ?unit ?level WHERE {
              ?d a vc:PolicyDocument ; vc:inCorpus ?inCorpus ; vc:documentType/skos:prefLabel ?kind
              FILTER(lang(?kind) = "vi")
              OPTIONAL { ?d vc:documentNumber ?number } OPTIONAL { ?d dct:title ?title }
              OPTIONAL { ?d vc:issuedBy ?issuer . ?issuer skos:prefLabel ?by }
              OPTIONAL { ?d vc:jurisdiction ?unit . ?unit vc:level ?level }
            } ORDER BY ?d ?number ?title ?issuer"""):
            if d not in found:
                found[d] = DocumentInfo(
                    d, _document_label(number, title, kind, by), in_corpus == "true", issuer, unit, level
                )
        return found

    @cached_property
    def labels(self) -> dict[str, str]:
        """Preferred labels of agencies, groups and units."""
        return {s: label for s, label in self.rows("SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }")}

    def label(self, iri: str | None) -> str:
        if iri is None:
            return "?"
        if iri in self.documents:
            return self.documents[iri].label
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    @cached_property
    def spans(self) -> dict[str, Evidence]:
        """The provenance of every extracted node (and of each document: its title): document and exact text."""
        found: dict[str, Evidence] = {}
        rows = self.rows("""SELECT ?n ?d ?t ?s ?e WHERE { ?n prov:wasDerivedFrom ?d ; vc:sourceText ?t
              OPTIONAL { ?n vc:sourceStart ?s } OPTIONAL { ?n vc:sourceEnd ?e } }""")
        rows += self.rows("""SELECT ?d (?d AS ?doc) ?t ?s ?e WHERE { ?d a vc:PolicyDocument ; vc:sourceText ?t
              OPTIONAL { ?d vc:sourceStart ?s } OPTIONAL { ?d vc:sourceEnd ?e } }""")
        for node, doc, text, start, end in rows:
            found[node] = Evidence(doc, text, int(start) if start else None, int(end) if end else None)
        return found

    def evidence(self, nodes: Iterable[str | None]) -> tuple[Evidence, ...]:
        """The evidence of these nodes, in order, without repeats; nodes with no span are skipped."""
        seen: dict[tuple, Evidence] = {}
        for node in nodes:
            span = self.spans.get(node) if node else None
            if span is not None:
                seen.setdefault((span.document, span.start, span.end, span.text), span)
        return tuple(seen.values())
