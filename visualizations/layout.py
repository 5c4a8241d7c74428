"""A precomputed layered layout, so the browser only draws and large graphs appear at once, without physics.

One row per rank; within a row each item is pulled under (or beside) the nodes it hangs from. Leaves that hang
from one node only (the fifteen ward plans under a district plan) are stacked in a compact block of columns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import ceil
from statistics import mean
from typing import cast

from visualizations.model import View

RANK_GAP = {"UD": 140, "LR": 340}  # between ranks
NODE_GAP = {"UD": 230, "LR": 90}  # between neighbours along a rank
LINE_GAP = {"UD": 60, "LR": 250}  # between the lines of a block of leaves
BLOCK_LINES = 12  # lines a block column holds at most
MIN_BLOCK = 4  # fewer sibling leaves than this stay in the row


@dataclass
class _Item:
    """One node, or a block of sibling leaves, placed as a unit along its row."""

    nodes: list[str]
    columns: int
    lines: int
    want: float | None = None
    at: float = 0.0


def _place(items: list[_Item], gap: float) -> None:
    """Set each item's position, in list order, without overlaps, as close on average to where each wants to be."""
    placed: list[float] = []
    for i, item in enumerate(items):
        room = (items[i - 1].columns + item.columns) * gap / 2 if i else 0.0
        target = item.want if item.want is not None else (placed[-1] + room if placed else 0.0)
        placed.append(max(target, placed[-1] + room) if placed else target)
    pulls = [item.want - p for item, p in zip(items, placed, strict=False) if item.want is not None]
    shift = mean(pulls) if pulls else 0.0
    for item, p in zip(items, placed, strict=False):
        item.at = p + shift


def _rows(view: View, above: dict[str, list[str]], below: dict[str, list[str]]) -> dict[int, list[_Item]]:
    """The items of each rank: blocks for the leaves a single node holds, single nodes otherwise."""
    leaves: dict[tuple[str, int], list[str]] = defaultdict(list)
    for node in view.nodes:
        if len(above[node.id]) == 1 and not below[node.id]:
            leaves[(above[node.id][0], node.rank)].append(node.id)
    blocked = {n for group in leaves.values() if len(group) >= MIN_BLOCK for n in group}
    rows: dict[int, list[_Item]] = defaultdict(list)
    for node in view.nodes:
        if node.id not in blocked:
            rows[node.rank].append(_Item([node.id], 1, 1))
    for (_, rank), group in leaves.items():
        if len(group) >= MIN_BLOCK:
            columns = ceil(len(group) / BLOCK_LINES)
            rows[rank].append(_Item(group, columns, ceil(len(group) / columns)))
    return rows


def positions(view: View) -> dict[str, tuple[float, float]]:
    """(x, y) of every node: ranks top-down (UD) or left to right (LR)."""
    rank = {n.id: n.rank for n in view.nodes}
    above: dict[str, list[str]] = defaultdict(list)
    below: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges:
        a, b = edge.source, edge.target
        if rank[a] != rank[b]:
            upper, lower = (a, b) if rank[a] < rank[b] else (b, a)
            above[lower].append(upper)
            below[upper].append(lower)
    gap, rows = NODE_GAP[view.direction], _rows(view, above, below)
    at: dict[str, float] = {}
    for r in sorted(rows):
        for item in rows[r]:
            parents = [p for n in item.nodes for p in above[n]]
            item.want = mean(at[p] for p in parents) if parents else None
        rows[r].sort(key=lambda item: (item.want is None, item.want or 0.0))
        _place(rows[r], gap)
        at.update((n, item.at) for item in rows[r] for n in item.nodes)
    for r in sorted(rows, reverse=True):
        for item in rows[r]:
            children = [c for n in item.nodes for c in below[n]]
            item.want = mean(at[c] for c in children) if children and not any(above[n] for n in item.nodes) else item.at
        rows[r].sort(key=lambda item: cast(float, item.want))  # every item's want was set to a float just above
        _place(rows[r], gap)
        at.update((n, item.at) for item in rows[r] for n in item.nodes)
    main, cross, depth = {}, {}, 0.0
    for r in sorted(rows):
        for item in rows[r]:
            for i, n in enumerate(item.nodes):
                column, line = divmod(i, item.lines)
                main[n] = item.at + (column - (item.columns - 1) / 2) * gap
                cross[n] = depth + line * LINE_GAP[view.direction]
        depth += RANK_GAP[view.direction] + max((item.lines - 1) * LINE_GAP[view.direction] for item in rows[r])
    if view.direction == "LR":
        return {n: (cross[n], main[n]) for n in main}
    return {n: (main[n], cross[n]) for n in main}
