"""What a view is made of: nodes, edges and the view itself (visualizations.page renders it as one HTML page)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    """A node: `id` is the resource id (IRI minus the base) or, for placeholders, `gap/…` / `more/…`.

    `kind` is a document type (plan, directive, …) or agency, group, obligation, more; `level` the administrative
    level; `rank` the layout row; `text` the source text shown in the tooltip; `facts` lines for the details panel.
    """

    id: str
    label: str
    kind: str
    level: str | None = None
    rank: int = 0
    missing: bool = False
    text: str | None = None
    facts: tuple[str, ...] = ()
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    """An edge from `source` to `target`; `kind` names its style (implements, basedOn, lead, support, …)."""

    source: str
    target: str
    kind: str
    text: str | None = None


@dataclass
class View:
    """A graph to draw: nodes, edges, title and layout direction (UD: top-down, LR: left to right)."""

    title: str
    nodes: list[Node]
    edges: list[Edge]
    subtitle: str = ""
    direction: str = "UD"

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)
