"""Findings for people: a table, CSV, JSON or Markdown listing, and an audit report per document (Markdown, HTML)."""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Callable

from queries.audit import Finding, families, finding_types

Label = Callable[[str], str]
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


def as_html(findings: list[Finding], label: Label, title: str = "Các điểm đứt gãy / Gaps") -> str:
    """The same report as a self-contained HTML page (no external resources)."""
    esc = html.escape
    types = finding_types()
    counts = Counter(f.type for f in findings)
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p>{len(findings)} phát hiện / findings.</p>",
        "<table><thead><tr><th>loại / type</th><th>mức / severity</th><th>số / count</th>"
        "<th>mô tả / description</th></tr></thead><tbody>",
    ]
    body += [
        f"<tr><td><code>{esc(n)}</code></td><td>{types[n].severity}</td><td>{counts[n]}</td>"
        f"<td>{esc(types[n].vi)} / {esc(types[n].en)}</td></tr>"
        for n in sorted(counts)
    ]
    body.append("</tbody></table>")
    for family in families():
        chosen = [f for f in findings if f.type in {t.name for t in family.types}]
        if not chosen:
            continue
        body.append(f"<h2>{esc(family.name)}</h2><ul>")
        for f in chosen:
            quotes = "".join(
                f"<blockquote>{esc(' '.join(e.text.split()))} <cite>{esc(label(e.document))}"
                f"{'' if e.start is None else f', {e.start}–{e.end}'}</cite></blockquote>"
                for e in f.evidence[:3]
            )
            body.append(
                f'<li class="{f.severity}"><strong>{f.severity}</strong> <code>{esc(f.type)}</code> '
                f'{esc(f.message_vi)}<br><em lang="en">{esc(f.message_en)}</em>{quotes}</li>'
            )
        body.append("</ul>")
    style = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}"
        "li{margin:.6rem 0}li.high strong{color:#b00}li.medium strong{color:#a60}li.low strong{color:#666}"
        "blockquote{margin:.3rem 0 .3rem 1rem;color:#333;border-left:3px solid #ddd;padding-left:.5rem}"
    )
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )


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
