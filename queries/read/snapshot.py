"""What the REST lists filter, page and search over: documents, agencies, the implements edges and the search
index, read from the store in a few queries and rebuilt whenever the service changes the store."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from loaders.folding import key
from loaders.store import GraphStore
from queries.read.describe import local_name
from queries.read.ids import concept
from queries.read.search import Entry, SearchIndex


@dataclass(frozen=True)
class Unit:
    """An administrative unit and the province it lies in (itself for a province)."""

    iri: str
    label: str
    level: str
    code: str | None
    province: Unit | None = None


@dataclass
class DocumentRow:
    iri: str
    type: str
    in_corpus: bool
    number: str | None = None
    title: str | None = None
    issued_on: str | None = None
    unit: Unit | None = None
    issuer: str | None = None


@dataclass
class AgencyRow:
    iri: str
    label: str
    group: bool
    kind: str | None = None
    level: str | None = None
    unit: Unit | None = None
    alt_labels: list[str] = field(default_factory=list)
    group_size: int | None = None


def _value(term) -> str | None:
    return None if term is None else term.value


def _units(store: GraphStore) -> dict[str, Unit]:
    rows = list(
        store.query("""SELECT ?u ?label ?level ?code ?parent WHERE { ?u a vc:AdministrativeUnit ;
        skos:prefLabel ?label ; vc:level ?level OPTIONAL { ?u vc:unitCode ?code }
        OPTIONAL { ?u vc:partOf ?parent } }""")
    )
    parents = {r[0].value: _value(r[4]) for r in rows}
    raw = {r[0].value: (r[1].value, r[2].value, _value(r[3])) for r in rows}
    units: dict[str, Unit] = {}

    def make(iri: str) -> Unit:
        if iri not in units:
            label, level, code = raw[iri]
            parent = parents.get(iri)
            if level == "province":
                units[iri] = Unit(iri, label, level, code, Unit(iri, label, level, code))
            else:
                above = make(parent) if parent in raw else None
                units[iri] = Unit(iri, label, level, code, above.province if above else None)
        return units[iri]

    for iri in raw:
        make(iri)
    return units


def _documents(store: GraphStore, units: dict[str, Unit]) -> dict[str, DocumentRow]:
    docs: dict[str, DocumentRow] = {}
    for d, dtype, in_corpus, number, title, issued, unit, issuer in store.query("""
        SELECT ?d ?type ?inCorpus ?number ?title ?issued ?unit ?issuer WHERE {
          ?d a vc:PolicyDocument ; vc:documentType ?type ; vc:inCorpus ?inCorpus .
          OPTIONAL { ?d vc:documentNumber ?number } OPTIONAL { ?d dct:title ?title }
          OPTIONAL { ?d vc:issuedOn ?issued } OPTIONAL { ?d vc:jurisdiction ?unit }
          OPTIONAL { ?d vc:issuedBy/skos:prefLabel ?issuer } } ORDER BY ?d ?issued ?number ?title"""):
        if d.value not in docs:  # where citations disagree, the first value in order stands for the list
            docs[d.value] = DocumentRow(
                d.value,
                concept(dtype.value),
                in_corpus.value == "true",
                _value(number),
                _value(title),
                _value(issued),
                units.get(_value(unit)),
                _value(issuer),
            )
    return docs


def _agencies(store: GraphStore, units: dict[str, Unit]) -> dict[str, AgencyRow]:
    agencies: dict[str, AgencyRow] = {}
    for a, cls, label, kind, level, unit, size in store.query("""
        SELECT ?a ?class ?label ?kind ?level ?unit ?size WHERE {
          VALUES ?class { vc:Agency vc:AgencyGroup } ?a a ?class ; skos:prefLabel ?label .
          OPTIONAL { ?a vc:agencyKind ?kind } OPTIONAL { ?a vc:level ?level } OPTIONAL { ?a vc:jurisdiction ?unit }
          OPTIONAL { ?a vc:groupSize ?size } } ORDER BY ?a"""):
        if a.value not in agencies:
            agencies[a.value] = AgencyRow(
                a.value,
                label.value,
                local_name(cls.value) == "AgencyGroup",
                concept(kind.value) if kind else None,
                _value(level),
                units.get(_value(unit)),
                group_size=int(size.value) if size else None,
            )
    for a, alt in store.query("""SELECT ?a ?alt WHERE { VALUES ?class { vc:Agency vc:AgencyGroup }
          ?a a ?class ; skos:altLabel ?alt } ORDER BY ?a ?alt"""):
        if a.value in agencies:
            agencies[a.value].alt_labels.append(alt.value)
    return agencies


def _implements(store: GraphStore) -> dict[str, list[str]]:
    """Each document's upstream documents (what it implements)."""
    up: dict[str, list[str]] = defaultdict(list)
    for lower, upper in store.query("SELECT ?l ?u WHERE { ?l vc:implements ?u } ORDER BY ?l ?u"):
        up[lower.value].append(upper.value)
    return dict(up)


def _obligation_entries(store: GraphStore) -> list[Entry]:
    entries = []
    for o, d, path, title, text in store.query("""SELECT ?o ?d ?path ?title ?text WHERE {
          ?d vc:hasObligation ?o . ?o vc:sectionPath ?path
          OPTIONAL { ?o dct:title ?title } OPTIONAL { ?o vc:sourceText ?text } } ORDER BY ?o"""):
        entries.append(
            Entry("obligation", o.value, f"{path.value} {_value(title) or ''}".strip(), _value(text) or "", d.value)
        )
    return entries


@dataclass(frozen=True)
class Snapshot:
    """An immutable view of the store's lists; a change makes a new one."""

    units: dict[str, Unit]
    documents: dict[str, DocumentRow]
    agencies: dict[str, AgencyRow]
    up: dict[str, list[str]]
    down: dict[str, list[str]]
    index: SearchIndex

    @classmethod
    def read(cls, store: GraphStore) -> Snapshot:
        units = _units(store)
        documents = _documents(store, units)
        agencies = _agencies(store, units)
        up = _implements(store)
        down: dict[str, list[str]] = defaultdict(list)
        for lower, uppers in up.items():
            for upper in uppers:
                down[upper].append(lower)
        entries = [Entry("document", d.iri, d.number or d.title or d.iri, d.title or "") for d in documents.values()]
        entries += [Entry("agency", a.iri, a.label, " ".join(a.alt_labels)) for a in agencies.values()]
        entries += _obligation_entries(store)
        return cls(units, documents, agencies, up, dict(down), SearchIndex(entries))


def matches_place(unit: Unit | None, wanted: str) -> bool:
    """Whether a unit lies in the province named (with or without diacritics) or coded by `wanted`."""
    province = unit.province if unit else None
    if province is None:
        return False
    name = key(province.label)
    short = name.removeprefix("tinh ").removeprefix("thanh pho ")
    return wanted == province.code or key(wanted) in (name, short)
