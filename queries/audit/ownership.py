"""Ownership gaps: obligations nobody leads, or led only by a vague group, only by request, or by several
units with no split between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from loaders.read_index import values
from queries.audit.kept import first_document, written
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "ownership"
TYPES = [
    FindingType("no-lead", FAMILY, "high", "Nhiệm vụ không có đơn vị chủ trì", "An obligation names no lead unit"),
    FindingType(
        "vague-lead",
        FAMILY,
        "medium",
        "Đơn vị chủ trì chỉ là một nhóm chung chung",
        "The only lead is a vague group (“the relevant departments”)",
    ),
    FindingType(
        "requested-lead",
        FAMILY,
        "medium",
        "Nhiệm vụ chỉ được “đề nghị”, không được giao",
        "The lead is only requested (“Đề nghị …”), not assigned",
    ),
    FindingType(
        "several-leads",
        FAMILY,
        "low",
        "Nhiều đơn vị cùng chủ trì mà không phân công rõ",
        "Several units lead the same obligation with no split between them",
    ),
]


home, affected = first_document, written  # kept per document (kept.py)


def detect(ctx: ReadModel, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """The ownership gaps of every ingested document (of these home documents only, when given)."""
    leads: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    obligations: dict[str, tuple[str, str]] = {}
    rows = ctx.rows(f"""SELECT ?d ?o ?path ?x ?role ?a WHERE {{
          {values("d", homes)} ?d vc:inCorpus true ; vc:hasObligation ?o . ?o vc:sectionPath ?path
          OPTIONAL {{ ?o vc:hasAssignment ?a . ?a vc:agent ?x ; vc:role ?role
                     FILTER(?role IN (vc:role-lead, vc:role-lead-inferred, vc:role-requested)) }} }}""")
    for doc, obligation, path, agent, role, assignment in in_order(rows, 0, 2, 5):
        obligations[obligation] = (doc, path)
        if agent is not None:
            leads[obligation].append((agent, role.rsplit("-", 1)[-1], assignment))
    vague = {g for (g,) in ctx.rows("SELECT ?g WHERE { ?g vc:vague true }")}
    for obligation, (doc, path) in obligations.items():
        where = f"{ctx.label(doc)} {path}"
        owners = leads.get(obligation, [])
        evidence = ctx.evidence([obligation, *(a for _, _, a in owners)])
        agents = tuple(dict.fromkeys(agent for agent, _, _ in owners))
        names = "; ".join(ctx.label(a) for a in agents)
        common: dict[str, Any] = {
            "documents": (doc,),
            "obligations": (obligation,),
            "agencies": agents,
            "evidence": evidence,
        }
        if not owners:
            yield Finding(
                "no-lead",
                "high",
                f"{where}: nhiệm vụ không nêu đơn vị chủ trì",
                f"{where}: the obligation names no lead unit",
                **common,
            )
            continue
        assigned = [agent for agent, role, _ in owners if role in ("lead", "inferred")]
        if not assigned:
            yield Finding(
                "requested-lead",
                "medium",
                f"{where}: chỉ “đề nghị” {names}, không giao chủ trì",
                f"{where}: {names} is only requested, not assigned to lead",
                **common,
            )
        elif all(agent in vague for agent in assigned):
            yield Finding(
                "vague-lead",
                "medium",
                f"{where}: đơn vị chủ trì chỉ là “{names}”",
                f"{where}: the only lead is the vague group “{names}”",
                **common,
            )
        elif len(set(assigned)) > 1:
            yield Finding(
                "several-leads",
                "low",
                f"{where}: {len(set(assigned))} đơn vị cùng chủ trì ({names})",
                f"{where}: {len(set(assigned))} units lead it together ({names}) with no split",
                **common,
                details={"leads": len(set(assigned))},
            )
