"""The read index: the store's documents, agencies and units as rows, and a search of them and of every obligation
with and without diacritics, kept in SQLite beside the store and updated one document at a time.

A service opens it instead of reading the whole graph (SPARQL answers cost about a microsecond a term in Python),
and a write changes the rows of the subjects the changed document names, not the whole index. It is derived data:
it records each stored document's vc:buildDigest and the ontology's hash, and an index that does not match its
store (a bulk build, a restore, a crash between the two writes) is rebuilt from the store when opened.

It also keeps what a layer above derived from the store and wants to outlive the process (the audit's findings), as
opaque texts under a name, a version and the index's generation: a counter every write and rebuild moves on, so a
set kept before a write it was not carried over is never taken for the store's current state.
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import pyoxigraph as ox

from loaders.folding import fold, key
from ontology import PREFIXES

KIND_ORDER = {"document": 0, "agency": 1, "obligation": 2}  # how search lists equally good hits
_VERSION = "1"  # of what the rows hold: an index holding another is rebuilt
_SCHEMA_VERSION = 5  # of the tables (SQLite's user_version): a file with another is made again
_TABLES = (
    "meta",
    "stored",
    "unit",
    "document",
    "agency",
    "alt_label",
    "entry",
    "obligation_theme",
    "finding_set",
    "finding",
    "finding_node",
)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE stored (iri TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE unit (iri TEXT PRIMARY KEY, label TEXT, level TEXT, code TEXT, parent TEXT);
CREATE TABLE document (iri TEXT PRIMARY KEY, type TEXT, kind TEXT, in_corpus INTEGER, number TEXT, title TEXT,
                       issued TEXT, issuer TEXT, issuer_label TEXT, unit TEXT);
CREATE INDEX document_issuer ON document (issuer);
CREATE TABLE agency (iri TEXT PRIMARY KEY, class TEXT, label TEXT, kind TEXT, kind_label TEXT, level TEXT,
                     unit TEXT, size INTEGER);
CREATE INDEX agency_listed ON agency (label, iri);
CREATE TABLE alt_label (agency TEXT, alt TEXT, PRIMARY KEY (agency, alt)) WITHOUT ROWID;
CREATE TABLE entry (id INTEGER PRIMARY KEY, kind TEXT, kind_order INTEGER, iri TEXT, label TEXT, text TEXT,
                    document TEXT, label_key TEXT, text_key TEXT, label_exact TEXT, text_exact TEXT);
CREATE INDEX entry_iri ON entry (iri);
CREATE INDEX entry_document ON entry (document);
CREATE VIRTUAL TABLE entry_words USING fts5 (label_key, text_key, content='entry', content_rowid='id',
                                             tokenize='unicode61 remove_diacritics 0');
CREATE TABLE obligation_theme (theme TEXT, obligation TEXT, document TEXT, PRIMARY KEY (theme, document, obligation))
    WITHOUT ROWID;
CREATE INDEX obligation_theme_document ON obligation_theme (document);
CREATE TABLE finding_set (family TEXT PRIMARY KEY, version TEXT NOT NULL, generation INTEGER NOT NULL);
CREATE TABLE finding (family TEXT, home TEXT, position INTEGER, severity INTEGER, type TEXT, sort TEXT,
                      body TEXT NOT NULL, PRIMARY KEY (family, home, position)) WITHOUT ROWID;
CREATE INDEX finding_listed ON finding (severity, type, sort, home, position);
CREATE TABLE finding_node (family TEXT, home TEXT, position INTEGER, iri TEXT, role TEXT,
                           PRIMARY KEY (family, home, position, iri, role)) WITHOUT ROWID;
CREATE INDEX finding_node_iri ON finding_node (iri, family);
CREATE TRIGGER entry_added AFTER INSERT ON entry BEGIN
  INSERT INTO entry_words (rowid, label_key, text_key) VALUES (new.id, new.label_key, new.text_key);
END;
CREATE TRIGGER entry_removed AFTER DELETE ON entry BEGIN
  INSERT INTO entry_words (entry_words, rowid, label_key, text_key) VALUES ('delete', old.id, old.label_key,
                                                                            old.text_key);
END;
"""

# -- what the rows are read from ---------------------------------------------------------------------------------

_UNITS = """SELECT ?u ?label ?level ?code ?parent WHERE { {VALUES} ?u a vc:AdministrativeUnit ;
    skos:prefLabel ?label ; vc:level ?level OPTIONAL { ?u vc:unitCode ?code } OPTIONAL { ?u vc:partOf ?parent } }"""

# Where citations disagree about a single-valued fact, the first row in this order stands for the document.
_DOCUMENTS = """SELECT ?d ?type ?kind ?inCorpus ?number ?title ?issued ?issuer ?by ?unit WHERE { {VALUES}
    ?d a vc:PolicyDocument ; vc:documentType ?type ; vc:inCorpus ?inCorpus .
    ?type skos:prefLabel ?kind FILTER(lang(?kind) = "vi")
    OPTIONAL { ?d vc:documentNumber ?number } OPTIONAL { ?d dct:title ?title }
    OPTIONAL { ?d vc:issuedOn ?issued } OPTIONAL { ?d vc:jurisdiction ?unit }
    OPTIONAL { ?d vc:issuedBy ?issuer . ?issuer skos:prefLabel ?by }
    } ORDER BY ?d ?issued ?number ?title ?issuer"""

_AGENCIES = """SELECT ?a ?class ?label ?kind ?kindLabel ?level ?unit ?size WHERE { {VALUES}
    ?a a ?class FILTER(?class IN (vc:Agency, vc:AgencyGroup)) ?a skos:prefLabel ?label .
    OPTIONAL { ?a vc:agencyKind ?kind OPTIONAL { ?kind skos:prefLabel ?kindLabel FILTER(lang(?kindLabel) = "vi") } }
    OPTIONAL { ?a vc:level ?level } OPTIONAL { ?a vc:jurisdiction ?unit }
    OPTIONAL { ?a vc:groupSize ?size } } ORDER BY ?a ?kindLabel ?label"""

_ALT_LABELS = """SELECT ?a ?alt WHERE { {VALUES} ?a a ?class FILTER(?class IN (vc:Agency, vc:AgencyGroup))
    ?a skos:altLabel ?alt }"""

_THEMES = "SELECT ?t ?o ?d WHERE { {VALUES} ?d vc:hasObligation ?o . ?o vc:theme ?t }"
_OBLIGATIONS = """SELECT ?o ?d ?path ?title ?text WHERE { {VALUES} ?d vc:hasObligation ?o . ?o vc:sectionPath ?path
    OPTIONAL { ?o dct:title ?title } OPTIONAL { ?o vc:sourceText ?text } }"""

_DIGESTS = "SELECT ?d ?digest WHERE { ?d vc:buildDigest ?digest }"
_ONTOLOGY_HASH = "SELECT ?h WHERE { <https://w3id.org/vn-cascade/ontology> vc:contentHash ?h }"


def values(variable: str, iris: Iterable[str] | None) -> str:
    """A VALUES block binding `variable` to these IRIs first (so the engine starts from them); none for all."""
    return "" if iris is None else f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def exact(text: str) -> str:
    """What a query with diacritics is compared to: the NFC text, case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class Change:
    """What one write may have changed: the document written (or removed), what its claims named before or name
    now (itself, the documents it cites, the agencies and groups it names), and the IRIs whose document, agency or
    unit row was read again (a row that is gone was removed)."""

    document: str
    named: frozenset[str] = frozenset()  # also the IRIs whose agency rows were read again
    documents: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    generation: int = 0  # the index's, after the write
    renamed: frozenset[str] = frozenset()  # documents and agencies whose name may read otherwise now, or that are gone
    groups_gone: frozenset[str] = frozenset()  # groups of agencies no document names any more
    cited_before: frozenset[tuple[str, str]] = frozenset()  # (document, relation IRI) the written one cited before
    cited_after: frozenset[tuple[str, str]] = frozenset()  # … and cites now


class Listing(Protocol):
    """Which rows of a table a list holds: a WHERE clause and its parameters."""

    def where(self) -> tuple[str, list[Any]]: ...


@dataclass(frozen=True)
class KeptRow:
    """One kept finding: its text, what it sorts by (severity rank, type, the nodes it names as one key) and the
    nodes it names, each with its role (document, obligation, agency, evidence)."""

    body: str
    severity: int
    type: str
    sort: str
    nodes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KeptPatch:
    """One kept set's change over a write: its `replaced` homes, with the rows they hold now (`homes`; a replaced
    home missing from it has none)."""

    name: str
    version: str
    homes: Mapping[str, Sequence[KeptRow]]
    replaced: frozenset[str]


@dataclass(frozen=True)
class FindingListing:
    """Which kept findings a list holds: of these families (None: every family the index keeps, so no clause and
    the listing walks the order index), these types, naming this IRI, of this severity rank (each optional)."""

    families: tuple[str, ...] | None
    types: frozenset[str] | None = None
    naming: str | None = None
    severity: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        parameters: list[Any] = []
        if self.families is not None:
            clauses.append(f"f.family IN ({','.join('?' * len(self.families))})")
            parameters += self.families
        if self.types is not None:
            clauses.append(f"f.type IN ({','.join('?' * len(self.types))})")
            parameters += sorted(self.types)
        if self.severity is not None:
            clauses.append("f.severity = ?")
            parameters.append(self.severity)
        if self.naming is not None:
            clauses.append(
                "EXISTS (SELECT 1 FROM finding_node n WHERE n.iri = ? AND n.family = f.family AND n.home = f.home"
                " AND n.position = f.position)"
            )
            parameters.append(self.naming)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters


@dataclass(frozen=True)
class AgencyListing:
    """Which agencies a list holds: of these kinds (IRIs), this level, in these units, groups or single units (each
    optional)."""

    kinds: frozenset[str] | None = None
    level: str | None = None
    units: frozenset[str] | None = None
    group: bool | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, parameters = [], []
        for column, chosen in (("kind", self.kinds), ("unit", self.units)):
            if chosen is not None:
                clauses.append(f"{column} IN ({','.join('?' * len(chosen))})")
                parameters += sorted(chosen)
        if self.level is not None:
            clauses.append("level = ?")
            parameters.append(self.level)
        if self.group is not None:
            clauses.append(("" if self.group else "NOT ") + "(class LIKE '%AgencyGroup')")
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters


@dataclass
class _Rows:
    """Rows read from the store, ready to write."""

    units: list[list[Any]] = field(default_factory=list)
    documents: list[list[Any]] = field(default_factory=list)
    agencies: list[list[Any]] = field(default_factory=list)
    alt_labels: list[tuple[str, str]] = field(default_factory=list)
    obligations: list[list[Any]] = field(default_factory=list)
    themes: list[list[Any]] = field(default_factory=list)


def _entry(kind: str, iri: str, label: str, text: str, document: str | None = None) -> tuple:
    return (kind, KIND_ORDER[kind], iri, label, text, document, key(label), key(text), exact(label), exact(text))


def _search_expression(words: list[str]) -> str:
    """An FTS5 query holding every word, the last also as a prefix (words are [0-9a-z]+: folded keys)."""
    *whole, last = words
    return " ".join([*(f'"{w}"' for w in whole), f'"{last}"*'])


class ReadIndex:
    """The SQLite read index of one store: rows for the read model, search, and per-document upkeep."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._write_lock = threading.RLock()
        self._local = threading.local()
        # an index in memory (for a store in memory) has one connection, shared under the lock
        self._shared = None if path is not None else sqlite3.connect(":memory:", check_same_thread=False)
        with self._write_lock:
            db = self._connect()
            if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA_VERSION:
                # another schema (or none): made again, empty; the stamp then differs and the rows are read again
                triggers = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
                tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                dropped = [f"DROP TRIGGER {n};" for n in triggers]
                dropped += [f"DROP TABLE IF EXISTS {n};" for n in tables if not n.startswith("sqlite_")]
                db.executescript(
                    f"BEGIN; {' '.join(dropped)} {_SCHEMA} PRAGMA user_version = {_SCHEMA_VERSION}; COMMIT;"
                )

    @classmethod
    def beside(cls, store: Path) -> Path:
        """Where the index of the store at `store` lives: the file next to it named after it ("store-index.sqlite")."""
        return store.with_name(store.name + "-index.sqlite")

    # -- connections ----------------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._shared is not None:
            return self._shared
        db = getattr(self._local, "db", None)
        if db is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
        return db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction, one writer at a time; rolled back whole when anything in it fails."""
        with self._write_lock:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        if self._shared is not None:
            with self._write_lock:
                yield self._shared
        else:
            yield self._connect()

    def close(self) -> None:
        db = self._shared or getattr(self._local, "db", None)
        if db is not None:
            db.close()

    # -- keeping it in step with the store ------------------------------------------------------------------------

    def _stamp(self, store: ox.Store) -> tuple[dict[str, str], str]:
        digests = {d: g for d, g in _rows(store, _DIGESTS)}
        found = _rows(store, _ONTOLOGY_HASH)
        return digests, f"{_VERSION}:{found[0][0] if found else ''}"

    def matches(self, store: ox.Store) -> bool:
        """Whether the index holds exactly the store's documents, as built, under the same ontology."""
        digests, stamp = self._stamp(store)
        with self._reading() as db:
            kept = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            return (
                kept is not None and kept[0] == stamp and dict(db.execute("SELECT iri, digest FROM stored")) == digests
            )

    def rebuild(self, store: ox.Store) -> None:
        """Every row read again from the store, in one transaction."""
        digests, stamp = self._stamp(store)
        rows = _read(store, None, None)
        with self._writing() as db:
            generation = _generation(db) + 1
            for table in _TABLES:
                db.execute(f"DELETE FROM {table}")
            _write(db, rows)
            db.executemany("INSERT INTO stored VALUES (?, ?)", digests.items())
            db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
            db.execute("INSERT INTO meta VALUES ('generation', ?)", (str(generation),))

    def ensure(self, store: ox.Store) -> None:
        """Rebuild the index unless it matches the store."""
        if not self.matches(store):
            self.rebuild(store)

    def update(self, store: ox.Store, document: str, subjects: set[str], units: Iterable[str] = ()) -> Change:
        """After a write of `document` (replaced or removed): the rows of the subjects its claims named before or
        name now, the documents those agencies issued, and its obligations' entries, read again."""
        issued = {
            d
            for (d,) in self._select(
                f"SELECT iri FROM document WHERE issuer IN ({','.join('?' * len(subjects))})", sorted(subjects)
            )
        }
        touched = subjects | {document}
        rows = _read(store, touched | issued, document)
        digest = _rows(store, f"SELECT ?g WHERE {{ <{document}> vc:buildDigest ?g }}")
        with self._writing() as db:
            before = _names(db, touched | issued)
            for table, column in (("document", "iri"), ("agency", "iri"), ("alt_label", "agency")):
                db.executemany(f"DELETE FROM {table} WHERE {column} = ?", ((i,) for i in touched | issued))
            db.executemany("DELETE FROM entry WHERE iri = ? AND kind != 'obligation'", ((i,) for i in touched | issued))
            db.execute("DELETE FROM entry WHERE document = ?", (document,))
            db.execute("DELETE FROM obligation_theme WHERE document = ?", (document,))
            rows.units = _new_units(db, store, units)
            _write(db, rows)
            db.execute("DELETE FROM stored WHERE iri = ?", (document,))
            if digest:
                db.execute("INSERT INTO stored VALUES (?, ?)", (document, digest[0][0]))
            generation = _generation(db) + 1
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))
            after = _names(db, touched | issued)
        units_read = frozenset(r[0] for r in rows.units)
        renamed = frozenset(i for i, named in before.items() if after.get(i) != named)
        gone = frozenset(i for i, (table, cls, *_) in before.items() if i not in after and cls.endswith("AgencyGroup"))
        return Change(document, frozenset(touched), frozenset(touched | issued), units_read, generation, renamed, gone)

    # -- what layers above keep ---------------------------------------------------------------------------------

    def generation(self) -> int:
        """The index's generation: moved on by every write and rebuild."""
        with self._reading() as db:
            return _generation(db)

    def kept_families(self) -> set[str]:
        """The families the index keeps findings of."""
        return {name for (name,) in self._select("SELECT family FROM finding_set")}

    def kept_at(self, name: str, version: str) -> int | None:
        """The generation the set kept under `name` at this version is of; None when none is kept."""
        found = self._select("SELECT generation FROM finding_set WHERE family = ? AND version = ?", (name, version))
        return found[0][0] if found else None

    def keep(self, name: str, version: str, generation: int, homes: Mapping[str, Sequence[KeptRow]]) -> bool:
        """Keep `homes` (home → rows, in order) under `name` for `generation`, replacing what was kept; False, and
        nothing written, when the index has moved past that generation."""
        with self._writing() as db:
            if _generation(db) != generation:
                return False
            db.execute("DELETE FROM finding WHERE family = ?", (name,))
            db.execute("DELETE FROM finding_node WHERE family = ?", (name,))
            _keep(db, name, version, generation, homes)
            return True

    def patch(self, since: int, generation: int, patches: Sequence[KeptPatch]) -> set[str]:
        """The sets kept for generation `since`, carried to `generation` with each patch's replaced homes written
        again, in one transaction; the names of those carried (not a set kept for another generation or version, and
        none when the index is not at `generation`)."""
        carried: set[str] = set()
        with self._writing() as db:
            if _generation(db) != generation:
                return carried
            for p in patches:
                found = db.execute("SELECT version, generation FROM finding_set WHERE family = ?", (p.name,)).fetchone()
                if found != (p.version, since):
                    continue
                db.executemany("DELETE FROM finding WHERE family = ? AND home = ?", ((p.name, h) for h in p.replaced))
                _renamed_nodes(db, p)
                _keep(db, p.name, p.version, generation, p.homes, nodes=False)
                carried.add(p.name)
        return carried

    def homes_naming(self, name: str, iris: Iterable[str], roles: Iterable[str]) -> set[str]:
        """The homes under `name` with a finding naming one of these IRIs in one of these roles."""
        wanted, chosen = sorted(set(iris)), sorted(set(roles))
        if not wanted:
            return set()
        sql = (
            f"SELECT DISTINCT home FROM finding_node WHERE family = ? AND iri IN ({','.join('?' * len(wanted))})"
            f" AND role IN ({','.join('?' * len(chosen))})"
        )
        return {h for (h,) in self._select(sql, [name, *wanted, *chosen])}

    def kept_homes(self, name: str) -> set[str]:
        """The homes with a finding kept under `name`."""
        return {h for (h,) in self._select("SELECT DISTINCT home FROM finding WHERE family = ?", (name,))}

    def kept_home(self, name: str, home: str) -> list[str]:
        """The texts kept under `name` for one home, in order."""
        sql = "SELECT body FROM finding WHERE family = ? AND home = ? ORDER BY position"
        return [b for (b,) in self._select(sql, (name, home))]

    def kept_bodies(self, name: str) -> dict[str, list[str]]:
        """Every text kept under `name`, by home (in home order) and in order."""
        homes: dict[str, list[str]] = {}
        rows = self._select("SELECT home, body FROM finding WHERE family = ? ORDER BY home, position", (name,))
        for home, body in rows:
            homes.setdefault(home, []).append(body)
        return homes

    def listed_findings(self, listing: FindingListing, limit: int = -1, offset: int = 0) -> list[str]:
        """The texts of a listing, most severe first, then by type and the nodes named, a page at a time."""
        return self._listed(
            "SELECT body FROM finding f", listing, "severity, type, sort, home, position", limit, offset
        )

    def count_findings(self, listing: FindingListing) -> int:
        return self._counted("finding f", listing)

    def _listed(self, select: str, listing: Listing, order: str, limit: int, offset: int) -> list[Any]:
        """The one column `select` reads, of a listing's rows, in this order, a page at a time."""
        where, parameters = listing.where()
        rows = self._select(f"{select} {where} ORDER BY {order} LIMIT ? OFFSET ?", [*parameters, limit, offset])
        return [value for (value,) in rows]

    def _counted(self, table: str, listing: Listing) -> int:
        where, parameters = listing.where()
        return cast(int, self._select(f"SELECT count(*) FROM {table} {where}", parameters)[0][0])

    # -- reading --------------------------------------------------------------------------------------------------

    def _select(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple]:
        with self._reading() as db:
            return db.execute(sql, tuple(parameters)).fetchall()

    def units(self) -> list[tuple]:
        """(iri, label, level, code, parent) of every administrative unit."""
        return self._select("SELECT iri, label, level, code, parent FROM unit ORDER BY iri")

    def documents(self, iris: Iterable[str] | None = None) -> list[tuple]:
        """(iri, type, kind, in corpus, number, title, issued, issuer, issuer label, unit), by IRI."""
        return self._rows_of("document", iris)

    def agencies(self, iris: Iterable[str] | None = None) -> list[tuple]:
        """(iri, class, label, kind, kind label, level, unit, group size), by IRI."""
        return self._rows_of("agency", iris)

    def agency_count(self) -> int:
        return cast(int, self._select("SELECT count(*) FROM agency")[0][0])

    def agency_iris(self) -> list[str]:
        """Every agency and group, by IRI."""
        return [i for (i,) in self._select("SELECT iri FROM agency ORDER BY iri")]

    def agency_kinds(self) -> list[str]:
        """The agency kinds (IRIs) some agency has."""
        return [k for (k,) in self._select("SELECT DISTINCT kind FROM agency WHERE kind IS NOT NULL ORDER BY kind")]

    def listed_agencies(self, listing: AgencyListing, limit: int = -1, offset: int = 0) -> list[str]:
        """The agencies of a listing, by name then IRI, a page at a time."""
        return self._listed("SELECT iri FROM agency", listing, "label, iri", limit, offset)

    def count_agencies(self, listing: AgencyListing) -> int:
        return self._counted("agency", listing)

    def alt_labels(self, iris: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """(agency, alternative label), by agency and label."""
        if iris is None:
            return self._select("SELECT agency, alt FROM alt_label ORDER BY agency, alt")
        wanted = sorted(iris)
        return self._select(
            f"SELECT agency, alt FROM alt_label WHERE agency IN ({','.join('?' * len(wanted))}) ORDER BY agency, alt",
            wanted,
        )

    def _rows_of(self, table: str, iris: Iterable[str] | None) -> list[tuple]:
        if iris is None:
            return self._select(f"SELECT * FROM {table} ORDER BY iri")
        wanted = sorted(iris)
        return self._select(
            f"SELECT * FROM {table} WHERE iri IN ({','.join('?' * len(wanted))}) ORDER BY iri",
            wanted,
        )

    def search(
        self, query: str, kinds: set[str] | None = None, limit: int = -1, offset: int = 0, theme: str | None = None
    ) -> list[tuple[str, str, str, str, str | None, float]]:
        """(kind, iri, label, text, document, score) of the entries holding every word of `query`, accents optional
        (the last word also as a prefix), best first: a phrase in the label above one in the text above scattered
        words; when the query has diacritics, entries that hold them exactly rank above those that match folded.
        With a `theme` (IRI), only the obligations it tags."""
        words = key(query).split()
        if not words:
            return []
        phrase, wanted = " ".join(words), exact(query.strip())
        accented = int(fold(wanted) != wanted)
        where, parameters = self._where(words, kinds, theme)
        return self._select(
            f"""SELECT e.kind, e.iri, e.label, e.text, e.document,
                  (CASE WHEN instr(e.label_key, ?) THEN 3.0 WHEN instr(e.text_key, ?) THEN 2.0 ELSE 1.0 END)
                  + (CASE WHEN ? AND (instr(e.label_exact, ?) OR instr(e.text_exact, ?)) THEN 0.5 ELSE 0.0 END)
                  AS score
                FROM entry_words JOIN entry e ON e.id = entry_words.rowid WHERE {where}
                ORDER BY score DESC, e.kind_order, e.label, e.iri LIMIT ? OFFSET ?""",
            [phrase, phrase, accented, wanted, wanted, *parameters, limit, offset],
        )

    def count(self, query: str, kinds: set[str] | None = None, theme: str | None = None) -> int:
        """How many entries search() finds for `query`."""
        words = key(query).split()
        if not words:
            return 0
        where, parameters = self._where(words, kinds, theme)
        sql = f"SELECT count(*) FROM entry_words JOIN entry e ON e.id = entry_words.rowid WHERE {where}"
        return cast(int, self._select(sql, parameters)[0][0])

    @staticmethod
    def _where(words: list[str], kinds: set[str] | None, theme: str | None = None) -> tuple[str, list[Any]]:
        where, parameters = "entry_words MATCH ?", [_search_expression(words)]
        if kinds:
            where += f" AND e.kind IN ({','.join('?' * len(kinds))})"
            parameters += sorted(kinds)
        if theme is not None:
            where += " AND e.kind = 'obligation' AND e.iri IN (SELECT obligation FROM obligation_theme WHERE theme = ?)"
            parameters.append(theme)
        return where, parameters

    def theme_counts(self) -> dict[str, int]:
        """How many obligations each theme tags, across the corpus."""
        return dict(self._select("SELECT theme, count(*) FROM obligation_theme GROUP BY theme"))

    def theme_obligations(
        self, theme: str, document: str | None = None, limit: int = -1, offset: int = 0
    ) -> list[tuple]:
        """(obligation, document, label, text) of the obligations a theme tags (in one document, when given), by
        document and section order of their entries."""
        clause, parameters = ("AND t.document = ?", [theme, document]) if document else ("", [theme])
        return self._select(
            f"""SELECT t.obligation, t.document, e.label, e.text FROM obligation_theme t
                JOIN entry e ON e.iri = t.obligation AND e.kind = 'obligation'
                WHERE t.theme = ? {clause} ORDER BY t.document, e.id LIMIT ? OFFSET ?""",
            [*parameters, limit, offset],
        )

    def theme_documents(self, theme: str) -> set[str]:
        """The documents with an obligation a theme tags."""
        return {d for (d,) in self._select("SELECT DISTINCT document FROM obligation_theme WHERE theme = ?", [theme])}

    def theme_count(self, theme: str, document: str | None = None) -> int:
        """How many obligations theme_obligations() lists."""
        clause, parameters = ("AND document = ?", [theme, document]) if document else ("", [theme])
        return cast(
            int, self._select(f"SELECT count(*) FROM obligation_theme WHERE theme = ? {clause}", parameters)[0][0]
        )


def _keep(
    db: sqlite3.Connection,
    name: str,
    version: str,
    generation: int,
    homes: Mapping[str, Sequence[KeptRow]],
    nodes: bool = True,
) -> None:
    rows = [(home, n, row) for home in sorted(homes) for n, row in enumerate(homes[home])]
    db.executemany(
        "INSERT INTO finding VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((name, home, n, row.severity, row.type, row.sort, row.body) for home, n, row in rows),
    )
    if nodes:
        db.executemany(
            "INSERT OR IGNORE INTO finding_node VALUES (?, ?, ?, ?, ?)",
            ((name, home, n, iri, role) for home, n, row in rows for iri, role in row.nodes),
        )
    db.execute("INSERT OR REPLACE INTO finding_set VALUES (?, ?, ?)", (name, version, generation))


def _renamed_nodes(db: sqlite3.Connection, patch: KeptPatch) -> None:
    """The node rows of a patch's replaced homes made what their findings name now, writing only the difference (a
    document a whole cascade cites has a finding naming thousands, one of which a write adds or takes away)."""
    for home in sorted(patch.replaced):
        held = set(
            db.execute("SELECT position, iri, role FROM finding_node WHERE family = ? AND home = ?", (patch.name, home))
        )
        now = {(n, iri, role) for n, row in enumerate(patch.homes.get(home, ())) for iri, role in row.nodes}
        db.executemany(
            "DELETE FROM finding_node WHERE family = ? AND home = ? AND position = ? AND iri = ? AND role = ?",
            ((patch.name, home, *node) for node in sorted(held - now)),
        )
        db.executemany(
            "INSERT INTO finding_node VALUES (?, ?, ?, ?, ?)",
            ((patch.name, home, *node) for node in sorted(now - held)),
        )


def _names(db: sqlite3.Connection, iris: set[str]) -> dict[str, tuple[Any, ...]]:
    """What names each of these documents and agencies (the columns its label is made of), with its table and class."""
    wanted = sorted(iris)
    marks = ",".join("?" * len(wanted))
    found: dict[str, tuple[Any, ...]] = {
        i: ("document", "", number, title, kind, by)
        for i, number, title, kind, by in db.execute(
            f"SELECT iri, number, title, kind, issuer_label FROM document WHERE iri IN ({marks})", wanted
        )
    }
    for i, cls, label in db.execute(f"SELECT iri, class, label FROM agency WHERE iri IN ({marks})", wanted):
        found[i] = ("agency", cls or "", label)
    return found


def _generation(db: sqlite3.Connection) -> int:
    found = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(found[0]) if found else 0


def _new_units(db: sqlite3.Connection, store: ox.Store, units: Iterable[str]) -> list[list[Any]]:
    """The rows of those of these units (the ones a write stated) the index does not hold yet: units are reference
    data, only ever added and never changed."""
    wanted = sorted(set(units))
    held = {u for (u,) in db.execute(f"SELECT iri FROM unit WHERE iri IN ({','.join('?' * len(wanted))})", wanted)}
    new = set(wanted) - held
    return _units(store, new) if new else []


def _rows(store: ox.Store, sparql: str) -> list[list[Any]]:
    """A SELECT's rows, every term as its string value (None when unbound)."""
    solutions = cast(ox.QuerySolutions, store.query(sparql, prefixes=PREFIXES))
    return [[None if term is None else term.value for term in row] for row in solutions]


def _units(store: ox.Store, units: Iterable[str] | None) -> list[list[Any]]:
    """One row per unit (all units when None): where the graph gives a unit two labels, levels, codes or parents
    (documents disagreeing about it), the least in text order stands for it, so the index never refuses a unit."""
    rows = _rows(store, _UNITS.replace("{VALUES}", values("u", units)))
    return _first(sorted(rows, key=lambda row: tuple((cell is None, cell or "") for cell in row)))


def _first(rows: list[list[Any]]) -> list[list[Any]]:
    """The first row of each subject (rows come ordered by subject, the preferred value first)."""
    found: dict[str, list[Any]] = {}
    for row in rows:
        found.setdefault(row[0], row)
    return list(found.values())


def _read(store: ox.Store, subjects: set[str] | None, document: str | None) -> _Rows:
    """The rows of these subjects (all when None) and the obligations of `document` (all when None)."""
    rows = _Rows()
    if subjects is None:
        rows.units = _units(store, None)
    rows.documents = [
        [d, t, kind, int(c == "true"), number, title, issued, issuer, by, unit]
        for d, t, kind, c, number, title, issued, issuer, by, unit in _first(
            _rows(store, _DOCUMENTS.replace("{VALUES}", values("d", subjects)))
        )
    ]
    rows.agencies = [
        [a, cls, label, kind, kind_label, level, unit, int(size) if size else None]
        for a, cls, label, kind, kind_label, level, unit, size in _first(
            _rows(store, _AGENCIES.replace("{VALUES}", values("a", subjects)))
        )
    ]
    rows.alt_labels = sorted(
        {(a, alt) for a, alt in _rows(store, _ALT_LABELS.replace("{VALUES}", values("a", subjects)))}
    )
    docs = None if document is None else {document}
    rows.obligations = _rows(store, _OBLIGATIONS.replace("{VALUES}", values("d", docs)))
    rows.themes = _rows(store, _THEMES.replace("{VALUES}", values("d", docs)))
    return rows


def _write(db: sqlite3.Connection, rows: _Rows) -> None:
    """Insert rows and their search entries (the tables hold none of these subjects now)."""
    db.executemany("INSERT INTO unit VALUES (?, ?, ?, ?, ?)", rows.units)
    db.executemany("INSERT INTO document VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.documents)
    db.executemany("INSERT INTO agency VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.agencies)
    db.executemany("INSERT INTO alt_label VALUES (?, ?)", rows.alt_labels)
    db.executemany("INSERT OR IGNORE INTO obligation_theme VALUES (?, ?, ?)", rows.themes)
    alts: dict[str, list[str]] = {}
    for agency, alt in rows.alt_labels:
        alts.setdefault(agency, []).append(alt)
    entries = [_entry("document", d[0], d[4] or d[5] or d[0], d[5] or "") for d in rows.documents]
    entries += [_entry("agency", a[0], a[2], " ".join(alts.get(a[0], []))) for a in rows.agencies]
    entries += [
        _entry("obligation", o, f"{path} {title or ''}".strip(), text or "", d)
        for o, d, path, title, text in rows.obligations
    ]
    db.executemany(
        "INSERT INTO entry (kind, kind_order, iri, label, text, document, label_key, text_key, label_exact, "
        "text_exact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entries,
    )
