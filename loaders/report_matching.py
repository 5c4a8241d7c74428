"""Reports as evidence: an ingested report ("Báo cáo kết quả thực hiện …") matched to the reporting duty it answers,
and the match recorded as an implementation event with the words of the report that cite the plan.

A duty is a candidate when its reporters include the report's issuer (itself, or a group it is a member of) and,
when the report lists whom it is sent to (Nơi nhận), its recipient or the body it passes through is among them. A
report that cites the duty's document (in its title or text) and has exactly one candidate there is matched: the
event says the duty's report was received on the report's issue date (the text gives no day of receipt, so the
event is marked inferred), for the due day of the year the report covers ("… năm 2024"), when it names one. Anything
else (no candidate, several, or candidates only in documents the report does not cite) is left for a person to
confirm with `vn-cascade record` or POST /events, and `pending` lists it with its candidates and why.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

import pyoxigraph as ox

from loaders.events import RECORDED_BY_MATCHER, EventError, NewEvent, Recorded, record
from loaders.store import GraphStore
from ontology import VC

log = logging.getLogger("vn_cascade.reports")
# "năm 2024" naming a year, not the year of a date ("ngày 02 tháng 4 năm 2024")
_YEAR = re.compile(r"(?<!tháng )(?<!tháng \d )(?<!tháng \d\d )\bnăm (\d{4})\b")
_REPORT = f"""SELECT ?issuer ?on ?title WHERE {{ <{{R}}> a <{VC}Report> .
  OPTIONAL {{ <{{R}}> <{VC}issuedBy> ?issuer }} OPTIONAL {{ <{{R}}> <{VC}issuedOn> ?on }}
  OPTIONAL {{ <{{R}}> <http://purl.org/dc/terms/title> ?title }} }}"""
_CITED = f"""SELECT ?doc ?text ?s ?e WHERE {{ <{{R}}> <{VC}hasReference> ?ref . ?ref <{VC}toDocument> ?doc .
  OPTIONAL {{ ?ref <{VC}sourceText> ?text }} OPTIONAL {{ ?ref <{VC}sourceStart> ?s }}
  OPTIONAL {{ ?ref <{VC}sourceEnd> ?e }} }}"""
_SENT_TO = f"SELECT ?a WHERE {{ <{{R}}> <{VC}distributedTo> ?a }}"
# duties whose reporters include the issuer, itself or through a group; with their documents, recipients, days
_DUTIES = f"""SELECT DISTINCT ?duty ?doc ?day ?date ?to WHERE {{
  {{ ?duty <{VC}reporter> <{{I}}> }} UNION {{ ?g <{VC}member> <{{I}}> . ?duty <{VC}reporter> ?g }}
  ?doc <{VC}hasReportingDuty> ?duty ; <{VC}inCorpus> true .
  OPTIONAL {{ ?duty <{VC}dueDay> ?day }} OPTIONAL {{ ?duty <{VC}dueDate> ?date }}
  OPTIONAL {{ ?duty <{VC}recipient>|<{VC}via> ?to }} }}"""
_CITING = f"""SELECT ?r (EXISTS {{ ?y <{VC}retracts> ?e }} AS ?retracted) WHERE {{
  ?e <{VC}evidenceDocument> ?r ; <{VC}eventKind> <{VC}event-report-received>
  FILTER NOT EXISTS {{ ?e <{VC}retracts> ?x }} }}"""
_REPORTS = f"SELECT ?r WHERE {{ ?r a <{VC}Report> ; <{VC}inCorpus> true }}"


@dataclass
class Candidate:
    """A duty a report may answer, and the due day of the year it covers."""

    duty: str
    document: str
    cited: bool
    due: dt.date | None = None


@dataclass
class Match:
    """What the matcher makes of one report: its candidates, the one it matched (if any) and why not otherwise."""

    report: str
    candidates: list[Candidate] = field(default_factory=list)
    matched: Candidate | None = None
    reason: str = ""
    year: int | None = None


def _rows(store: GraphStore, sparql: str) -> list[list[str | None]]:
    return [[None if t is None else t.value for t in row] for row in cast(ox.QuerySolutions, store.store.query(sparql))]


def period_year(title: str | None) -> int | None:
    """The year a report covers, from its title: the first "năm YYYY" that is not the year of a date (a later one is
    its outlook: "kết quả … năm 2024, phương hướng, nhiệm vụ năm 2025")."""
    found = _YEAR.findall(title or "")
    return int(found[0]) if found else None


def _due(day: str | None, date: str | None, year: int | None) -> dt.date | None:
    """The due day a report for `year` answers: a one-off date, or the yearly day in that year."""
    try:
        if date:
            return dt.date.fromisoformat(date)
        return dt.date(year, int(day[2:4]), int(day[5:7])) if day and year else None
    except ValueError:  # a day no calendar has ("31/4"): the report answers no stated day
        return None


def match(store: GraphStore, report: str) -> Match:
    """The candidates of one report and the match, if it has exactly one where it says."""
    found = Match(report)
    rows = _rows(store, _REPORT.replace("{R}", report))
    if not rows:
        found.reason = "not an ingested report"
        return found
    issuer, _, title = rows[0]
    found.year = period_year(title)
    if issuer is None:
        found.reason = "the report's issuer is unknown, so no duty's reporter can be compared with it"
        return found
    cited = {doc for doc, *_ in _rows(store, _CITED.replace("{R}", report))}
    sent_to = {a for (a,) in _rows(store, _SENT_TO.replace("{R}", report))}
    duties: dict[str, Candidate] = {}
    recipients: dict[str, set[str]] = defaultdict(set)
    for duty, doc, day, date, to in _rows(store, _DUTIES.replace("{I}", issuer)):
        assert duty is not None and doc is not None
        duties.setdefault(duty, Candidate(duty, doc, doc in cited, _due(day, date, found.year)))
        if to:
            recipients[duty].add(to)
    chosen = [c for c in duties.values() if not sent_to or recipients[c.duty] & sent_to]
    found.candidates = sorted(chosen, key=lambda c: (not c.cited, c.document, c.duty))
    in_cited = [c for c in found.candidates if c.cited]
    if len(in_cited) == 1:
        found.matched = in_cited[0]
    elif in_cited:
        found.reason = f"{len(in_cited)} duties of the documents it cites fit its reporter and addressees"
    elif found.candidates:
        found.reason = "it cites none of the documents whose duties fit its reporter and addressees"
    elif duties:
        found.reason = "no duty that fits its reporter sends reports to anyone it is addressed to"
    else:
        found.reason = "no reporting duty in the corpus names its issuer, or a group of it, as reporter"
    return found


def _evidence(store: GraphStore, report: str, document: str) -> tuple[str | None, int | None, int | None]:
    """The words of the report that cite `document` (its first reference to it)."""
    for doc, text, start, end in _rows(store, _CITED.replace("{R}", report)):
        if doc == document and text is not None and start is not None and end is not None:
            return text, int(start), int(end)
    return None, None, None


def record_match(store: GraphStore, base: str, found: Match) -> list[Recorded]:
    """Record the matched duty's report as received (inferred), quoting the report; nothing when unmatched."""
    if found.matched is None:
        return []
    rows = _rows(store, _REPORT.replace("{R}", found.report))
    issuer, on, _ = rows[0]
    if on is None or len(on) != 10:
        found.reason = "the report's issue date is not stated to the day"
        found.matched = None
        return []
    text, start, end = _evidence(store, found.report, found.matched.document)
    event = NewEvent(
        kind="report-received",
        concerns=found.matched.duty,
        occurred_on=dt.date.fromisoformat(on),
        recorded_by=RECORDED_BY_MATCHER,
        actor=issuer,
        for_due_date=found.matched.due,
        note="Báo cáo được đối chiếu tự động; ngày ban hành báo cáo được dùng làm ngày nhận "
        "(the report's issue date stands for the day it was received)",
        evidence_document=found.report,
        quote=text,
        start=start,
        end=end,
        inferred=True,
    )
    try:
        return record(store, base, [(event, f"report {found.report}")])
    except EventError as exc:  # the report stays stored and pending, with why
        found.reason = f"the match could not be recorded: {exc}"
        found.matched = None
        return []


def cited(store: GraphStore, standing: bool) -> set[str]:
    """The reports report-received events cite as their evidence: those a standing event cites, or (`standing`
    False) any event, retracted or not, so a match a person took back is not made again."""
    return {r for r, retracted in _rows(store, _CITING) if r is not None and (not standing or retracted == "false")}


def match_all(store: GraphStore, base: str, reports: list[str] | None = None) -> list[Match]:
    """Match every ingested report (or these) that no event cites yet, retracted or not; record the matches."""
    done = cited(store, standing=False)
    chosen = reports if reports is not None else [r for (r,) in _rows(store, _REPORTS) if r is not None]
    results = []
    for report in chosen:
        if report in done:
            continue
        found = match(store, report)
        record_match(store, base, found)
        results.append(found)
    return results


def pending(store: GraphStore, limit: int | None = None, offset: int = 0) -> tuple[int, list[Match]]:
    """The ingested reports no standing event cites (how many, and a page of them matched again: their candidates
    and why none was recorded)."""
    standing, ever = cited(store, standing=True), cited(store, standing=False)
    reports = sorted(r for (r,) in _rows(store, _REPORTS) if r is not None and r not in standing)
    page = reports[offset : None if limit is None else offset + limit]
    found = [_matched_or_why(store, r) for r in page]
    for m in found:
        if m.report in ever:
            m.reason = "a person retracted the event that cited it; record the right duty by hand"
        elif m.matched is not None and not m.reason:
            m.reason = "matched but not recorded yet: run `vn-cascade reports --match`"
    return len(reports), found


def _matched_or_why(store: GraphStore, report: str) -> Match:
    """match(), or the error that stopped it as the reason the report is still pending."""
    try:
        return match(store, report)
    except Exception as exc:  # the list shows every pending report, whatever one of them trips on
        log.exception("matching %s failed", report)
        return Match(report, reason=f"matching failed: {exc}")


def match_built(store: GraphStore, base: str) -> list[Match]:
    """After a fresh build: match every report it holds; a failure is logged and leaves them pending."""
    try:
        return match_all(store, base)
    except Exception:
        log.exception("matching the reports of a fresh build failed; they stay pending")
        return []


def citing(store: GraphStore, document: str) -> list[str]:
    """The ingested reports that cite `document`: to match again when it arrives after them."""
    rows = _rows(
        store, f"SELECT DISTINCT ?r WHERE {{ ?r a <{VC}Report> ; <{VC}hasReference>/<{VC}toDocument> <{document}> }}"
    )
    return [r for (r,) in rows if r is not None]


def after_write(store: GraphStore, base: str, document: str) -> list[Match]:
    """After a document is stored: match it, if it is a report, and the reports that cite it (it may be the plan
    they answer, arriving after them). The document is stored whatever happens here: a failure is logged and the
    reports stay pending (`vn-cascade reports` lists them, `--match` tries again)."""
    try:
        is_report = bool(store.store.query(f"ASK {{ <{document}> a <{VC}Report> }}"))
        reports = [document] * is_report + citing(store, document)
        return match_all(store, base, reports) if reports else []  # most writes are plans no report cites yet
    except Exception:
        log.exception("matching reports after %s failed; they stay pending", document)
        return []


def as_json(found: Match) -> dict:
    """A report's match as JSON."""

    def candidate(c: Candidate) -> dict:
        return {"duty": c.duty, "document": c.document, "cited": c.cited, "due": c.due.isoformat() if c.due else None}

    return {
        "report": found.report,
        "year": found.year,
        "matched": candidate(found.matched) if found.matched else None,
        "reason": found.reason,
        "candidates": [candidate(c) for c in found.candidates],
    }
