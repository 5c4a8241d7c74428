"""The responsibility matrix (RACI) of a document, a cascade subtree or the corpus: every obligation against every
agency it names, with the role the text gives each one, the obligation's section, timeframe, targets and exact words."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from loaders.collation import vi_key
from loaders.errors import InvalidRequest
from loaders.read_index import values
from queries.read.ids import concept
from queries.read.model import ReadModel, in_order
from queries.read.report import path_key

# The roles in the order a reader looks for them: who leads, who was only asked, who supports, who must plan.
ROLES = ("lead", "lead-inferred", "requested", "support", "plan-issuer")
ROLE_VI = {
    "lead": "chủ trì",
    "lead-inferred": "chủ trì (suy ra)",
    "requested": "được đề nghị",
    "support": "phối hợp",
    "plan-issuer": "phải ban hành kế hoạch",
}
ROLE_EN = {
    "lead": "lead",
    "lead-inferred": "lead (inferred from the heading)",
    "requested": "requested lead",
    "support": "support",
    "plan-issuer": "must issue its own plan",
}
MAX_DOCUMENTS = 300  # one sheet a document: a workbook beyond this is no longer read, only scrolled

_OBLIGATIONS = """SELECT ?d ?o ?path ?title ?kind ?time ?text ?loc ?s ?e WHERE { {VALUES}
  ?d vc:hasObligation ?o .
  OPTIONAL { ?o vc:sectionPath ?path } OPTIONAL { ?o dct:title ?title } OPTIONAL { ?o vc:obligationKind ?kind }
  OPTIONAL { ?o vc:timeframe ?time } OPTIONAL { ?o vc:sourceText ?text } OPTIONAL { ?o vc:sourceLocation ?loc }
  OPTIONAL { ?o vc:sourceStart ?s } OPTIONAL { ?o vc:sourceEnd ?e } }"""
_ASSIGNMENTS = """SELECT ?o ?agent ?role WHERE { {VALUES}
  ?d vc:hasObligation ?o . ?o vc:hasAssignment ?a . ?a vc:agent ?agent ; vc:role ?role }"""
_TARGETS = """SELECT ?d ?t ?path ?indicator ?comparator ?value ?unit ?year ?text WHERE { {VALUES}
  ?d vc:hasTarget ?t . ?t vc:indicator ?indicator ; vc:targetValue ?value .
  OPTIONAL { ?t vc:sectionPath ?path } OPTIONAL { ?t vc:comparator ?comparator } OPTIONAL { ?t vc:unit ?unit }
  OPTIONAL { ?t vc:targetYear ?year } OPTIONAL { ?t vc:sourceText ?text } }"""
_MEMBERS = "SELECT ?g ?m WHERE { {VALUES} ?g vc:member ?m }"


@dataclass(frozen=True)
class Role:
    """One role an agency holds in one obligation; `via` is the group it holds it through when groups are expanded."""

    role: str
    via: str | None = None

    def words(self, label: str) -> str:
        """The cell text: the role in Vietnamese, and the group it comes from ('phối hợp (qua: các sở, ngành)')."""
        return f"{ROLE_VI[self.role]} (qua: {label})" if self.via else ROLE_VI[self.role]


@dataclass(frozen=True)
class Target:
    """A numeric target the document sets, and the obligation whose section holds it (None when none does)."""

    document: str
    iri: str
    path: str
    indicator: str
    comparator: str | None
    value: str
    unit: str | None
    year: str | None
    source_text: str
    obligation: str | None

    def words(self) -> str:
        """'≥ 95 % (2030): tỷ lệ trẻ em …' as a reader quotes it."""
        amount = " ".join(p for p in (self.comparator, self.value, self.unit) if p)
        return f"{amount}{f' ({self.year})' if self.year else ''}: {self.indicator}"


@dataclass
class Line:
    """One obligation: where it stands, what it says, and the roles of the agencies it names."""

    document: str
    obligation: str
    path: str
    title: str
    kind: str | None
    timeframe: str | None
    source_text: str
    location: str  # where in the file ('table 2, row 4, cell 3') or in the text ('ký tự 5178–5861')
    roles: dict[str, list[Role]] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)


@dataclass(frozen=True)
class Load:
    """How many obligations of the scope an agency holds, by role (through groups counted apart)."""

    agency: str
    label: str
    group: bool
    by_role: dict[str, int]
    through_groups: int

    @property
    def total(self) -> int:
        return sum(self.by_role.values()) + self.through_groups


@dataclass
class Raci:
    """The matrix of a scope, document by document, with everything a sheet needs to label it."""

    title: str
    documents: list[str]
    lines: dict[str, list[Line]]
    targets: list[Target]
    labels: dict[str, str]
    groups: frozenset[str]
    expanded: bool

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)

    def agencies(self, document: str | None = None) -> list[str]:
        """The agencies holding a role in one document (or anywhere in the scope), in Vietnamese alphabetical order
        of their names; groups after the units when expanded, so the members stand beside the units they are."""
        named = {a for d in ([document] if document else self.documents) for line in self.lines[d] for a in line.roles}
        return sorted(named, key=lambda a: (self.expanded and a in self.groups, vi_key(self.label(a)), a))

    def load(self) -> list[Load]:
        """Each agency's count of obligations by role, heaviest first, then by name."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        through: Counter[str] = Counter()
        for lines in self.lines.values():
            for line in lines:
                for agency, roles in line.roles.items():
                    for role in {r.role for r in roles if r.via is None}:
                        counts[agency][role] += 1
                    if any(r.via for r in roles) and not any(r.via is None for r in roles):
                        through[agency] += 1
        found = [
            Load(a, self.label(a), a in self.groups, {r: counts[a][r] for r in ROLES}, through[a])
            for a in {*counts, *through}
        ]
        return sorted(found, key=lambda x: (-x.total, vi_key(x.label), x.agency))


def scope(model: ReadModel, document: str | None, cascade: bool, limit: int | None = MAX_DOCUMENTS) -> list[str]:
    """The ingested documents of a scope, in reading order: one document; it and every document implementing it,
    level by level (`cascade`); or the whole corpus by level. InvalidRequest beyond `limit` documents (None: no
    limit), and for one document known only from citations."""
    docs = model.documents
    if document is None:
        chosen = sorted(
            (i for i, d in docs.items() if d.in_corpus),
            key=lambda i: (_LEVELS.get(docs[i].level or "", 9), vi_key(docs[i].label), i),
        )
    elif not cascade:
        if document not in docs or not docs[document].in_corpus:
            raise InvalidRequest(
                f"{model.label(document)} is known only from citations: it has no obligations or duties of its own;"
                " ask for its cascade to see the documents implementing it"
            )
        chosen = [document]
    else:
        chosen = [i for i in _below(model, document) if i in docs and docs[i].in_corpus]
    if limit is not None and len(chosen) > limit:
        raise InvalidRequest(
            f"the scope holds {len(chosen):,} documents; a workbook takes at most {limit:,}: ask for one document "
            "or a cascade below a lower plan"
        )
    return chosen


_LEVELS = {"central": 0, "province": 1, "district": 2, "commune": 3}


def _below(model: ReadModel, root: str) -> list[str]:
    """The root and every document implementing it, step by step down, each step in Vietnamese order of names."""
    found, seen, step = [], {root}, [root]
    while step:
        found.extend(sorted(step, key=lambda i: (vi_key(model.label(i)), i)))
        following = []
        for parent in step:
            for child in model.down.get(parent, []):
                if child not in seen:
                    seen.add(child)
                    following.append(child)
        step = following
    return found


def matrix(model: ReadModel, documents: list[str], title: str, expand_groups: bool = False) -> Raci:
    """The RACI matrix of these documents; with `expand_groups`, a group's role is also written to each of its
    members (marked as coming through the group), the group's own column kept."""
    lines: dict[str, list[Line]] = {d: [] for d in documents}
    by_iri: dict[str, Line] = {}
    for d, o, path, title_, kind, time, text, loc, start, end in in_order(
        model.rows(_OBLIGATIONS.replace("{VALUES}", values("d", documents))), 0, 1
    ):
        where = loc or (f"ký tự {start}–{end}" if start is not None and end is not None else "")
        by_iri[o] = Line(d, o, path or "", title_ or "", kind, time, text or "", where)
        lines[d].append(by_iri[o])
    for o, agent, role in in_order(model.rows(_ASSIGNMENTS.replace("{VALUES}", values("d", documents))), 0, 1, 2):
        if o in by_iri:
            by_iri[o].roles.setdefault(agent, []).append(Role(concept(role)))
    groups = frozenset(a for line in by_iri.values() for a in line.roles if _is_group(model, a))
    if expand_groups and groups:
        members: dict[str, list[str]] = defaultdict(list)
        for g, m in in_order(model.rows(_MEMBERS.replace("{VALUES}", values("g", groups))), 0, 1):
            members[g].append(m)
        for line in by_iri.values():
            for g in [a for a in line.roles if a in members]:
                for m in members[g]:
                    line.roles.setdefault(m, []).extend(Role(r.role, g) for r in line.roles[g] if r.via is None)
    targets = _targets(model, documents, lines)
    for line in by_iri.values():
        line.roles = {a: sorted(rs, key=lambda r: (ROLES.index(r.role), r.via or "")) for a, rs in line.roles.items()}
    for d in documents:
        lines[d].sort(key=lambda line: (path_key(line.path), line.obligation))
    named = {a for line in by_iri.values() for a in line.roles} | set(documents)
    return Raci(title, documents, lines, targets, {i: model.label(i) for i in named}, groups, expand_groups)


def _is_group(model: ReadModel, iri: str) -> bool:
    agency = model.agencies.get(iri)
    return agency.group if agency is not None else "/group/" in iri


def _targets(model: ReadModel, documents: Iterable[str], lines: dict[str, list[Line]]) -> list[Target]:
    """The documents' targets, each on the obligation with the nearest section holding it (its own or an enclosing
    one)."""
    found = []
    for d, t, path, indicator, comparator, value, unit, year, text in in_order(
        model.rows(_TARGETS.replace("{VALUES}", values("d", documents))), 0, 1
    ):
        holder = max(
            (
                line
                for line in lines[d]
                if line.path and (path == line.path or (path or "").startswith(line.path + "."))
            ),
            key=lambda line: len(line.path),
            default=None,
        )
        target = Target(
            d,
            t,
            path or "",
            indicator,
            comparator,
            value,
            unit,
            year,
            text or "",
            holder.obligation if holder else None,
        )
        if holder is not None:
            holder.targets.append(target)
        found.append(target)
    place = {d: i for i, d in enumerate(lines)}
    return sorted(found, key=lambda x: (place[x.document], path_key(x.path), x.iri))


def for_scope(model: ReadModel, document: str | None, cascade: bool = False, expand_groups: bool = False) -> Raci:
    """The matrix of one document (an IRI), of it and the documents implementing it (`cascade`), or of the corpus
    (None); the title says which."""
    if document is None:
        title = "Toàn bộ kho văn bản / The whole corpus"
    elif cascade:
        title = f"{model.label(document)} và các văn bản thực hiện / and the documents implementing it"
    else:
        title = model.label(document)
    return matrix(model, scope(model, document, cascade), title, expand_groups)
