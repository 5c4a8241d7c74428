"""Siblings side by side: the ingested documents that implement the same parent (every province's plan under
28-CT/TW, every ward's plan under a district's), compared on what each carries down.

- Parent obligations carried: each of a sibling's obligations counts for the parent obligation it is most alike
  (the Dice coefficient of their content words), when it shares a theme with it and is alike enough (at least
  CARRIED), or, for a parent obligation with no theme, when the words alone are (at least ALIKE). A parent
  obligation no sibling obligation counts for is not carried down by that sibling. The closest obligation is named;
  the pairing is inferred from the words, never read from the text.
- Themes: how many of each sibling's obligations carry each theme, beside the parent's.
- Owners per theme: the lead units of each sibling's obligations on a theme.
- Targets per indicator: each parent target's counterparts in each sibling (paired as the target audit pairs them),
  value and year; a sibling's target with no parent counterpart is grouped with the alike targets of other
  siblings.
- Days after the parent: each sibling's issue date less the parent's, when both are known to the day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from loaders.collation import vi_key
from loaders.errors import InvalidRequest
from loaders.folding import key
from loaders.read_index import values
from loaders.themes import themes as all_themes
from queries.audit.targets import MATCH, Target, counterparts, of_documents, similarity
from queries.read.model import ReadModel, in_order
from queries.read.report import path_key

CARRIED, ALIKE = 0.2, 0.35
MAX_SIBLINGS = 300  # the columns a comparison shows (a province has at most a few dozen districts and departments)
# words every obligation of the corpus shares, which say nothing about what it is about
_COMMON = re.compile(
    r"\b(?:cac|cua|va|voi|cho|trong|tren|tai|o|la|theo|duoc|co|nhung|moi|tre em|tre|to chuc|thuc hien|trien khai"
    r"|tang cuong|chu tri|phoi hop|don vi|lien quan|ke hoach|cong tac|dia ban|nam|giai doan|hang nam|thuong xuyen"
    r"|ubnd|uy ban nhan dan|so|phong|huyen|tinh|xa|phuong|quan|thi xa|thi tran|thanh pho)\b"
)
_OBLIGATIONS = """SELECT ?d ?o ?path ?title ?text ?s WHERE { {VALUES} ?d vc:hasObligation ?o .
  OPTIONAL { ?o vc:sectionPath ?path } OPTIONAL { ?o dct:title ?title } OPTIONAL { ?o vc:sourceText ?text }
  OPTIONAL { ?o vc:sourceStart ?s } }"""
_THEMES = "SELECT ?o ?t WHERE { {VALUES} ?d vc:hasObligation ?o . ?o vc:theme ?t }"
_LEADS = """SELECT ?o ?agent WHERE { {VALUES} ?d vc:hasObligation ?o . ?o vc:hasAssignment ?a . ?a vc:agent ?agent ;
  vc:role ?role FILTER(?role IN (vc:role-lead, vc:role-lead-inferred, vc:role-requested)) }"""


def words(text: str) -> frozenset[str]:
    """What an obligation is about: its folded words less those every obligation shares."""
    return frozenset(_COMMON.sub(" ", key(text)).split())


@dataclass
class Obligation:
    """An obligation as the comparison reads it: where it is, its words, themes and leads."""

    iri: str
    document: str
    path: str
    title: str
    text: str
    start: int
    themes: set[str] = field(default_factory=set)
    leads: list[str] = field(default_factory=list)

    @cached_property
    def about(self) -> frozenset[str]:
        """What it is about (its title and words, less the words every obligation shares)."""
        return words(f"{self.title} {self.text}")


@dataclass
class Carried:
    """A parent obligation in a sibling: its closest obligation there and how alike they are (None: not carried)."""

    obligation: Obligation | None
    score: float


@dataclass
class TargetRow:
    """One indicator across the comparison: the parent's target (None for one only siblings state) and each
    sibling's targets for it."""

    indicator: str
    parent: Target | None
    by_sibling: dict[str, list[Target]] = field(default_factory=dict)


@dataclass
class Comparison:
    """The siblings under one parent, side by side; `ingested` False when the parent is known only from citations."""

    parent: str
    siblings: list[str]
    obligations: dict[str, list[Obligation]]  # document → its obligations
    carried: dict[str, dict[str, Carried]]  # parent obligation → sibling → how it is carried
    days_after: dict[str, int | None]
    targets: list[TargetRow]
    ingested: bool = True
    level: str = ""  # the level of the siblings compared ("" unknown)
    levels: dict[str, int] = field(default_factory=dict)  # how many documents of each level implement the parent

    def theme_counts(self, document: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for o in self.obligations[document]:
            for t in o.themes:
                counts[t] += 1
        return counts

    def owners(self, document: str, theme: str) -> list[str]:
        """The lead units of a document's obligations on a theme, in order of first appearance."""
        return list(dict.fromkeys(a for o in self.obligations[document] if theme in o.themes for a in o.leads))

    def carried_count(self, sibling: str) -> int:
        return sum(1 for row in self.carried.values() if row[sibling].obligation is not None)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


LEVELS = ("central", "province", "district", "commune")


def implementing(model: ReadModel, parent: str) -> dict[str, list[str]]:
    """The ingested documents implementing `parent` (reports on results aside), by the level of the unit each
    governs ("" when unknown), each list by issue date (unknown last), then name."""
    docs = model.documents
    found = {d for d in model.down.get(parent, []) if d in docs and docs[d].in_corpus and docs[d].type != "report"}
    by: dict[str, list[str]] = defaultdict(list)
    for d in sorted(found, key=lambda d: (docs[d].issued_on or "9999", vi_key(docs[d].label), d)):
        by[docs[d].level or ""].append(d)
    return dict(by)


def siblings_of(model: ReadModel, parent: str, level: str | None = None) -> tuple[str, list[str]]:
    """The level compared and the siblings at it: those of `level`, else of the highest level implementing the
    parent (the province plans under a directive, the ward plans under a district's), unknown levels last."""
    by = implementing(model, parent)
    if level is None:
        level = next((lv for lv in (*LEVELS, "") if by.get(lv)), "")
    elif level not in LEVELS:
        raise InvalidRequest(f"unknown level {level!r}; known: {', '.join(LEVELS)}")
    return level, by.get(level, [])


def _obligations(model: ReadModel, documents: list[str]) -> dict[str, list[Obligation]]:
    bound = values("d", documents)
    found: dict[str, Obligation] = {}
    for d, o, path, title, text, s in model.rows(_OBLIGATIONS.replace("{VALUES}", bound)):
        found[o] = Obligation(o, d, path or "", title or "", text or "", int(s) if s is not None else 0)
    for o, theme in in_order(model.rows(_THEMES.replace("{VALUES}", bound)), 0, 1):
        if o in found:
            found[o].themes.add(theme)
    for o, agent in in_order(model.rows(_LEADS.replace("{VALUES}", bound)), 0, 1):
        if o in found and agent not in found[o].leads:
            found[o].leads.append(agent)
    by: dict[str, list[Obligation]] = {d: [] for d in documents}
    for o in found.values():
        by[o.document].append(o)
    for items in by.values():
        items.sort(key=lambda o: (o.start, path_key(o.path), o.iri))
    return by


def _alike_enough(parent: Obligation, child: Obligation, alike: float) -> bool:
    return bool(alike >= CARRIED and parent.themes & child.themes) if parent.themes else alike >= ALIKE


def _carried(parents: list[Obligation], children: list[Obligation]) -> dict[str, Carried]:
    """For each parent obligation, the sibling obligation closest to it among those closest to it: each sibling
    obligation counts for the one parent obligation it is most alike (as a child's target counts for one parent
    target), if alike enough; so a drowning task does not carry the online-safety task it shares a theme with."""
    best: dict[str, Carried] = {p.iri: Carried(None, 0.0) for p in parents}
    for child in children:
        scored = [(similarity(p.about, child.about), n) for n, p in enumerate(parents)]
        if not scored:
            break
        alike, n = max(scored)
        parent = parents[n]
        if _alike_enough(parent, child, alike) and alike > best[parent.iri].score:
            best[parent.iri] = Carried(child, round(alike, 3))
    return best


def _target_rows(parent: str, siblings: list[str], targets: dict[str, list[Target]]) -> list[TargetRow]:
    rows = [TargetRow(t.indicator, t, {s: [] for s in siblings}) for t in targets.get(parent, [])]
    by_iri = {row.parent.iri: row for row in rows if row.parent is not None}
    extra: list[tuple[str, Target]] = []
    parents = {t.iri: t for t in targets.get(parent, [])}
    for sibling in siblings:
        found = counterparts(targets.get(parent, []), targets.get(sibling, []))
        under: dict[str, list[str]] = defaultdict(list)  # a sibling's target → the parent targets it counts for
        for p, cs in found.items():
            for c in cs:
                under[c.iri].append(p)
        matched = set()
        for c in targets.get(sibling, []):
            if c.iri not in under:
                continue
            # one row per sibling target: the parent's target of its year, else of the nearest year
            best = min(under[c.iri], key=lambda p: abs((parents[p].year or 0) - (c.year or 0)))
            by_iri[best].by_sibling[sibling].append(c)
            matched.add(c.iri)
        extra += [(sibling, t) for t in targets.get(sibling, []) if t.iri not in matched and t.words]
    groups: list[TargetRow] = []
    for sibling, t in extra:  # the siblings' own indicators, grouped when alike
        home = next((g for g in groups if g.by_sibling.get(sibling) == [] and _alike(t, g)), None)
        if home is None:
            home = TargetRow(t.indicator, None, {s: [] for s in siblings})
            groups.append(home)
        home.by_sibling[sibling].append(t)
    return rows + groups


def _alike(target: Target, row: TargetRow) -> bool:
    """Whether a target measures what one already in the row does (same unit, alike indicator)."""
    return any(
        o.unit == target.unit and similarity(target.words, o.words) >= MATCH
        for os in row.by_sibling.values()
        for o in os
    )


def compare(model: ReadModel, parent: str, level: str | None = None) -> Comparison:
    """The documents implementing `parent` compared side by side (a parent known only from citations has no
    obligations or targets to carry, but its siblings still compare); InvalidRequest when it has none, or too many."""
    if parent not in model.documents:
        raise InvalidRequest(f"{model.label(parent)} is not in the store")
    chosen, siblings = siblings_of(model, parent, level)
    if not siblings:
        at = f" of level {level}" if level else ""
        raise InvalidRequest(f"no ingested document{at} implements {model.label(parent)}")
    if len(siblings) > MAX_SIBLINGS:
        raise InvalidRequest(
            f"{len(siblings):,} documents of level {chosen or 'unknown'} implement {model.label(parent)}; a comparison "
            f"shows at most {MAX_SIBLINGS}: compare under a lower parent"
        )
    obligations = _obligations(model, [parent, *siblings])
    per_sibling = {s: _carried(obligations[parent], obligations[s]) for s in siblings}
    carried = {p.iri: {s: per_sibling[s][p.iri] for s in siblings} for p in obligations[parent]}
    start = _day(model.documents[parent].issued_on)
    days_after = {}
    for s in siblings:
        issued = _day(model.documents[s].issued_on)
        days_after[s] = (issued - start).days if issued and start else None
    targets = of_documents(model, [parent, *siblings])
    rows = _target_rows(parent, siblings, targets)
    levels = {lv: len(ds) for lv, ds in implementing(model, parent).items()}
    return Comparison(
        parent, siblings, obligations, carried, days_after, rows, model.documents[parent].in_corpus, chosen, levels
    )


def theme_names() -> dict[str, tuple[str, str]]:
    """Theme IRI → (Vietnamese, English) name, in the scheme's order."""
    return {t.iri: (t.vi, t.en) for t in all_themes()}


def as_json(found: Comparison, model: ReadModel) -> dict[str, Any]:
    """The comparison as JSON."""
    names, label = theme_names(), model.label

    def issued(document: str) -> str | None:
        return model.documents[document].issued_on

    def target(t: Target) -> dict[str, Any]:
        return {
            "iri": t.iri,
            "indicator": t.indicator,
            "comparator": t.comparator,
            "value": float(t.value),
            "unit": t.unit,
            "year": t.year,
        }

    by_parent = {o.iri: o for o in found.obligations[found.parent]}
    return {
        "parent": {"iri": found.parent, "label": label(found.parent), "issuedOn": issued(found.parent)},
        "siblings": [
            {
                "iri": s,
                "label": label(s),
                "issuedOn": issued(s),
                "daysAfterParent": found.days_after[s],
                "obligations": len(found.obligations[s]),
                "parentObligationsCarried": found.carried_count(s),
            }
            for s in found.siblings
        ],
        "parentObligations": [
            {
                "iri": p,
                "section": by_parent[p].path,
                "title": by_parent[p].title,
                "themes": sorted(by_parent[p].themes),
                "carriedBy": {
                    s: (
                        {
                            "obligation": c.obligation.iri,
                            "section": c.obligation.path,
                            "score": c.score,
                            "inferred": True,
                        }
                        if c.obligation
                        else None
                    )
                    for s, c in row.items()
                },
            }
            for p, row in found.carried.items()
        ],
        "themes": [
            {
                "iri": t,
                "vi": vi,
                "en": en,
                "parent": found.theme_counts(found.parent).get(t, 0),
                "bySibling": {s: found.theme_counts(s).get(t, 0) for s in found.siblings},
                "owners": {s: [{"iri": a, "label": label(a)} for a in found.owners(s, t)] for s in found.siblings},
            }
            for t, (vi, en) in names.items()
        ],
        "targets": [
            {
                "indicator": row.indicator,
                "parent": target(row.parent) if row.parent else None,
                "bySibling": {s: [target(t) for t in ts] for s, ts in row.by_sibling.items()},
            }
            for row in found.targets
        ],
    }
