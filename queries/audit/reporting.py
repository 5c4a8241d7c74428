"""Reporting chains: follow each duty to its recipient (and the unit it goes through, "qua …") and on upward;
flag a report due after the day its recipient must itself report up, and a recipient with no upward duty of its
own (central bodies excepted)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.read_index import Change, values
from queries.audit.kept import Stored, involving
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "reporting"
TYPES = [
    FindingType(
        "late-reporting-deadline",
        FAMILY,
        "high",
        "Hạn báo cáo của cấp dưới muộn hơn hạn cấp trên phải báo cáo lên",
        "A report is due after the day its recipient must itself report upward",
    ),
    FindingType(
        "recipient-without-upward-duty",
        FAMILY,
        "low",
        "Đơn vị nhận báo cáo không có nghĩa vụ báo cáo lên cấp trên trong kho",
        "A unit that receives reports has no upward reporting duty in the corpus",
    ),
]


@dataclass(frozen=True)
class Duty:
    node: str
    document: str
    reporter: str
    recipient: str
    due: str | None  # --MM-DD
    via: tuple[str, ...] = ()


_DUTIES = """SELECT ?d ?r ?from ?to ?due WHERE {{ {values} ?d vc:inCorpus true ; vc:hasReportingDuty ?r .
    ?r vc:reporter ?from ; vc:recipient ?to OPTIONAL {{ ?r vc:dueDay ?due }} }}"""


def _duties(ctx: ReadModel, variable: str, agencies: Iterable[str] | None) -> list[Duty]:
    """The duties in the corpus (those whose reporter or recipient, as `variable` says, is one of these agencies, when
    given), in one order."""
    rows = in_order(ctx.rows(_DUTIES.format(values=values(variable, agencies))), 0, 1, 2, 3)
    nodes = None if agencies is None else {node for _, node, _, _, _ in rows}
    channels: dict[str, list[str]] = defaultdict(list)
    for node, via in in_order(ctx.rows(f"SELECT ?r ?via WHERE {{ {values('r', nodes)} ?r vc:via ?via }}"), 0, 1):
        channels[node].append(via)
    return [
        Duty(node, doc, reporter, recipient, due, tuple(channels[node])) for doc, node, reporter, recipient, due in rows
    ]


def _day(due: str) -> str:
    return f"{due[5:7]}/{due[2:4]}"  # --MM-DD → DD/MM


def home(finding: Finding) -> str:
    """Where a finding is kept: under the recipient of the report it is about."""
    return finding.agencies[1] if finding.type == "late-reporting-deadline" else finding.agencies[0]


def affected(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A write changes the duties of the written document only: the recipients whose reports it sends or routes (its
    claims name every reporter, recipient, channel and group of them), the recipients reporting through one of those
    or through a member of a named group, the members of a named group, and the recipients whose findings name one.
    A group the write took out of the store leaves its former members unknown: then every recipient."""
    named = set(change.named)
    if change.groups_gone:
        return kept.all() | {to for (to,) in new.rows("SELECT DISTINCT ?to WHERE { ?r vc:recipient ?to }")}
    members = {m for (m,) in new.rows(f"SELECT ?m WHERE {{ {values('g', named)} ?g vc:member ?m }}")}
    routed = {
        to
        for (to,) in new.rows(
            f"SELECT DISTINCT ?to WHERE {{ {values('v', named | members)} ?r vc:via ?v ; vc:recipient ?to }}"
        )
    }
    naming = kept.naming(named, ("agency",))
    return named | members | routed | naming | involving(change.document, kept)


def detect(ctx: ReadModel, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """Late deadlines and recipients without an upward duty (of these recipients only, when given)."""
    chosen = None if homes is None else set(homes)
    duties = _duties(ctx, "to", chosen)
    units = None if chosen is None else chosen | {v for d in duties for v in d.via}
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group, member in ctx.rows(f"SELECT ?g ?m WHERE {{ {values('m', units)} ?g vc:member ?m }}"):
        groups_of[member].add(group)
    reporters = None if units is None else units | {g for gs in groups_of.values() for g in gs}
    upward: dict[str, list[Duty]] = defaultdict(list)
    received: dict[str, list[Duty]] = defaultdict(list)
    for duty in duties:
        received[duty.recipient].append(duty)
    for duty in duties if chosen is None else _duties(ctx, "from", reporters):
        upward[duty.reporter].append(duty)
    central = {a for (a,) in ctx.rows(f'SELECT ?a WHERE {{ {values("a", chosen)} ?a vc:level "central" }}')}
    if chosen is not None:  # the duties these findings can quote, read at once
        ctx.read_spans([d.node for d in duties] + [d.node for onward in upward.values() for d in onward])

    def own_duties(unit: str) -> list[Duty]:
        """What the unit must report up: as itself, or as a member of a group told to report."""
        return [d for who in (unit, *sorted(groups_of[unit])) for d in upward.get(who, [])]

    reported: set[str] = set()
    for duty in duties:  # the report goes on from its recipient, or from the unit it is sent through
        onward = [d for unit in (duty.recipient, *duty.via) for d in own_duties(unit)]
        name, recipient = ctx.label(duty.reporter), ctx.label(duty.recipient)
        for later in onward:
            if duty.due and later.due and duty.due > later.due:
                onward_name = ctx.label(later.reporter)
                yield Finding(
                    "late-reporting-deadline",
                    "high",
                    f"{name} báo cáo {recipient} trước ngày {_day(duty.due)}, nhưng {onward_name} phải "
                    f"báo cáo {ctx.label(later.recipient)} trước ngày {_day(later.due)}",
                    f"{name} reports to {recipient} by {_day(duty.due)}, but {onward_name} must report to "
                    f"{ctx.label(later.recipient)} by {_day(later.due)}",
                    documents=tuple(dict.fromkeys((duty.document, later.document))),
                    agencies=(duty.reporter, duty.recipient, later.recipient),
                    evidence=ctx.evidence([duty.node, later.node]),
                    details={"due": duty.due, "onwardDue": later.due},
                )
        if not onward and duty.recipient not in central and duty.recipient not in reported:
            reported.add(duty.recipient)
            receives = received[duty.recipient]
            yield Finding(
                "recipient-without-upward-duty",
                "low",
                f"{recipient} nhận báo cáo nhưng không có nghĩa vụ báo cáo lên cấp trên trong kho",
                f"{recipient} receives reports but has no upward reporting duty in the corpus",
                documents=tuple(dict.fromkeys(d.document for d in receives)),
                agencies=(duty.recipient,),
                evidence=ctx.evidence(d.node for d in receives),
            )
