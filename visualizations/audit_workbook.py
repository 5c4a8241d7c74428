"""The audit as a workbook: a summary of the finding types, then a sheet per detector family, a finding a row with
its messages, the evidence quoted with where it stands, and links to what it names."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence

from queries.audit import Finding, families, finding_types
from visualizations.sheets import Link, Sheets

Label = Callable[[str], str]
Href = Callable[[str], str]
_SEVERITY_VI = {"high": "cao", "medium": "trung bình", "low": "thấp"}
_HEADER = [
    "Mức / Severity",
    "Loại / Type",
    "Văn bản / Document",
    "Nội dung / Finding (vi)",
    "Finding (en)",
    "Bằng chứng / Evidence",
    "Vị trí / Where",
    "Nhiệm vụ / Obligations",
    "Cơ quan / Agencies",
    "Liên kết / Link",
    "Mã / Finding id",
]
_WIDTHS = [11, 24, 26, 60, 50, 70, 26, 30, 34, 40, 18]


def _row(finding: Finding, label: Label, href: Href) -> list[object]:
    """One finding: its first document stands for it in the Document column, its first obligation (else document)
    is the link; every quote of evidence is kept, one a paragraph."""
    evidence = "\n\n".join(" ".join(e.text.split()) for e in finding.evidence)
    where = "\n".join(
        f"{label(e.document)}, {e.start}–{e.end}" if e.start is not None else label(e.document)
        for e in finding.evidence
    )
    target = (finding.obligations or finding.documents or finding.agencies or ("",))[0]
    return [
        f"{finding.severity} / {_SEVERITY_VI[finding.severity]}",
        finding.type,
        label(finding.documents[0]) if finding.documents else "",
        finding.message_vi,
        finding.message_en,
        evidence,
        where,
        "\n".join(finding.obligations),
        "\n".join(label(a) for a in finding.agencies),
        Link(target, href(target)) if target else "",
        finding.id,
    ]


def as_xlsx(findings: Sequence[Finding], label: Label, href: Href, title: str) -> bytes:
    """The workbook of these findings (in the order given, which is the audit's)."""
    sheets = Sheets(title)
    types = finding_types()
    counts = Counter(f.type for f in findings)
    summary = sheets.name("Tổng hợp")
    by_family = [(family, [f for f in findings if f.type in {t.name for t in family.types}]) for family in families()]
    names = [sheets.name(family.name) for family, chosen in by_family if chosen]
    rows: list[Sequence[object]] = [
        [title, "", "", len(findings), f"lập ngày / written on {dt.date.today().isoformat()}", ""],
        *(
            [name, types[name].family, types[name].severity, counts[name], types[name].vi, types[name].en]
            for name in sorted(counts, key=lambda n: (("high", "medium", "low").index(types[n].severity), n))
        ),
    ]
    header = ["Loại / Type", "Nhóm / Family", "Mức / Severity", "Số / Count", "Mô tả", "Description"]
    sheets.table(summary, header, rows, [30, 14, 12, 10, 60, 60], frozen=1)
    for name, (_, chosen) in zip(names, [(f, c) for f, c in by_family if c], strict=True):
        sheets.table(name, _HEADER, (_row(f, label, href) for f in chosen), _WIDTHS, frozen=2)
    return sheets.to_bytes()
