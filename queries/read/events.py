"""Implementation events as readers see them: what was recorded about obligations, reporting duties and documents,
with who recorded it, when, and the evidence; an event another one retracts is kept, and marked so."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from loaders.events import kind_of
from loaders.read_index import values
from queries.read.model import ReadModel, in_order

_EVENTS = """SELECT ?e ?kind ?c ?on ?at ?by ?actor ?due ?note ?file ?fname ?doc ?text ?s ?end ?retracts ?inferred
WHERE { {VALUES} ?e a vc:ImplementationEvent ; vc:eventKind ?kind ; vc:concerns ?c ; vc:occurredOn ?on ;
    vc:recordedAt ?at ; vc:recordedBy ?by .
  OPTIONAL { ?e vc:actor ?actor } OPTIONAL { ?e vc:forDueDate ?due } OPTIONAL { ?e vc:evidenceNote ?note }
  OPTIONAL { ?e vc:evidenceFile ?file } OPTIONAL { ?e vc:evidenceFileName ?fname }
  OPTIONAL { ?e vc:evidenceDocument ?doc } OPTIONAL { ?e vc:evidenceText ?text }
  OPTIONAL { ?e vc:evidenceStart ?s } OPTIONAL { ?e vc:evidenceEnd ?end }
  OPTIONAL { ?e vc:retracts ?retracts } OPTIONAL { ?e vc:matchInferred ?inferred } }"""
_OF_DOCUMENT = (
    """SELECT DISTINCT ?n WHERE { {VALUES} { ?d vc:hasObligation ?n } UNION { ?d vc:hasReportingDuty ?n } }"""
)


@dataclass(frozen=True)
class Event:
    """One recorded event; `retracted_by` names the later event that took it back, if any."""

    iri: str
    kind: str
    concerns: str
    occurred_on: dt.date
    recorded_at: str
    recorded_by: str
    actor: str | None = None
    for_due_date: dt.date | None = None
    note: str | None = None
    file: str | None = None
    file_name: str | None = None
    document: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    retracts: str | None = None
    inferred: bool = False
    retracted_by: str | None = None

    @property
    def standing(self) -> bool:
        """Whether it counts as evidence: neither taken back nor itself a retraction."""
        return self.retracted_by is None and self.retracts is None

    def as_dict(self, label: Any = None) -> dict[str, Any]:
        """The event as JSON; `label(iri)` names what it concerns and its actor when given (node_label does)."""
        body: dict[str, Any] = {
            "iri": self.iri,
            "kind": self.kind,
            "concerns": self.concerns,
            "occurredOn": self.occurred_on.isoformat(),
            "recordedAt": self.recorded_at,
            "recordedBy": self.recorded_by,
            "actor": self.actor,
            "forDueDate": self.for_due_date.isoformat() if self.for_due_date else None,
            "evidence": {
                "note": self.note,
                "file": self.file,
                "fileName": self.file_name,
                "document": self.document,
                "text": self.quote,
                "start": self.start,
                "end": self.end,
            },
            "retracts": self.retracts,
            "retractedBy": self.retracted_by,
            "inferred": self.inferred,
        }
        if label is not None:
            body["concernsLabel"] = label(self.concerns)
            body["actorLabel"] = label(self.actor) if self.actor else None
        return body


def read(model: ReadModel, concerning: Iterable[str] | None = None) -> list[Event]:
    """The events about these nodes (every event when None), in the order they happened, then were recorded."""
    chosen = None if concerning is None else sorted(set(concerning))
    if chosen == []:
        return []
    rows = model.rows(_EVENTS.replace("{VALUES}", values("c", chosen)))
    events = [
        Event(
            iri=e,
            kind=kind_of(kind),
            concerns=c,
            occurred_on=dt.date.fromisoformat(on),
            recorded_at=at,
            recorded_by=by,
            actor=actor,
            for_due_date=dt.date.fromisoformat(due) if due else None,
            note=note,
            file=file,
            file_name=fname,
            document=doc,
            quote=text,
            start=int(s) if s is not None else None,
            end=int(end) if end is not None else None,
            retracts=retracts,
            inferred=inferred == "true",
        )
        for e, kind, c, on, at, by, actor, due, note, file, fname, doc, text, s, end, retracts, inferred in in_order(
            rows, 3, 4, 0
        )
    ]
    # a retraction concerns the same node as the event it takes back (loaders.events checks), so both are read
    taken_back = {e.retracts: e.iri for e in events if e.retracts}
    return [replace(e, retracted_by=taken_back[e.iri]) if e.iri in taken_back else e for e in events]


def of_document(model: ReadModel, document: str) -> list[Event]:
    """The events about a document, its obligations and its reporting duties."""
    nodes = [n for (n,) in model.rows(_OF_DOCUMENT.replace("{VALUES}", values("d", [document])))]
    return read(model, [document, *nodes])


def standing_by_node(events: Iterable[Event]) -> dict[str, list[Event]]:
    """The events that count as evidence, by the node they concern."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.standing:
            found[event.concerns].append(event)
    return found


def node_label(model: ReadModel, iri: str | None) -> str:
    """What an event concerns, named for people: a duty or obligation by its document and section ("96/KH-UBND,
    mục V.1"), anything else by its label."""
    if iri is None:
        return ""
    rows = model.rows(
        f"SELECT ?doc ?path WHERE {{ ?doc vc:hasReportingDuty|vc:hasObligation <{iri}> "
        f"OPTIONAL {{ <{iri}> vc:sectionPath ?path }} }}"
    )
    if not rows:
        return model.label(iri)
    doc, path = rows[0]
    return f"{model.label(doc)}, mục {path}" if path else model.label(doc)
