"""Auditors' gap detectors: where the cascade from Directive 28 breaks, each finding with its evidence.

Each detector module exposes TYPES (the finding types it reports) and `detect(context)`; `run` runs them all
(or some) over a store and filters the findings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from loaders.store import GraphStore

from .context import AuditContext
from .model import Evidence, Finding, FindingType, SEVERITIES

Detector = Callable[[AuditContext], Iterable[Finding]]


@dataclass(frozen=True)
class Family:
    """One detector and the finding types it reports."""

    name: str
    types: tuple[FindingType, ...]
    detect: Detector


def families() -> list[Family]:
    """Every detector family, in report order."""
    from . import cascade, metadata, ownership, reforms, reporting, targets, themes

    modules = [cascade, ownership, metadata, reporting, themes, targets, reforms]
    return [Family(m.FAMILY, tuple(m.TYPES), m.detect) for m in modules]


def finding_types() -> dict[str, FindingType]:
    return {t.name: t for family in families() for t in family.types}


def run(store: GraphStore, types: Iterable[str] | None = None, document: str | None = None) -> list[Finding]:
    """All findings (of the given types; involving the given document IRI), most severe first."""
    wanted = set(types) if types else None
    known = finding_types()
    unknown = sorted((wanted or set()) - set(known) - {f.name for f in families()})
    if unknown:
        raise ValueError(f"unknown finding type(s) {', '.join(unknown)}; known: {', '.join(known)}")
    context = AuditContext(store)
    found: list[Finding] = []
    for family in families():
        if wanted and family.name not in wanted and not wanted & {t.name for t in family.types}:
            continue
        for finding in family.detect(context):
            if wanted and finding.type not in wanted and family.name not in wanted:
                continue
            if document and not (finding.involves(document) or any(e.document == document
                                                                     for e in finding.evidence)):
                continue
            found.append(finding)
    order = {s: n for n, s in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (order[f.severity], f.type, f.documents, f.obligations, f.agencies))
    return found


__all__ = ["AuditContext", "Evidence", "Finding", "FindingType", "Family", "families", "finding_types", "run"]
