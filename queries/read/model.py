"""The one read model: the store as the audit, REST, UI, CLI, views and site read it, made once per store change.

Documents, agencies, units and search come from the store's read index (loaders/read_index.py); every other lookup
(labels, provenance spans, references) is one query run on first use. Each is kept for the life of the model; a
change to the store makes a new model, which carries over what the change did not touch (`after`). What the layers
above derive from it (a cascade graph, the audit's findings) they keep on it with `memo`, so it goes with it."""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from loaders import config
from loaders.errors import InvalidRequest, NotFound
from loaders.folding import key
from loaders.read_index import AgencyListing, Change, values
from loaders.store import GraphStore
from queries.read.agencies import Agencies
from queries.read.ids import Ids, concept
from queries.read.search import Search

T = TypeVar("T")
V = TypeVar("V")
RELATIONS = {"relation-implements": "implements", "relation-basedOn": "basedOn", "relation-cites": "cites"}

# The lookups read whole on first use, and again for the subjects a write touched ({VALUES} binds them).
_UP = "SELECT ?l ?u WHERE { {VALUES} ?l vc:implements ?u }"  # ordered by in_order (as _LABELS, _REFERENCES)
_LABELS = "SELECT ?s ?l WHERE { {VALUES} ?s skos:prefLabel ?l }"
_SPANS = """SELECT ?n ?d ?t ?s ?e WHERE { {VALUES} ?n prov:wasDerivedFrom ?d ; vc:sourceText ?t
    OPTIONAL { ?n vc:sourceStart ?s } OPTIONAL { ?n vc:sourceEnd ?e } }"""
_DOCUMENT_SPANS = """SELECT ?d (?d AS ?doc) ?t ?s ?e WHERE { {VALUES} ?d a vc:PolicyDocument ; vc:sourceText ?t
    OPTIONAL { ?d vc:sourceStart ?s } OPTIONAL { ?d vc:sourceEnd ?e } }"""
_REFERENCES = """SELECT ?d ?t ?rel ?text ?s WHERE { {VALUES} ?d vc:hasReference ?r . ?r vc:toDocument ?t ;
    vc:relation ?rel ; vc:sourceText ?text OPTIONAL { ?r vc:sourceStart ?s } }"""


_ABSENT = object()  # a key read and not found


def _evidence(rows: list[list[Any]]) -> dict[str, Evidence]:
    """Node → its evidence, from (node, document, text, start, end) rows."""
    return {
        node: Evidence(doc, text, int(start) if start else None, int(end) if end else None)
        for node, doc, text, start, end in rows
    }


def in_order(rows: list[list[Any]], *columns: int, numbers: Collection[int] = ()) -> list[list[Any]]:
    """The rows as `ORDER BY` these columns would give them (unbound first, the `numbers` columns by value, other
    terms by their text), sorted here: on a whole corpus Oxigraph's ORDER BY cost five times the query itself (6.2 s
    against 1.0 s for the 75k obligations of 1,000 plans)."""

    def key(row: list[Any]) -> tuple:
        return tuple((0, 0) if row[c] is None else (1, float(row[c]) if c in numbers else row[c]) for c in columns)

    return sorted(rows, key=key)


def _bound(sparql: str, variable: str, iris: Iterable[str] | None) -> str:
    """The query with its {VALUES} slot binding `variable` to these IRIs (to every subject when None)."""
    return sparql.replace("{VALUES}", values(variable, iris))


@dataclass(frozen=True)
class Evidence:
    """Source text that creates the duty or shows the gap: where it is in which document's text."""

    document: str
    text: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Unit:
    """An administrative unit and the province it lies in (itself for a province)."""

    iri: str
    label: str
    level: str
    code: str | None
    province: Unit | None = None


@dataclass(frozen=True)
class Document:
    """A document the store knows, ingested or only cited. Where citations disagree about a single-valued fact, the
    first value in the order (date, number, title, issuer) stands for the list."""

    iri: str
    type: str  # the concept's local name: plan, directive, decision, …
    type_label: str  # its Vietnamese label
    in_corpus: bool
    label: str  # what people call it: the number, else the type and the issuer
    number: str | None = None
    title: str | None = None
    issued_on: str | None = None
    issuer: str | None = None  # IRI
    issuer_label: str | None = None
    jurisdiction: str | None = None  # IRI of the unit it governs
    unit: Unit | None = None

    @property
    def level(self) -> str | None:
        """The administrative level of the unit the document governs."""
        return self.unit.level if self.unit else None


@dataclass
class Agency:
    """An agency or a group of agencies."""

    iri: str
    label: str
    group: bool
    kind: str | None = None  # the concept's local name: department, people-committee, …
    kind_label: str | None = None  # its Vietnamese label
    level: str | None = None
    unit: Unit | None = None
    alt_labels: list[str] = field(default_factory=list)
    group_size: int | None = None


def document_label(number: str | None, title: str | None, kind: str, issuer: str | None) -> str:
    """The number when there is one; else the type and issuer ('Kế hoạch (không số) của UBND quận Tân Bình')."""
    if number:
        return number
    if issuer:
        return f"{kind.capitalize()} (không số) của {issuer}"
    return f"{kind.capitalize()} (không số): {title[:60]}…" if title and len(title) > 60 else (title or kind)


def matches_place(unit: Unit | None, wanted: str) -> bool:
    """Whether a unit lies in the province named (with or without diacritics) or coded by `wanted`."""
    province = unit.province if unit else None
    if province is None:
        return False
    name = key(province.label)
    short = name.removeprefix("tinh ").removeprefix("thanh pho ")
    return wanted == province.code or key(wanted) in (name, short)


def _patched(old: dict[str, T], read: frozenset[str], found: dict[str, T]) -> dict[str, T]:
    """`old` with the keys read again replaced by what was found (gone when nothing was), kept in key order."""
    new = dict(old)
    for gone in read - found.keys():
        new.pop(gone, None)
    new.update(found)  # a key already there keeps its place
    return new if found.keys() <= old.keys() else dict(sorted(new.items()))


def _units(rows: list[tuple]) -> dict[str, Unit]:
    """Units from the index's rows, each with the province it lies in."""
    parents = {u: parent for u, _, _, _, parent in rows}
    raw = {u: (label, level, code) for u, label, level, code, _ in rows}
    units: dict[str, Unit] = {}

    def make(iri: str) -> Unit:
        if iri not in units:
            label, level, code = raw[iri]
            parent = parents.get(iri)
            if level == "province":
                units[iri] = Unit(iri, label, level, code, Unit(iri, label, level, code))
            else:
                above = make(parent) if parent is not None and parent in raw else None
                units[iri] = Unit(iri, label, level, code, above.province if above else None)
        return units[iri]

    for iri in raw:
        make(iri)
    return units


class ReadModel:
    """The store under read, with lazily computed lookups shared by every reader of this state of the store."""

    def __init__(self, store: GraphStore, base: str | None = None) -> None:
        self.store = store
        self.ids = Ids(base or config.base_iri())
        self._memo: dict[str, Any] = {}
        self._deferred: dict[str, Callable[[], Any]] = {}
        self._memo_lock = threading.RLock()  # guards the tables below, never held while building
        self._building: dict[str, threading.RLock] = {}  # one lock per memo name: a build may use another memo
        self._points: dict[str, dict[str, Any]] = {}  # lookups read a few keys at a time (see _some)
        self._held: dict[str, dict[str, Any]] = {}  # whole lookups held for a while (all_spans)
        self._holding = 0

    @property
    def base(self) -> str:
        return self.ids.base

    def rows(self, sparql: str) -> list[list[Any]]:
        """A SELECT's rows with every term as its string value (None when unbound: the query's OPTIONALs say which
        columns may be, so the cells are typed Any rather than str | None)."""
        return [[None if term is None else term.value for term in row] for row in self.store.query(sparql)]

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """What a layer above derives from this model, built once and kept with it (`name` says what it is)."""
        if name in self._memo:
            return self._memo[name]
        with self._memo_lock:
            lock = self._building.setdefault(name, threading.RLock())
        with lock:  # one build per name; builds of other names (the rest of the service) go on meanwhile
            if name not in self._memo:
                with self._memo_lock:
                    deferred = self._deferred.pop(name, None)
                self._memo[name] = (deferred or build)()
            return self._memo[name]

    def recent(self, name: str, key: Hashable, build: Callable[[], T], keep: int = 8) -> T:
        """What a layer above derives from this model for one of many keys (a day asked, the recorded events' state),
        the last `keep` kept: answers that depend on more than the model stay bounded in memory. One build per key at
        a time: a second asker waits for the first's answer."""
        held: tuple[threading.Lock, OrderedDict[Hashable, Any], dict[Hashable, threading.Lock]] = self.memo(
            f"recent:{name}", lambda: (threading.Lock(), OrderedDict(), {})
        )
        guard, kept, building = held
        with guard:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
            lock = building.setdefault(key, threading.Lock())
        with lock:
            with guard:
                if key in kept:
                    return kept[key]
            value = build()
            with guard:
                kept[key] = value
                building.pop(key, None)
                while len(kept) > keep:
                    kept.popitem(last=False)
        return value

    def has_read(self, lookup: str) -> bool:
        """Whether this model has read one of its lookups (documents, labels, spans, …): its value is then the
        store's as it was at that time."""
        return lookup in self.__dict__

    def memoized(self, name: str) -> bool:
        """Whether `memo(name, …)` has been built on this model."""
        return name in self._memo

    def defer(self, name: str, build: Callable[[], Any]) -> None:
        """How `memo(name, …)` is to be built on this model when first asked (a layer above carrying over what it
        derived from the model before a write)."""
        with self._memo_lock:
            self._deferred[name] = build

    # -- the lists ------------------------------------------------------------------------------------------------

    @cached_property
    def units(self) -> dict[str, Unit]:
        return _units(self.store.read_index.units())

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {row[0]: self._document(row) for row in self.store.read_index.documents()}

    def _document(self, row: tuple) -> Document:
        d, dtype, kind, in_corpus, number, title, issued, issuer, by, unit = row
        return Document(
            d,
            concept(dtype),
            kind,
            bool(in_corpus),
            document_label(number, title, kind, by),
            number,
            title,
            issued,
            issuer,
            by,
            unit,
            self.units.get(unit) if unit else None,
        )

    @cached_property
    def agencies(self) -> Agencies[Agency]:
        """Every agency and group, with its alternative labels, read from the read index when looked up."""
        return Agencies(self.store.read_index, self._agency)

    def agency_listing(
        self, kind: str | None = None, level: str | None = None, province: str | None = None, group: bool | None = None
    ) -> Sequence[Agency]:
        """The agencies of this kind (concept name), level and province (code or name, accents optional), groups or
        single units (each optional), by name then IRI, counted and read a page at a time."""
        index = self.store.read_index
        kinds = None if kind is None else frozenset(k for k in index.agency_kinds() if concept(k) == kind)
        units = None
        if province is not None:
            units = frozenset(u.iri for u in self.units.values() if matches_place(u, province))
        return self.agencies.listing(AgencyListing(kinds, level, units, group))

    def _agency(self, row: tuple, alt_labels: list[str]) -> Agency:
        a, cls, label, kind, kind_label, level, unit, size = row
        return Agency(
            a,
            label,
            cls.endswith("AgencyGroup"),
            concept(kind) if kind else None,
            kind_label,
            level,
            self.units.get(unit) if unit else None,
            list(alt_labels),
            size,
        )

    def after(self, change: Change) -> ReadModel:
        """The model of the store after a write that changed these rows of the read index: unchanged documents and
        units are carried over, the changed ones read again (one document's worth, not the corpus); agencies are
        read from the index when looked up."""
        index = self.store.read_index
        model = ReadModel(self.store, self.base)
        units = dict(self.units)
        if change.units:
            units = _units(index.units())
        model.__dict__["units"] = units
        documents = {row[0]: model._document(row) for row in index.documents(change.documents)}
        model.__dict__["documents"] = _patched(self.documents, change.documents, documents)
        model.__dict__["generation"] = change.generation
        self._carry(model, change)
        return model

    def _carry(self, model: ReadModel, change: Change) -> None:
        """The lookups this model has read, carried over to `model` with what the change touched read again."""
        touched, written = change.documents | change.named | change.units, change.document
        kept = self.__dict__  # what this model has read (has_read)
        if "up" in kept:
            up = {d: uppers for d, uppers in self.up.items() if d not in change.documents}
            model.__dict__["up"] = dict(sorted({**up, **model._up(change.documents)}.items()))
        if "labels" in kept:
            model.__dict__["labels"] = _patched(self.labels, touched, model._labels(touched))
        if "spans" in kept:
            spans = {n: e for n, e in self.spans.items() if e.document != written and n not in change.documents}
            spans.update(model._spans({written}, change.documents))
            model.__dict__["spans"] = spans
        if "references" in kept:
            references = {k: text for k, text in self.references.items() if k[0] not in change.documents}
            model.__dict__["references"] = dict(sorted({**references, **model._references(change.documents)}.items()))

    @cached_property
    def generation(self) -> int:
        """The read index's generation this model reads: what the derivations kept in the index are checked against."""
        return self.store.read_index.generation()

    @cached_property
    def up(self) -> dict[str, list[str]]:
        """Each document's upstream documents (what it implements)."""
        return self._up(None)

    def _up(self, documents: Iterable[str] | None) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for lower, upper in in_order(self.rows(_bound(_UP, "l", documents)), 0, 1):
            found[lower].append(upper)
        return dict(found)

    @cached_property
    def down(self) -> dict[str, list[str]]:
        """Each document's downstream documents (what implements it)."""
        found: dict[str, list[str]] = defaultdict(list)
        for lower, uppers in self.up.items():
            for upper in uppers:
                found[upper].append(lower)
        return dict(found)

    @cached_property
    def index(self) -> Search:
        """Documents, agencies and obligations, searchable with and without diacritics."""
        return Search(self.store.read_index)

    # -- finding one ----------------------------------------------------------------------------------------------

    def _resource(self, rid: str, heads: tuple[str, ...], what: str) -> str:
        if rid.split("/", 1)[0] not in heads:
            raise NotFound(f"no {what} {rid!r}: {what} ids start with {' or '.join(heads)}/")
        return self.ids.iri_of(rid)

    def document_iri(self, rid: str) -> str:
        """The IRI of the document with resource id `rid` (doc/…); NotFound when the store has none."""
        iri = self._resource(rid, ("doc",), "document")
        if iri not in self.documents:
            raise NotFound(f"no document {rid!r}")
        return iri

    def agency_iri(self, rid: str) -> str:
        """The IRI of the agency or group with resource id `rid` (agency/… or group/…); NotFound when none."""
        iri = self._resource(rid, ("agency", "group"), "agency")
        if iri not in self.agencies:
            raise NotFound(f"no agency {rid!r}")
        return iri

    def obligation_iri(self, rid: str) -> str:
        """The IRI an obligation's resource id (doc/…/obligation/…) names; NotFound for any other id."""
        iri = self._resource(rid, ("doc",), "obligation")
        if "/obligation/" not in rid:
            raise NotFound(f"no obligation {rid!r}")
        return iri

    def find_document(self, given: str) -> str:
        """A document's IRI from its number, resource id or IRI; NotFound when none matches, InvalidRequest when
        the number names several."""
        for candidate in (given, self.ids.iri_of(given)):
            if candidate in self.documents:
                return candidate
        matches = [d.iri for d in self.documents.values() if d.label == unicodedata.normalize("NFC", given)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise InvalidRequest(
                f"{given} names {len(matches)} documents; use one of their ids: "
                + ", ".join(self.ids.short(m) for m in matches)
            )
        raise NotFound(f"no document {given!r}: give its number, its id (doc/…) or its IRI")

    # -- labels and provenance ------------------------------------------------------------------------------------

    @cached_property
    def labels(self) -> dict[str, str]:
        """Preferred labels of agencies, groups and units (of two, the first in code-point order)."""
        return self._labels(None)

    def _labels(self, subjects: Iterable[str] | None) -> dict[str, str]:
        found: dict[str, str] = {}
        for subject, label in in_order(self.rows(_bound(_LABELS, "s", subjects)), 0, 1):
            found.setdefault(subject, label)
        return found

    def label(self, iri: str | None) -> str:
        """What people call a node: a document's label, else its preferred label, else the IRI's last segment."""
        if iri is None:
            return "?"
        if iri in self.documents:
            return self.documents[iri].label
        agency = self.agencies.get(iri)  # the same preferred label, from the read index
        if agency is not None:
            return agency.label
        return self._some("labels", {iri}, self._labels).get(iri, iri.rsplit("/", 1)[-1])

    def _some(self, lookup: str, keys: set[str], read: Callable[[set[str]], dict[str, V]]) -> dict[str, V]:
        """The entries of these keys in a whole-store lookup (labels, spans): from it when this model has read it
        (a whole audit reads it first), else read for these keys alone and kept: a write's partial audit costs its
        own keys, not the corpus."""
        whole: dict[str, V] | None = self._held.get(lookup) or self.__dict__.get(lookup)
        if whole is not None:
            return {k: whole[k] for k in keys if k in whole}
        with self._memo_lock:
            points = self._points.setdefault(lookup, {})
            missing = {k for k in keys if k not in points}
        if missing:
            found = read(missing)
            with self._memo_lock:
                points.update({k: found.get(k, _ABSENT) for k in missing})
        return {k: points[k] for k in keys if points[k] is not _ABSENT}

    @contextmanager
    def all_spans(self) -> Iterator[None]:
        """Within it, evidence comes from every span read at once (a whole audit quotes evidence for every finding);
        the spans are let go at its end, not kept with the model (hundreds of megabytes on a national corpus)."""
        with self._memo_lock:
            self._holding += 1
            if "spans" not in self._held:
                self._held["spans"] = self._spans(None, None)
        try:
            yield
        finally:
            with self._memo_lock:
                self._holding -= 1
                if not self._holding:
                    self._held.pop("spans", None)

    @cached_property
    def spans(self) -> dict[str, Evidence]:
        """The provenance of every extracted node (and of each document: its title): document and exact text."""
        return self._spans(None, None)

    def _spans(self, derived_from: Iterable[str] | None, documents: Iterable[str] | None) -> dict[str, Evidence]:
        rows = self.rows(_bound(_SPANS, "d", derived_from))
        rows += self.rows(_bound(_DOCUMENT_SPANS, "d", documents))
        return _evidence(rows)

    def _spans_of(self, nodes: set[str]) -> dict[str, Evidence]:
        """The provenance of these nodes (extracted nodes or documents)."""
        return _evidence(self.rows(_bound(_SPANS, "n", nodes)) + self.rows(_bound(_DOCUMENT_SPANS, "d", nodes)))

    def read_spans(self, nodes: Iterable[str]) -> None:
        """Read the evidence of these nodes in one query (a partial detection about to quote them one by one)."""
        self._some("spans", set(nodes), self._spans_of)

    def evidence(self, nodes: Iterable[str | None]) -> tuple[Evidence, ...]:
        """The evidence of these nodes, in order, without repeats; nodes with no span are skipped."""
        chosen = [n for n in nodes if n]
        spans = self._some("spans", set(chosen), self._spans_of)
        seen: dict[tuple, Evidence] = {}
        for node in chosen:
            span = spans.get(node)
            if span is not None:
                seen.setdefault((span.document, span.start, span.end, span.text), span)
        return tuple(seen.values())

    @cached_property
    def references(self) -> dict[tuple[str, str, str], str]:
        """(citing document, cited document, relation) -> the words of the first such reference, in key order."""
        return self._references(None)

    def _references(self, documents: Iterable[str] | None) -> dict[tuple[str, str, str], str]:
        found: dict[tuple[str, str, str], str] = {}
        for d, target, relation, text, _ in in_order(
            self.rows(_bound(_REFERENCES, "d", documents)), 0, 1, 4, numbers={4}
        ):
            found.setdefault((d, target, RELATIONS.get(relation.rsplit("#", 1)[-1], "cites")), text)
        return dict(sorted(found.items()))

    @cached_property
    def _citations(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for (_, target, _), text in sorted(self.references.items()):
            found.setdefault(target, text)
        return found

    def text(self, iri: str) -> str | None:
        """A node's source text; for a document known only from citations, the words that first cite it."""
        span = self._some("spans", {iri}, self._spans_of).get(iri)  # one node's, not every span of the corpus
        if span is not None:
            return span.text
        return self._citations.get(iri)
