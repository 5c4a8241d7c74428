"""Plain data extracted from one plan: documents, agencies, obligations, targets, reporting duties."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from loaders.source import Segment


@dataclass(frozen=True)
class Span:
    """Where a fact stands: offsets into the canonical text and the exact text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Jurisdiction:
    """An administrative unit (or the central level, or a unit the text leaves unknown)."""

    key: str
    level: str  # central | province | district | commune
    name: str
    code: str | None = None
    parent: Jurisdiction | None = None
    known: bool = True
    short: str = ""  # the unit's own name without its type word ("Lai Châu")
    scheme: str = "pre2025"  # "2025": a unit of the two-tier system in force from 1 July 2025

    def __hash__(self) -> int:  # the key tells units apart; hashing every field (and every parent) is slow
        return hash(self.key)

    def up(self, level: str) -> Jurisdiction | None:
        """This unit or its ancestor at `level`."""
        j: Jurisdiction | None = self
        while j is not None and j.level != level:
            j = j.parent
        return j


CENTRAL = Jurisdiction(key="central", level="central", name="Trung ương", short="Trung ương")


@dataclass(frozen=True)
class PartialDate:
    """A date whose day or month may be left blank in the text."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def lexical(self) -> tuple[str, str] | None:
        """(lexical form, XSD datatype local name), or None when even the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}", "gYear"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}", "gYearMonth"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}", "date"


@dataclass(frozen=True)
class AgencyRef:
    """A resolved mention of an agency or of a group of agencies."""

    label: str  # canonical Vietnamese name, NFC
    alias: str  # the name as written, tidied
    kind: str  # agency-kind concept (people-committee, department, group, ...)
    level: str  # central | province | district | commune | bloc | unknown
    jurisdiction: Jurisdiction
    span: Span
    group: bool = False
    group_size: int | None = None
    member_kind: str | None = None
    member_level: str | None = None
    vague: bool = False
    resolved: bool = True
    parent: AgencyRef | None = None  # e.g. the Tỉnh ủy of its Ban Thường vụ


@dataclass
class DocumentRef:
    """A document named in the text, with what the text says about it."""

    relation: str  # implements | basedOn | cites
    number: str | None
    doc_type: str
    span: Span
    date: PartialDate | None = None
    issuer: AgencyRef | None = None
    jurisdiction: Jurisdiction | None = None
    title: str | None = None
    implements: list[DocumentRef] = field(default_factory=list)


@dataclass
class Obligation:
    """A duty the plan assigns: a numbered task or an agency's paragraph under Tổ chức thực hiện."""

    section_path: str
    kind: str  # task | assignment
    span: Span
    title: str
    leads: list[AgencyRef] = field(default_factory=list)
    supports: list[AgencyRef] = field(default_factory=list)
    requested: bool = False  # "Đề nghị ..." asks a body the issuer does not command
    timeframe: tuple[str, Span] | None = None
    requires_plan_from: list[AgencyRef] = field(default_factory=list)
    lead_inferred: bool = False  # leads taken from the heading or addressee above the item, not the item itself
    lead_evidence: Span | None = None  # where an inferred lead is written


@dataclass
class Target:
    """One number of a numeric target (chỉ tiêu)."""

    indicator: str
    value: Decimal
    unit: str
    comparator: str
    year: int | None
    span: Span
    section_path: str


@dataclass
class ReportingDuty:
    """Who reports to whom, through whom, how often and by which day."""

    reporters: list[AgencyRef]
    recipients: list[AgencyRef]
    via: list[AgencyRef]
    frequency: str | None
    due: tuple[int, int] | None  # (month, day)
    span: Span
    section_path: str
    due_year: int | None = None  # set for a one-off deadline ("trước ngày 30/11/2025"), None for a yearly day


@dataclass
class Signature:
    """The signature block: on whose behalf, position, signer."""

    authority: str | None
    position: str | None
    signer: str | None
    span: Span


@dataclass
class Issue:
    """A data-quality note: a gap or defect found while parsing (kept as a warning in the graph)."""

    code: str
    message: str
    span: Span | None = None


@dataclass
class ParsedDocument:
    """Everything extracted from one plan, with provenance spans into `text`."""

    path: str
    text: str
    doc_type: str
    type_span: Span
    number: str | None
    number_suffix: str | None
    number_span: Span | None
    issuer: AgencyRef | None
    jurisdiction: Jurisdiction
    scope: str  # key for the units and documents this text leaves unknown
    place: str | None
    date: PartialDate | None
    date_span: Span | None
    title: str | None
    title_span: Span | None
    references: list[DocumentRef] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    duties: list[ReportingDuty] = field(default_factory=list)
    distribution: list[AgencyRef] = field(default_factory=list)
    distribution_text: list[Span] = field(default_factory=list)
    signature: Signature | None = None
    issues: list[Issue] = field(default_factory=list)
    origin: tuple[Segment, ...] = ()  # for a file other than text: where each stretch of `text` was in it
    source_format: str = "text"  # what the file was: text, docx, html, pdf, …
    encoding: str | None = None  # the encoding before Unicode the text was converted from
    file_digest: str | None = None  # "sha256:…" of the file's bytes
