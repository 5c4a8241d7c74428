"""Siblings side by side as a workbook: an overview, the parent's obligations and who carries each, themes, owners per
theme and targets per indicator, one column per sibling."""

from __future__ import annotations

from collections.abc import Callable

from queries.audit.siblings import Comparison, theme_names
from queries.audit.targets import Target
from queries.read.model import ReadModel
from visualizations.raci_workbook import sheet_name
from visualizations.sheets import Link, Sheets

Href = Callable[[str], str]


def target_words(t: Target) -> str:
    """A target as a cell shows it: '≥ 95% (2025)'."""
    symbol = {">=": "≥", "<=": "≤"}.get(t.comparator, t.comparator)
    value = f"{t.value.normalize():f}".replace(".", ",")
    return f"{symbol} {value}{t.unit}" + (f" ({t.year})" if t.year else "")


def as_xlsx(found: Comparison, model: ReadModel, href: Href) -> bytes:
    """The workbook of one comparison."""
    label = model.label
    sheets = Sheets(f"So sánh các văn bản thực hiện {label(found.parent)}")
    columns = [sheet_name(label(s)) for s in found.siblings]
    widths_per_sibling = [28.0] * len(found.siblings)
    overview = sheets.name("Tổng quan")
    sheets.table(
        overview,
        [
            "Văn bản / Document",
            "Ngày ban hành / Issued",
            "Số ngày sau văn bản cấp trên / Days after the parent",
            "Số nhiệm vụ / Obligations",
            "Nhiệm vụ cấp trên được cụ thể hóa / Parent obligations carried",
        ],
        [
            [
                Link(label(s), href(s)),
                model.documents[s].issued_on or "",
                found.days_after[s] if found.days_after[s] is not None else "",
                len(found.obligations[s]),
                f"{found.carried_count(s)}/{len(found.carried)}" if found.ingested else "",
            ]
            for s in found.siblings
        ],
        [48, 16, 18, 14, 22],
    )
    parents = {o.iri: o for o in found.obligations.get(found.parent, [])}
    names = theme_names()
    if found.ingested:
        carried = sheets.name("Nhiệm vụ cấp trên")
        sheets.table(
            carried,
            ["Mục / Section", "Nhiệm vụ cấp trên / Parent obligation", "Chủ đề / Themes", *columns],
            [
                [
                    parents[p].path,
                    Link(parents[p].title or parents[p].text[:200], href(p)),
                    "; ".join(names[t][0] for t in sorted(parents[p].themes) if t in names),
                    *[
                        f"{c.obligation.path}: {c.obligation.title or c.obligation.text[:120]} (~{c.score:.2f})"
                        if c.obligation
                        else "—"
                        for c in (row[s] for s in found.siblings)
                    ],
                ]
                for p, row in found.carried.items()
            ],
            [10, 50, 24, *widths_per_sibling],
            frozen=2,
        )
    counts = {s: found.theme_counts(s) for s in [found.parent, *found.siblings]}
    themes = sheets.name("Chủ đề")
    sheets.table(
        themes,
        ["Chủ đề / Theme", "Văn bản cấp trên / Parent", *columns],
        [
            [f"{vi} / {en}", counts[found.parent].get(t, 0), *[counts[s].get(t, 0) for s in found.siblings]]
            for t, (vi, en) in names.items()
        ],
        [36, 12, *[14.0] * len(found.siblings)],
    )
    owners = sheets.name("Chủ trì theo chủ đề")
    sheets.table(
        owners,
        ["Chủ đề / Theme", *columns],
        [
            [f"{vi} / {en}", *["; ".join(label(a) for a in found.owners(s, t)) or "—" for s in found.siblings]]
            for t, (vi, en) in names.items()
        ],
        [36, *widths_per_sibling],
    )
    targets = sheets.name("Chỉ tiêu")
    sheets.table(
        targets,
        ["Chỉ số / Indicator", "Văn bản cấp trên / Parent", *columns],
        [
            [
                row.indicator,
                target_words(row.parent) if row.parent else "(không có / none)",
                *["; ".join(target_words(t) for t in row.by_sibling.get(s, [])) or "—" for s in found.siblings],
            ]
            for row in found.targets
        ],
        [48, 16, *[16.0] * len(found.siblings)],
    )
    return sheets.to_bytes()
