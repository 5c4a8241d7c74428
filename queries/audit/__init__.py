"""Auditors' gap detectors: where the cascade from Directive 28 breaks, each finding with its evidence.

Each detector module exposes TYPES (the finding types it reports) and `detect(context)`, or `detect(context, on)`
with DATED = True when it answers as of a day; a family that can answer for some of its findings only (`home`,
`affected`, and `detect(…, homes)`) has them kept on the read model and carried over writes (kept.py). `run` runs
them all (or some) over a store and filters the findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from loaders.errors import UnknownFindingType
from loaders.store import GraphStore
from queries.audit import kept
from queries.audit.kept import Affected, Patch
from queries.audit.model import SEVERITIES, Evidence, Finding, FindingType
from queries.read.model import ReadModel

Detector = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class Family:
    """One detector and the finding types it reports; a dated detector answers as of a day (its `on` argument); a
    kept one (with `home` and `affected`) has its findings kept on the read model, for today when dated."""

    name: str
    types: tuple[FindingType, ...]
    detect: Detector
    dated: bool = False
    home: Callable[[Finding], str] | None = None
    affected: Affected | None = None
    patch: Patch | None = None
    stamp: Callable[[ReadModel], str] | None = None

    def findings(self, context: ReadModel, on: dt.date | None) -> Iterable[Finding]:
        if self.affected is not None and on is None:
            return kept.findings(context, self)
        with context.all_spans():  # a whole detection quotes evidence for every finding: read it all at once
            return list(self.detect(context, on=on) if self.dated else self.detect(context))


def families() -> list[Family]:
    """Every detector family, in report order."""
    from queries.audit import cascade, metadata, ownership, reforms, reporting, targets, themes, timeliness

    modules = [cascade, ownership, metadata, reporting, themes, targets, reforms, timeliness]
    return [
        Family(
            m.FAMILY,
            tuple(m.TYPES),
            m.detect,
            getattr(m, "DATED", False),
            getattr(m, "home", None),
            getattr(m, "affected", None),
            getattr(m, "patch", None),
            getattr(m, "stamp", None),
        )
        for m in modules
    ]


def finding_types() -> dict[str, FindingType]:
    return {t.name: t for family in families() for t in family.types}


def check_types(types: Iterable[str]) -> set[str]:
    """The finding types and families asked for; UnknownFindingType naming the known ones when one is neither."""
    wanted, known = set(types), finding_types()
    unknown = sorted(wanted - set(known) - {f.name for f in families()})
    if unknown:
        raise UnknownFindingType(f"unknown finding type(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return wanted


def select(
    findings: Iterable[Finding],
    types: Iterable[str] | None = None,
    document: str | None = None,
    severity: str | None = None,
) -> list[Finding]:
    """The findings of these types or families, involving this document IRI, of this severity (each optional)."""
    wanted = set(types or ())
    family_of = {t.name: t.family for t in finding_types().values()}
    return [
        f
        for f in findings
        if (not wanted or f.type in wanted or family_of.get(f.type) in wanted)
        and (document is None or f.involves(document))
        and (severity is None or f.severity == severity)
    ]


def run(
    source: GraphStore | ReadModel,
    types: Iterable[str] | None = None,
    document: str | None = None,
    on: dt.date | None = None,
) -> list[Finding]:
    """All findings (of the given types or families; involving the given document IRI), most severe first; the
    dated detectors answer as of `on` (the 2025 reorganisation: default today; missing plans: default as written).

    Pass a ReadModel to share its cached reads with the caller."""
    wanted = check_types(types or ())
    context = source if isinstance(source, ReadModel) else ReadModel(source)
    found: list[Finding] = []
    if on is None:
        kept.ready_all(context, [f for f in families() if f.affected is not None])
    for family in families():
        if not wanted or family.name in wanted or wanted & {t.name for t in family.types}:
            found += select(family.findings(context, on), wanted, document)
    order = {s: n for n, s in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (order[f.severity], f.type, f.documents, f.obligations, f.agencies))
    return found


def listed(
    model: ReadModel,
    types: Iterable[str] | None = None,
    document: str | None = None,
    severity: str | None = None,
) -> Sequence[Finding]:
    """Today's findings as `run` gives them (of these types or families, involving this document IRI, of this
    severity), filtered, ordered and paged in the read index when it keeps every family for this model, so showing
    one page of a national corpus's gaps reads one page."""
    wanted = check_types(types or ())
    chosen = [f for f in families() if not wanted or f.name in wanted or wanted & {t.name for t in f.types}]
    named = {t.name for f in chosen for t in f.types if not wanted or t.name in wanted or f.name in wanted}
    if all(f.affected is not None for f in chosen):
        found = kept.listing(model, chosen, named if wanted else None, document, severity)
        if found is not None:
            return found
    return select(run(model, wanted, document), severity=severity)


__all__ = [
    "Evidence",
    "Family",
    "Finding",
    "FindingType",
    "ReadModel",
    "check_types",
    "families",
    "finding_types",
    "listed",
    "run",
    "select",
]
