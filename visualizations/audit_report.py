"""Findings for people: a table, CSV, JSON or Markdown listing, and an audit report per document (Markdown, HTML)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Mapping

from markupsafe import Markup

from queries.audit import Finding, families, finding_types
from queries.read.model import ReadModel
from visualizations.cascade import cascade_view
from visualizations.model import View
from visualizations.page import swatch, template
from visualizations.styles import legend
from visualizations.svg import as_svg

REPORT_PER_FAMILY = 300  # findings a family lists in a corpus-wide report; the workbook holds them all
Label = Callable[[str], str]
Link = Callable[[str], str]  # the href a reader follows for an IRI
COLUMNS = ("severity", "type", "document", "message_vi", "message_en", "evidence")


def row(finding: Finding, label: Label) -> dict[str, str]:
    """A flat row: the first document's label and the first evidence text stand for the finding."""
    return {
        "severity": finding.severity,
        "type": finding.type,
        "document": label(finding.documents[0]) if finding.documents else "",
        "message_vi": finding.message_vi,
        "message_en": finding.message_en,
        "evidence": " ".join(finding.evidence[0].text.split()) if finding.evidence else "",
    }


def as_json(findings: list[Finding], label: Label) -> str:
    items = [
        {**f.as_dict(), "labels": {iri: label(iri) for iri in (*f.documents, *f.obligations, *f.agencies)}}
        for f in findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def as_csv(findings: list[Finding], label: Label) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row(f, label) for f in findings)
    return out.getvalue()


def as_table(findings: list[Finding], label: Label, lang: str = "vi", width: int = 110) -> str:
    """One line a finding: severity, type and the message in `lang`, cut to `width`."""
    lines = []
    for f in findings:
        message = f.message_vi if lang == "vi" else f.message_en
        line = f"{f.severity:<6} {f.type:<30} {message}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    counts = Counter(f.severity for f in findings)
    lines.append(f"{len(findings)} findings: " + ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low")))
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(findings: list[Finding], label: Label, title: str = "Các điểm đứt gãy / Gaps") -> str:
    """A Markdown report: counts by type, then each family's findings with their evidence quoted."""
    types = finding_types()
    counts = Counter(f.type for f in findings)
    out = [
        f"# {title}",
        "",
        f"{len(findings)} phát hiện / findings.",
        "",
        "| loại / type | mức / severity | số / count | mô tả / description |",
        "|---|---|---|---|",
    ]
    out += [
        f"| `{name}` | {types[name].severity} | {counts[name]} | {types[name].vi} / {types[name].en} |"
        for name in sorted(counts, key=lambda n: (("high", "medium", "low").index(types[n].severity), n))
    ]
    for family in families():
        chosen = [f for f in findings if f.type in {t.name for t in family.types}]
        if not chosen:
            continue
        out += ["", f"## {family.name}", ""]
        for f in chosen:
            out.append(f"- **{f.severity}** `{f.type}` — {_md_escape(f.message_vi)}  ")
            out.append(f"  _{_md_escape(f.message_en)}_")
            for e in f.evidence[:3]:
                where = f"{label(e.document)}, {e.start}–{e.end}" if e.start is not None else label(e.document)
                out.append(f"  > {_md_escape(' '.join(e.text.split()))} ({_md_escape(where)})")
    return "\n".join(out) + "\n"


def as_html(
    findings: list[Finding],
    label: Label,
    title: str = "Các điểm đứt gãy / Gaps",
    index: str | None = None,
    *,
    picture: View | None = None,
    per_family: int | None = None,
    link: Link | None = None,
    written: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> str:
    """The report as a self-contained, print-ready HTML page (no external resources, A4 print styles), from
    templates/audit_report.html. `index`: the href of a site's index page, linked above the title; `picture`: a
    cascade view drawn into the page as SVG, with its legend; `per_family`: findings listed per family at most (the
    rest counted); `link`: the href of a finding's documents, obligations and agencies; `written`: the day;
    `counts`: each type's findings in all, when `findings` holds only the first of each family."""
    types = finding_types()
    counts = counts if counts is not None else Counter(f.type for f in findings)
    rows = [
        {"name": n, "severity": types[n].severity, "count": counts[n], "vi": types[n].vi, "en": types[n].en}
        for n in sorted(counts)
    ]
    sections = []
    for family in families():
        chosen = [f for f in findings if f.type in {t.name for t in family.types}]
        if chosen:
            shown = chosen if per_family is None else chosen[:per_family]
            total = sum(counts.get(t.name, 0) for t in family.types)
            sections.append(
                {"name": family.name, "total": total, "findings": [_html_item(f, label, link) for f in shown]}
            )
    page = template("audit_report.html").render(
        title=title,
        index=index,
        total=sum(counts.values()),
        types=rows,
        families=sections,
        written=written,
        picture=Markup(as_svg(picture)) if picture is not None else None,
        picture_title=picture.title if picture is not None else None,
        legend=[{"swatch": swatch(i), "vi": i.vi, "en": i.en} for i in legend(picture.nodes, picture.edges)]
        if picture is not None
        else [],
    )
    return page + "\n"  # Jinja drops the template's final newline; a written report ends with one


def _html_item(finding: Finding, label: Label, link: Link | None) -> dict:
    """A finding as the HTML report lists it: its messages, links to what it names and up to three quotes."""
    quotes = [
        {"text": " ".join(e.text.split()), "document": label(e.document), "start": e.start, "end": e.end}
        for e in finding.evidence[:3]
    ]
    named = (*finding.documents, *finding.obligations, *finding.agencies)[:8] if link else ()
    return {
        "severity": finding.severity,
        "type": finding.type,
        "message_vi": finding.message_vi,
        "message_en": finding.message_en,
        "quotes": quotes,
        "links": [{"label": label(iri), "href": link(iri)} for iri in named] if link else [],
    }


def report_picture(model: ReadModel, document: str | None, root: str = "28-CT/TW") -> View | None:
    """The cascade a report draws: around the document (two steps up and down), or down from the root (Directive
    28, two steps, each node showing at most 40 neighbours: a page, not the nation); None for a corpus without the
    root."""
    if document is None:
        document = next((iri for iri, d in model.documents.items() if d.number == root), None)
        if document is None:
            return None
        return cascade_view(model, document, direction="down", depth=2)
    return cascade_view(model, document, direction="both", depth=2)


FORMATS: dict[str, Callable[..., str]] = {"json": as_json, "csv": as_csv, "md": as_markdown, "html": as_html}


def coverage_rows(coverage: dict) -> list[list[str]]:
    """The theme × document matrix as rows: a header of document labels, then one row per theme."""
    header = ["chủ đề / theme", *(d["label"] for d in coverage["documents"])]
    rows = [
        [f"{t['vi']} / {t['en']}", *map(str, counts)]
        for t, counts in zip(coverage["themes"], coverage["counts"], strict=False)
    ]
    rows.append(["(không gắn chủ đề / untagged)", *(str(d["untagged"]) for d in coverage["documents"])])
    return [header, *rows]


def coverage_text(coverage: dict, fmt: str) -> str:
    """The coverage matrix as an aligned table, CSV or Markdown."""
    rows = coverage_rows(coverage)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    if fmt == "md":
        lines = ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in rows]
        return "\n".join([lines[0], "|" + "---|" * len(rows[0]), *lines[1:]]) + "\n"
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return (
        "\n".join(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False)))
            for r in rows
        )
        + "\n"
    )
