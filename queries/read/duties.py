"""Reporting duties on the calendar: who reports to whom, by which day, for a document, a cascade subtree, an agency
or the corpus; each with its next due days counted from the document's issue date, and those whose day the text
does not state kept apart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from loaders.read_index import values
from queries.read.model import ReadModel, in_order
from queries.read.raci import scope
from queries.read.report import path_key

_DUTIES = """SELECT ?doc ?d ?freq ?day ?date ?path ?text WHERE { {VALUES}
  ?doc vc:hasReportingDuty ?d .
  OPTIONAL { ?d vc:frequency ?freq } OPTIONAL { ?d vc:dueDay ?day } OPTIONAL { ?d vc:dueDate ?date }
  OPTIONAL { ?d vc:sectionPath ?path } OPTIONAL { ?d vc:sourceText ?text } }"""
# LATERAL: each duty's parties looked up from it (joined, the three roles' triples of the corpus were scanned: 4×)
_PARTIES = """SELECT ?d ?role ?agent WHERE { {VALUES}
  ?doc vc:hasReportingDuty ?d . LATERAL { VALUES ?role { vc:reporter vc:recipient vc:via } ?d ?role ?agent } }"""
_OF_AGENCY = """SELECT DISTINCT ?doc WHERE { {VALUES}
  { VALUES ?role { vc:reporter vc:recipient vc:via } ?d ?role ?agency }
  UNION { ?group vc:member ?agency . VALUES ?role { vc:reporter vc:recipient vc:via } ?d ?role ?group }
  ?doc vc:hasReportingDuty ?d }"""
_GROUPS_OF = "SELECT ?group WHERE { {VALUES} ?group vc:member ?agency }"


@dataclass
class Duty:
    """One reporting duty as the text states it: `day` (MM-DD) when it recurs yearly, `date` when it is due once."""

    iri: str
    document: str
    frequency: str | None
    day: str | None
    date: dt.date | None
    path: str
    source_text: str
    reporters: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """Whether the text gives a day it can be due (not one no calendar has, such as 31/4)."""
        return self.date is not None or (self.day is not None and possible(self.day))

    def first(self, issued: dt.date | None, today: dt.date) -> tuple[dt.date, bool] | None:
        """The first due day, and whether its year is counted from today because the issue date is unknown: a
        one-off's date; for a yearly day, its first occurrence on or after the document was issued."""
        if self.date is not None:
            return self.date, False
        if self.day is None or not possible(self.day):
            return None
        start = issued or today.replace(month=1, day=1)
        return first_on_or_after(self.day, start), issued is None

    def upcoming(self, issued: dt.date | None, today: dt.date, until: dt.date) -> Iterator[dt.date]:
        """The due days from today up to `until`."""
        found = self.first(issued, today)
        if found is None:
            return
        day, _ = found
        if self.date is not None:
            if today <= day <= until:
                yield day
            return
        assert self.day is not None
        day = max(day, first_on_or_after(self.day, today))
        while day <= until:
            yield day
            day = first_on_or_after(self.day, day + dt.timedelta(days=1))


def possible(month_day: str) -> bool:
    """Whether MM-DD is a day of some year (29 February is; 31 April is not)."""
    try:
        dt.date(2024, int(month_day[:2]), int(month_day[3:5]))
    except ValueError:
        return False
    return True


def first_on_or_after(month_day: str, start: dt.date) -> dt.date:
    """The first date on or after `start` falling on MM-DD, a possible day (29 February in leap years only)."""
    month, day = int(month_day[:2]), int(month_day[3:5])
    year = start.year
    while True:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February of a common year
            year += 1
            continue
        if candidate >= start:
            return candidate
        year += 1


@dataclass
class Calendar:
    """The duties of a scope, with the names and issue dates a calendar shows them with."""

    title: str
    duties: list[Duty]
    labels: dict[str, str]
    issued: dict[str, dt.date | None]

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)


def for_scope(
    model: ReadModel, document: str | None = None, cascade: bool = False, agency: str | None = None
) -> Calendar:
    """The duties of one document (an IRI), of it and the documents implementing it, of an agency (those it sends,
    receives or passes on, itself or as a member of a group the duty names), or of the corpus; the title says
    which."""
    if agency is not None:
        rows = model.rows(_OF_AGENCY.replace("{VALUES}", values("agency", [agency])))
        documents = sorted({d for (d,) in rows})
        title = f"Lịch báo cáo / Reporting calendar: {model.label(agency)}"
    else:
        documents = scope(model, document, cascade, limit=None)
        name = model.label(document) if document else "toàn bộ kho văn bản / the whole corpus"
        title = f"Lịch báo cáo / Reporting calendar: {name}" + (" và các văn bản thực hiện" if cascade else "")
    duties = read(model, documents)
    if agency is not None:
        parties = {agency} | {g for (g,) in model.rows(_GROUPS_OF.replace("{VALUES}", values("agency", [agency])))}
        duties = [d for d in duties if parties & {*d.reporters, *d.recipients, *d.via}]
    named = {a for d in duties for a in (*d.reporters, *d.recipients, *d.via)} | {d.document for d in duties}
    issued = {d: _day(model.documents[d].issued_on) if d in model.documents else None for d in documents}
    return Calendar(title, duties, {i: model.label(i) for i in named}, issued)


def read(model: ReadModel, documents: Iterable[str] | None) -> list[Duty]:
    """The duties of these documents (of every document when None: read whole, not bound document by document), in
    document order (by IRI for every document) and then by section."""
    chosen = None if documents is None else list(documents)
    if chosen == []:
        return []
    duties: dict[str, Duty] = {}
    for doc, d, freq, day, date, path, text in in_order(
        model.rows(_DUTIES.replace("{VALUES}", values("doc", chosen))), 0, 1
    ):
        duties[d] = Duty(d, doc, freq, day[2:] if day else None, _day(date), path or "", text or "")
    parties: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for d, role, agent in in_order(model.rows(_PARTIES.replace("{VALUES}", values("doc", chosen))), 0, 1, 2):
        parties[d][role.rsplit("#", 1)[-1]].append(agent)
    for d, duty in duties.items():
        duty.reporters, duty.recipients, duty.via = (parties[d][r] for r in ("reporter", "recipient", "via"))
    place = {doc: i for i, doc in enumerate(chosen or sorted({d.document for d in duties.values()}))}
    return sorted(duties.values(), key=lambda x: (place[x.document], path_key(x.path), x.iri))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
