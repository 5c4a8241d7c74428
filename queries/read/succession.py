"""The 2025 reorganisation for the read surfaces: who holds each duty on a day (then → now), and what became of an
agency, both answered by the catalogue queries `owners-on-date` and `successors-of`, so REST, UI and analysts
share one definition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import queries
from loaders.store import GraphStore
from queries.read.ids import Ids
from queries.run import run_sparql

NOW_SPARQL = """SELECT ?o ?a ?x ?since ?resolution ?basis ?owner ?label ?share WHERE {
  VALUES ?doc { <%(doc)s> }
  ?doc vc:hasObligation ?o . ?o vc:hasAssignment ?a . ?a vc:agent ?x .
  ?a vc:succession ?c . ?c vc:ownershipPeriod ?p . ?p vc:validFrom ?since ; vc:resolution ?resolution .
  OPTIONAL { ?p vc:validUntil ?until }
  FILTER(?since <= "%(day)s"^^xsd:date && (!BOUND(?until) || ?until > "%(day)s"^^xsd:date))
  OPTIONAL { ?p vc:basisNumbers ?basis }
  LATERAL { OPTIONAL { ?p vc:ownerShare ?s . ?s vc:agent ?owner . ?owner skos:prefLabel ?label .
                       OPTIONAL { ?s vc:areaShare ?share } } }
} ORDER BY ?a ?label"""


@dataclass
class Now:
    """Who holds one assignment's duty on a day, when a change moved it."""

    written: dict
    since: str
    resolution: str
    basis: str | None
    owners: list[dict] = field(default_factory=list)


def day_or_today(on: dt.date | None) -> dt.date:
    return on or dt.date.today()


def owners_on(store: GraphStore, ids: Ids, obligation: str, on: dt.date) -> list[dict]:
    """Each duty of one obligation: its role, the agency as written and its holders on the day."""
    rows = run_sparql(store, queries.get("owners-on-date"), {"obligation": obligation, "date": on.isoformat()})
    found: dict[tuple[str, str], dict] = {}
    for row in rows:
        entry = found.setdefault(
            (row["role"], row["written"]),
            {
                "role": row["role"],
                "written": ids.ref(row["written"], row["writtenLabel"]),
                "resolution": row["resolution"],
                "since": row["since"],
                "basis": row["basis"],
                "owners": [],
            },
        )
        if row["owner"] is not None:
            entry["owners"].append({**ids.ref(row["owner"], row["ownerLabel"]), "share": row["share"]})
    return list(found.values())


def document_now(
    store: GraphStore, ids: Ids, names: dict[str, str], document: str, on: dt.date
) -> dict[str, list[Now]]:
    """Obligation IRI → its duties a change had moved by the day, each with the agency as written and its holders."""
    found: dict[str, dict[str, Now]] = {}
    for o, a, x, since, resolution, basis, owner, label, share in store.query(
        NOW_SPARQL % {"doc": document, "day": on.isoformat()}
    ):
        duties = found.setdefault(o.value, {})
        now = duties.get(a.value)
        if now is None:
            written = ids.ref(x.value, names.get(x.value))
            now = duties[a.value] = Now(written, since.value, resolution.value, basis.value if basis else None)
        if owner is not None:
            now.owners.append({**ids.ref(owner.value, label.value), "share": float(share.value) if share else None})
    return {o: _distinct(list(duties.values())) for o, duties in found.items()}


def _distinct(duties: list[Now]) -> list[Now]:
    """One entry per written agency and outcome (a lead and a supporter named twice say the same)."""
    seen: dict[tuple, Now] = {}
    for now in duties:
        seen.setdefault((now.written.get("id"), now.resolution, tuple(o.get("id") for o in now.owners)), now)
    return list(seen.values())


def successors(store: GraphStore, ids: Ids, agency: str) -> list[dict]:
    """Every change along an agency's successor chain, each with its successors, basis and confidence."""
    events: dict[str, dict] = {}
    for row in run_sparql(store, queries.get("successors-of"), {"agency": agency}):
        event = events.setdefault(
            row["event"],
            {
                "event": row["event"],
                "original": ids.ref(row["original"], row["originalLabel"]),
                "kind": row["kind"],
                "effective": row["effective"],
                "function": row["function"],
                "candidates": row["candidates"],
                "basis": row["basis"],
                "confidence": row["confidence"],
                "successors": [],
            },
        )
        if row["successor"] is not None:
            event["successors"].append({**ids.ref(row["successor"], row["successorLabel"]), "share": row["share"]})
    return sorted(events.values(), key=lambda e: (e["effective"], e["original"]["label"] or "", e["event"]))


class Successions:
    """Each body's successors on a day, following the change events in the store (children's affairs where a
    change moved one function): what a unit owed before the reorganisation, its successors owe after it."""

    def __init__(self, rows: list[list], day: dt.date) -> None:
        self.day = day.isoformat()
        self.events: dict[str, list[tuple[str, str | None, list[str]]]] = {}
        by_event: dict[tuple[str, str], tuple[str, str | None, list[str]]] = {}
        for body, event, effective, function, result in rows:
            if effective > self.day:
                continue
            entry = by_event.setdefault((body, event), (effective, function, []))
            if result is not None:
                entry[2].append(result)
        for (body, _event), entry in sorted(by_event.items()):
            self.events.setdefault(body, []).append(entry)

    SPARQL = """SELECT ?x ?e ?d ?f ?y WHERE { ?x org:changedBy ?e . ?e vc:effectiveDate ?d .
        OPTIONAL { ?e vc:transferredFunction/skos:notation ?f } OPTIONAL { ?e org:resultingOrganization ?y } }"""

    def of(self, body: str, depth: int = 0) -> list[str]:
        """The bodies holding `body`'s work on the day: itself when nothing changed it; none when it ended with no
        successor named."""
        events = self.events.get(body, [])
        if not events or depth > 12:
            return [body]
        first = min(e[0] for e in events)
        group = [e for e in events if e[0] == first]
        chosen = [e for e in group if e[1] == "children"] or [e for e in group if e[1] is None]
        if not chosen:
            return [body]
        found: list[str] = []
        for _, _, results in chosen:
            for result in results:
                found += self.of(result, depth + 1)
        return list(dict.fromkeys(found))
