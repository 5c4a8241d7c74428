"""Graph analytics over the cascade: chain depths, orphaned subtrees, agencies' obligation load and the path of
responsibility from Directive 28 down to an obligation's lead unit. Every result is plain, JSON-ready data."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from weakref import WeakKeyDictionary

import networkx as nx
import pyoxigraph as ox

from loaders.errors import InvalidRequest, NotFound
from ontology import VC
from queries.read.model import ReadModel

# Inferred leads restate the lead of the heading above them, which is counted once already.
_ROLES = {
    VC + "role-lead": "lead",
    VC + "role-support": "support",
    VC + "role-plan-issuer": "planIssuer",
    VC + "role-requested": "requested",
}
_graphs: WeakKeyDictionary[ReadModel, nx.DiGraph] = WeakKeyDictionary()


def _build(context: ReadModel) -> nx.DiGraph:
    """The cascade graph of this context, built once."""
    if context in _graphs:
        return _graphs[context]
    g = nx.DiGraph()
    for iri, doc in context.documents.items():
        g.add_node(iri, label=doc.label, inCorpus=doc.in_corpus, level=doc.level)
    for child, parent, relation in context.rows("""SELECT ?c ?p ?r WHERE {
          { ?c vc:implements ?p BIND("implements" AS ?r) } UNION { ?c vc:basedOn ?p BIND("basedOn" AS ?r) } }
          ORDER BY ?c ?p ?r"""):
        for node in (child, parent):
            if node not in g:
                g.add_node(node, label=context.label(node), inCorpus=False, level=None)
        if relation == "implements" or not g.has_edge(child, parent):
            g.add_edge(child, parent, relation=relation, shortcut=False, cycle=False)
    implements = _implements(g)
    condensed = nx.condensation(implements)
    component = condensed.graph["mapping"]
    kept = set(nx.transitive_reduction(condensed).edges)
    for child, parent in implements.edges:
        edge = g.edges[child, parent]
        edge["cycle"] = component[child] == component[parent]
        edge["shortcut"] = not edge["cycle"] and (component[child], component[parent]) not in kept
    _graphs[context] = g
    return g


def _implements(g: nx.DiGraph, reduced: bool = False) -> nx.DiGraph:
    """The vc:implements edges (child -> parent) as a graph view; `reduced` drops the shortcuts."""
    return nx.subgraph_view(
        g,
        filter_edge=lambda c, p: (
            g.edges[c, p]["relation"] == "implements" and not (reduced and g.edges[c, p]["shortcut"])
        ),
    )


def cascade_graph(context: ReadModel) -> nx.DiGraph:
    """Documents (label, inCorpus, level) with child -> parent edges.

    Each edge has `relation` ("implements" when a text says the child carries the parent out, else "basedOn"
    for 'Căn cứ'), `shortcut` (an implements edge that a longer implements chain already implies: the parent is
    not the child's most specific one) and `cycle` (an implements edge inside a cycle).
    """
    return _build(context).copy()


def _ref(context: ReadModel, g: nx.DiGraph, iri: str) -> dict[str, Any]:
    return {
        "iri": iri,
        "label": g.nodes[iri]["label"] if iri in g else context.label(iri),
        "inCorpus": g.nodes[iri]["inCorpus"] if iri in g else False,
    }


def _roots(g: nx.DiGraph, context: ReadModel, number: str) -> list[str]:
    """Every document with this number (the same number may be issued in several provinces)."""
    roots = sorted(iri for iri, doc in context.documents.items() if doc.label == number and iri in g)
    if not roots:
        raise NotFound(f"no document numbered {number!r} in the store")
    return roots


def _acyclic_below(h: nx.DiGraph, roots: list[str]) -> nx.DiGraph:
    """The child -> parent edges met walking down from the roots, less those that would close a cycle."""
    dag = nx.DiGraph()
    dag.add_nodes_from(roots)
    visited: set[str] = set()
    on_path: set[str] = set()
    for root in (r for r in roots if r not in visited):
        stack = [(root, iter(sorted(h.predecessors(root))))]
        visited.add(root)
        on_path.add(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.discard(node)
            elif child not in on_path:
                dag.add_edge(child, node)
                if child not in visited:
                    visited.add(child)
                    on_path.add(child)
                    stack.append((child, iter(sorted(h.predecessors(child)))))
    return dag


def chain_depths(context: ReadModel, root_number: str = "28-CT/TW") -> dict[str, Any]:
    """Each document below the root(s) with its longest and shortest implements distance, each leaf's longest
    chain (root first), and the implements cycles met (their closing edges are ignored for the longest depth).

    {"roots": [ref], "maxDepth": n, "documents": [{iri, label, inCorpus, level, longest, shortest}],
     "leaves": [{iri, label, inCorpus, depth, chain: [ref, …]}], "cycles": [[ref, …]]};
    ref is {iri, label, inCorpus}.
    """
    g = _build(context)
    roots = _roots(g, context, root_number)
    h = _implements(g)
    dag = _acyclic_below(h, roots)
    shortest = nx.multi_source_dijkstra_path_length(h.reverse(copy=False), set(roots))
    longest = dict.fromkeys(roots, 0)
    via: dict[str, str] = {}
    for node in nx.topological_sort(dag.reverse(copy=False)):
        if node in longest:
            continue
        parent = max(sorted(dag.successors(node)), key=lambda p: longest[p])
        longest[node], via[node] = longest[parent] + 1, parent
    below = sorted((n for n in dag if n not in roots), key=lambda n: (longest[n], shortest[n], g.nodes[n]["label"], n))
    documents = [
        {**_ref(context, g, n), "level": g.nodes[n]["level"], "longest": longest[n], "shortest": shortest[n]}
        for n in below
    ]
    leaves = []
    for leaf in (n for n in below if not dag.in_degree(n)):
        chain = [leaf]
        while chain[-1] in via:
            chain.append(via[chain[-1]])
        leaves.append(
            {**_ref(context, g, leaf), "depth": longest[leaf], "chain": [_ref(context, g, n) for n in reversed(chain)]}
        )
    cycles = [
        sorted(scc)
        for scc in nx.strongly_connected_components(h.subgraph(dag.nodes))
        if len(scc) > 1 or h.has_edge(next(iter(scc)), next(iter(scc)))
    ]
    return {
        "roots": [_ref(context, g, r) for r in roots],
        "maxDepth": max(longest.values()),
        "documents": documents,
        "leaves": leaves,
        "cycles": [[_ref(context, g, n) for n in scc] for scc in sorted(cycles)],
    }


def orphaned_subtrees(context: ReadModel, root_number: str = "28-CT/TW") -> list[dict[str, Any]]:
    """Documents not in the corpus (other than the root) that are the most specific parent of an ingested
    document: the missing link, whether citations still connect it to the root, and the ingested documents
    hanging under it (depth 1 for those implementing it directly), largest subtree first.

    [{"missing": {iri, label, inCorpus, level}, "reachesRoot": bool, "documents": [{iri, label, level, depth}]}]
    """
    g = _build(context)
    roots = set(_roots(g, context, root_number))
    reduced = _implements(g, reduced=True)
    above_roots = set().union(*(nx.ancestors(reduced, r) for r in roots))
    found: list[dict[str, Any]] = []
    for missing in sorted(n for n in reduced if not g.nodes[n]["inCorpus"] and n not in roots):
        depth: dict[str, int] = {}
        frontier, level = [missing], 0
        while frontier:
            level += 1
            frontier = sorted(
                {c for n in frontier for c in reduced.predecessors(n) if g.nodes[c]["inCorpus"] and c not in depth}
            )
            depth.update((c, level) for c in frontier)
        if depth:
            found.append(
                {
                    "missing": {**_ref(context, g, missing), "level": g.nodes[missing]["level"]},
                    "reachesRoot": missing in above_roots,
                    "documents": [
                        {"iri": d, "label": g.nodes[d]["label"], "level": g.nodes[d]["level"], "depth": k}
                        for d, k in sorted(depth.items(), key=lambda x: (x[1], x[0]))
                    ],
                }
            )
    found.sort(key=lambda o: (-len(o["documents"]), o["missing"]["label"], o["missing"]["iri"]))
    return found


def agency_load(context: ReadModel) -> list[dict[str, Any]]:
    """Agencies (not groups) ranked by the obligations naming them directly, then as lead, then through groups.

    Counts are distinct obligations per role; `total` counts distinct obligations whatever the role.
    [{iri, label, level, documents, direct: {lead, support, planIssuer, requested, total}, viaGroup: {…},
      groups: [{iri, label}]}]; `documents` is how many documents name the agency directly.
    """
    agencies = {
        a: level
        for a, level in context.rows("SELECT ?a ?level WHERE { ?a a vc:Agency OPTIONAL { ?a vc:level ?level } }")
    }
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group, member in context.rows("SELECT ?g ?m WHERE { ?g a vc:AgencyGroup ; vc:member ?m }"):
        groups_of[member].add(group)
    held: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for doc, obligation, agent, role in context.rows("""SELECT DISTINCT ?d ?o ?a ?r WHERE {
          ?d vc:hasObligation ?o . ?o vc:hasAssignment ?x . ?x vc:agent ?a ; vc:role ?r }"""):
        if role in _ROLES:
            held[agent].add((doc, obligation, _ROLES[role]))

    def counts(assignments: set[tuple[str, str, str]]) -> dict[str, int]:
        by_role = {role: len({o for _, o, r in assignments if r == role}) for role in _ROLES.values()}
        return {**by_role, "total": len({o for _, o, _ in assignments})}

    ranked: list[dict[str, Any]] = []
    for agency, level in agencies.items():
        groups = sorted(groups_of.get(agency, ()))
        direct = held.get(agency, set())
        via = set().union(*(held.get(group, set()) for group in groups))
        if direct or via:
            ranked.append(
                {
                    "iri": agency,
                    "label": context.label(agency),
                    "level": level,
                    "documents": len({d for d, _, _ in direct}),
                    "direct": counts(direct),
                    "viaGroup": counts(via),
                    "groups": [{"iri": group, "label": context.label(group)} for group in groups],
                }
            )
    ranked.sort(
        key=lambda a: (-a["direct"]["total"], -a["direct"]["lead"], -a["viaGroup"]["total"], a["label"], a["iri"])
    )
    return ranked


def responsibility_path(
    context: ReadModel, obligation_iri: str, root_number: str = "28-CT/TW"
) -> list[dict[str, Any]] | None:
    """The shortest chain of most specific implements links from the root to the obligation's document, then
    the obligation and its lead unit(s) (co-leads each end the path); None when the root does not reach it.

    Steps are {iri, label, kind: document|obligation|agency|group, relation}: relation is the vc: property
    linking the step to the one before (None for the root; "implements" reads: this document implements the
    previous one).
    """
    g = _build(context)
    roots = _roots(g, context, root_number)
    try:
        node = ox.NamedNode(obligation_iri)
    except ValueError as exc:
        raise InvalidRequest(f"{obligation_iri!r}: {exc}") from None
    found = context.rows(f"""SELECT ?d ?path ?title ?lead ?group WHERE {{
          ?d vc:hasObligation {node} .
          OPTIONAL {{ {node} vc:sectionPath ?path }} OPTIONAL {{ {node} dct:title ?title }}
          OPTIONAL {{ {node} vc:leadAgency ?lead OPTIONAL {{ ?lead a vc:AgencyGroup BIND(true AS ?group) }} }} }}""")
    if not found:
        raise NotFound(f"no obligation {obligation_iri!r} in the store")
    document, path, title = found[0][:3]
    try:
        _, documents = nx.multi_source_dijkstra(
            _implements(g, reduced=True).reverse(copy=False), set(roots), target=document
        )
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    steps = [
        {"iri": d, "label": g.nodes[d]["label"], "kind": "document", "relation": "implements" if n else None}
        for n, d in enumerate(documents)
    ]
    label = " ".join(part for part in (path, title) if part) or obligation_iri.rsplit("/", 1)[-1]
    steps.append({"iri": obligation_iri, "label": label, "kind": "obligation", "relation": "hasObligation"})
    for lead, group in sorted({(row[3], row[4]) for row in found if row[3]}, key=lambda r: context.label(r[0])):
        steps.append(
            {
                "iri": lead,
                "label": context.label(lead),
                "kind": "group" if group else "agency",
                "relation": "leadAgency",
            }
        )
    return steps
