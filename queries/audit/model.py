"""What an audit finding is: a typed, graded gap with bilingual explanations, the nodes involved and evidence."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from queries.read.model import Evidence

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class FindingType:
    """A kind of gap a detector reports, documented in both languages."""

    name: str
    family: str
    severity: str
    vi: str
    en: str


@dataclass(frozen=True)
class Finding:
    """One gap: its type, severity, a one-line explanation in Vietnamese and English, the IRIs involved
    (documents, obligations, agencies) and the evidence; `details` holds type-specific values."""

    type: str
    severity: str
    message_vi: str
    message_en: str
    documents: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    details: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")

    @property
    def id(self) -> str:
        """Stable across runs over the same data: the type, the nodes involved, where the evidence is and the
        type-specific details (a theme, a target)."""
        spans = sorted(f"{e.document}#{e.start}-{e.end}" for e in self.evidence)
        subject = "|".join(
            [
                self.type,
                *sorted(self.documents),
                *sorted(self.obligations),
                *sorted(self.agencies),
                *spans,
                json.dumps(self.details, sort_keys=True, ensure_ascii=False, default=str),
            ]
        )
        return hashlib.sha1(subject.encode()).hexdigest()[:16]

    def involves(self, iri: str) -> bool:
        """Whether the finding names this node, or quotes evidence from this document."""
        return (
            iri in self.documents
            or iri in self.obligations
            or iri in self.agencies
            or any(e.document == iri for e in self.evidence)
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """The finding `as_dict` gave (its id is derived, not read)."""
        return cls(
            data["type"],
            data["severity"],
            data["message_vi"],
            data["message_en"],
            tuple(data["documents"]),
            tuple(data["obligations"]),
            tuple(data["agencies"]),
            tuple(Evidence(**e) for e in data["evidence"]),
            data["details"],
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "severity": self.severity,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "documents": list(self.documents),
            "obligations": list(self.obligations),
            "agencies": list(self.agencies),
            "evidence": [e.as_dict() for e in self.evidence],
            "details": self.details,
        }
