"""The house's rule: layers only look down (ontology ← loaders ← queries ← visualizations ← api), and no module
imports itself back through others. Every import counts, those inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
LAYERS = ["ontology", "loaders", "queries", "visualizations", "api"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The project modules `path` imports, relative imports resolved; `from package import name` counts the
    submodule when `name` is one."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in LAYERS}


def graph() -> nx.DiGraph:
    """Module → imported project module, over every module of the five packages."""
    paths = [p for layer in LAYERS for p in (REPO / layer).rglob("*.py")]
    modules = {module_name(p): p for p in paths}
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        for target in imports(path):
            if target in modules and target != name:
                g.add_edge(name, target)
    return g


def test_the_graph_covers_every_package() -> None:
    assert {name.split(".")[0] for name in graph()} == set(LAYERS) and graph().number_of_edges() > 100


def test_layers_only_look_down() -> None:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = [f"{a} imports {b}" for a, b in graph().edges if rank[b.split(".")[0]] > rank[a.split(".")[0]]]
    assert not upward, "\n".join(upward)


def test_no_import_cycles() -> None:
    cycles = list(nx.simple_cycles(graph()))
    assert not cycles, "\n".join(" → ".join([*c, c[0]]) for c in cycles[:10])
