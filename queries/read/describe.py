"""Read nodes from the store as plain Python: each node's properties by local name, every value a list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from loaders.store import GraphStore
from queries.run import plain

Props = dict[str, list]


def local_name(iri: str) -> str:
    """`…/ontology#leadAgency` → `leadAgency`, `…/terms/title` → `title`."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(set(iris)))


def _collect(rows: Iterable, into: dict[str, Props]) -> dict[str, Props]:
    for s, p, o in rows:
        into[s.value].setdefault(local_name(p.value), []).append(plain(o))
    for props in into.values():
        for values in props.values():
            values.sort(key=str)
    return into


def describe(store: GraphStore, iris: Iterable[str]) -> dict[str, Props]:
    """Every property of each node (a document's full text left out: it has its own resource)."""
    iris = list(iris)
    if not iris:
        return {}
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(iris)} }} ?s ?p ?o FILTER(?p != vc:text) }}")
    return _collect(rows, defaultdict(dict))


def describe_linked(store: GraphStore, subject: str, path: str) -> dict[str, Props]:
    """Every property of the nodes reached from `subject` by the SPARQL property path `path`."""
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ <{subject}> {path} ?s . ?s ?p ?o }}")
    return _collect(rows, defaultdict(dict))


def labels(store: GraphStore, iris: Iterable[str]) -> dict[str, str]:
    """A display label for each node: its preferred label, else its document number, else its title."""
    iris = [i for i in set(iris) if isinstance(i, str)]
    if not iris:
        return {}
    found: dict[str, tuple[int, str]] = {}
    # A FILTER rather than a VALUES table of predicates: Oxigraph joins such a table with a scan of every triple.
    rows = store.query(f"""SELECT ?s ?rank ?label WHERE {{ VALUES ?s {{ {_values(iris)} }} ?s ?p ?label
        FILTER(?p IN (skos:prefLabel, vc:documentNumber, dct:title))
        BIND(IF(?p = skos:prefLabel, 0, IF(?p = vc:documentNumber, 1, 2)) AS ?rank) }}""")
    for s, rank, label in rows:
        candidate = (int(rank.value), label.value)
        if s.value not in found or candidate < found[s.value]:
            found[s.value] = candidate
    return {iri: label for iri, (_, label) in found.items()}


def is_a(props: Props, class_iri: str) -> bool:
    return class_iri in props.get("type", [])


def one(props: Props, name: str):
    """The value of a single-valued property (the first, sorted, when sources disagree), or None."""
    values = props.get(name)
    return values[0] if values else None


def conflicts(props: Props, names: Iterable[str]) -> dict[str, list]:
    """Single-valued properties that hold more than one value because documents disagree."""
    return {name: props[name] for name in names if len(props.get(name, [])) > 1}
