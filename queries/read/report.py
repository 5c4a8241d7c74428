"""The demo report: the cascade tree from the roots down, each ingested plan's obligations by owner, and gaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

import queries
from loaders.store import GraphStore
from queries.run import run_sparql


@dataclass
class Doc:
    """One document row of the documents query."""

    iri: str
    number: str | None
    type: str
    title: str | None
    issuer: str | None
    issued: str | None
    jurisdiction: str
    in_corpus: bool

    def line(self) -> str:
        if self.number:
            name = f"{self.type} {self.number}"
        else:
            name = self.title if self.title and not self.in_corpus else f"{self.type} số: (để trống)"
        issuer = f" — {self.issuer}" if self.issuer else f" — {self.jurisdiction}"
        issued = f", {self.issued}" if self.issued else ""
        state = "đã nạp / ingested" if self.in_corpus else "chỉ được trích dẫn / cited only"
        return f"{name}{issuer}{issued} [{state}]"


def _value(term) -> str | None:
    return term.value if term is not None else None


def documents(store: GraphStore) -> dict[str, Doc]:
    out = {}
    for row in store.query(queries.load("documents")):
        iri = row["doc"].value
        out[iri] = Doc(
            iri,
            _value(row["number"]),
            row["type"].value,
            _value(row["title"]),
            _value(row["issuer"]),
            _value(row["issued"]),
            row["jurisdiction"].value,
            row["inCorpus"].value == "true",
        )
    return out


def cascade_graph(store: GraphStore) -> nx.DiGraph:
    """parent -> child edges of the cascade, reduced to the most specific parent of each document."""
    g = nx.DiGraph()
    for row in store.query(queries.load("implements")):
        g.add_edge(row["parent"].value, row["child"].value)
    if not nx.is_directed_acyclic_graph(g):
        return g
    return nx.transitive_reduction(g)


def render(store: GraphStore) -> str:
    """The whole demo report as text."""
    docs = documents(store)
    tree = cascade_graph(store)
    owners = _owners(store, docs)
    lines: list[str] = ["Chuỗi văn bản / Cascade", "======================="]
    roots = sorted((n for n in tree if tree.in_degree(n) == 0), key=lambda n: docs[n].line() if n in docs else n)
    for root in roots:
        _tree_lines(tree, docs, owners, root, "", True, lines, top=True)
    lines += ["", "Khoảng trống / Gaps", "==================="]
    lines += _gaps(store, docs)
    return "\n".join(lines)


def _tree_lines(
    tree: nx.DiGraph,
    docs: dict[str, Doc],
    owners: dict[str, dict[str, dict[str, list[str]]]],
    node: str,
    prefix: str,
    last: bool,
    out: list[str],
    top: bool = False,
) -> None:
    doc = docs.get(node)
    label = doc.line() if doc else node
    out.append(label if top else f"{prefix}{'└── ' if last else '├── '}{label}")
    child_prefix = "" if top else prefix + ("    " if last else "│   ")
    for owner, roles in sorted(owners.get(node, {}).items()):
        parts = [f"{role} {', '.join(sorted(paths, key=path_key))}" for role, paths in sorted(roles.items())]
        out.append(f"{child_prefix}  · {owner}: {'; '.join(parts)}")
    children = sorted(tree.successors(node), key=lambda n: docs[n].line() if n in docs else n)
    for i, child in enumerate(children):
        _tree_lines(tree, docs, owners, child, child_prefix, i == len(children) - 1, out)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def path_key(path: str) -> tuple:
    """Document order of section paths: 'II.10' after 'II.9', 'III.1.p2' after 'III.1'."""
    key: list[int] = []
    for part in path.split("."):
        if part and all(c in _ROMAN for c in part):
            values = [_ROMAN[c] for c in part]
            key.append(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))
        else:
            key.append(int(part.lstrip("p")) if part.lstrip("p").isdigit() else 0)
    return tuple(key)


def _owners(store: GraphStore, docs: dict[str, Doc]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """document -> agency label -> role -> section paths, for the ingested documents."""
    roles = {"lead": "chủ trì", "support": "phối hợp", "plan": "phải ban hành kế hoạch"}
    query = queries.get("document-obligations")
    out: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for iri in (d.iri for d in docs.values() if d.in_corpus):
        for row in run_sparql(store, query, {"document": iri}):
            if row["agencyLabel"] is not None and row["path"] not in (
                paths := out[iri][row["agencyLabel"]][roles[row["role"]]]
            ):
                paths.append(row["path"])
    return out


def _gaps(store: GraphStore, docs: dict[str, Doc]) -> list[str]:
    lines = ["Văn bản được trích dẫn nhưng chưa nạp / cited but not ingested:"]
    for doc in sorted((d for d in docs.values() if not d.in_corpus), key=lambda d: d.line()):
        lines.append(f"  - {doc.line()}")
    lines.append("Thiếu số hoặc ngày / blank numbers and dates:")
    for row in sorted(store.query(queries.load("data-issues")), key=lambda r: (r["doc"].value, r["code"].value)):
        code = row["code"].value
        if code in {"blank-number", "partial-date", "no-date", "unknown-jurisdiction"}:
            found = docs.get(row["doc"].value)
            lines.append(f"  - {found.line() if found else row['doc'].value}: {row['note'].value}")
    no_lead = defaultdict(list)
    for row in store.query(queries.load("obligations-without-lead")):
        no_lead[row["doc"].value].append(row["path"].value)
    lines.append("Nhiệm vụ chưa có đơn vị chủ trì / obligations with no lead:")
    for iri, paths in sorted(no_lead.items()):
        found = docs.get(iri)
        lines.append(f"  - {found.line() if found else iri}: {', '.join(sorted(paths, key=path_key))}")
    return lines
