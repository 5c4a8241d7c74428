"""The document graph the views draw, derived from the read model once per model: documents with their links and,
on request, the gaps (documents cited but not ingested, plans units owe)."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from loaders.store import GraphStore
from queries.audit import Finding, analytics, cascade
from queries.read.model import ReadModel


def model_of(source: GraphStore | ReadModel) -> ReadModel:
    """The read model itself, or a fresh one of a store."""
    return source if isinstance(source, ReadModel) else ReadModel(source)


def document_facts(model: ReadModel, iri: str) -> tuple[str, ...]:
    """Detail lines of a document: issuer, date, whether ingested."""
    doc = model.documents.get(iri)
    if doc is None:
        return ()
    lines = []
    if doc.issuer:
        lines.append(f"Cơ quan ban hành / issuer: {model.label(doc.issuer)}")
    if doc.issued_on:
        lines.append(f"Ngày / issued: {doc.issued_on}")
    lines.append("Đã nạp / ingested" if doc.in_corpus else "Chỉ được trích dẫn, chưa nạp / cited, not ingested")
    return tuple(lines)


def owed(model: ReadModel, on: dt.date | None = None) -> list[Finding]:
    """The missing-downstream-plan findings: one per (document, unit that owes a plan under it); as of `on`, the
    bodies that replaced a unit in the 2025 reorganisation owe its plan."""
    return model.memo(
        f"owed-plans-{on}", lambda: [f for f in cascade.detect(model, on=on) if f.type == "missing-downstream-plan"]
    )


def document_graph(model: ReadModel, gaps: bool, on: dt.date | None = None) -> nx.DiGraph:
    """Documents with child -> parent edges (implements, basedOn); with `gaps`, also cites edges to documents
    not ingested and a placeholder for each plan a unit owes (as of `on`), linked to the document it owes it under."""
    if gaps:
        return model.memo(f"document-graph-with-gaps-{on}", lambda: _with_gaps(model, on))
    return model.memo("document-graph", lambda: _documents(model))


def _documents(model: ReadModel) -> nx.DiGraph:
    g = analytics.cascade_graph(model)
    for iri, attrs in g.nodes(data=True):
        doc = model.documents.get(iri)
        label = attrs["label"]
        if doc and not label.lower().startswith(doc.type_label.lower()):
            label = f"{doc.type_label} {label}"
        attrs.update(
            label=label,
            kind=doc.type if doc else "document",
            missing=not attrs["inCorpus"],
            text=model.text(iri),
            facts=document_facts(model, iri),
        )
    for child, parent, attrs in g.edges(data=True):
        attrs["kind"] = "shortcut" if attrs["shortcut"] else attrs["relation"]
        attrs["text"] = model.references.get((child, parent, attrs["relation"]))
    return g


def _with_gaps(model: ReadModel, on: dt.date | None) -> nx.DiGraph:
    g = document_graph(model, False).copy()
    for (source, target, relation), text in model.references.items():
        if relation == "cites" and target in g and g.nodes[target]["missing"] and not g.has_edge(source, target):
            g.add_edge(source, target, kind="cites", text=text)
    for finding in owed(model, on):
        parent, unit = finding.documents[0], finding.details["unit"]
        key = f"gap/{model.ids.short(parent)}/{model.ids.short(unit)}"
        evidence = finding.evidence[0].text if finding.evidence else None
        agency = model.agencies.get(unit)
        g.add_node(
            key,
            label=f"Kế hoạch của {model.label(unit)}",
            kind="plan",
            missing=True,
            level=agency.level if agency else None,
            text=evidence,
            facts=(finding.message_vi, finding.message_en),
        )
        g.add_edge(key, parent, kind="owes", text=evidence)
    return g
