"""Owners abolished by the 2025 reforms: obligations held by a body of a district (the district level was
abolished on 1 July 2025), by a group of district bodies, or by a body of a province or commune merged into
another, named with the units that took over (from the `vietnamadminunits` conversion data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from loaders import admin_units
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel

FAMILY = "reforms"
TYPES = [
    FindingType(
        "owner-abolished-2025",
        FAMILY,
        "medium",
        "Đơn vị được giao nhiệm vụ thuộc đơn vị hành chính đã bị bãi bỏ hoặc sáp nhập năm 2025",
        "An owner belongs to an administrative unit abolished or merged by the 2025 reforms",
    ),
]
_LEVEL_VI = {"province": "tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def _fate(code: str) -> tuple[str, list[str]] | None:
    """(what happened, the 2025 units that took over) for a pre-2025 unit, None when it carries on unchanged."""
    unit = admin_units.by_code(code)
    if unit is None:
        return None
    after = admin_units.successor_2025(unit)
    if unit.level == "district":
        return "abolished", after
    if after and after != [unit.name]:
        return "merged", after
    return None


def detect(ctx: ReadModel) -> Iterable[Finding]:
    held: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    codes: dict[str, str] = {}
    for doc, obligation, assignment, agent, code in ctx.rows("""SELECT ?d ?o ?a ?x ?code WHERE {
          ?d vc:inCorpus true ; vc:hasObligation ?o . ?o vc:hasAssignment ?a . ?a vc:agent ?x .
          ?x vc:jurisdiction/vc:unitCode ?code } ORDER BY ?x ?d ?o"""):
        held[agent].append((doc, obligation, assignment))
        codes[agent] = code
    district_groups = {g for (g,) in ctx.rows('SELECT ?g WHERE { ?g vc:memberLevel "district" }')}
    for agent, duties in held.items():
        fate = _fate(codes[agent])
        unit = admin_units.by_code(codes[agent])
        if fate is None and agent in district_groups and unit is not None:
            fate = "members abolished", []
        if fate is None or unit is None:  # a fate is only ever found for a known unit
            continue
        what, after = fate
        heirs = ", ".join(after[:8]) + (f" … (+{len(after) - 8})" if len(after) > 8 else "")
        if what == "members abolished":
            vi = "các đơn vị cấp huyện của nhóm không còn từ 1/7/2025 (bỏ cấp huyện)"
            en = "the group's district-level members no longer exist since 1 July 2025 (district level abolished)"
        elif what == "abolished":
            vi = f"{unit.full_name} không còn từ 1/7/2025 (bỏ cấp huyện); địa bàn nay thuộc: {heirs}"
            en = (
                f"{unit.full_name} no longer exists since 1 July 2025 (district level abolished); "
                f"its area is now: {heirs}"
            )
        else:
            vi = f"{unit.full_name} đã sáp nhập năm 2025 vào: {heirs}"
            en = f"{unit.full_name} was merged in 2025 into: {heirs}"
        name = ctx.label(agent)
        yield Finding(
            "owner-abolished-2025",
            "medium",
            f"{name} giữ {len(duties)} nhiệm vụ; {vi}",
            f"{name} holds {len(duties)} obligation(s); {en}",
            documents=tuple(dict.fromkeys(d for d, _, _ in duties)),
            obligations=tuple(dict.fromkeys(o for _, o, _ in duties)),
            agencies=(agent,),
            evidence=ctx.evidence(a for _, _, a in duties),
            details={"unit": unit.full_name, "level": unit.level, "fate": what, "successors": after},
        )
