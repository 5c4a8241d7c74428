"""The cascade view of a document: the documents below (or above) it as a tree by administrative level,
with the gaps drawn in: documents cited but not ingested and the plans units owe but have not issued."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable

import networkx as nx

from loaders.errors import InvalidRequest, NotFound
from loaders.store import GraphStore
from queries.read.model import ReadModel
from visualizations.graphs import document_graph, model_of
from visualizations.model import Edge, Node, View
from visualizations.styles import LEVELS

DEFAULT_CAP = 40
DEFAULT_DEPTH = 4
DIRECTIONS = {"down": ("xuống", "down"), "up": ("lên", "up"), "both": ("lên và xuống", "up and down")}
Link = Callable[[str], str | None]


def cascade_view(
    source: GraphStore | ReadModel,
    document: str,
    *,
    direction: str = "down",
    depth: int = DEFAULT_DEPTH,
    gaps: bool = True,
    cap: int = DEFAULT_CAP,
    link: Link | None = None,
    on: dt.date | None = None,
) -> View:
    """The cascade from a document (IRI or resource id) `depth` steps down, up or both; NotFound if unknown.

    With `gaps`, documents cited but not ingested and one placeholder per plan owed (audit findings
    missing-downstream-plan; as of `on`, owed by the bodies that replaced a unit in 2025) are added; a node shows
    at most `cap` neighbours, then a "+K more" node. `link` maps an IRI to the href the details panel offers
    (default: the REST resource).
    """
    model = model_of(source)
    iri = model.ids.iri_of(document)
    graph = document_graph(model, gaps, on)
    if iri not in graph:
        raise NotFound(f"no document {document!r} in the store")
    return tree_view(
        graph, iri, direction=direction, depth=depth, cap=cap, id_of=model.ids.short, link=link or model.ids.href
    )


def _sort_key(g: nx.DiGraph) -> Callable[[str], tuple]:
    return lambda key: (g.nodes[key]["missing"], g.nodes[key]["label"], key)


def _next(g: nx.DiGraph, node: str, direction: str) -> tuple[list[str], list[str]]:
    """The documents one step down (or up) from `node`, and the documents it cites (never walked further)."""
    if direction == "down":
        steps = [c for c in g.predecessors(node) if g.edges[c, node]["kind"] != "cites"]
    else:
        steps = [p for p in g.successors(node) if g.edges[node, p]["kind"] != "cites"]
    cited = [p for p in g.successors(node) if g.edges[node, p]["kind"] == "cites"]
    key = _sort_key(g)
    return sorted(steps, key=key), sorted(cited, key=key)


def walk(g: nx.DiGraph, root: str, direction: str, depth: int, cap: int) -> tuple[dict[str, int], dict[str, list]]:
    """Breadth first from the root: each node reached with its distance, and per node the neighbours cut by the cap."""
    seen, leaves, cut = {root: 0}, set(), {}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth or node in leaves:
            continue
        steps, cited = _next(g, node, direction)
        candidates = steps + cited
        for nxt in candidates[:cap]:
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
                if nxt in cited:
                    leaves.add(nxt)
        if len(candidates) > cap:
            cut[node] = candidates[cap:]
    return seen, cut


def ranks(bands: dict[str, int], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Layout rows: a node sits at least on its level's band and below every parent (edges are child -> parent)."""
    dag = nx.DiGraph()
    dag.add_nodes_from(bands)
    dag.add_edges_from((parent, child) for child, parent in edges)
    while not nx.is_directed_acyclic_graph(dag):
        dag.remove_edge(*nx.find_cycle(dag)[-1][:2])
    rank: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        rank[node] = max([bands[node], *(rank[p] + 1 for p in dag.predecessors(node))])
    return rank


def tree_view(
    g: nx.DiGraph,
    root: str,
    *,
    direction: str,
    depth: int,
    cap: int,
    id_of: Callable[[str], str] = str,
    link: Link = lambda _: None,
) -> View:
    """The view of graph `g` (nodes with label, kind, level, missing, text, facts; child -> parent edges with
    kind and text) around `root`; shared by the cascade views and the synthetic large view."""
    if direction not in DIRECTIONS:
        raise InvalidRequest(f"direction must be one of {', '.join(DIRECTIONS)}")
    shown: dict[str, int] = {}
    cuts: list[tuple[str, str, list[str]]] = []
    for way in ("down", "up") if direction == "both" else (direction,):
        seen, cut = walk(g, root, way, depth, cap)
        shown.update(seen)
        cuts += [(way, node, hidden) for node, hidden in cut.items()]
    edges = [(child, parent, attrs) for child, parent, attrs in g.subgraph(shown).edges(data=True)]
    more: dict[str, list[str]] = {}
    for way, node, hidden in cuts:
        rest = [h for h in hidden if h not in shown]
        if rest:
            key = f"more/{way}/{id_of(node)}"
            more[key] = rest
            pair = (key, node) if way == "down" else (node, key)
            edges.append((*pair, {"kind": "more", "text": None}))
    bands = {key: LEVELS[g.nodes[key]["level"]].band if g.nodes[key]["level"] in LEVELS else 0 for key in shown}
    rank = ranks({**bands, **dict.fromkeys(more, 0)}, [(c, p) for c, p, _ in edges])
    nodes = [
        Node(id_of(key), a["label"], a["kind"], a["level"], rank[key], a["missing"], a["text"], a["facts"], link(key))
        for key, a in ((k, g.nodes[k]) for k in shown)
    ]
    nodes += [
        Node(
            key,
            f"+{len(rest)} khác / more",
            "more",
            None,
            rank[key],
            facts=tuple(g.nodes[h]["label"] for h in rest[:50]),
        )
        for key, rest in more.items()
    ]
    missing = sum(1 for n in nodes if n.missing)
    vi, en = DIRECTIONS[direction]
    return View(
        f"Chuỗi văn bản / Cascade: {g.nodes[root]['label']}",
        nodes,
        [Edge(id_of(c), id_of(p), a["kind"], a["text"]) for c, p, a in edges],
        subtitle=f"{vi} / {en} {depth} bậc / steps · {len(shown)} văn bản / documents, {missing} còn thiếu / "
        f"missing · tối đa / at most {cap} nút mỗi nhánh / per node",
    )
