"""The RACI matrix as staff open it: an XLSX workbook (a legend, the load per agency, the targets, then one sheet
per document: obligations down, agencies across, the role in each cell) or one CSV table of the whole scope."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence

from queries.read.raci import ROLE_EN, ROLE_VI, ROLES, Line, Raci, Role
from visualizations.sheets import Link, Sheets, csv_cell

# Sheet names hold 31 characters: the long words of a document's name shortened as document symbols write them.
_SHORT = (
    ("Kế hoạch", "KH"),
    ("Ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ban Thường vụ", "BTV"),
    ("Ban Chấp hành", "BCH"),
    (" (không số)", ""),
    (" của ", " "),
)
Href = Callable[[str], str]  # the URL a reader follows for an IRI (the IRI itself, or where it resolves)
_DETAILS = [
    "Thời hạn / Timeframe",
    "Chỉ tiêu trong mục / Targets",
    "Văn bản gốc / Source text",
    "Vị trí / Where",
    "IRI",
]


def sheet_name(label: str) -> str:
    """A document's sheet name: its label with the long words shortened ('KH UBND tỉnh Lai Châu')."""
    for long, short in _SHORT:
        label = label.replace(long, short)
    return label


def roles_text(raci: Raci, roles: list[Role]) -> str:
    """One cell: the agency's roles in one obligation, the direct ones first ('chủ trì; phối hợp (qua: …)')."""
    return "; ".join(r.words(raci.label(r.via)) if r.via else r.words("") for r in roles)


def _details(line: Line) -> list[object]:
    return [
        line.timeframe or "",
        "\n".join(t.words() for t in line.targets),
        line.source_text,
        line.location,
    ]


def as_xlsx(raci: Raci, href: Href) -> bytes:
    """The workbook of a matrix."""
    sheets = Sheets(raci.title)
    legend, load, targets = sheets.name("Chú giải"), sheets.name("Tổng hợp theo cơ quan"), sheets.name("Chỉ tiêu")
    names = [sheets.name(sheet_name(raci.label(d))) for d in raci.documents]
    _legend(sheets, legend, raci, names, href)
    _load(sheets, load, raci, href)
    _targets(sheets, targets, raci, href)
    for name, document in zip(names, raci.documents, strict=True):
        agencies = raci.agencies(document)
        header = ["Mục / Section", "Nhiệm vụ / Obligation", *(raci.label(a) for a in agencies), *_DETAILS]
        rows = (
            [
                line.path,
                line.title,
                *(roles_text(raci, line.roles.get(a, [])) for a in agencies),
                *_details(line),
                Link(line.obligation, href(line.obligation)),
            ]
            for line in raci.lines[document]
        )
        widths = [9, 42, *(7 for _ in agencies), 16, 30, 70, 14, 30]
        sheets.table(name, header, rows, widths, turned=range(3, 3 + len(agencies)), frozen=2)
    return sheets.to_bytes()


def _legend(sheets: Sheets, name: str, raci: Raci, names: list[str], href: Href) -> None:
    """The scope, the roles' words and each document's sheet."""
    rows: list[Sequence[object]] = [
        ["Phạm vi / Scope", raci.title],
        ["Văn bản / Documents", len(raci.documents)],
        ["Nhiệm vụ / Obligations", sum(len(lines) for lines in raci.lines.values())],
        ["Nhóm được khai triển / Groups expanded", "có / yes" if raci.expanded else "không / no"],
        ["Lập ngày / Written on", dt.date.today().isoformat()],
        *([ROLE_VI[r], ROLE_EN[r]] for r in ROLES),
        [
            "(qua: …)",
            "held through the group named: the text assigns the group, the graph lists this unit among its members",
        ],
        ["Trang / Sheet", "Văn bản / Document", "IRI"],
        *([sheet, raci.label(d), Link(d, href(d))] for sheet, d in zip(names, raci.documents, strict=True)),
    ]
    sheets.table(name, ["Chú giải / Legend", "", ""], rows, [34, 90, 40], frozen=1)


def _load(sheets: Sheets, name: str, raci: Raci, href: Href) -> None:
    header = [
        "Cơ quan / Agency",
        "Nhóm / Group",
        *(f"{ROLE_VI[r]} / {ROLE_EN[r]}" for r in ROLES),
        "qua nhóm / through groups",
        "Tổng / Total",
        "IRI",
    ]
    rows = (
        [
            x.label,
            "nhóm" if x.group else "",
            *(x.by_role[r] for r in ROLES),
            x.through_groups,
            x.total,
            Link(x.agency, href(x.agency)),
        ]
        for x in raci.load()
    )
    sheets.table(name, header, rows, [48, 8, *(11 for _ in ROLES), 11, 9, 40], frozen=1)


def _targets(sheets: Sheets, name: str, raci: Raci, href: Href) -> None:
    header = [
        "Văn bản / Document",
        "Mục / Section",
        "Chỉ tiêu / Indicator",
        "So sánh",
        "Giá trị / Value",
        "Đơn vị / Unit",
        "Năm / Year",
        "Nhiệm vụ chứa / Held by obligation",
        "Văn bản gốc / Source text",
        "IRI",
    ]
    rows = (
        [
            raci.label(t.document),
            t.path,
            t.indicator,
            t.comparator or "",
            t.value,
            t.unit or "",
            t.year or "",
            t.obligation or "",
            t.source_text,
            Link(t.iri, href(t.iri)),
        ]
        for t in raci.targets
    )
    sheets.table(name, header, rows, [24, 9, 44, 9, 9, 9, 7, 30, 60, 30], frozen=1)


def as_csv(raci: Raci) -> str:
    """The whole scope as one table: a row an obligation, a column an agency (UTF-8 with a byte-order mark, so
    Excel reads the Vietnamese right; a cell that would start a formula begins with an apostrophe)."""
    agencies = raci.agencies()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["Văn bản / Document", "Mục / Section", "Nhiệm vụ / Obligation", *(raci.label(a) for a in agencies)]
    writer.writerow([csv_cell(h) for h in [*header, *_DETAILS]])
    for document in raci.documents:
        for line in raci.lines[document]:
            cells = [
                raci.label(document),
                line.path,
                line.title,
                *(roles_text(raci, line.roles.get(a, [])) for a in agencies),
                *_details(line),
                line.obligation,
            ]
            writer.writerow([csv_cell(c) if isinstance(c, str) else c for c in cells])
    return out.getvalue()
