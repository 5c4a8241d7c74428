"""An agency's obligation map: the agency, the groups it acts through, every obligation naming either (one edge
per role: lead, support, must issue a plan, requested) and the documents those obligations are in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox

from loaders.errors import NotFound
from loaders.store import GraphStore
from queries.read.model import ReadModel
from queries.read.report import path_key
from visualizations.cascade import DEFAULT_CAP, Link
from visualizations.graphs import document_graph, model_of
from visualizations.model import Edge, Node, View

ROLES = {
    "role-lead": "lead",
    "role-support": "support",
    "role-plan-issuer": "planIssuer",
    "role-requested": "requested",
}
ROLE_NAMES = {
    "lead": "chủ trì / lead",
    "support": "phối hợp / support",
    "planIssuer": "xây dựng kế hoạch / must issue a plan",
    "requested": "được đề nghị / requested",
}
LABEL_CHARS = 70


@dataclass(frozen=True)
class Assignment:
    """An obligation naming a holder (the agency, or a group it belongs to) in one role."""

    obligation: str
    role: str
    holder: str
    document: str
    path: str | None
    title: str | None
    words: str | None  # the words in the text that name the holder

    @property
    def label(self) -> str:
        label = " ".join(part for part in (self.path, self.title) if part) or "(nhiệm vụ / obligation)"
        return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _assignments(model: ReadModel, iri: str) -> list[Assignment]:
    """Every (obligation, role, holder) naming the agency or a group it belongs to, once."""
    node = ox.NamedNode(iri)
    rows = model.rows(f"""SELECT ?o ?role ?holder ?doc ?path ?title ?words WHERE {{
          {{ VALUES ?holder {{ {node} }} ?a vc:agent ?holder }}
          UNION {{ ?holder vc:member {node} . ?a vc:agent ?holder }}
          ?o vc:hasAssignment ?a . ?a vc:role ?role . ?doc vc:hasObligation ?o .
          OPTIONAL {{ ?o vc:sectionPath ?path }} OPTIONAL {{ ?o dct:title ?title }}
          OPTIONAL {{ ?a vc:sourceText ?words }} }} ORDER BY ?holder ?doc ?path ?role ?words""")
    found: dict[tuple[str, str, str], Assignment] = {}
    for o, role, holder, doc, path, title, words in rows:
        name = ROLES.get(role.rsplit("#", 1)[-1], "lead")
        found.setdefault((o, name, holder), Assignment(o, name, holder, doc, path, title, words))
    return list(found.values())


def agency_view(
    source: GraphStore | ReadModel, agency: str, *, cap: int = DEFAULT_CAP, link: Link | None = None
) -> View:
    """The obligation map of an agency or group (IRI or resource id); NotFound if unknown.

    A holder (the agency, or a group it belongs to) shows at most `cap` obligations, then a "+K more" node.
    """
    model = model_of(source)
    iri = model.ids.iri_of(agency)
    if iri not in model.agencies:
        raise NotFound(f"no agency or group {agency!r} in the store")
    link = link or model.ids.href
    found = _assignments(model, iri)
    docs = document_graph(model, False)
    first = {a.obligation: a for a in reversed(found)}

    def order(o: str) -> tuple:
        return docs.nodes[first[o].document]["label"], path_key(first[o].path or ""), o

    held: dict[str, list[str]] = {}
    for a in sorted(found, key=lambda a: (a.holder != iri, model.label(a.holder))):
        held.setdefault(a.holder, [])
        if a.obligation not in held[a.holder]:
            held[a.holder].append(a.obligation)
    held = {holder: sorted(obligations, key=order) for holder, obligations in held.items()}
    shown = sorted({o for obligations in held.values() for o in obligations[:cap]}, key=order)
    counts = Counter(a.role for a in found)
    me = model.agencies[iri]
    nodes = [
        Node(
            model.ids.short(iri),
            me.label,
            "group" if me.group else "agency",
            me.level,
            0,
            href=link(iri),
            facts=tuple(filter(None, [me.kind_label, *(f"{ROLE_NAMES[r]}: {n}" for r, n in counts.items())])),
        )
    ]
    edges: list[Edge] = []
    for holder, obligations in held.items():
        hid = model.ids.short(holder)
        if holder != iri:
            group = model.agencies[holder]
            nodes.append(
                Node(
                    hid,
                    group.label,
                    "group",
                    group.level,
                    1,
                    facts=tuple(filter(None, [group.kind_label])),
                    href=link(holder),
                )
            )
            edges.append(Edge(model.ids.short(iri), hid, "member"))
        rest = [o for o in obligations if o not in shown]
        if rest:
            nodes.append(
                Node(
                    f"more/{hid}",
                    f"+{len(rest)} khác / more",
                    "more",
                    None,
                    2,
                    facts=tuple(first[o].label for o in rest[:50]),
                )
            )
            edges.append(Edge(hid, f"more/{hid}", "more"))
    for o in shown:
        nodes.append(
            Node(
                model.ids.short(o),
                first[o].label,
                "obligation",
                None,
                2,
                text=model.text(o),
                facts=(f"Văn bản / document: {docs.nodes[first[o].document]['label']}",),
                href=link(o),
            )
        )
    edges += [
        Edge(model.ids.short(a.holder), model.ids.short(a.obligation), a.role, a.words)
        for a in found
        if a.obligation in shown
    ]
    for doc in sorted({first[o].document for o in shown}, key=lambda d: docs.nodes[d]["label"]):
        attrs = docs.nodes[doc]
        nodes.append(
            Node(
                model.ids.short(doc),
                attrs["label"],
                attrs["kind"],
                attrs["level"],
                3,
                attrs["missing"],
                attrs["text"],
                attrs["facts"],
                link(doc),
            )
        )
    edges += [Edge(model.ids.short(o), model.ids.short(first[o].document), "partOf") for o in shown]
    summary = " · ".join(f"{ROLE_NAMES[r]} {counts[r]}" for r in ROLE_NAMES if counts[r])
    return View(
        f"Nhiệm vụ của / Obligations of: {me.label}",
        nodes,
        edges,
        direction="LR",
        subtitle=f"{len(first)} nhiệm vụ / obligations ({summary or 'không có / none'}) · tối đa / at most "
        f"{cap} mỗi đơn vị / per holder",
    )
