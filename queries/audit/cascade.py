"""Cascade completeness: documents the corpus builds on but lacks, and plans that units were told to issue but
that no ingested document from that unit provides. Groups of owners expand to their member units."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from loaders.read_index import Change, values
from ontology import VC
from queries.audit.kept import Stored, involving
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order
from queries.read.succession import Successions

FAMILY = "cascade"
DATED = True
TYPES = [
    FindingType(
        "missing-link",
        FAMILY,
        "high",
        "Văn bản được thực hiện hoặc làm căn cứ nhưng chưa có trong kho",
        "A document that ingested plans implement or build on is not in the corpus",
    ),
    FindingType(
        "missing-downstream-plan",
        FAMILY,
        "high",
        "Đơn vị được giao xây dựng kế hoạch nhưng chưa có kế hoạch thực hiện văn bản cấp trên",
        "A unit told to issue its own plan has no ingested plan implementing the document above",
    ),
    FindingType(
        "group-size-mismatch",
        FAMILY,
        "medium",
        "Số đơn vị nêu trong văn bản khác với dữ liệu hành chính",
        "A group's stated size disagrees with the administrative-unit data",
    ),
    FindingType(
        "group-not-expanded",
        FAMILY,
        "medium",
        "Không xác định được các đơn vị thuộc nhóm phải xây dựng kế hoạch",
        "A group told to issue plans cannot be expanded into its member units",
    ),
]
_RELATIONS = {VC + "relation-implements": "implements", VC + "relation-basedOn": "basedOn"}
# a document cited by a whole cascade (thousands) is named with its first citing documents, and quoted from the first
# ones; the finding still lists every citing document
_NAMED, _QUOTED = 5, 20


def _missing_links(ctx: ReadModel, homes: Iterable[str] | None) -> Iterable[Finding]:
    refs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    rows = ctx.rows(f"""SELECT ?t ?d ?rel ?ref WHERE {{ {values("t", homes)}
          ?ref vc:toDocument ?t ; vc:relation ?rel . ?d vc:hasReference ?ref ; vc:inCorpus true .
          FILTER(?rel IN (vc:relation-implements, vc:relation-basedOn)) ?t vc:inCorpus false }}""")
    for target, source, relation, ref in in_order(rows, 0, 1, 3):
        refs[target].append((source, _RELATIONS[relation], ref))
    for target, cited in refs.items():
        by: dict[str, set[str]] = defaultdict(set)
        for source, relation, _ in cited:
            by[relation].add(source)
        citing = sorted({source for source, _, _ in cited})
        quoted = set(citing[:_QUOTED])
        counts = {relation: len(sources) for relation, sources in by.items()}
        yield _missing_link(ctx, target, citing, counts, [ref for source, _, ref in cited if source in quoted])


def _missing_link(ctx: ReadModel, target: str, citing: list[str], counts: dict[str, int], refs: list[str]) -> Finding:
    """The finding of a document not in the corpus that these documents (sorted) implement or build on: `counts`
    says how many do each, `refs` are the references of the first ones, quoted."""
    relations = sorted(relation for relation, n in counts.items() if n)
    severity = "high" if "implements" in relations else "medium"
    names = ", ".join(ctx.label(d) for d in citing[:_NAMED])
    more_vi = f" và {len(citing) - _NAMED} văn bản khác" if len(citing) > _NAMED else ""
    more_en = f" and {len(citing) - _NAMED} more" if len(citing) > _NAMED else ""
    label = ctx.label(target)
    return Finding(
        "missing-link",
        severity,
        f"{label} được {len(citing)} văn bản trong kho thực hiện hoặc làm căn cứ ({names}{more_vi}) nhưng chưa có"
        " trong kho",
        f"{label} is implemented or built on by {len(citing)} ingested document(s) ({names}{more_en}) but is not"
        " in the corpus",
        documents=(target, *citing),
        evidence=ctx.evidence(refs),
        details={"relations": relations, "citing": len(citing), "citingBy": {r: counts[r] for r in relations}},
    )


def patch(old: ReadModel, new: ReadModel, change: Change, kept: Stored, homes: set[str]) -> dict[str, list[Finding]]:
    """The missing-link findings of documents the written one cited before or cites now, carried over from what was
    kept instead of detected again (a document a whole cascade cites has thousands of citing references): the
    written document leaves or joins the citing ones, the counts follow its references before and after, and the
    first citing documents are quoted again. A home this cannot answer for is left to detection."""
    written = change.document
    before: dict[str, set[str]] = defaultdict(set)
    after: dict[str, set[str]] = defaultdict(set)
    for cited, relations in ((change.cited_before, before), (change.cited_after, after)):
        for target, relation in cited:
            if relation in _RELATIONS:
                relations[target].add(_RELATIONS[relation])
    patched: dict[str, list[Finding]] = {}
    for target in sorted(homes & (before.keys() | after.keys()) - {written}):
        kept_findings = kept.findings(target)
        document = new.documents.get(target)
        if len(kept_findings) != 1 or kept_findings[0].type != "missing-link" or document is None:
            continue
        if document.in_corpus or "citingBy" not in kept_findings[0].details:
            continue
        finding = kept_findings[0]
        citing = set(finding.documents[1:])
        if (written in citing) != bool(before[target]):
            continue  # what was kept does not agree with the references read before the write: detect
        counts = dict(finding.details["citingBy"])
        for relation in before[target]:
            counts[relation] = counts.get(relation, 0) - 1
        for relation in after[target]:
            counts[relation] = counts.get(relation, 0) + 1
        citing = (citing - {written}) | ({written} if after[target] else set())
        if not citing:
            patched[target] = []
            continue
        ordered = sorted(citing)
        patched[target] = [_missing_link(new, target, ordered, counts, _quoted(new, target, ordered[:_QUOTED]))]
    return patched


def _quoted(ctx: ReadModel, target: str, citing: list[str]) -> list[str]:
    """The references of these documents to `target` that make them implement or build on it, in order."""
    rows = ctx.rows(f"""SELECT ?d ?ref WHERE {{ {values("d", citing)} ?d vc:hasReference ?ref .
          ?ref vc:toDocument <{target}> ; vc:relation ?rel
          FILTER(?rel IN (vc:relation-implements, vc:relation-basedOn)) }}""")
    return [ref for _, ref in in_order(rows, 0, 1)]


def _each(variable: str, chosen: Iterable[str] | None, pattern: str) -> str:
    """A graph pattern for these nodes, each looked up on its own (LATERAL: joined, 1,650 groups of 1,000 plans took
    4× as long), or for every node when None (then a plain scan is the faster)."""
    if chosen is None:
        return pattern
    return f"{values(variable, chosen)} LATERAL {{ {pattern} }}"


def members_of(ctx: ReadModel, chosen: Iterable[str] | None) -> dict[str, list[str]]:
    """Each group's member units (from the administrative-unit data, as the parser recorded them)."""
    members: dict[str, list[str]] = defaultdict(list)
    pattern = "?g a vc:AgencyGroup ; vc:member ?m"
    for group, member in in_order(ctx.rows(f"SELECT ?g ?m WHERE {{ {_each('g', chosen, pattern)} }}"), 0, 1):
        members[group].append(member)
    return members


def _groups(ctx: ReadModel, chosen: Iterable[str] | None) -> dict[str, dict]:
    found: dict[str, dict] = {}
    pattern = """?g a vc:AgencyGroup OPTIONAL { ?g vc:groupSize ?size } OPTIONAL { ?g vc:vague ?vague }
          OPTIONAL { ?g vc:jurisdiction/vc:known ?known } OPTIONAL { ?g vc:memberKind ?kind }"""
    for group, size, vague, known, kind in ctx.rows(
        f"SELECT ?g ?size ?vague ?known ?kind WHERE {{ {_each('g', chosen, pattern)} }}"
    ):
        found[group] = {
            "size": int(size) if size else None,
            "vague": vague == "true",
            "known": known != "false",
            "kind": kind,
        }
    return found


def group_facts(ctx: ReadModel, chosen: Iterable[str] | None) -> tuple[dict[str, list[str]], dict[str, dict]]:
    """The members and facts of these groups; of every group (read once per model) when None."""
    if chosen is None:
        return ctx.memo("cascade-group-facts", lambda: (members_of(ctx, None), _groups(ctx, None)))
    return members_of(ctx, chosen), _groups(ctx, chosen)


def issued_under(ctx: ReadModel, parents: Iterable[str] | None) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """For each document (each of `parents`, when given): the agencies that issued an ingested document (not a
    report on results: that accounts for a plan, it is none) implementing or built on it (and the bodies they belong
    to or that belong to them; a standing body's document is its committee's, so the committee's other bodies count
    too), each with those documents and their issue dates."""
    found: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
    # LATERAL: each issuer's bodies found from it (joined, the union ran over every agency: 1.2 s, not 0.13, at 1k)
    for parent, who, child, on in in_order(
        ctx.rows(f"""SELECT DISTINCT ?p ?who ?d ?on WHERE {{ {values("p", parents)}
          ?d vc:implements|vc:basedOn ?p . ?d vc:inCorpus true ; vc:issuedBy ?i . OPTIONAL {{ ?d vc:issuedOn ?on }}
          FILTER NOT EXISTS {{ ?d a vc:Report }}
          LATERAL {{ {{ ?d vc:issuedBy ?who }} UNION {{ ?i org:subOrganizationOf ?who }}
                     UNION {{ ?who org:subOrganizationOf ?i }}
                     UNION {{ ?i vc:agencyKind vc:kind-standing-body ; org:subOrganizationOf ?c .
                              ?who org:subOrganizationOf ?c }} }} }}"""),
        0,
        1,
        2,
    ):
        found[parent][who].append((child, on))
    return found


def _why_unexpanded(group: dict) -> tuple[str, str]:
    if not group["known"]:
        return ("không xác định được địa bàn (tỉnh/huyện) của nhóm", "the group's jurisdiction is unknown")
    if group["vague"]:
        return ("nhóm không nói rõ gồm những đơn vị nào", "the group does not say which units it means")
    return ("dữ liệu hành chính không liệt kê được loại đơn vị này", "the unit data cannot list units of this kind")


def _natural(label: str) -> list:
    """Sort key that puts "Phường 2" before "Phường 10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", label)]


@dataclass
class Owed:
    """A unit a document asks to issue its own plan: the obligations that ask, the nodes whose text says so, the
    groups it was named through and, as of a day after the 2025 reorganisation, the units it stands in for."""

    parent: str
    unit: str
    obligations: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)


def plans_owed(
    ctx: ReadModel,
    heirs: Successions | None,
    parents: Iterable[str] | None,
    issued: dict[str, dict[str, list[tuple[str, str | None]]]] | None = None,
) -> tuple[list[Owed], list[tuple[str, str, str, str, dict]]]:
    """Every (document, unit) a document asks to issue its own plan, groups expanded to their member units (as of a
    day, the bodies that replaced a unit owe its plan, each once), less those who issued one when `issued` (from
    issued_under) is given; and the (document, obligation, group, assignment, the group's facts) of each group
    that cannot be expanded."""
    owed: dict[tuple[str, str], Owed] = {}
    unexpanded = []
    # the role first: from the documents, the join walked every assignment of the corpus (1,000 plans: 0.8 s, not 0.05)
    rows = in_order(
        ctx.rows(f"""SELECT ?p ?o ?x ?a WHERE {{ ?a vc:role vc:role-plan-issuer ; vc:agent ?x .
          ?o vc:hasAssignment ?a . ?p vc:hasObligation ?o ; vc:inCorpus true . {values("p", parents)} }}"""),
        0,
        1,
        2,
    )
    # every group's facts when this model has read them (the cascade detector does), else the owners' only
    whole = parents is None and ctx.memoized("cascade-group-facts")
    members, groups = group_facts(ctx, None if whole else {owner for _, _, owner, _ in rows})
    for parent, obligation, owner, assignment in rows:
        if owner in groups and not members.get(owner):
            unexpanded.append((parent, obligation, owner, assignment, groups[owner]))
            continue
        by = issued.get(parent, {}) if issued is not None else {}
        for written in members.get(owner, [owner]):
            for unit in heirs.of(written) if heirs else [written]:
                if unit in by or written in by:
                    continue
                asks = owed.setdefault((parent, unit), Owed(parent, unit))
                asks.obligations.append(obligation)
                asks.nodes += [assignment, obligation]
                if written != owner and owner not in asks.groups:
                    asks.groups.append(owner)
                if unit != written and written not in asks.replaces:
                    asks.replaces.append(written)
    for asks in owed.values():
        asks.obligations = list(dict.fromkeys(asks.obligations))
    return list(owed.values()), unexpanded


def _unexpanded(ctx: ReadModel, parent: str, obligation: str, owner: str, assignment: str, facts: dict) -> Finding:
    """The finding of a group told to issue plans that cannot be expanded into its member units."""
    vi, en = _why_unexpanded(facts)
    return Finding(
        "group-not-expanded",
        "medium",
        f"Nhóm “{ctx.label(owner)}” phải xây dựng kế hoạch thực hiện {ctx.label(parent)} nhưng {vi}",
        f"The group “{ctx.label(owner)}” must issue plans under {ctx.label(parent)}, but {en}",
        documents=(parent,),
        obligations=(obligation,),
        agencies=(owner,),
        evidence=ctx.evidence([assignment, obligation]),
        details={"reason": en},
    )


def _downstream(ctx: ReadModel, heirs: Successions | None, parents: Iterable[str] | None) -> Iterable[Finding]:
    """One finding per (document, unit that owes a plan under it and issued none in the corpus), citing every
    obligation that asks; as of a day after the 2025 reorganisation, the bodies that replaced a unit owe its plan
    (each once, naming whom it replaced)."""
    owed, unexpanded = plans_owed(ctx, heirs, parents, issued_under(ctx, parents))
    for row in unexpanded:
        yield _unexpanded(ctx, *row)
    for asks in owed:
        parent, unit = asks.parent, asks.unit
        groups_named = "; ".join(f"“{ctx.label(g)}”" for g in asks.groups)
        vi = f" (thuộc {groups_named})" if groups_named else ""
        en = f" (one of {groups_named})" if groups_named else ""
        if asks.replaces:
            replaced = ", ".join(sorted((ctx.label(r) for r in asks.replaces), key=_natural))
            vi += f", thay cho {replaced}"
            en += f", in place of {replaced}"
        yield Finding(
            "missing-downstream-plan",
            "high",
            f"{ctx.label(unit)}{vi} chưa có kế hoạch thực hiện {ctx.label(parent)} trong kho",
            f"{ctx.label(unit)}{en} has no ingested plan implementing {ctx.label(parent)}",
            documents=(parent,),
            obligations=tuple(asks.obligations),
            agencies=(unit, *asks.groups),
            evidence=ctx.evidence(asks.nodes),
            details={
                "unit": unit,
                "groups": asks.groups,
                **({"replaces": asks.replaces} if asks.replaces else {}),
            },
        )


def _group_sizes(ctx: ReadModel, chosen: Iterable[str] | None) -> Iterable[Finding]:
    members, groups = group_facts(ctx, chosen)
    mentions: dict[str, list[str]] = defaultdict(list)
    for group, mention in in_order(
        ctx.rows(f"SELECT ?g ?m WHERE {{ {values('g', chosen)} ?m vc:mentions ?g . ?g a vc:AgencyGroup }}"), 1
    ):
        mentions[group].append(mention)
    for group, facts in groups.items():
        stated, listed = facts["size"], len(members.get(group, []))
        if stated is None or not listed or stated == listed:
            continue
        evidence = ctx.evidence(mentions[group])
        yield Finding(
            "group-size-mismatch",
            "medium",
            f"“{ctx.label(group)}”: văn bản nêu {stated} đơn vị, dữ liệu hành chính có {listed}",
            f"“{ctx.label(group)}”: the text says {stated} units, the unit data lists {listed}",
            documents=tuple(sorted({e.document for e in evidence})),
            agencies=(group,),
            evidence=evidence,
            details={"stated": stated, "listed": listed},
        )


def home(finding: Finding) -> str:
    """Where a finding is kept: a group's size under the group; the others under their first document (the
    document missing, or the parent owed a plan)."""
    return finding.agencies[0] if finding.type == "group-size-mismatch" else finding.documents[0]


def affected(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A write of a document changes: its own findings (a missing document it was, a parent it is); those of the
    documents it cited or cites (a missing link, a parent owed its issuer's plan); and the sizes of the groups it
    mentioned or mentions. Its claims named all of these, before or after."""
    return set(change.named) | involving(change.document, kept)


def detect(ctx: ReadModel, on: dt.date | None = None, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """Missing documents, missing downstream plans, groups that cannot be expanded or whose size disagrees (of these
    homes only, when given: documents missing or owed plans, and groups)."""
    chosen = None if homes is None else set(homes)
    documents = None if chosen is None else {h for h in chosen if h in ctx.documents}
    yield from _missing_links(ctx, documents)
    heirs = Successions(ctx.rows(Successions.SPARQL), on) if on else None
    yield from _downstream(ctx, heirs, documents)
    yield from _group_sizes(ctx, None if chosen is None else chosen - (documents or set()))
