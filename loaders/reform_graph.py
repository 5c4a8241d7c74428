"""The 2025 reorganisation in a document's graph:
- reference data (derived from the reform catalogue alone, the same whoever names the unit or body, so a bulk build
  writes each once): the change events of the units and bodies it names and of their successors, and the
  successions of the bodies its assignments name (who has held a body's duties in some functions since each
  change: one node per body and functions, whatever the number of assignments naming it);
- claims (kept while a document names the body): what the events say of the bodies (changed by, valid until,
  resulted from), the successors' descriptions, and the legal bases the events cite (documents, whose standing is
  derived from the claims that name them);
- the document's own facts: for each assignment whose body a change moved, the link to its succession.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from loaders import admin_units, unit_changes
from loaders.body_changes import TWO_TIER, Body, BodyChange, bases, basis_jurisdiction, changes_of
from loaders.folding import slug
from loaders.iris import agency_iri, change_iri, doc_iri, unit_iri
from loaders.jurisdictions import from_unit
from loaders.model import Jurisdiction
from loaders.nt import iri, lit, typed, value
from loaders.succession import functions_of, periods
from ontology import DCT, ORG, RDF, SKOS, VC


class Builder(Protocol):
    """What the writer needs of the document's GraphBuilder."""

    base: str
    seen_agencies: set[str]
    owned: list[str]
    claims: list[str]
    reference: list[str]

    def unit(self, j: Jurisdiction) -> str: ...


_TYPE = iri(RDF + "type")
Triples = tuple[str, ...]  # N-Triples lines


@lru_cache(maxsize=256)
def _vc(name: str) -> str:
    return iri(VC + name)


@lru_cache(maxsize=64)
def _org(name: str) -> str:
    return iri(ORG + name)


def _decimal(value: float) -> str:
    """An xsd:decimal in the canonical form the store keeps ("0.098", "1"), so a rebuilt triple equals a stored one."""
    return typed(f"{value:.4f}".rstrip("0").rstrip("."), "decimal")


def _date(iso: str) -> str:
    return typed(iso, "date")


def _t(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} ."


@lru_cache(maxsize=65536)
def body_iri(base: str, body: Body) -> str:
    return agency_iri(base, body.label, body.jurisdiction, body.group)


@lru_cache(maxsize=65536)
def event_iri(base: str, change: BodyChange) -> str:
    return change_iri(
        base, body_iri(base, change.original), change.rule, change.kind, change.function, change.effective
    )


@lru_cache(maxsize=65536)
def _description(base: str, body: Body) -> Triples:
    """A body known only as a successor: what it is, where, and (a body of a 2025 unit) since when."""
    node = iri(body_iri(base, body))
    out = [
        _t(node, _TYPE, _vc("AgencyGroup" if body.group else "Agency")),
        _t(node, iri(SKOS + "prefLabel"), lit(body.label, "vi")),
        _t(node, _vc("jurisdiction"), iri(unit_iri(base, body.jurisdiction))),
        _t(node, _vc("level"), lit(body.level)),
        _t(node, _vc("agencyKind"), _vc(f"kind-{body.kind}")),
    ]
    if body.jurisdiction.scheme == "2025":
        out.append(_t(node, _vc("validFrom"), _date(TWO_TIER)))
    if body.member_kind:
        out.append(_t(node, _vc("memberKind"), _vc(f"kind-{body.member_kind}")))
    return tuple(out)


@lru_cache(maxsize=65536)
def _events(base: str, body: Body) -> tuple[Triples, Triples, tuple[Body, ...], tuple[str, ...]]:
    """A body's own change events: the triples about the events (reference data: derived from the reform catalogue
    alone), those about the bodies (claims: a body stays while a document names it), the successors named and the
    legal bases cited. The same for every document that names the body, so built once."""
    original = iri(body_iri(base, body))
    bodies = {original}
    out: list[str] = []
    heirs: list[Body] = []
    cited: list[str] = []
    for change in changes_of(body):
        node = iri(event_iri(base, change))
        out += [
            _t(node, _TYPE, _vc("ChangeEvent")),
            _t(node, _vc("changeKind"), _vc(f"change-{change.kind}")),
            _t(node, _org("originalOrganization"), original),
            _t(original, _org("changedBy"), node),
            _t(node, _vc("effectiveDate"), _date(change.effective)),
            _t(node, _vc("confidence"), lit(change.confidence)),
            _t(node, _vc("changeRule"), lit(change.rule)),
            *_basis_links(base, node, change.bases),
        ]
        cited += change.bases
        if change.function:
            out.append(_t(node, _vc("transferredFunction"), _vc(f"function-{change.function}")))
        if change.candidates:
            out.append(_t(node, _vc("candidateResults"), typed("true", "boolean")))
        if change.note:
            out.append(_t(node, _vc("changeNote"), lit(change.note, "en")))
        if change.source:
            out.append(_t(node, iri(DCT + "source"), _uri(change.source)))
        if change.function is None and change.kind != "transfer-function":
            out.append(_t(original, _vc("validUntil"), _date(change.effective)))
        for n, heir in enumerate(change.heirs, start=1):
            result = iri(body_iri(base, heir.body))
            bodies.add(result)
            heirs.append(heir.body)
            out += [_t(node, _org("resultingOrganization"), result), _t(result, _org("resultedFrom"), node)]
            if heir.share is not None:
                share = iri(f"{value(node)}/share/{n}")
                out += [
                    _t(node, _vc("resultShare"), share),
                    _t(share, _TYPE, _vc("OwnerShare")),
                    _t(share, _vc("agent"), result),
                    _t(share, _vc("areaShare"), _decimal(heir.share)),
                ]
    about_bodies = tuple(line for line in out if line.split(" ", 1)[0] in bodies)
    about_events = tuple(line for line in out if line.split(" ", 1)[0] not in bodies)
    return about_events, about_bodies, tuple(dict.fromkeys(heirs)), tuple(dict.fromkeys(cited))


def _uri(url: str) -> str:
    return typed(url, "anyURI")


def _basis_iri(base: str, basis_id: str) -> tuple[str, Jurisdiction]:
    basis = bases()[basis_id]
    j = basis_jurisdiction(basis)
    return doc_iri(base, j, int(basis.date[:4]) if basis.date else None, slug(basis.number)), j


def _basis_links(base: str, node: str, ids: tuple[str, ...]) -> Triples:
    out = [_t(node, _vc("legalBasis"), iri(_basis_iri(base, i)[0])) for i in ids]
    if ids:
        out.append(_t(node, _vc("basisNumbers"), lit(", ".join(bases()[i].number for i in ids))))
    return tuple(out)


@lru_cache(maxsize=256)
def _basis(base: str, basis_id: str) -> Triples:
    """A legal basis as a document node with its number, type, title, date and source."""
    basis = bases()[basis_id]
    basis_iri, j = _basis_iri(base, basis_id)
    node = iri(basis_iri)
    out = [
        _t(node, _TYPE, _vc(basis.type)),
        _t(node, _TYPE, _vc("PolicyDocument")),
        _t(node, _vc("documentType"), _vc(f"doctype-{basis.type.lower()}")),
        _t(node, _vc("documentNumber"), lit(basis.number)),
        _t(node, iri(DCT + "title"), lit(basis.title, "vi")),
        _t(node, _vc("jurisdiction"), iri(unit_iri(base, j))),
        _t(node, iri(DCT + "source"), _uri(basis.source)),
    ]
    if basis.date:
        out.append(_t(node, _vc("issuedOn"), _date(basis.date)))
    return tuple(out)


@lru_cache(maxsize=65536)
def succession_iri(base: str, body: Body, functions: frozenset[str]) -> str:
    """The succession of a body's duties in these functions: under the body's IRI, named by the functions."""
    return f"{body_iri(base, body)}/succession/{'-'.join(sorted(functions))}"


@lru_cache(maxsize=65536)
def _succession(base: str, body: Body, functions: frozenset[str]) -> tuple[Triples, tuple[Body, ...]]:
    """Who has held the body's duties in these functions since each change that moved them, and the bodies whose
    change events the periods follow; the same for every assignment that names the body, so built once."""
    node = iri(succession_iri(base, body, functions))
    out = [
        _t(node, _TYPE, _vc("Succession")),
        _t(node, _vc("successionOf"), iri(body_iri(base, body))),
        *(_t(node, _vc("function"), _vc(f"function-{f}")) for f in sorted(functions)),
    ]
    followed: list[Body] = []
    found = periods(body, functions)
    for n, period in enumerate(found, start=1):
        until = found[n].since if n < len(found) else None
        period_node = iri(f"{value(node)}/since/{n}")
        out += [
            _t(node, _vc("ownershipPeriod"), period_node),
            _t(period_node, _TYPE, _vc("OwnershipPeriod")),
            _t(period_node, _vc("validFrom"), _date(period.since)),
            _t(period_node, _vc("resolution"), lit(period.owners.status)),
            *([_t(period_node, _vc("validUntil"), _date(until))] if until else []),
        ]
        numbers: list[str] = []
        for change in period.owners.via:
            followed.append(change.original)
            out.append(_t(period_node, _vc("followedChange"), iri(event_iri(base, change))))
            numbers.extend(bases()[i].number for i in change.bases)
        if numbers:
            out.append(_t(period_node, _vc("basisNumbers"), lit(", ".join(dict.fromkeys(numbers)))))
        for k, heir in enumerate(period.owners.heirs, start=1):
            owner = iri(body_iri(base, heir.body))
            share = iri(f"{value(period_node)}/owner/{k}")
            out += [
                _t(period_node, _vc("owner"), owner),
                _t(period_node, _vc("ownerShare"), share),
                _t(share, _TYPE, _vc("OwnerShare")),
                _t(share, _vc("agent"), owner),
            ]
            if heir.share is not None:
                out.append(_t(share, _vc("areaShare"), _decimal(heir.share)))
    return tuple(out), tuple(dict.fromkeys(followed))


@lru_cache(maxsize=65536)
def _unit_events(base: str, change: unit_changes.UnitChange) -> tuple[Triples, tuple[str, ...]]:
    """One change of units, named by what it made (a merger: its result; a split or abolition: its original), and
    the legal basis it cites."""
    if change.kind in ("split", "abolish"):
        local = f"{change.kind}-{change.originals[0].level}-{change.originals[0].code}"
    else:
        local = f"into-{change.results[0].level}-{change.results[0].code}"
    node = iri(f"{base}change/{change.effective}/{local}")
    out = [
        _t(node, _TYPE, _vc("ChangeEvent")),
        _t(node, _vc("changeKind"), _vc(f"change-{change.kind}")),
        _t(node, _vc("effectiveDate"), _date(change.effective)),
        _t(node, _vc("confidence"), lit(change.confidence)),
        _t(node, _vc("changeRule"), lit("unit-conversion")),
    ]
    if change.source:
        out.append(_t(node, iri(DCT + "source"), _uri(change.source)))
    basis_id = next((b.id for b in bases().values() if b.number == change.basis), None)
    if basis_id:
        out += _basis_links(base, node, (basis_id,))
    else:
        out.append(_t(node, _vc("changeNote"), lit("the number of the resolution was not found", "en")))
    for unit in change.originals:
        original = iri(unit_iri(base, from_unit(unit)))
        out += [_t(node, _org("originalOrganization"), original), _t(original, _org("changedBy"), node)]
        if change.kind != "retain":
            out.append(_t(original, _vc("validUntil"), _date(change.effective)))
    for result in change.results:
        j = from_unit(result)
        result_node = iri(unit_iri(base, j))
        out += [_t(node, _org("resultingOrganization"), result_node), _t(result_node, _org("resultedFrom"), node)]
        if j.scheme == "2025":  # a unit of the two-tier system (not a province that held)
            out.append(_t(result_node, _vc("validFrom"), _date(change.effective)))
    return tuple(out), (basis_id,) if basis_id else ()


class ReformWriter:
    """Writes the reorganisation facts of one document, each shared fact once per document."""

    def __init__(self, builder: Builder) -> None:
        self.b = builder  # its lists are extended directly: no subject written to `owned` is under another
        # document's IRI, and no other subject is under this document's
        self.bodies: set[str] = set()  # IRIs of the bodies whose events are written
        self.described: set[str] = set()  # IRIs of the successors described (two spellings can share one IRI)
        self.bases: set[str] = set()  # legal bases written
        self.successions: set[str] = set()  # IRIs of the successions written
        self.units: set[str] = set()  # units whose events are written

    def body(self, body: Body) -> None:
        """The body's change events (reference data), what they say of it and of its successors, the successors'
        descriptions and the legal bases (claims, kept while a document names the body), then the successors'."""
        iri = body_iri(self.b.base, body)
        if iri in self.bodies:
            return
        self.bodies.add(iri)
        events, about_bodies, heirs, cited = _events(self.b.base, body)
        self.b.reference.extend(events)
        self.b.claims.extend(about_bodies)
        for basis_id in cited:
            self._basis(basis_id)
        for heir in heirs:
            heir_iri = body_iri(self.b.base, heir)
            if heir_iri not in self.described and heir_iri not in self.b.seen_agencies:
                self.described.add(heir_iri)
                self.b.claims.extend(_description(self.b.base, heir))
                self.b.unit(heir.jurisdiction)
            self.body(heir)

    def _basis(self, basis_id: str) -> None:
        """A legal basis the events cite: a claim, as every cited document is (its standing, vc:inCorpus, is
        derived for the documents a document's claims name)."""
        if basis_id in self.bases:
            return
        self.bases.add(basis_id)
        self.b.claims.extend(_basis(self.b.base, basis_id))
        self.b.unit(basis_jurisdiction(bases()[basis_id]))

    def unit(self, j: Jurisdiction) -> None:
        """The change events of a pre-2025 unit (from the package's conversion data): reference data."""
        if j.scheme != "pre2025" or not j.known or not j.code or j.key in self.units:
            return
        self.units.add(j.key)
        unit = admin_units.by_code(j.code)
        for change in unit_changes.changes_of(unit) if unit else []:
            triples, cited = _unit_events(self.b.base, change)
            self.b.reference.extend(triples)
            for basis_id in cited:
                self._basis(basis_id)
            for other in (*change.originals, *change.results):
                self.b.unit(from_unit(other))

    # -- the document's link to a succession -----------------------------------------------------------------------

    def ownership(self, assignment: str, body: Body, themes: list[str]) -> None:
        """Link the assignment to the succession of its body in the duty's functions, when a change moved them."""
        functions, inferred = functions_of(themes)
        self.body(body)
        if not periods(body, functions):
            return
        node = succession_iri(self.b.base, body, functions)
        self.b.owned.append(_t(assignment, _vc("succession"), iri(node)))
        if inferred:
            self.b.owned.append(_t(assignment, _vc("functionInferred"), typed("true", "boolean")))
        if node in self.successions:
            return
        self.successions.add(node)
        triples, followed = _succession(self.b.base, body, functions)
        self.b.reference.extend(triples)
        for original in followed:
            self.body(original)
