"""What changed between two texts of a document: the versions a re-ingest kept (loaders/versions.py) and the current
one, compared obligation by obligation (owners, timeframe, words) and target by target, each with both source texts.

Obligations are paired by their text: the same words (accents, case and spacing aside) first, then the most alike
(the Dice coefficient of their word sets, at least PAIRED; in the same section counts a little more), so a task that
moved or was reworded is "changed", not "removed" and "added". Targets are paired by indicator as the target audit
pairs a child's with its parent's (queries/audit/targets.py), within the same unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from loaders.errors import NotFound
from loaders.folding import key
from queries.audit.targets import MATCH, content_words, similarity
from queries.read.ids import concept
from queries.read.model import ReadModel, in_order
from queries.read.report import path_key

PAIRED = 0.5
T = TypeVar("T")
_ROLES = ("lead", "lead-inferred", "requested", "support", "plan-issuer")
_VERSIONS = """SELECT ?v ?n ?g ?at WHERE { <{DOC}> vc:hasVersion ?v . ?v vc:versionNumber ?n ; vc:versionGraph ?g ;
  vc:supersededAt ?at }"""
_OBLIGATIONS = """SELECT ?o ?path ?title ?time ?text ?s ?e WHERE { {OPEN} <{DOC}> vc:hasObligation ?o .
  OPTIONAL { ?o vc:sectionPath ?path } OPTIONAL { ?o dct:title ?title } OPTIONAL { ?o vc:timeframe ?time }
  OPTIONAL { ?o vc:sourceText ?text } OPTIONAL { ?o vc:sourceStart ?s } OPTIONAL { ?o vc:sourceEnd ?e } {CLOSE} }"""
_ASSIGNMENTS = """SELECT ?o ?agent ?role WHERE { {OPEN} <{DOC}> vc:hasObligation ?o . ?o vc:hasAssignment ?a .
  ?a vc:agent ?agent ; vc:role ?role {CLOSE} }"""
_TARGETS = """SELECT ?t ?path ?ind ?v ?u ?c ?y ?text ?s WHERE { {OPEN} <{DOC}> vc:hasTarget ?t .
  ?t vc:indicator ?ind ; vc:targetValue ?v OPTIONAL { ?t vc:unit ?u } OPTIONAL { ?t vc:comparator ?c }
  OPTIONAL { ?t vc:targetYear ?y } OPTIONAL { ?t vc:sectionPath ?path } OPTIONAL { ?t vc:sourceText ?text }
  OPTIONAL { ?t vc:sourceStart ?s } {CLOSE} }"""


@dataclass(frozen=True)
class Version:
    """A kept earlier text of a document; number None is the text the store holds now."""

    number: int | None
    iri: str
    graph: str | None = None
    superseded_at: str | None = None

    @property
    def name(self) -> str:
        return f"phiên bản {self.number}" if self.number is not None else "hiện hành"


@dataclass(frozen=True)
class ObligationFacts:
    """An obligation of one version: where it is, its words, its owners by role and its timeframe."""

    iri: str
    path: str
    title: str
    text: str
    start: int | None
    timeframe: str | None
    owners: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(key(self.text).split())


@dataclass(frozen=True)
class TargetFacts:
    """A target of one version."""

    iri: str
    path: str
    indicator: str
    value: Decimal
    unit: str
    comparator: str
    year: int | None
    text: str


Paired = tuple[ObligationFacts, ObligationFacts]


@dataclass
class Pair:
    """An obligation (or target) in both versions, and what differs between them."""

    before: Any
    after: Any
    changes: list[str]


@dataclass
class Diff:
    """What changed from one version of a document to another."""

    document: str
    before: Version
    after: Version
    added: list[ObligationFacts] = field(default_factory=list)
    removed: list[ObligationFacts] = field(default_factory=list)
    changed: list[Pair] = field(default_factory=list)
    unchanged: int = 0
    targets_added: list[TargetFacts] = field(default_factory=list)
    targets_removed: list[TargetFacts] = field(default_factory=list)
    targets_changed: list[Pair] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.targets_added
            or self.targets_removed
            or self.targets_changed
        )


def versions(model: ReadModel, document: str) -> list[Version]:
    """The kept versions of a document, oldest first, then the current text."""
    rows = model.rows(_VERSIONS.replace("{DOC}", document))
    kept = sorted((Version(int(n), v, g, at) for v, n, g, at in rows), key=lambda v: v.number or 0)
    return [*kept, Version(None, document)]


def _query(template: str, version: Version) -> str:
    graph = f"GRAPH <{version.graph}> {{" if version.graph else ""
    return template.replace("{DOC}", version.iri).replace("{OPEN}", graph).replace("{CLOSE}", "}" if graph else "")


def obligations(model: ReadModel, version: Version) -> list[ObligationFacts]:
    """The obligations of one version, in the order of their text."""
    owners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for o, agent, role in model.rows(_query(_ASSIGNMENTS, version)):
        owners[o][concept(role)].add(agent)
    found = [
        ObligationFacts(
            o,
            path or "",
            title or "",
            text or "",
            int(s) if s is not None else None,
            time,
            {r: tuple(sorted(owners[o][r])) for r in _ROLES if owners[o].get(r)},
        )
        for o, path, title, time, text, s, _ in model.rows(_query(_OBLIGATIONS, version))
    ]
    return sorted(found, key=lambda o: (o.start if o.start is not None else 1 << 40, path_key(o.path), o.iri))


def targets(model: ReadModel, version: Version) -> list[TargetFacts]:
    """The targets of one version, in the order of their text."""
    rows = in_order(model.rows(_query(_TARGETS, version)), 8, 0, numbers={8})
    return [
        TargetFacts(t, path or "", ind, Decimal(v), u or "", c or "=", int(y) if y else None, text or "")
        for t, path, ind, v, u, c, y, text, _ in rows
    ]


def _obligation_changes(before: ObligationFacts, after: ObligationFacts) -> list[str]:
    changes = []
    for role in _ROLES:
        if before.owners.get(role, ()) != after.owners.get(role, ()):
            changes.append(f"owners:{role}")
    if (before.timeframe or "") != (after.timeframe or ""):
        changes.append("timeframe")
    if key(before.text) != key(after.text):
        changes.append("text")
    if before.path != after.path:
        changes.append("section")
    return changes


def _pair_obligations(
    old: list[ObligationFacts], new: list[ObligationFacts]
) -> list[tuple[ObligationFacts, ObligationFacts]]:
    """Obligations of two versions paired: the same words first, then the most alike above PAIRED."""
    pairs: list[Paired] = []
    left, right = list(old), list(new)
    by_text: dict[str, list[ObligationFacts]] = defaultdict(list)
    for o in right:
        by_text[key(o.text)].append(o)
    for o in list(left):
        same = by_text.get(key(o.text))
        if same:
            match = same.pop(0)
            pairs.append((o, match))
            left.remove(o)
            right.remove(match)
    return pairs + _greedy(
        left, right, lambda a, b: similarity(a.words, b.words) + (0.05 if a.path == b.path else 0.0), PAIRED
    )


def _pair_targets(old: list[TargetFacts], new: list[TargetFacts]) -> list[tuple[TargetFacts, TargetFacts]]:
    """Targets of two versions paired by indicator (in the same unit; the same year counts a little more)."""

    def score(a: TargetFacts, b: TargetFacts) -> float:
        if a.unit != b.unit:
            return 0.0
        return similarity(content_words(a.indicator), content_words(b.indicator)) + (0.05 if a.year == b.year else 0)

    return _greedy(old, new, score, MATCH)


def _greedy(left: list[T], right: list[T], score: Callable[[T, T], float], least: float) -> list[tuple[T, T]]:
    """Pairs of the two lists, the best-scoring first, each item in one pair at most, none scoring under `least`."""
    scored = sorted(((score(a, b), n, m) for n, a in enumerate(left) for m, b in enumerate(right)), reverse=True)
    pairs: list[tuple[T, T]] = []
    taken_left: set[int] = set()
    taken_right: set[int] = set()
    for value, n, m in scored:
        if value < least:
            break
        if n in taken_left or m in taken_right:
            continue
        taken_left.add(n)
        taken_right.add(m)
        pairs.append((left[n], right[m]))
    return pairs


def _target_changes(before: TargetFacts, after: TargetFacts) -> list[str]:
    return [
        name
        for name, a, b in (
            ("value", before.value, after.value),
            ("comparator", before.comparator, after.comparator),
            ("year", before.year, after.year),
            ("indicator", key(before.indicator), key(after.indicator)),
        )
        if a != b
    ]


def diff(model: ReadModel, document: str, before: int | None = None, after: int | None = None) -> Diff:
    """What changed from version `before` (default: the last kept one) to `after` (default: the current text)."""
    known = versions(model, document)
    if len(known) == 1:
        raise NotFound(f"{model.label(document)} has no earlier version: its text was ingested once, or never changed")
    numbered = {v.number: v for v in known}
    old = numbered.get(before) if before is not None else known[-2]
    new = numbered.get(after) if after is not None else known[-1]
    if old is None or new is None:
        numbers = ", ".join(str(v.number) for v in known if v.number is not None)
        raise NotFound(f"{model.label(document)} has versions {numbers} and the current text, not {before or after}")
    result = Diff(document, old, new)
    a, b = obligations(model, old), obligations(model, new)
    pairs = _pair_obligations(a, b)
    paired_a, paired_b = {x.iri for x, _ in pairs}, {y.iri for _, y in pairs}
    result.removed = [o for o in a if o.iri not in paired_a]
    result.added = [o for o in b if o.iri not in paired_b]
    for x, y in sorted(pairs, key=lambda p: p[1].start or 0):
        changes = _obligation_changes(x, y)
        if changes:
            result.changed.append(Pair(x, y, changes))
        else:
            result.unchanged += 1
    ta, tb = targets(model, old), targets(model, new)
    tpairs = _pair_targets(ta, tb)
    result.targets_removed = [t for t in ta if t.iri not in {x.iri for x, _ in tpairs}]
    result.targets_added = [t for t in tb if t.iri not in {y.iri for _, y in tpairs}]
    result.targets_changed = [Pair(x, y, c) for x, y in tpairs if (c := _target_changes(x, y))]
    return result


def as_json(found: Diff, label: Any) -> dict[str, Any]:
    """The diff as JSON: every obligation and target with its source text, owners named."""

    def obligation(o: ObligationFacts) -> dict[str, Any]:
        return {
            "iri": o.iri,
            "section": o.path,
            "title": o.title,
            "text": o.text,
            "start": o.start,
            "timeframe": o.timeframe,
            "owners": {role: [{"iri": a, "label": label(a)} for a in agents] for role, agents in o.owners.items()},
        }

    def target(t: TargetFacts) -> dict[str, Any]:
        return {
            "iri": t.iri,
            "section": t.path,
            "indicator": t.indicator,
            "comparator": t.comparator,
            "value": float(t.value),
            "unit": t.unit,
            "year": t.year,
            "text": t.text,
        }

    def version(v: Version) -> dict[str, Any]:
        return {"number": v.number, "iri": v.iri, "supersededAt": v.superseded_at}

    return {
        "document": found.document,
        "label": label(found.document),
        "from": version(found.before),
        "to": version(found.after),
        "unchanged": found.unchanged,
        "added": [obligation(o) for o in found.added],
        "removed": [obligation(o) for o in found.removed],
        "changed": [
            {"changes": p.changes, "before": obligation(p.before), "after": obligation(p.after)} for p in found.changed
        ],
        "targets": {
            "added": [target(t) for t in found.targets_added],
            "removed": [target(t) for t in found.targets_removed],
            "changed": [
                {"changes": p.changes, "before": target(p.before), "after": target(p.after)}
                for p in found.targets_changed
            ],
        },
    }
