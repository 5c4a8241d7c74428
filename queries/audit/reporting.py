"""Reporting chains: follow each duty to its recipient (and the unit it goes through, "qua …") and on upward;
flag a report due after the day its recipient must itself report up, and a recipient with no upward duty of its
own (central bodies excepted)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel

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


def _duties(ctx: ReadModel) -> list[Duty]:
    channels: dict[str, list[str]] = defaultdict(list)
    for node, via in ctx.rows("SELECT ?r ?via WHERE { ?r vc:via ?via } ORDER BY ?r ?via"):
        channels[node].append(via)
    return [
        Duty(node, doc, reporter, recipient, due, tuple(channels[node]))
        for doc, node, reporter, recipient, due in ctx.rows("""
        SELECT ?d ?r ?from ?to ?due WHERE { ?d vc:inCorpus true ; vc:hasReportingDuty ?r .
          ?r vc:reporter ?from ; vc:recipient ?to OPTIONAL { ?r vc:dueDay ?due } } ORDER BY ?d ?r ?from ?to""")
    ]


def _day(due: str) -> str:
    return f"{due[5:7]}/{due[2:4]}"  # --MM-DD → DD/MM


def detect(ctx: ReadModel) -> Iterable[Finding]:
    duties = _duties(ctx)
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group, member in ctx.rows("SELECT ?g ?m WHERE { ?g vc:member ?m }"):
        groups_of[member].add(group)
    upward: dict[str, list[Duty]] = defaultdict(list)
    received: dict[str, list[Duty]] = defaultdict(list)
    for duty in duties:
        upward[duty.reporter].append(duty)
        received[duty.recipient].append(duty)
    central = {a for (a,) in ctx.rows('SELECT ?a WHERE { ?a vc:level "central" }')}

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
