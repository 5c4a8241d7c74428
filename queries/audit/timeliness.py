"""Timeliness on a day: reports due and not received, plans owed and not issued, from the duties and obligations the
documents state and the implementation events recorded about them.

Reports. A reporting duty is due on the day its text gives: once (vc:dueDate), or every year (vc:dueDay), first on
or after the document's issue date. A day's report is answered by a recorded report-received event (retracted ones
do not count): the one for that due day (vc:forDueDate), else, in the order they happened, each event answers the
earliest unanswered due day whose period had begun (after the previous due day). Answered on or before the due day
is on time, after it late; unanswered once the day has passed, overdue. When the document's issue date is unknown,
only the last due day before the day asked counts, and the finding says the first one could not be placed.

Plans. A unit a document tells to issue its own plan (groups expanded to their member units, as the cascade audit
does) owes it `days` days after the document's issue date (VN_CASCADE_PLAN_DAYS, 60 unless asked otherwise). It has
issued it when the corpus holds a document of that unit (or of a body of it) implementing or based on the
document, issued on or before the day, or when a plan-issued event records it. A document whose day of issue is
unknown owes nothing on a day: the finding would rest on a date the text does not give.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from loaders import config
from loaders.events import stamp as events_stamp
from loaders.read_index import Change, values
from queries.audit.cascade import Owed, issued_under, members_of, plans_owed
from queries.audit.kept import Stored, involving
from queries.audit.model import Finding, FindingType
from queries.read import duties as duty_reader
from queries.read import events as event_reader
from queries.read.duties import Duty
from queries.read.events import Event
from queries.read.model import ReadModel
from queries.read.raci import scope

FAMILY = "timeliness"
DATED = True
TYPES = [
    FindingType(
        "report-overdue",
        FAMILY,
        "medium",
        "Đã quá hạn báo cáo nhưng chưa ghi nhận báo cáo",
        "A reporting duty's due day has passed and no report was recorded",
    ),
    FindingType(
        "plan-overdue",
        FAMILY,
        "high",
        "Đơn vị phải ban hành kế hoạch nhưng đã quá hạn mà chưa ban hành",
        "A unit told to issue its own plan has not issued it by the day it was due",
    ),
]
STATES_VI = {
    "on-time": "đúng hạn",
    "late": "trễ hạn",
    "overdue": "quá hạn",
    "upcoming": "chưa đến hạn",
    "no-due-day": "không nêu hạn",
    "issued": "đã ban hành",
    "not-due": "chưa đến hạn",
    "unknown": "không xác định",
    "done": "đã báo cáo hoàn thành",
    "open": "chưa ghi nhận kết quả",
    "ended": "đơn vị đã kết thúc hoạt động",
}


@dataclass(frozen=True)
class DueDay:
    """One day a report is due, and the event that answered it (if any)."""

    due: dt.date
    state: str  # on-time, late, overdue, upcoming
    answered_by: Event | None = None


@dataclass
class DutyStatus:
    """One reporter's part of a reporting duty on a day (each member of a group the duty names reports on its own):
    its due days up to then (and the next one), and whether the first could be placed (the document's issue date
    known)."""

    duty: Duty
    reporter: str | None  # the unit that owes the report (None: the duty names no reporter)
    group: str | None = None  # the group the duty names it through
    days: list[DueDay] = field(default_factory=list)
    placed: bool = True
    ended: dt.date | None = None  # the day the reporter, or every recipient, stopped existing (on or before the day)

    @property
    def state(self) -> str:
        """overdue when a due day passed unanswered; else the last due day's state; ended when the reporter or its
        recipients no longer exist and nothing is outstanding; no-due-day when the text states none."""
        if not self.days:
            return "ended" if self.ended else "no-due-day"
        if self.ended and not any(d.state == "overdue" for d in self.days):
            return "ended"
        if any(d.state == "overdue" for d in self.days):
            return "overdue"
        passed = [d for d in self.days if d.state != "upcoming"]
        return passed[-1].state if passed else "upcoming"

    @property
    def overdue(self) -> list[dt.date]:
        return [d.due for d in self.days if d.state == "overdue"]


@dataclass
class PlanStatus:
    """A plan a unit owes under a document, on a day: when it was due (`stated` by the text, else counted from the
    parent's issue date), and what shows it was issued."""

    owed: Owed
    due: dt.date | None
    state: str  # issued, late (issued after its due day), overdue, not-due, unknown (no issue date), ended (unit)
    documents: list[tuple[str, dt.date | None]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stated: str | None = None  # the words that state the due day, when the text does


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DEADLINES = (  # the ways a text gives the day a plan is due (read folded to lower case), each with that day
    (
        re.compile(r"trước ngày (\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"),
        lambda m: dt.date(int(m[3]), int(m[2]), int(m[1])),
    ),
    (
        re.compile(r"trước ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})"),
        lambda m: dt.date(int(m[3]), int(m[2]), int(m[1])),
    ),
    (
        re.compile(r"(?:trong|hoàn thành trong|xong trong) quý (i{1,3}|iv)(?: năm |/)(\d{4})"),
        lambda m: _month_end(int(m[2]), _ROMAN[m[1]] * 3),
    ),
    (
        re.compile(r"(?:trong|hoàn thành trong|xong trong) tháng (\d{1,2})(?: năm |/)(\d{4})"),
        lambda m: _month_end(int(m[2]), int(m[1])),
    ),
)
_CLAUSES = re.compile(r"[;\n]+|\.(?!\d)")  # a dot inside a date ("31.5.2024") ends no clause
# the words of a plan to issue, not of an agency's name (Sở Kế hoạch và Đầu tư, Phòng Tài chính - Kế hoạch)
_PLAN = re.compile(r"(?<!chính - )(?<!chính – )kế hoạch(?! và đầu tư)")


def _month_end(year: int, month: int) -> dt.date:
    """The last day of a month; ValueError for a month no calendar has."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month}")
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def stated_deadline(text: str, after: dt.date | None = None) -> tuple[dt.date, str] | None:
    """The day a text gives for issuing a plan, in a clause about the plan ("xây dựng kế hoạch …, ban hành trước
    ngày 31/5/2024": 31 May, read as reporting days are; "hoàn thành trong quý II năm 2024": 30 June), on or after
    `after` (the parent's issue date), and the words that say so; None when it states none this way."""
    found = []
    for clause in _CLAUSES.split(text):
        folded = clause.lower()
        if not _PLAN.search(folded):
            continue
        for pattern, last in _DEADLINES:
            for m in pattern.finditer(folded):
                try:
                    day = last(m)
                except ValueError:  # a day no calendar has
                    continue
                if after is None or day >= after:
                    found.append((day, clause[m.start() : m.end()]))
    return min(found) if found else None


def _date(value: str | None) -> dt.date | None:
    """A full date, or None (a month or a year alone does not say the day)."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _due_days(duty: Duty, issued: dt.date | None, on: dt.date) -> tuple[list[dt.date], dt.date, bool]:
    """The due days up to `on` and the next after it, the day the first one's period began, and whether the first
    is placed (the issue date known; else only the last due day before `on` counts, its period the year before)."""
    if duty.date is not None:
        return [duty.date], issued or dt.date.min, True
    if duty.day is None or not duty_reader.possible(duty.day):
        return [], dt.date.min, True
    start = issued or dt.date(on.year - 2, 1, 1)
    days = [duty_reader.first_on_or_after(duty.day, start)]
    while days[-1] <= on:
        days.append(duty_reader.first_on_or_after(duty.day, days[-1] + dt.timedelta(days=1)))
    if issued is not None:
        return days, issued, True
    kept = days[-2:] if len(days) > 1 else days
    before = days[days.index(kept[0]) - 1] if days.index(kept[0]) else start
    return kept, before, False


def duty_status(
    duty: Duty,
    issued: dt.date | None,
    events: Iterable[Event],
    on: dt.date,
    reporter: str | None = None,
    group: str | None = None,
    ended: dt.date | None = None,
) -> DutyStatus:
    """One reporter's due days of a duty on `on`, each answered by the events (report-received, standing, happened by
    then, from that reporter, or from its group, or naming no reporter); none from the day the reporter or every
    recipient stopped existing (`ended`: the 2025 reorganisation ended many)."""
    days, opened, placed = _due_days(duty, issued, on)
    if ended is not None:
        days = [d for d in days if d < ended]
    answered: dict[dt.date, Event] = {}
    relevant = sorted(
        (
            e
            for e in events
            if e.kind == "report-received"
            and e.standing
            and e.occurred_on <= on
            and (e.actor is None or e.actor in (reporter, group))
        ),
        key=lambda e: (e.occurred_on, e.recorded_at),
    )
    stated = set()
    for event in relevant:  # the day the event names: that one, or none more (a duplicate answers nothing else)
        if event.for_due_date is not None and event.for_due_date in days:
            stated.add(event.iri)
            answered.setdefault(event.for_due_date, event)
    for event in relevant:  # the others, and those naming a day that is none of the duty's, in the order they came
        if event.iri in stated:
            continue
        for n, due in enumerate(days):
            began = days[n - 1] if n else opened
            if due not in answered and (event.occurred_on > began or (n == 0 and event.occurred_on >= began)):
                answered[due] = event
                break
    status = DutyStatus(duty, reporter, group, placed=placed, ended=ended if ended and ended <= on else None)
    for due in days:
        answer = answered.get(due)
        if answer is not None:
            state = "on-time" if answer.occurred_on <= due else "late"
        else:
            state = "overdue" if due < on else "upcoming"
        status.days.append(DueDay(due, state, answer))
    return status


def duties_on(model: ReadModel, documents: Iterable[str] | None, on: dt.date) -> list[DutyStatus]:
    """The status on `on` of every reporter's part of every reporting duty of these documents (of every document
    when None): a group the duty names is its member units, each owing its own report, when the unit data lists
    them."""
    chosen = duty_reader.read(model, documents)
    concerned = None if documents is None else [d.iri for d in chosen]  # every event, rather than bind 1,000s
    events = event_reader.standing_by_node(event_reader.read(model, concerned))
    issued = {d.document: _date(model.documents[d.document].issued_on) for d in chosen if d.document in model.documents}
    members = members_of(model, {r for d in chosen for r in d.reporters})
    named = {a for d in chosen for a in (*d.reporters, *d.recipients)} | {m for ms in members.values() for m in ms}
    until = ends(model, named)
    found = []
    for d in chosen:
        parts: list[tuple[str | None, str | None]] = [(m, r) for r in d.reporters for m in members.get(r, [])]
        parts += [(r, None) for r in d.reporters if not members.get(r)]
        recipients = [until[r] for r in d.recipients if r in until]
        # every recipient ended: no report is due to anyone from the last of those days
        gone = max(recipients) if recipients and len(recipients) == len(d.recipients) else None
        for reporter, group in parts or [(None, None)]:
            stop = min(filter(None, (until.get(reporter or ""), gone)), default=None)
            found.append(duty_status(d, issued.get(d.document), events.get(d.iri, []), on, reporter, group, stop))
    return found


def ends(model: ReadModel, agencies: set[str]) -> dict[str, dt.date]:
    """The day each of these bodies or units stopped existing (vc:validUntil, set by the 2025 reorganisation)."""
    if not agencies:
        return {}
    rows = model.rows(f"SELECT ?a ?u WHERE {{ {values('a', agencies)} ?a vc:validUntil ?u }}")
    return {a: dt.date.fromisoformat(u) for a, u in rows if _date(u)}


def plans_on(model: ReadModel, parents: Iterable[str] | None, on: dt.date, days: int | None = None) -> list[PlanStatus]:
    """The status on `on` of every plan these documents (every ingested one when None) ask units to issue, due
    `days` after the document (the configured number when None)."""
    wait = config.settings().plan_days if days is None else days
    chosen = None if parents is None else set(parents)
    owed, _ = plans_owed(model, None, chosen)
    issued = issued_under(model, {asks.parent for asks in owed})  # only the documents that ask for plans
    recorded = event_reader.standing_by_node(
        event_reader.read(model, None if chosen is None else {o.parent for o in owed})
    )
    found = []
    texts = _texts(model, {o for asks in owed for o in asks.obligations})
    until = ends(model, {asks.unit for asks in owed})
    for asks in owed:
        parent = model.documents.get(asks.parent)
        start = _date(parent.issued_on) if parent else None
        stated = min(filter(None, (stated_deadline(texts.get(o, ""), start) for o in asks.obligations)), default=None)
        due = stated[0] if stated else start + dt.timedelta(days=wait) if start else None
        by = issued.get(asks.parent, {})
        documents = sorted({(d, _date(when)) for who in (asks.unit, *asks.replaces) for d, when in by.get(who, [])})
        documents = [(d, when) for d, when in documents if when is None or when <= on]
        events = [
            e
            for e in recorded.get(asks.parent, [])
            if e.kind == "plan-issued" and e.actor == asks.unit and e.occurred_on <= on
        ]
        days_issued = [when for _, when in documents if when] + [e.occurred_on for e in events]
        if documents or events:
            first = min(days_issued, default=None)
            state = "late" if due and first and first > due else "issued"
        elif until.get(asks.unit) is not None and until[asks.unit] <= on and (due is None or due >= until[asks.unit]):
            state = "ended"  # the unit stopped existing before its plan fell due: it never owed it late
        elif due is None:
            state = "unknown"
        else:
            state = "overdue" if on > due else "not-due"
        found.append(PlanStatus(asks, due, state, documents, events, stated[1] if stated else None))
    return found


def _texts(model: ReadModel, obligations: set[str]) -> dict[str, str]:
    """The source text of these obligations."""
    if not obligations:
        return {}
    rows = model.rows(f"SELECT ?o ?t WHERE {{ {values('o', obligations)} ?o vc:sourceText ?t }}")
    return {o: t for o, t in rows}


# -- the audit family -------------------------------------------------------------------------------------------


def _report_overdue(ctx: ReadModel, status: DutyStatus, on: dt.date) -> Finding:
    duty = status.duty
    reporter = ctx.label(status.reporter) if status.reporter else "(văn bản không nêu đơn vị báo cáo)"
    through_vi = f" (thuộc “{ctx.label(status.group)}”)" if status.group else ""
    through_en = f" (one of “{ctx.label(status.group)}”)" if status.group else ""
    recipients = ", ".join(ctx.label(a) for a in duty.recipients) or "(không nêu nơi nhận)"
    missed = status.overdue
    days_vi = ", ".join(d.strftime("%d/%m/%Y") for d in missed)
    days_en = ", ".join(d.isoformat() for d in missed)
    unplaced_vi = "" if status.placed else " (chưa rõ ngày ban hành văn bản: chỉ xét hạn gần nhất)"
    unplaced_en = "" if status.placed else " (the document's issue date is unknown: only the last due day counts)"
    return Finding(
        "report-overdue",
        "medium",
        f"{reporter}{through_vi} chưa báo cáo {recipients} theo {ctx.label(duty.document)} (mục {duty.path or '?'}): "
        f"hạn {days_vi} đã qua, chưa ghi nhận báo cáo đến ngày {on:%d/%m/%Y}{unplaced_vi}",
        f"{reporter}{through_en}: no report to {recipients} recorded under {ctx.label(duty.document)} (section "
        f"{duty.path or '?'}) for the due day(s) {days_en}, as of {on.isoformat()}{unplaced_en}",
        documents=(duty.document,),
        agencies=tuple(dict.fromkeys(a for a in (status.reporter, status.group, *duty.recipients) if a)),
        evidence=ctx.evidence([duty.iri]),
        details={
            "duty": duty.iri,
            "reporter": status.reporter,
            "due": [d.isoformat() for d in missed],
            "asOf": on.isoformat(),
        },
    )


def _plan_overdue(ctx: ReadModel, status: PlanStatus, on: dt.date) -> Finding:
    asks = status.owed
    assert status.due is not None  # an overdue plan has a due day
    late = (on - status.due).days
    groups = "; ".join(f"“{ctx.label(g)}”" for g in asks.groups)
    return Finding(
        "plan-overdue",
        "high",
        f"{ctx.label(asks.unit)}{f' (thuộc {groups})' if groups else ''} chưa ban hành kế hoạch thực hiện "
        f"{ctx.label(asks.parent)}: hạn {status.due:%d/%m/%Y}, đã quá {late} ngày đến ngày {on:%d/%m/%Y}",
        f"{ctx.label(asks.unit)}{f' (one of {groups})' if groups else ''} has not issued its plan under "
        f"{ctx.label(asks.parent)}: due {status.due.isoformat()}, {late} day(s) overdue on {on.isoformat()}",
        documents=(asks.parent,),
        obligations=tuple(asks.obligations),
        agencies=(asks.unit, *asks.groups),
        evidence=ctx.evidence(asks.nodes),
        details={"unit": asks.unit, "due": status.due.isoformat(), "asOf": on.isoformat()},
    )


def home(finding: Finding) -> str:
    """Where a finding is kept: under the document that states the duty, or asks for the plan."""
    return finding.documents[0]


def affected(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A write changes the written document's findings (its own duties and the plans it asks for) and those of the
    documents it implemented or built on before or implements now (a plan issued under them), and what named it."""
    cited = {target for target, _ in change.cited_before | change.cited_after}
    return {change.document} | cited | involving(change.document, kept)


def stamp(model: ReadModel) -> str:
    """What else the findings read: the recorded events (only ever added: their count and latest time name the
    state) and the days a plan is due after its parent."""
    return f"events={events_stamp(model.store)}:plan-days={config.settings().plan_days}"


def detect(ctx: ReadModel, on: dt.date | None = None, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """Overdue reports and plans on `on` (today when None), of the documents `homes` only when given."""
    day = on or dt.date.today()
    chosen = None if homes is None else set(homes)
    documents = [d for d, info in ctx.documents.items() if info.in_corpus and (chosen is None or d in chosen)]
    for status in duties_on(ctx, documents, day):
        if status.overdue:
            yield _report_overdue(ctx, status, day)
    for plan in plans_on(ctx, None if homes is None else documents, day):
        if plan.state == "overdue":
            yield _plan_overdue(ctx, plan, day)


# -- the overview of a scope on a day -----------------------------------------------------------------------------


@dataclass
class Overview:
    """Reports and plans of a scope on a day: every reporting duty's due days, and every plan owed."""

    on: dt.date
    days: int
    duties: list[DutyStatus]
    plans: list[PlanStatus]

    def overdue(self) -> tuple[list[DutyStatus], list[PlanStatus]]:
        return [d for d in self.duties if d.state == "overdue"], [p for p in self.plans if p.state == "overdue"]


def overview(
    model: ReadModel,
    on: dt.date,
    document: str | None = None,
    cascade: bool = False,
    agency: str | None = None,
    days: int | None = None,
    kept: bool = False,
) -> Overview:
    """The timeliness of one document, of it and the documents implementing it (`cascade`), or of the corpus; of
    what one agency owes (its reports, itself or through a group it belongs to, and its plans) when `agency` is
    given (within that scope). `kept`: kept on the model for the last few questions asked (under the recorded
    events' state), so the pages that show it do not compute it again for each reader."""
    if kept:  # few kept: a national corpus's overview is about 150 MB
        key = (on, document, cascade, agency, days, config.settings().plan_days, events_stamp(model.store))
        return model.recent(
            "timeliness-overview", key, lambda: overview(model, on, document, cascade, agency, days), keep=4
        )
    wait = config.settings().plan_days if days is None else days
    documents = scope(model, document, cascade, limit=None)
    if agency is None:
        whole = None if document is None else documents  # the corpus read whole, not bound document by document
        return Overview(on, wait, duties_on(model, whole, on), plans_on(model, whole, on, wait))
    parties = {agency} | {g for (g,) in model.rows(f"SELECT ?g WHERE {{ ?g vc:member <{agency}> }}")}
    naming = {d for (d,) in model.rows(_NAMING.replace("{VALUES}", values("x", parties)))}
    documents = [d for d in documents if d in naming]
    duties = [d for d in duties_on(model, documents, on) if d.reporter in parties]  # itself, or its group unexpanded
    plans = [p for p in plans_on(model, documents, on, wait) if p.owed.unit == agency]
    return Overview(on, wait, duties, plans)


_NAMING = """SELECT DISTINCT ?d WHERE { {VALUES}
  { ?d vc:hasReportingDuty/vc:reporter ?x } UNION
  { ?d vc:hasObligation/vc:hasAssignment ?a . ?a vc:agent ?x ; vc:role vc:role-plan-issuer } }"""


def duty_json(status: DutyStatus, label: Callable[[str | None], str]) -> dict[str, Any]:
    duty = status.duty
    return {
        "duty": duty.iri,
        "reporter": {"iri": status.reporter, "label": label(status.reporter)} if status.reporter else None,
        "group": {"iri": status.group, "label": label(status.group)} if status.group else None,
        "document": duty.document,
        "documentLabel": label(duty.document),
        "section": duty.path,
        "text": duty.source_text,
        "reporters": [{"iri": a, "label": label(a)} for a in duty.reporters],
        "recipients": [{"iri": a, "label": label(a)} for a in duty.recipients],
        "state": status.state,
        "stateVi": STATES_VI[status.state],
        "firstDuePlaced": status.placed,
        "dueDays": [
            {
                "due": d.due.isoformat(),
                "state": d.state,
                "answeredBy": d.answered_by.iri if d.answered_by else None,
                "answeredOn": d.answered_by.occurred_on.isoformat() if d.answered_by else None,
            }
            for d in status.days
        ],
    }


def plan_json(status: PlanStatus, label: Callable[[str | None], str]) -> dict[str, Any]:
    asks = status.owed
    return {
        "parent": asks.parent,
        "parentLabel": label(asks.parent),
        "unit": asks.unit,
        "unitLabel": label(asks.unit),
        "groups": [{"iri": g, "label": label(g)} for g in asks.groups],
        "obligations": asks.obligations,
        "due": status.due.isoformat() if status.due else None,
        "dueStated": status.stated,
        "state": status.state,
        "stateVi": STATES_VI.get(status.state, status.state),
        "issuedIn": [
            {"iri": d, "label": label(d), "issuedOn": on.isoformat() if on else None} for d, on in status.documents
        ],
        "events": [e.iri for e in status.events],
    }


def overview_json(found: Overview, label: Callable[[str | None], str]) -> dict[str, Any]:
    duties, plans = found.overdue()
    return {
        "on": found.on.isoformat(),
        "planDays": found.days,
        "counts": {
            "duties": len(found.duties),
            "dutiesOverdue": len(duties),
            "plans": len(found.plans),
            "plansOverdue": len(plans),
        },
        "duties": [duty_json(d, label) for d in found.duties],
        "plans": [plan_json(p, label) for p in found.plans],
    }


@dataclass
class ObligationStatus:
    """An obligation on a day: the recorded reports that it is done, and the plans it asks units to issue."""

    done: list[Event] = field(default_factory=list)
    plans: list[PlanStatus] = field(default_factory=list)

    @property
    def state(self) -> str:
        """done (reported done); overdue (a plan it asks for is); issued (every plan is); open otherwise."""
        if self.done:
            return "done"
        if any(p.state == "overdue" for p in self.plans):
            return "overdue"
        if self.plans and all(p.state in ("issued", "late") for p in self.plans):
            return "issued"
        return "open"

    def words(self) -> str:
        """The status in Vietnamese as a table cell shows it."""
        if self.done:
            return f"đã báo cáo hoàn thành ngày {self.done[0].occurred_on:%d/%m/%Y}"
        if not self.plans:
            return "chưa ghi nhận kết quả"
        issued = sum(p.state in ("issued", "late") for p in self.plans)
        late = sum(p.state == "overdue" for p in self.plans)
        return f"{issued}/{len(self.plans)} kế hoạch đã ban hành" + (f", {late} quá hạn" if late else "")


def obligations_on(
    model: ReadModel, obligations: dict[str, str], on: dt.date, days: int | None = None
) -> dict[str, ObligationStatus]:
    """The status on `on` of these obligations (obligation IRI → its document's IRI)."""
    found = {o: ObligationStatus() for o in obligations}
    for event in event_reader.read(model, obligations):
        if event.kind == "obligation-done" and event.standing and event.occurred_on <= on:
            found[event.concerns].done.append(event)
    for plan in plans_on(model, set(obligations.values()), on, days):
        for o in plan.owed.obligations:
            if o in found:
                found[o].plans.append(plan)
    return found
