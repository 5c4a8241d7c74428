"""Turn a ParsedDocument into RDF triples under the vn-cascade ontology, minting stable IRIs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

from loaders import admin_units, doctypes, iris, nt, themes
from loaders.body_changes import Body
from loaders.folding import key, slug
from loaders.jurisdictions import from_unit
from loaders.model import CENTRAL, AgencyRef, DocumentRef, Jurisdiction, ParsedDocument, PartialDate, Span
from loaders.nt import iri, lit, typed, vc
from loaders.reform_graph import ReformWriter
from loaders.source import SourceText
from ontology import DCT, ORG, PROV, RDF, SKOS

_TYPE = iri(RDF + "type")
_RELATION_PROPERTY = {"implements": "implements", "basedOn": "basedOn", "cites": "cites"}
_STRENGTH = {"implements": 3, "basedOn": 2, "cites": 1}
_PARTY_REGISTERS = {"tu": "province", "duk": "province", "hu": "district", "qu": "district", "thu": "district"}
_KIND_WORDS = {
    "huyện": r"huyen",
    "quận": r"quan",
    "thị xã": r"thi xa",
    "thành phố": r"thanh pho",
    "xã": r"(?<!thi )xa",
    "phường": r"phuong",
    "thị trấn": r"thi tran",
}


_DERIVED_FROM = iri(PROV + "wasDerivedFrom")
_PREF_LABEL = iri(SKOS + "prefLabel")
_ALT_LABEL = iri(SKOS + "altLabel")
_TITLE = iri(DCT + "title")


def _date(date: PartialDate) -> str | None:
    lexical = date.lexical()
    return typed(lexical[0], lexical[1]) if lexical else None


@dataclass
class BuiltDocument:
    """A document's triples as N-Triples lines, split by who may assert them.

    `owned`: facts about the document itself and its parts (IRIs under its IRI: obligations, targets, mentions …).
    `claims`: what it says about shared nodes (agencies, cited documents, units it leaves unknown), kept in its
    named graph so that a re-ingest retracts exactly its own claims. `reference`: administrative-unit data from
    the unit catalogue, true whoever mentions the unit.
    """

    iri: str
    graph: str
    owned_lines: list[str]
    claim_lines: list[str]
    reference_lines: list[str]
    parsed: ParsedDocument

    def claims_nt(self) -> bytes:
        """The claims as an N-Triples document."""
        return nt.to_bytes(self.claim_lines)

    def stated_nt(self) -> bytes:
        """What the document states (its claims and its own triples) as an N-Triples document."""
        return nt.to_bytes([*self.claim_lines, *self.owned_lines])

    def reference_nt(self) -> bytes:
        """The reference data it names (units, legal bases, the 2025 changes) as an N-Triples document."""
        return nt.to_bytes(self.reference_lines)

    def triples_nt(self) -> bytes:
        """Every triple (claims, owned, reference) as an N-Triples document."""
        return self.stated_nt() + self.reference_nt()

    @property
    def owned(self) -> list[ox.Triple]:
        return nt.parsed(self.owned_lines)

    @property
    def claims(self) -> list[ox.Triple]:
        return nt.parsed(self.claim_lines)

    @property
    def reference(self) -> list[ox.Triple]:
        return nt.parsed(self.reference_lines)

    @property
    def triples(self) -> list[ox.Triple]:
        return nt.parsed([*self.claim_lines, *self.owned_lines, *self.reference_lines])


class GraphBuilder:
    """Builds the triples of one ParsedDocument; create one per document."""

    def __init__(self, base: str, doc: ParsedDocument) -> None:
        self.base = base
        self.doc = doc
        self.source = SourceText(doc.path, doc.text, origin=doc.origin)  # to locate spans in the file
        self.owned: list[str] = []  # N-Triples lines
        self.claims: list[str] = []
        self.reference: list[str] = []
        self.seen_agencies: set[str] = set()
        self.seen_units: dict[str, str] = {}  # a unit's key -> its node, once described
        self.numbers: dict[str, DocumentRef] = {}
        self.iri = self.document_iri_of(doc)
        self.node = iri(self.iri)
        self.child_prefix = f"<{self.iri}/"  # the terms of the document's parts start so
        self.reform = ReformWriter(self)

    # -- IRIs ---------------------------------------------------------------------------------------

    def unit_iri(self, j: Jurisdiction) -> str:
        return iris.unit_iri(self.base, j)

    def agency_iri(self, ref: AgencyRef) -> str:
        return iris.agency_iri(self.base, ref.label, ref.jurisdiction, ref.group)

    def document_iri_of(self, doc: ParsedDocument) -> str:
        year = doc.date.year if doc.date and doc.date.year else None
        home = doc.jurisdiction
        if doc.number:
            return self.doc_iri(home, year, slug(doc.number))
        digest = hashlib.sha1(key(doc.title or doc.text[:2000]).encode()).hexdigest()[:12]
        return self.doc_iri(home, year, f"{slug(doc.doc_type)}-{digest}")

    def doc_iri(self, j: Jurisdiction, year: int | None, local: str) -> str:
        return iris.doc_iri(self.base, j, year, local)

    # -- triples ------------------------------------------------------------------------------------

    def add(self, s: str, p: str, o: str) -> None:
        """One triple of terms (nt.iri, nt.lit …): the document's own when its subject is the document or a part."""
        owned = s.startswith(self.child_prefix) or s == self.node
        (self.owned if owned else self.claims).append(f"{s} {p} {o} .")

    def provenance(self, node: str, span: Span | None) -> None:
        self.add(node, _DERIVED_FROM, self.node)
        if span is not None:
            self.add(node, vc("sourceText"), lit(span.text))
            self.add(node, vc("sourceStart"), typed(span.start, "integer"))
            self.add(node, vc("sourceEnd"), typed(span.end, "integer"))
            self.locate(node, span)

    def locate(self, node: str, span: Span) -> None:
        """Where in the file (not the text) the span was: "table 2, row 4, cell 3", "paragraph 75"."""
        where = self.source.locate(span.start)
        if where is not None:
            self.add(node, vc("sourceLocation"), lit(where))

    def unit(self, j: Jurisdiction) -> str:
        """The unit's node; catalogue units are described as reference data, unknown ones as this text's claim."""
        node = self.seen_units.get(j.key)
        if node is not None:
            return node
        node = self.seen_units[j.key] = iri(self.unit_iri(j))
        name = j.name
        catalogued = admin_units.by_code(j.code) if j.known and j.code and j.scheme == "pre2025" else None
        if catalogued is not None:  # one preferred name a unit; the name it had on the document's day beside it
            name = from_unit(catalogued).name
        facts: list[tuple[str, str]] = [
            (_TYPE, vc("AdministrativeUnit")),
            (_PREF_LABEL, lit(name[:1].upper() + name[1:], "vi")),
            (vc("level"), lit(j.level)),
            (vc("levelConcept"), vc(f"level-{j.level}")),
            (vc("known"), typed("true" if j.known else "false", "boolean")),
        ]
        if name != j.name:
            facts.append((_ALT_LABEL, lit(j.name[:1].upper() + j.name[1:], "vi")))
        if j.code:
            facts.append((vc("unitCode"), lit(j.code)))
        if j.parent is not None:
            facts.append((vc("partOf"), self.unit(j.parent)))
        for p, o in facts:
            if j.known:
                self.reference.append(f"{node} {p} {o} .")
            else:
                self.add(node, p, o)
        self.reform.unit(j)
        return node

    def agency(self, ref: AgencyRef) -> str:
        agency_iri = self.agency_iri(ref)
        node = iri(agency_iri)
        if agency_iri in self.seen_agencies:
            return node
        self.seen_agencies.add(agency_iri)
        self.add(node, _TYPE, vc("AgencyGroup" if ref.group else "Agency"))
        self.add(node, _PREF_LABEL, lit(ref.label, "vi"))
        if key(ref.alias) != key(ref.label):
            self.add(node, _ALT_LABEL, lit(ref.alias, "vi"))
        self.add(node, vc("jurisdiction"), self.unit(ref.jurisdiction))
        self.add(node, vc("level"), lit(ref.level))
        self.add(node, vc("agencyKind"), vc(f"kind-{ref.kind}"))
        if not ref.resolved:
            self.add(node, vc("resolved"), typed("false", "boolean"))
        if ref.parent is not None:
            self.add(node, iri(ORG + "subOrganizationOf"), self.agency(ref.parent))
        if ref.group:
            self._group(node, ref)
        self.reform.body(Body.of(ref))
        mention = iri(f"{self.iri}/mention/{len(self.seen_agencies)}")
        self.add(self.node, vc("hasMention"), mention)
        self.add(mention, _TYPE, vc("Mention"))
        self.add(mention, vc("mentions"), node)
        self.provenance(mention, ref.span)
        return node

    def _group(self, node: str, ref: AgencyRef) -> None:
        if ref.group_size is not None:
            self.add(node, vc("groupSize"), typed(ref.group_size, "integer"))
        if ref.member_level:
            self.add(node, vc("memberLevel"), lit(ref.member_level))
        if ref.member_kind:
            self.add(node, vc("memberKind"), vc(f"kind-{ref.member_kind}"))
        self.add(node, vc("vague"), typed("true" if ref.vague else "false", "boolean"))
        for member in self._members(ref):
            self.add(node, vc("member"), member)

    def _members(self, ref: AgencyRef) -> list[str]:
        """The real units a group stands for, when its jurisdiction and member kind are known."""
        j = ref.jurisdiction
        if not (j.known and j.code and ref.member_kind and ref.member_level in ("district", "commune")):
            return []
        folded = key(ref.alias)
        kinds = {kind for kind, word in _KIND_WORDS.items() if re.search(rf"(?<![a-z]){word}(?![a-z])", folded)}
        out = []
        for unit in admin_units.children(j.code):
            if unit.level != ref.member_level or (kinds and unit.kind not in kinds):
                continue
            uj = from_unit(unit)
            label = f"Ủy ban nhân dân {uj.name}" if ref.member_kind == "people-committee" else f"Đảng ủy {uj.name}"
            member = AgencyRef(label, label, ref.member_kind, uj.level, uj, ref.span)
            out.append(self.agency(member))
        return out

    # -- the document -------------------------------------------------------------------------------

    def build(self) -> BuiltDocument:
        doc, node = self.doc, self.node
        self._type(node, doc.doc_type)
        self.add(node, vc("inCorpus"), typed("true", "boolean"))
        self.add(node, vc("jurisdiction"), self.unit(doc.jurisdiction))
        if doc.number:
            self.add(node, vc("documentNumber"), lit(doc.number))
        if doc.number_suffix:
            self.add(node, vc("numberSuffix"), lit(doc.number_suffix))
        if doc.date and (date := _date(doc.date)) is not None:
            self.add(node, vc("issuedOn"), date)
        if doc.title:
            self.add(node, _TITLE, lit(doc.title, "vi"))
        if doc.place:
            self.add(node, vc("place"), lit(doc.place))
        if doc.issuer is not None:
            self.add(node, vc("issuedBy"), self.agency(doc.issuer))
        self.add(node, vc("text"), lit(doc.text))
        self.add(node, vc("sourceFile"), lit(PurePath(doc.path).name))
        self.add(node, vc("contentHash"), lit(hashlib.sha1(doc.text.encode()).hexdigest()))
        self.add(node, vc("sourceFormat"), lit(doc.source_format))
        if doc.encoding is not None:
            self.add(node, vc("sourceEncoding"), lit(doc.encoding))
        if doc.file_digest is not None:
            self.add(node, vc("fileDigest"), lit(doc.file_digest))
        span = doc.title_span or doc.type_span
        self.add(node, vc("sourceText"), lit(span.text))
        self.add(node, vc("sourceStart"), typed(span.start, "integer"))
        self.add(node, vc("sourceEnd"), typed(span.end, "integer"))
        self.locate(node, span)
        if doc.signature is not None:
            for prop, value in (
                ("signer", doc.signature.signer),
                ("signerPosition", doc.signature.position),
                ("signingAuthority", doc.signature.authority),
            ):
                if value:
                    self.add(node, vc(prop), lit(value))
        for ref in doc.distribution:
            self.add(node, vc("distributedTo"), self.agency(ref))
        self._references()
        self._obligations()
        self._targets()
        self._duties()
        self._issues()
        self._digest()
        graph = f"{self.base}graph/{self.iri[len(self.base) :]}"
        return BuiltDocument(self.iri, graph, self.owned, self.claims, self.reference, doc)

    def _digest(self) -> None:
        """vc:buildDigest: SHA-1 of every line built so far, so that whatever changes the document's triples (its
        text, or the parser or builder) changes it; the Neo4j sync compares it to skip unchanged documents. The lines
        are sorted: their order may follow a set's, which differs between processes."""
        lines = "\n".join(sorted({*self.claims, *self.owned, *self.reference})).encode()
        self.add(self.node, vc("buildDigest"), lit(hashlib.sha1(lines).hexdigest()))

    def _type(self, node: str, doc_type: str) -> None:
        self.add(node, _TYPE, vc(doc_type))
        self.add(node, _TYPE, vc("PolicyDocument"))
        self.add(node, vc("documentType"), vc(f"doctype-{doc_type.lower()}"))

    # -- references ---------------------------------------------------------------------------------

    def _remember_numbers(self, refs: list[DocumentRef]) -> None:
        for ref in refs:
            known = self.numbers.get(ref.number or "")
            if ref.number and (known is None or (ref.issuer and not known.issuer) or (ref.date and not known.date)):
                self.numbers[ref.number] = DocumentRef(
                    ref.relation,
                    ref.number,
                    ref.doc_type,
                    ref.span,
                    ref.date or (known.date if known else None),
                    ref.issuer or (known.issuer if known else None),
                )
            self._remember_numbers(ref.implements)

    def _cited_iri(self, ref: DocumentRef) -> tuple[str, Jurisdiction, PartialDate | None, AgencyRef | None]:
        """IRI of a cited document per the identity rules: issuer's jurisdiction, year, number."""
        best = self.numbers.get(ref.number or "") if ref.number else None
        issuer = ref.issuer or (best.issuer if best else None)
        date = ref.date or (best.date if best else None)
        if issuer is not None:
            issuer = issuer.parent or issuer
        j = self._cited_jurisdiction(ref, issuer)
        year = date.year if date else None
        if ref.number:
            return self.doc_iri(j, year, slug(ref.number)), j, date, issuer
        return self.doc_iri(CENTRAL, year, slug(ref.title or "untitled")), CENTRAL, date, issuer

    def _cited_jurisdiction(self, ref: DocumentRef, issuer: AgencyRef | None) -> Jurisdiction:
        register = doctypes.register_of(ref.number) if ref.number else None
        if register and doctypes.REGISTERS.get(register, ("", ""))[1] == "central":
            return CENTRAL
        if issuer is not None:
            return issuer.jurisdiction
        home = self.doc.jurisdiction
        level = _PARTY_REGISTERS.get(register or "")
        if level and (found := home.up(level)) is not None:
            return found
        return Jurisdiction(
            key=f"unknown-{self.doc.scope}",
            level="unknown",
            name="(chưa xác định)",
            known=False,
            short="(chưa xác định)",
            parent=CENTRAL,
        )

    def cited(self, ref: DocumentRef) -> str:
        cited_iri, j, date, issuer = self._cited_iri(ref)
        node = iri(cited_iri)
        if cited_iri == self.iri:
            return node
        self._type(node, ref.doc_type)
        self.add(node, vc("jurisdiction"), self.unit(j))
        if ref.number:
            self.add(node, vc("documentNumber"), lit(ref.number))
        if ref.title:
            self.add(node, _TITLE, lit(ref.title, "vi"))
        if date is not None and (issued := _date(date)) is not None:
            self.add(node, vc("issuedOn"), issued)
        if issuer is not None:
            self.add(node, vc("issuedBy"), self.agency(issuer))
        self.add(node, _DERIVED_FROM, self.node)  # the exact text: its DocumentReference
        return node

    def _references(self) -> None:
        self._remember_numbers(self.doc.references)
        relations: dict[tuple[str, str], tuple[str, Span]] = {}

        def visit(source: str, ref: DocumentRef, relation: str) -> None:
            target = self.cited(ref)
            pair = (nt.value(source), nt.value(target))
            if pair[0] != pair[1]:
                held = relations.get(pair)
                if held is None or _STRENGTH[relation] > _STRENGTH[held[0]]:
                    relations[pair] = (relation, ref.span)
            for nested in ref.implements:
                visit(target, nested, "implements")

        for ref in self.doc.references:
            visit(self.node, ref, ref.relation)
        for n, ((source, target), (relation, span)) in enumerate(sorted(relations.items())):
            s, t = iri(source), iri(target)
            self.add(s, vc(_RELATION_PROPERTY[relation]), t)
            ref_node = iri(f"{self.iri}/reference/{n + 1}")
            self.add(self.node, vc("hasReference"), ref_node)
            self.add(ref_node, _TYPE, vc("DocumentReference"))
            self.add(ref_node, vc("fromDocument"), s)
            self.add(ref_node, vc("toDocument"), t)
            self.add(ref_node, vc("relation"), vc(f"relation-{relation}"))
            self.provenance(ref_node, span)

    # -- obligations, targets, duties, issues -------------------------------------------------------

    def _obligations(self) -> None:
        for ob in self.doc.obligations:
            node = iri(f"{self.iri}/obligation/{slug(ob.section_path)}")
            self.add(self.node, vc("hasObligation"), node)
            self.add(node, _TYPE, vc("Obligation"))
            self.add(node, vc("sectionPath"), lit(ob.section_path))
            self.add(node, vc("obligationKind"), lit(ob.kind))
            if ob.title:
                self.add(node, _TITLE, lit(ob.title, "vi"))
            if ob.requested:
                self.add(node, vc("requestedOnly"), typed("true", "boolean"))
            if ob.timeframe:
                self.add(node, vc("timeframe"), lit(ob.timeframe[0]))
            tagged = themes.tag(ob.title, ob.span.text)
            for theme in tagged:
                self.add(node, vc("theme"), iri(theme))
            lead_role = "requested" if ob.requested else "lead-inferred" if ob.lead_inferred else "lead"
            roles = [
                ("leadAgency", lead_role, ob.leads),
                ("supportingAgency", "support", ob.supports),
                ("requiresDocumentFrom", "plan-issuer", ob.requires_plan_from),
            ]
            n = 0
            for prop, role, refs in roles:
                for ref in refs:
                    agent = self.agency(ref)
                    self.add(node, vc(prop), agent)
                    if prop == "leadAgency" and ob.lead_inferred:
                        self.add(node, vc("inferredLeadAgency"), agent)
                    n += 1
                    assignment = iri(f"{nt.value(node)}/assignment/{n}")
                    self.add(node, vc("hasAssignment"), assignment)
                    self.add(assignment, _TYPE, vc("Assignment"))
                    self.add(assignment, vc("agent"), agent)
                    self.add(assignment, vc("role"), vc(f"role-{role}"))
                    inferred = prop == "leadAgency" and ob.lead_inferred and ob.lead_evidence is not None
                    self.provenance(assignment, ob.lead_evidence if inferred else ref.span)
                    self.reform.ownership(assignment, Body.of(ref), tagged)
            self.provenance(node, ob.span)

    def _targets(self) -> None:
        for n, t in enumerate(self.doc.targets, start=1):
            node = iri(f"{self.iri}/target/{n}")
            self.add(self.node, vc("hasTarget"), node)
            self.add(node, _TYPE, vc("Target"))
            self.add(node, vc("indicator"), lit(t.indicator))
            self.add(node, vc("targetValue"), typed(t.value, "decimal"))
            self.add(node, vc("unit"), lit(t.unit))
            self.add(node, vc("comparator"), lit(t.comparator))
            if t.year is not None:
                self.add(node, vc("targetYear"), typed(t.year, "integer"))
            self.add(node, vc("sectionPath"), lit(t.section_path))
            self.provenance(node, t.span)

    def _duties(self) -> None:
        for n, d in enumerate(self.doc.duties, start=1):
            node = iri(f"{self.iri}/reporting/{n}")
            self.add(self.node, vc("hasReportingDuty"), node)
            self.add(node, _TYPE, vc("ReportingDuty"))
            for prop, refs in (("reporter", d.reporters), ("recipient", d.recipients), ("via", d.via)):
                for ref in refs:
                    self.add(node, vc(prop), self.agency(ref))
            if d.frequency:
                self.add(node, vc("frequency"), lit(d.frequency))
            if d.due and d.due_year:
                self.add(node, vc("dueDate"), typed(f"{d.due_year:04d}-{d.due[0]:02d}-{d.due[1]:02d}", "date"))
            elif d.due:
                self.add(node, vc("dueDay"), typed(f"--{d.due[0]:02d}-{d.due[1]:02d}", "gMonthDay"))
            self.add(node, vc("sectionPath"), lit(d.section_path))
            self.provenance(node, d.span)

    def _issues(self) -> None:
        for n, issue in enumerate(self.doc.issues, start=1):
            node = iri(f"{self.iri}/issue/{n}")
            self.add(self.node, vc("hasIssue"), node)
            self.add(node, _TYPE, vc("DataIssue"))
            self.add(node, vc("issueCode"), lit(issue.code))
            self.add(node, iri(SKOS + "note"), lit(issue.message, "en"))
            self.provenance(node, issue.span)


def build(doc: ParsedDocument, base: str) -> BuiltDocument:
    """Triples for one parsed document."""
    return GraphBuilder(base, doc).build()
