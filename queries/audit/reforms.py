"""The 2025 reorganisation on a day: owners that no longer exist, with the bodies that now hold their duties
(resolved), the candidates when the sources cannot choose (ambiguous), or none found (unknown); and
province-level plans whose province was merged, whether it kept its name (Quảng Trị took in Quảng Bình) or not.
Both read the change events and ownership periods in the graph, as of the day asked (default today)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from loaders.read_index import Change, values
from queries.audit.kept import Stored, involving
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "reforms"
DATED = True
TYPES = [
    FindingType(
        "owner-abolished-2025",
        FAMILY,
        "low",
        "Đơn vị được giao nhiệm vụ không còn sau sắp xếp năm 2025; đã xác định đơn vị kế thừa nhiệm vụ",
        "An owner ended or lost the function in the 2025 reorganisation; the bodies that took its duties are known",
    ),
    FindingType(
        "owner-successor-ambiguous-2025",
        FAMILY,
        "medium",
        "Đơn vị được giao nhiệm vụ không còn sau sắp xếp năm 2025; nguồn không cho biết đơn vị nào nhận nhiệm vụ"
        " (nêu các phương án)",
        "An owner ended in the 2025 reorganisation and the sources do not say which body took its duties (the"
        " candidates are named)",
    ),
    FindingType(
        "owner-successor-unknown-2025",
        FAMILY,
        "high",
        "Đơn vị được giao nhiệm vụ không còn sau sắp xếp năm 2025; chưa tìm thấy đơn vị kế thừa",
        "An owner ended in the 2025 reorganisation and no source names a successor",
    ),
    FindingType(
        "province-merged-2025",
        FAMILY,
        "medium",
        "Kế hoạch cấp tỉnh của một tỉnh đã hợp nhất năm 2025 (kể cả tỉnh giữ tên nhưng nhận thêm tỉnh khác)",
        "A province-level plan of a province merged in 2025 (including one that kept its name and took others in)",
    ),
]
_TYPE = {
    "resolved": "owner-abolished-2025",
    "ambiguous": "owner-successor-ambiguous-2025",
    "unresolved": "owner-successor-unknown-2025",
}
_SEVERITY = {t.name: t.severity for t in TYPES}


def _names(ctx: ReadModel, iris: Iterable[str], most: int = 8) -> str:
    names = [ctx.label(i) for i in iris]
    return ", ".join(names[:most]) + (f" … (+{len(names) - most})" if len(names) > most else "")


def _owners(ctx: ReadModel, day: str, agents: Iterable[str] | None) -> Iterable[Finding]:
    held: dict[tuple[str, str, tuple[str, ...]], list[tuple[str, str, str]]] = defaultdict(list)
    facts: dict[tuple[str, str, tuple[str, ...]], tuple[str, str | None]] = {}
    periods: dict[str, list] = defaultdict(list)
    for doc, obligation, assignment, agent, since, resolution, basis, owner in ctx.rows(f"""
          SELECT ?d ?o ?a ?x ?since ?r ?basis ?owner WHERE {{ {values("x", agents)}
          ?d vc:inCorpus true ; vc:hasObligation ?o . ?o vc:hasAssignment ?a .
          ?a vc:agent ?x ; vc:succession/vc:ownershipPeriod ?p .
          ?p vc:validFrom ?since ; vc:resolution ?r . OPTIONAL {{ ?p vc:validUntil ?until }}
          FILTER(?since <= "{day}"^^xsd:date && (!BOUND(?until) || ?until > "{day}"^^xsd:date))
          OPTIONAL {{ ?p vc:basisNumbers ?basis }} OPTIONAL {{ ?p vc:owner ?owner }} }}"""):  # sorted below: an
        # ORDER BY here made the query four times slower on 200 plans
        periods[assignment].append((doc, obligation, agent, since, resolution, basis, owner))
    for assignment, rows in sorted(periods.items(), key=lambda item: (item[1][0][2], item[1][0][0], item[1][0][1])):
        doc, obligation, agent, since, resolution, basis, _ = rows[0]
        owners = tuple(sorted({r[6] for r in rows if r[6] is not None}))
        key = (agent, resolution, owners)
        held[key].append((doc, obligation, assignment))
        facts[key] = (since, basis)
    for (agent, resolution, owners), duties in held.items():
        since, basis = facts[(agent, resolution, owners)]
        name, heirs = ctx.label(agent), _names(ctx, owners)
        on = f" (căn cứ {basis})" if basis else ""
        by = f" ({basis})" if basis else ""
        if resolution == "resolved":
            vi = f"từ {since} nhiệm vụ thuộc: {heirs}{on}"
            en = f"since {since} its duties are held by: {heirs}{by}"
        elif resolution == "ambiguous":
            vi = f"từ {since} chưa xác định được đơn vị nhận nhiệm vụ; các phương án: {heirs}{on}"
            en = f"since {since} the sources do not say which body took its duties; candidates: {heirs}{by}"
        else:
            vi = f"không còn từ {since}; chưa tìm thấy đơn vị kế thừa{on}"
            en = f"no longer exists since {since}; no successor found{by}"
        yield Finding(
            _TYPE[resolution],
            _SEVERITY[_TYPE[resolution]],
            f"{name} giữ {len(duties)} nhiệm vụ; {vi}",
            f"{name} holds {len(duties)} obligation(s); {en}",
            documents=tuple(dict.fromkeys(d for d, _, _ in duties)),
            obligations=tuple(dict.fromkeys(o for _, o, _ in duties)),
            agencies=(agent, *owners),
            evidence=ctx.evidence(a for _, _, a in duties),
            details={
                "resolution": resolution,
                "since": since,
                "basis": basis,
                "successors" if resolution != "ambiguous" else "candidates": [ctx.label(o) for o in owners],
            },
        )


def _provinces(ctx: ReadModel, day: str, documents: Iterable[str] | None) -> Iterable[Finding]:
    merged: dict[tuple[str, str], dict] = {}
    for doc, province, event, effective, basis, result, other in in_order(
        ctx.rows(f"""
          SELECT ?d ?prov ?e ?eff ?basis ?new ?other WHERE {{ {values("d", documents)}
          ?d vc:inCorpus true ; vc:jurisdiction ?prov . ?prov vc:level "province" ; org:changedBy ?e .
          ?e vc:changeKind ?k ; vc:effectiveDate ?eff ; org:resultingOrganization ?new .
          FILTER(?k IN (vc:change-absorb, vc:change-merge) && ?eff <= "{day}"^^xsd:date)
          OPTIONAL {{ ?e vc:basisNumbers ?basis }}
          OPTIONAL {{ ?e org:originalOrganization ?other FILTER(?other != ?prov) }} }}"""),
        0,
        6,
    ):
        entry = merged.setdefault(
            (doc, province), {"new": result, "since": effective, "basis": basis, "others": [], "event": event}
        )
        if other is not None:
            entry["others"].append(other)
    for (doc, province), entry in merged.items():
        old, new = ctx.label(province), ctx.label(entry["new"])
        others = _names(ctx, entry["others"])
        kept = old == new
        if kept:
            vi = f"{old} giữ tên nhưng từ {entry['since']} nhận thêm {others}: kế hoạch chỉ bao phủ địa bàn cũ"
            en = f"{old} kept its name but took in {others} on {entry['since']}: the plan covers only the old area"
        else:
            vi = f"{old} đã hợp nhất vào {new} từ {entry['since']} (cùng {others})"
            en = f"{old} was merged into {new} on {entry['since']} (with {others})"
        yield Finding(
            "province-merged-2025",
            "medium",
            f"{ctx.label(doc)}: {vi}",
            f"{ctx.label(doc)}: {en}",
            documents=(doc,),
            evidence=ctx.evidence([doc]),
            details={
                "kind": "kept-name" if kept else "merged-into",
                "province": old,
                "into": new,
                "with": [ctx.label(o) for o in entry["others"]],
                "since": entry["since"],
                "basis": entry["basis"],
            },
        )


def home(finding: Finding) -> str:
    """Where a finding is kept: a merged province under the plan; an abolished body's duties under the body."""
    return finding.documents[0] if finding.type == "province-merged-2025" else finding.agencies[0]


def affected(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A write of a document changes its own province finding and the findings of the bodies it assigned work to
    before (the findings that name it) or assigns work to now (its claims name them)."""
    return {change.document} | set(change.named) | involving(change.document, kept)


def detect(ctx: ReadModel, on: dt.date | None = None, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """As of `on` (default today): bodies holding duties that the 2025 changes moved, and plans of merged provinces
    (of these homes only, when given: bodies and documents)."""
    day = (on or dt.date.today()).isoformat()
    chosen = None if homes is None else set(homes)
    yield from _owners(ctx, day, chosen)
    yield from _provinces(ctx, day, chosen)
