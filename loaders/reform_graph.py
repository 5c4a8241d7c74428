"""The 2025 reorganisation in a document's graph: the change events of the units it names (reference data, like
the units), the change events of the bodies it names and of their successors (claims: kept while a document names
the body), and, for each assignment, who has held its duty since each change (the document's own derived facts,
marked as derived from the assignment and the events followed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol

import pyoxigraph as ox

from loaders import admin_units, unit_changes
from loaders.body_changes import Body, BodyChange, bases, basis_jurisdiction, changes_of
from loaders.folding import slug
from loaders.jurisdictions import from_unit
from loaders.model import Jurisdiction
from loaders.succession import Period, functions_of, periods
from ontology import DCT, ORG, RDF, SKOS, VC, XSD


class Builder(Protocol):
    """What the writer needs of the document's GraphBuilder."""

    base: str
    reference: list[ox.Triple]

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None: ...

    def unit(self, j: Jurisdiction) -> ox.NamedNode: ...

    def doc_iri(self, j: Jurisdiction, year: int | None, local: str) -> str: ...


_TYPE = ox.NamedNode(RDF + "type")
Write = Callable[[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal], None]


def _vc(name: str) -> ox.NamedNode:
    return ox.NamedNode(VC + name)


def _org(name: str) -> ox.NamedNode:
    return ox.NamedNode(ORG + name)


def _decimal(value: float) -> ox.Literal:
    """An xsd:decimal in the canonical form the store keeps ("0.098", "1"), so a rebuilt triple equals a stored one."""
    return ox.Literal(f"{value:.4f}".rstrip("0").rstrip("."), datatype=ox.NamedNode(XSD + "decimal"))


def _date(iso: str) -> ox.Literal:
    return ox.Literal(iso, datatype=ox.NamedNode(XSD + "date"))


class ReformWriter:
    """Writes the reorganisation facts for one GraphBuilder."""

    def __init__(self, builder: Builder) -> None:
        self.b = builder
        self.done: set[str] = set()  # IRIs of bodies and events already written
        self.written: set[tuple[str, Write]] = set()  # legal bases already written, as reference data or as claims
        self.unit_done: set[str] = set()

    # -- reference data --------------------------------------------------------------------------------------------

    def _ref(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.b.reference.append(ox.Triple(s, p, o))

    def _claim(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.b.add(s, p, o)

    def body_iri(self, body: Body) -> str:
        kind = "group" if body.group else "agency"
        return f"{self.b.base}{kind}/{body.jurisdiction.key}/{slug(body.label)}"

    def body(self, body: Body) -> ox.NamedNode:
        """The body's node with its change events and, through them, its successors'."""
        node = ox.NamedNode(self.body_iri(body))
        if node.value in self.done:
            return node
        self.done.add(node.value)
        for change in changes_of(body):
            self._event(node, change)
        return node

    def _successor(self, body: Body, since: str) -> ox.NamedNode:
        """A body the text never named, known only as a successor: described as reference data."""
        node = ox.NamedNode(self.body_iri(body))
        if node.value not in self.done:
            self._claim(node, _TYPE, _vc("AgencyGroup" if body.group else "Agency"))
            self._claim(node, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(body.label, language="vi"))
            self._claim(node, _vc("jurisdiction"), self.b.unit(body.jurisdiction))
            self._claim(node, _vc("level"), ox.Literal(body.level))
            self._claim(node, _vc("agencyKind"), _vc(f"kind-{body.kind}"))
            if body.jurisdiction.scheme == "2025":
                self._claim(node, _vc("validFrom"), _date(since))
            if body.member_kind:
                self._claim(node, _vc("memberKind"), _vc(f"kind-{body.member_kind}"))
        return self.body(body)

    def _event(self, original: ox.NamedNode, change: BodyChange) -> ox.NamedNode:
        digest = hashlib.sha1(
            f"{original.value}|{change.rule}|{change.kind}|{change.function}|{change.effective}".encode()
        ).hexdigest()[:16]
        node = ox.NamedNode(f"{self.b.base}change/{change.effective}/{digest}")
        if node.value in self.done:
            return node
        self.done.add(node.value)
        add = self._claim
        add(node, _TYPE, _vc("ChangeEvent"))
        add(node, _vc("changeKind"), _vc(f"change-{change.kind}"))
        add(node, _org("originalOrganization"), original)
        add(original, _org("changedBy"), node)
        add(node, _vc("effectiveDate"), _date(change.effective))
        add(node, _vc("confidence"), ox.Literal(change.confidence))
        add(node, _vc("changeRule"), ox.Literal(change.rule))
        self._bases(node, change.bases, self._claim)
        if change.function:
            add(node, _vc("transferredFunction"), _vc(f"function-{change.function}"))
        if change.candidates:
            add(node, _vc("candidateResults"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")))
        if change.note:
            add(node, _vc("changeNote"), ox.Literal(change.note, language="en"))
        if change.source:
            add(node, ox.NamedNode(DCT + "source"), ox.Literal(change.source, datatype=ox.NamedNode(XSD + "anyURI")))
        if change.function is None and change.kind != "transfer-function":
            add(original, _vc("validUntil"), _date(change.effective))
        for n, heir in enumerate(change.heirs, start=1):
            result = self._successor(heir.body, change.effective)
            add(node, _org("resultingOrganization"), result)
            add(result, _org("resultedFrom"), node)
            if heir.share is not None:
                share = ox.NamedNode(f"{node.value}/share/{n}")
                add(node, _vc("resultShare"), share)
                add(share, _TYPE, _vc("OwnerShare"))
                add(share, _vc("agent"), result)
                add(share, _vc("areaShare"), _decimal(heir.share))
        return node

    def _bases(self, node: ox.NamedNode, ids: tuple[str, ...], add: Write) -> None:
        known = bases()
        numbers = [known[i].number for i in ids]
        for i in ids:
            add(node, _vc("legalBasis"), self._basis(i, add))
        if numbers:
            add(node, _vc("basisNumbers"), ox.Literal(", ".join(numbers)))

    def _basis(self, basis_id: str, add: Write) -> ox.NamedNode:
        basis = bases()[basis_id]
        j = basis_jurisdiction(basis)
        year = int(basis.date[:4]) if basis.date else None
        node = ox.NamedNode(self.b.doc_iri(j, year, slug(basis.number)))
        if (node.value, add) in self.written:
            return node
        self.written.add((node.value, add))
        add(node, _TYPE, _vc(basis.type))
        add(node, _TYPE, _vc("PolicyDocument"))
        add(node, _vc("documentType"), _vc(f"doctype-{basis.type.lower()}"))
        add(node, _vc("documentNumber"), ox.Literal(basis.number))
        add(node, ox.NamedNode(DCT + "title"), ox.Literal(basis.title, language="vi"))
        add(node, _vc("jurisdiction"), self.b.unit(j))
        if basis.date:
            add(node, _vc("issuedOn"), _date(basis.date))
        add(node, ox.NamedNode(DCT + "source"), ox.Literal(basis.source, datatype=ox.NamedNode(XSD + "anyURI")))
        return node

    # -- units ------------------------------------------------------------------------------------------------------

    def unit(self, j: Jurisdiction, unit_node: Callable[[Jurisdiction], ox.NamedNode]) -> None:
        """The change events of a pre-2025 unit (from the package's conversion data)."""
        if j.scheme != "pre2025" or not j.known or not j.code or j.key in self.unit_done:
            return
        self.unit_done.add(j.key)
        unit = admin_units.by_code(j.code)
        if unit is None:
            return
        for change in unit_changes.changes_of(unit):
            self._unit_event(change, unit_node)

    def _unit_event(self, change: unit_changes.UnitChange, unit_node: Callable[[Jurisdiction], ox.NamedNode]) -> None:
        """One change of units, named by what it made (a merger: its result; a split or abolition: its original)."""
        if change.kind in ("split", "abolish"):
            local = f"{change.kind}-{change.originals[0].level}-{change.originals[0].code}"
        else:
            local = f"into-{change.results[0].level}-{change.results[0].code}"
        node = ox.NamedNode(f"{self.b.base}change/{change.effective}/{local}")
        if node.value in self.done:
            return
        self.done.add(node.value)
        add = self._ref
        add(node, _TYPE, _vc("ChangeEvent"))
        add(node, _vc("changeKind"), _vc(f"change-{change.kind}"))
        add(node, _vc("effectiveDate"), _date(change.effective))
        add(node, _vc("confidence"), ox.Literal(change.confidence))
        add(node, _vc("changeRule"), ox.Literal("unit-conversion"))
        if change.source:
            add(node, ox.NamedNode(DCT + "source"), ox.Literal(change.source, datatype=ox.NamedNode(XSD + "anyURI")))
        basis_id = next((b.id for b in bases().values() if b.number == change.basis), None)
        if basis_id:
            self._bases(node, (basis_id,), self._ref)
        else:
            add(node, _vc("changeNote"), ox.Literal("the number of the resolution was not found", language="en"))
        for unit in change.originals:
            original = unit_node(from_unit(unit))
            add(node, _org("originalOrganization"), original)
            add(original, _org("changedBy"), node)
            if change.kind != "retain":
                add(original, _vc("validUntil"), _date(change.effective))
        for result in change.results:
            result_node = unit_node(from_unit(result))
            add(node, _org("resultingOrganization"), result_node)
            add(result_node, _org("resultedFrom"), node)
            if from_unit(result).scheme == "2025":  # a unit of the two-tier system (not a province that held)
                add(result_node, _vc("validFrom"), _date(change.effective))

    # -- the document's derived facts ------------------------------------------------------------------------------

    def ownership(self, assignment: ox.NamedNode, body: Body, themes: list[str]) -> None:
        """Who has held the assignment's duty since each change: owned by the document, derived from the events."""
        functions, inferred = functions_of(themes)
        self.body(body)
        for n, period in enumerate(periods(body, functions), start=1):
            self._period(assignment, n, period, inferred)

    def _period(self, assignment: ox.NamedNode, n: int, period: Period, inferred: bool) -> None:
        add = self.b.add
        node = ox.NamedNode(f"{assignment.value}/since/{n}")
        add(assignment, _vc("ownershipPeriod"), node)
        add(node, _TYPE, _vc("OwnershipPeriod"))
        add(node, _vc("validFrom"), _date(period.since))
        add(node, _vc("resolution"), ox.Literal(period.owners.status))
        if inferred:
            add(node, _vc("functionInferred"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")))
        add(node, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), assignment)
        numbers: list[str] = []
        for change in period.owners.via:
            event = self._event(self.body(change.original), change)
            add(node, _vc("followedChange"), event)
            numbers.extend(bases()[i].number for i in change.bases)
        if numbers:
            add(node, _vc("basisNumbers"), ox.Literal(", ".join(dict.fromkeys(numbers))))
        for k, heir in enumerate(period.owners.heirs, start=1):
            owner = self._successor(heir.body, period.since)
            add(node, _vc("owner"), owner)
            share = ox.NamedNode(f"{node.value}/owner/{k}")
            add(node, _vc("ownerShare"), share)
            add(share, _TYPE, _vc("OwnerShare"))
            add(share, _vc("agent"), owner)
            if heir.share is not None:
                add(share, _vc("areaShare"), _decimal(heir.share))
