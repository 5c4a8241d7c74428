"""A large synthetic cascade for browser performance tests: Directive 28, then each province's programme and
plan, each district's plan, and the plans communes owe, named after the real administrative units."""

from __future__ import annotations

import networkx as nx

from loaders import admin_units
from visualizations.cascade import tree_view
from visualizations.model import View

ROOT = "doc/central/2023/28-ct-tw"


def _add(
    g: nx.DiGraph,
    key: str,
    parent: str | None,
    label: str,
    kind: str,
    level: str,
    missing: bool,
    relation: str = "implements",
) -> None:
    text = f"Thực hiện {g.nodes[parent]['label']} …" if parent else "Chỉ thị số 28-CT/TW ngày 25/12/2023"
    g.add_node(
        key,
        label=label,
        kind=kind,
        level=level,
        missing=missing,
        text=text,
        facts=("Dữ liệu tổng hợp / synthetic data",),
    )
    if parent:
        g.add_edge(key, parent, kind=relation, text=text)


def synthetic_cascade(n: int) -> nx.DiGraph:
    """A cascade of `n` documents (at most the ~11,000 the unit data yields), breadth first from Directive 28 down."""
    g = nx.DiGraph()
    _add(g, ROOT, None, "Chỉ thị 28-CT/TW", "directive", "central", True)
    provinces = admin_units.provinces()
    plans = []
    for p in provinces:
        _add(
            g,
            f"doc/unit-{p.code}/2024/ctr-tu",
            ROOT,
            f"Chương trình hành động của Tỉnh ủy {p.name}",
            "actionprogramme",
            "province",
            True,
        )
    for p in provinces:
        plans.append((p.code, f"doc/unit-{p.code}/2024/kh-ubnd"))
        _add(
            g,
            plans[-1][1],
            f"doc/unit-{p.code}/2024/ctr-tu",
            f"Kế hoạch của UBND {p.full_name}",
            "plan",
            "province",
            False,
        )
    districts = [(d, plan) for code, plan in plans for d in admin_units.children(code) if d.level == "district"]
    for i, (d, plan) in enumerate(districts):
        _add(
            g,
            f"doc/unit-{d.code}/2024/kh-ubnd",
            plan,
            f"Kế hoạch của UBND {d.full_name}",
            "plan",
            "district",
            i % 3 == 2,
        )
    for d, _ in districts:
        for c in admin_units.children(d.code):
            _add(
                g,
                f"gap/doc/unit-{d.code}/2024/kh-ubnd/unit-{c.code}",
                f"doc/unit-{d.code}/2024/kh-ubnd",
                f"Kế hoạch của UBND {c.full_name}",
                "plan",
                "commune",
                True,
                relation="owes",
            )
    return g.subgraph(list(g)[:n]).copy()


def big_view(n: int = 2000, cap: int = 100) -> View:
    """A cascade view of `n` synthetic documents (Directive 28 down to commune placeholders), for load tests."""
    return tree_view(synthetic_cascade(n), ROOT, direction="down", depth=4, cap=cap)
