"""Implementation events: what people (or the report matcher) record as having happened to an obligation, a
reporting duty or a document, written to an append-only graph of their own, checked against the store first.

An event is never changed or removed: a mistake is taken back by a later event that `retracts` it. A batch of
events is written in one transaction, or not at all when one of them is refused; the refusal names the source
(a file and its line, or the request) and what is wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

import pyoxigraph as ox

from loaders import nt
from loaders.errors import InvalidRequest
from loaders.store import EVENTS_GRAPH, GraphStore
from ontology import VC

RECORDED_BY_MATCHER = "vn-cascade report matcher"
# event kind → (its concept, the class of node it concerns)
KINDS = {
    "report-received": (VC + "event-report-received", VC + "ReportingDuty"),
    "obligation-done": (VC + "event-obligation-done", VC + "Obligation"),
    "plan-issued": (VC + "event-plan-issued", VC + "PolicyDocument"),
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NOUNS = {
    VC + "ReportingDuty": "a reporting duty",
    VC + "Obligation": "an obligation",
    VC + "PolicyDocument": "a document",
}
_LONGEST = {"recorded_by": 200, "note": 4000, "file_name": 255, "quote": 4000}
_FIELDS = [
    "kind",
    "concerns",
    "occurred_on",
    "recorded_by",
    "actor",
    "for_due_date",
    "note",
    "evidence_document",
    "quote",
    "start",
    "end",
    "retracts",
]


class EventError(InvalidRequest):
    """An event that cannot be recorded, with where it came from ("events.jsonl:3", "request, event 2")."""


@dataclass(frozen=True)
class NewEvent:
    """An event to record: its kind, the IRI it concerns, the day it happened, who records it, and its evidence (a
    note, a file kept with the originals, a span of an ingested document)."""

    kind: str
    concerns: str
    occurred_on: dt.date
    recorded_by: str
    actor: str | None = None
    for_due_date: dt.date | None = None
    note: str | None = None
    file_digest: str | None = None
    file_name: str | None = None
    evidence_document: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    retracts: str | None = None
    inferred: bool = False


def parse(data: Any, where: str) -> NewEvent:
    """An event from its JSON form (the keys of _FIELDS), checked for shape; EventError naming `where`."""
    if not isinstance(data, dict):
        raise EventError(f"{where}: an event is a JSON object")
    for name, value in data.items():
        if not _encodable(name) or (isinstance(value, str) and not _encodable(value)):
            shown = name if _encodable(name) else name.encode("utf-8", "backslashreplace").decode()
            raise EventError(f"{where}: `{shown}` is not valid Unicode text (a lone surrogate)")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise EventError(f"{where}: unknown field(s) {', '.join(unknown)}; known: {', '.join(_FIELDS)}")
    for name in ("kind", "concerns", "occurred_on", "recorded_by"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise EventError(f"{where}: `{name}` is required (a string)")
    texts = {k: data.get(k) for k in ("actor", "note", "evidence_document", "quote", "retracts", "for_due_date")}
    for name, value in texts.items():
        if value is not None and not isinstance(value, str):
            raise EventError(f"{where}: `{name}` must be a string")
    for name in ("start", "end"):
        if data.get(name) is not None and (not isinstance(data[name], int) or isinstance(data[name], bool)):
            raise EventError(f"{where}: `{name}` must be an integer")
    return NewEvent(
        kind=data["kind"].strip(),
        concerns=data["concerns"].strip(),
        occurred_on=_date(data["occurred_on"], "occurred_on", where),
        recorded_by=data["recorded_by"],
        actor=texts["actor"],
        for_due_date=_date(texts["for_due_date"], "for_due_date", where) if texts["for_due_date"] else None,
        note=texts["note"],
        evidence_document=texts["evidence_document"],
        quote=texts["quote"],
        start=data.get("start"),
        end=data.get("end"),
        retracts=texts["retracts"],
    )


def valid_iri(iri: str) -> bool:
    """Whether the text is an absolute IRI the store takes (N-Triples' rules, then Oxigraph's own parse)."""
    try:
        nt.iri(iri)
        ox.NamedNode(iri)
    except (nt.BadTerm, ValueError):
        return False
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_lines(text: str, source: str) -> list[NewEvent]:
    """Events from JSON Lines (one object a line; blank lines skipped), each error naming `source` and its line."""
    events = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EventError(f"{source}:{number}: not JSON ({exc.msg})") from None
        events.append(parse(data, f"{source}:{number}"))
    if not events:
        raise EventError(f"{source}: no event in the file")
    return events


def _date(value: str, name: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise EventError(f"{where}: `{name}` must be a day YYYY-MM-DD, not {value!r}") from None


@dataclass(frozen=True)
class Recorded:
    """An event as written: its IRI and the triples it was written as."""

    iri: str
    event: NewEvent
    lines: tuple[str, ...]


class Checker:
    """Checks events against the store as it is: what they concern exists and is of the right kind, the evidence
    document is ingested and the quoted text is where it says, the retracted event exists."""

    def __init__(self, store: GraphStore, today: dt.date) -> None:
        self.store, self.today = store, today

    def _types(self, iri: str) -> set[str]:
        rows = self.store.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(_RDF_TYPE), None, ox.DefaultGraph())
        return {cast(ox.NamedNode, q.object).value for q in rows}

    def check(self, event: NewEvent, where: str) -> NewEvent:
        """The event, its texts NFC and its evidence span placed; EventError naming `where` when it cannot be."""
        if event.kind not in KINDS:
            raise EventError(f"{where}: unknown kind {event.kind!r}; known: {', '.join(KINDS)}")
        event = _normalised(event, where)
        if event.occurred_on > self.today:
            raise EventError(f"{where}: `occurred_on` {event.occurred_on} is after today ({self.today})")
        if event.retracts is not None:
            return self._retraction(event, where)
        _, wanted = KINDS[event.kind]
        types = self._checked_iri(event.concerns, "concerns", where)
        if wanted not in types:
            noun = _NOUNS[wanted]
            raise EventError(
                f"{where}: {event.concerns} is not {noun} in the store (a {event.kind} event concerns {noun})"
            )
        if event.actor is not None:
            self._check_actor(event, where)
        if event.kind == "plan-issued" and event.actor is None:
            raise EventError(f"{where}: a plan-issued event names the unit that issued the plan (`actor`)")
        if event.evidence_document is not None:
            event = self._placed(event, where)
        elif event.quote is not None or event.start is not None or event.end is not None:
            raise EventError(f"{where}: a quote or offsets need the `evidence_document` they are from")
        return event

    def _retraction(self, event: NewEvent, where: str) -> NewEvent:
        """A retraction: of a recorded event that is not itself one, about the same node (which a re-ingest may have
        removed since), carrying no evidence of its own but a note."""
        retracted = cast(str, event.retracts)
        if VC + "ImplementationEvent" not in self._checked_iri(retracted, "retracts", where):
            raise EventError(f"{where}: `retracts` {retracted} is not a recorded event")
        if self._value(retracted, "retracts") is not None:
            raise EventError(f"{where}: {retracted} is itself a retraction; record the event again instead")
        if self._value(retracted, "concerns") != event.concerns:
            raise EventError(f"{where}: the event it retracts concerns another node; a retraction concerns the same")
        if event.evidence_document is not None or event.quote is not None or event.start is not None:
            raise EventError(f"{where}: a retraction takes back an event; say why in `note`, with no evidence")
        if event.kind != kind_of(self._value(retracted, "eventKind") or ""):
            raise EventError(f"{where}: the event it retracts is of another kind; a retraction is of the same")
        if event.actor is not None and not self._checked_iri(event.actor, "actor", where) & {
            VC + "Agency",
            VC + "AgencyGroup",
        }:
            raise EventError(f"{where}: `actor` {event.actor} is not an agency in the store")
        return event

    def _check_actor(self, event: NewEvent, where: str) -> None:
        """The actor is an agency; for a report received, one the duty names as a reporter (or a member of one)."""
        actor = cast(str, event.actor)
        if not self._checked_iri(actor, "actor", where) & {VC + "Agency", VC + "AgencyGroup"}:
            raise EventError(f"{where}: `actor` {actor} is not an agency in the store")
        if event.kind != "report-received":
            return
        duty, reporter = f"<{event.concerns}>", f"<{VC}reporter>"
        reporters = self.store.store.query(
            f"ASK {{ {{ {duty} {reporter} <{actor}> }} UNION {{ {duty} {reporter} ?r . ?r <{VC}member> <{actor}> }} }}"
        )
        if not reporters:
            raise EventError(f"{where}: `actor` {actor} is not a reporter of {event.concerns}, nor a member of one")

    def _checked_iri(self, iri: str, name: str, where: str) -> set[str]:
        if not valid_iri(iri):
            raise EventError(f"{where}: `{name}` is not an IRI: {iri!r}")
        types = self._types(iri)
        if not types:
            raise EventError(f"{where}: `{name}` {iri} is not in the store")
        return types

    def _placed(self, event: NewEvent, where: str) -> NewEvent:
        """The event with its quote checked against the evidence document's text (and its offsets found when only
        the quote is given; the whole quoted span when only offsets are)."""
        document = cast(str, event.evidence_document)
        self._checked_iri(document, "evidence_document", where)
        text = self._value(document, "text")
        if text is None:
            raise EventError(f"{where}: the evidence document {document} is not ingested (no text to quote)")
        start, end, quote = event.start, event.end, event.quote
        if (start is None) != (end is None):
            raise EventError(f"{where}: give both `start` and `end`, or neither")
        if start is not None and end is not None:
            if not 0 <= start < end <= len(text):
                raise EventError(f"{where}: offsets {start}-{end} are outside the document's text ({len(text)} chars)")
            if quote is not None and text[start:end] != quote:
                raise EventError(f"{where}: the text at {start}-{end} is not the quote given")
            return replace(event, quote=text[start:end])
        if quote is None:
            return event
        found = text.find(quote)
        if found < 0:
            raise EventError(f"{where}: the quote is not in the evidence document's text")
        if text.find(quote, found + 1) >= 0:
            raise EventError(f"{where}: the quote occurs more than once in the evidence document; give `start`/`end`")
        return replace(event, start=found, end=found + len(quote))

    def _value(self, subject: str, name: str) -> str | None:
        """One value of the subject's vc:`name` in the default graph, if it has one."""
        rows = self.store.store.quads_for_pattern(
            ox.NamedNode(subject), ox.NamedNode(VC + name), None, ox.DefaultGraph()
        )
        found = next(iter(rows), None)
        return None if found is None else cast(ox.Literal, found.object).value


def _normalised(event: NewEvent, where: str) -> NewEvent:
    """Texts NFC (and the recorder's name stripped), each within its length."""
    changes: dict[str, Any] = {}
    for name in ("recorded_by", "note", "file_name", "quote"):
        value = getattr(event, name)
        if value is None:
            continue
        value = unicodedata.normalize("NFC", value)
        if name == "recorded_by":
            value = value.strip()
            if not value:
                raise EventError(f"{where}: `recorded_by` is empty")
        if len(value) > _LONGEST[name]:
            raise EventError(f"{where}: `{name}` is longer than {_LONGEST[name]} characters")
        if any(ord(c) < 32 and c not in "\n\t" for c in value):
            raise EventError(f"{where}: `{name}` holds a control character")
        changes[name] = value
    return replace(event, **changes)


def _lines(iri: str, event: NewEvent, at: dt.datetime) -> list[str]:
    """The event's triples as N-Triples lines."""
    s = nt.iri(iri)
    concept, _ = KINDS[event.kind]
    lines = [
        nt.triple(s, nt.iri(_RDF_TYPE), nt.vc("ImplementationEvent")),
        nt.triple(s, nt.vc("eventKind"), nt.iri(concept)),
        nt.triple(s, nt.vc("concerns"), nt.iri(event.concerns)),
        nt.triple(s, nt.vc("occurredOn"), nt.typed(event.occurred_on.isoformat(), "date")),
        nt.triple(s, nt.vc("recordedAt"), nt.typed(at.isoformat().replace("+00:00", "Z"), "dateTime")),
        nt.triple(s, nt.vc("recordedBy"), nt.lit(event.recorded_by)),
    ]
    optional = [
        ("actor", event.actor and nt.iri(event.actor)),
        ("forDueDate", event.for_due_date and nt.typed(event.for_due_date.isoformat(), "date")),
        ("evidenceNote", event.note and nt.lit(event.note)),
        ("evidenceFile", event.file_digest and nt.lit(event.file_digest)),
        ("evidenceFileName", event.file_name and nt.lit(event.file_name)),
        ("evidenceDocument", event.evidence_document and nt.iri(event.evidence_document)),
        ("evidenceText", event.quote and event.start is not None and nt.lit(event.quote)),
        ("evidenceStart", event.start is not None and nt.typed(event.start, "integer")),
        ("evidenceEnd", event.end is not None and nt.typed(event.end, "integer")),
        ("retracts", event.retracts and nt.iri(event.retracts)),
        ("matchInferred", event.inferred and nt.typed("true", "boolean")),
    ]
    lines += [nt.triple(s, nt.vc(p), o) for p, o in optional if o]
    return lines


def event_iri(base: str, event: NewEvent, at: dt.datetime, n: int) -> str:
    """An event's IRI: the day it was recorded and a digest of what it says, when, its place in the batch and a
    random nonce (the same event sent twice in one second is two events, and both are kept)."""
    digest = hashlib.sha1(f"{event!r}|{at.isoformat()}|{n}|{uuid.uuid4().hex}".encode()).hexdigest()[:16]
    return f"{base}event/{at.date().isoformat()}/{digest}"


def record(
    store: GraphStore,
    base: str,
    events: Sequence[tuple[NewEvent, str]],
    now: dt.datetime | None = None,
) -> list[Recorded]:
    """Check every (event, where it came from) against the store, then write them all in one transaction to the
    events graph (and the default graph, where queries see them); nothing is written when one is refused."""
    if not events:
        raise EventError("no event to record")
    at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    checker = Checker(store, at.astimezone().date())  # "today" as the audit counts days: the local calendar
    recorded = []
    for n, (event, where) in enumerate(events):
        checked = checker.check(event, where)
        iri = event_iri(base, checked, at, n)
        recorded.append(Recorded(iri, checked, tuple(_lines(iri, checked, at))))
    store.append(EVENTS_GRAPH, "\n".join(line for r in recorded for line in r.lines))
    return recorded


def stamp(store: GraphStore) -> str:
    """The state of the events graph: how many events it holds and when the last was recorded (they are only ever
    added, so a new one changes it)."""
    rows = store.store.query(
        f"SELECT (COUNT(?e) AS ?n) (MAX(STR(?at)) AS ?last) WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ "
        f"?e a <{VC}ImplementationEvent> ; <{VC}recordedAt> ?at }} }}"
    )
    count, last = next(iter(cast(ox.QuerySolutions, rows)))
    return f"{count.value}@{last.value if last is not None else '-'}"


def kind_of(concept: str) -> str:
    """The kind's name ("report-received") from its concept IRI."""
    return concept.removeprefix(VC + "event-")
