"""The auditors' commands: `gaps` (findings, audit reports, theme coverage) and `analytics` (networkx)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from api.cli.common import open_store, store_option


@click.command("gaps")
@click.option(
    "--document",
    "document",
    default=None,
    help="Only findings involving this document: its number (162-KH/ĐUK), id (doc/…) or IRI.",
)
@click.option("--type", "types", multiple=True, help="A finding type or family (repeatable); see --list.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md", "html", "xlsx", "pdf"]),
    default="table",
    show_default=True,
    help="html: the print-ready report with the cascade drawn; xlsx: a sheet per family; pdf: the report printed"
    " (both need --out).",
)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Table language.")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to this file.")
@click.option(
    "--on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="As of this day (YYYY-MM-DD): owners replaced by the 2025 reorganisation, and the plans their successors"
    " owe (default: owners as of today, plans as written).",
)
@click.option("--list", "list_types", is_flag=True, help="List the finding types and exit.")
@click.option("--coverage", is_flag=True, help="Print the theme × document coverage matrix instead.")
@store_option
def gaps_cmd(
    document: str | None,
    types: tuple[str, ...],
    fmt: str,
    lang: str,
    out: Path | None,
    on: dt.datetime | None,
    list_types: bool,
    coverage: bool,
    store_path: Path | None,
) -> None:
    """Where the cascade breaks: every finding with its evidence (the audit report with --format md, html or pdf;
    the workbook with xlsx)."""
    from queries.audit import finding_types, run
    from queries.read.model import ReadModel
    from visualizations import audit_report, audit_workbook, printed

    if list_types:
        for t in finding_types().values():
            click.echo(f"{t.family:<10} {t.name:<30} {t.severity:<6} {t.vi} / {t.en}")
        return
    with open_store(store_path, read_only=True) as store:
        context = ReadModel(store)
        if coverage:
            if fmt in ("html", "xlsx", "pdf"):
                raise click.UsageError("--coverage prints a table, JSON, CSV or Markdown")
            from queries.audit.themes import coverage as theme_coverage

            matrix = theme_coverage(context)
            click.echo(
                (
                    json.dumps(matrix, ensure_ascii=False, indent=2)
                    if fmt == "json"
                    else audit_report.coverage_text(matrix, fmt)
                ).rstrip("\n")
            )
            return
        iri = context.find_document(document) if document else None
        findings = run(context, types or None, iri, on.date() if on else None)
        title = f"Rà soát / Audit: {context.label(iri)}" if iri else "Các điểm đứt gãy / Gaps"
        if fmt in ("xlsx", "pdf") and out is None:
            raise click.UsageError(f"--format {fmt} writes a file: give --out")
        if fmt == "table":
            text: str | bytes = audit_report.as_table(findings, context.label, lang)
        elif fmt == "xlsx":
            text = audit_workbook.as_xlsx(findings, context.label, lambda node: node, title)
        elif fmt in ("html", "pdf"):
            text = audit_report.as_html(
                findings,
                context.label,
                title,
                picture=audit_report.report_picture(context, iri),
                per_family=None if iri else audit_report.REPORT_PER_FAMILY,
                link=lambda node: node,
                written=dt.date.today().isoformat(),
            )
            text = printed.to_pdf(text) if fmt == "pdf" else text
        elif fmt == "md":
            text = audit_report.FORMATS[fmt](findings, context.label, title)
        else:
            text = audit_report.FORMATS[fmt](findings, context.label)
    if out is not None:
        if isinstance(text, bytes):
            out.write_bytes(text)
        else:
            out.write_text(text, encoding="utf-8")
        click.echo(f"{len(findings)} findings written to {out}")
    else:
        assert isinstance(text, str)
        click.echo(text.rstrip("\n"))


@click.command("analytics")
@click.argument("what", type=click.Choice(["chains", "orphans", "load", "path"]))
@click.argument("obligation", required=False)
@click.option("--root", default="28-CT/TW", show_default=True, help="Number of the document at the top.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=20, show_default=True, help="Rows of the load ranking to print.")
@store_option
def analytics_cmd(what: str, obligation: str | None, root: str, fmt: str, limit: int, store_path: Path | None) -> None:
    """Cascade analytics: chain depths, orphaned subtrees, agency load, or the responsibility path to OBLIGATION."""
    from queries.audit import analytics
    from queries.read.model import ReadModel

    if what == "path" and not obligation:
        raise click.UsageError("path needs an obligation id or IRI (doc/…/obligation/…)")
    with open_store(store_path, read_only=True) as store:
        context = ReadModel(store)
        result: Any
        if what == "chains":
            result = analytics.chain_depths(context, root)
        elif what == "orphans":
            result = analytics.orphaned_subtrees(context, root)
        elif what == "load":
            result = analytics.agency_load(context)[:limit]
        else:
            result = analytics.responsibility_path(context, context.ids.iri_of(obligation or ""), root)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif what == "chains":
        for leaf in result["leaves"]:
            click.echo(" → ".join(step["label"] for step in leaf["chain"]) + f"  (depth {leaf['depth']})")
        click.echo(f"{len(result['documents'])} documents below {root}, deepest {result['maxDepth']}")
    elif what == "orphans":
        for orphan in result:
            below = ", ".join(d["label"] for d in orphan["documents"])
            click.echo(f"{orphan['missing']['label']} (missing) ← {below}")
    elif what == "load":
        click.echo(f"{'lead':>5} {'support':>8} {'plan':>5} {'via group':>10}  agency")
        for row in result:
            d = row["direct"]
            click.echo(
                f"{d['lead']:>5} {d['support']:>8} {d['planIssuer']:>5} {row['viaGroup']['total']:>10}  {row['label']}"
            )
    elif result is None:
        click.echo(f"no path of responsibility from {root} to {obligation}")
    else:
        click.echo(
            "\n".join(
                f"{'  ' * n}{step['label']}  [{step['kind']}{', ' + step['relation'] if step['relation'] else ''}]"
                for n, step in enumerate(result)
            )
        )


@click.command("overdue")
@click.argument("document", required=False)
@click.option("--cascade", is_flag=True, help="DOCUMENT and every document implementing it, down the cascade.")
@click.option("--agency", default=None, help="Only what this agency (id or IRI) owes: its reports and its plans.")
@click.option("--on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="As of this day [default: today].")
@click.option("--plan-days", type=click.IntRange(min=0), default=None, help="Days a plan is due after its parent.")
@click.option("--all", "everything", is_flag=True, help="Every duty and plan, not only the overdue ones.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
def overdue_cmd(
    document: str | None,
    cascade: bool,
    agency: str | None,
    on: dt.datetime | None,
    plan_days: int | None,
    everything: bool,
    fmt: str,
    store_path: Path | None,
) -> None:
    """Reports due and not received, and plans owed and not issued, on a day: of DOCUMENT, its cascade, an agency
    or the whole corpus."""
    from queries.audit import timeliness
    from queries.read.model import ReadModel

    if cascade and document is None:
        raise click.UsageError("--cascade needs a DOCUMENT at the top")
    day = on.date() if on else dt.date.today()
    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        found = timeliness.overview(
            model,
            day,
            model.find_document(document) if document else None,
            cascade,
            model.agency_iri(agency) if agency else None,
            plan_days,
        )
        if fmt == "json":
            click.echo(json.dumps(timeliness.overview_json(found, model.label), ensure_ascii=False, indent=2))
            return
        late_duties, late_plans = found.overdue()
        duties = found.duties if everything else late_duties
        plans = found.plans if everything else late_plans
        for d in duties:
            due = ", ".join(f"{x.due} {timeliness.STATES_VI[x.state]}" for x in d.days) or "không nêu hạn"
            who = model.label(d.reporter) if d.reporter else "?"
            click.echo(f"[báo cáo] {timeliness.STATES_VI[d.state]}: {who} → {model.label(d.duty.document)} ({due})")
        for p in plans:
            due = p.due.isoformat() if p.due else "?"
            click.echo(
                f"[kế hoạch] {timeliness.STATES_VI[p.state]}: {model.label(p.owed.unit)} theo "
                f"{model.label(p.owed.parent)} (hạn {due})"
            )
    click.echo(
        f"on {day}: {len(late_duties)} of {len(found.duties)} reporting duties overdue, {len(late_plans)} of "
        f"{len(found.plans)} plans owed overdue (a plan is due on the day its text gives, else {found.days} days "
        "after its parent)"
    )


@click.command("diff")
@click.argument("document")
@click.option("--from", "before", type=int, default=None, help="The earlier version's number [default: the last kept].")
@click.option("--to", "after", type=int, default=None, help="The later version's number [default: the current text].")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
def diff_cmd(document: str, before: int | None, after: int | None, fmt: str, store_path: Path | None) -> None:
    """What changed between two texts of DOCUMENT (number, id or IRI): obligations added, removed and changed
    (owners, timeframe, words) and targets, each with both source texts."""
    from queries.audit import versions
    from queries.read.model import ReadModel

    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        iri = model.find_document(document)
        found = versions.diff(model, iri, before, after)
        if fmt == "json":
            click.echo(json.dumps(versions.as_json(found, model.label), ensure_ascii=False, indent=2))
            return

        def owners(o: versions.ObligationFacts) -> str:
            return "; ".join(
                f"{role}: {', '.join(model.label(a) for a in agents)}" for role, agents in o.owners.items()
            )

        click.echo(f"{model.label(iri)}: {found.before.name} → {found.after.name}")
        for sign, items in (("-", found.removed), ("+", found.added)):
            for o in items:
                click.echo(f"{sign} [{o.path}] {o.text}\n    ({owners(o)}; {o.timeframe or 'no timeframe'})")
        for p in found.changed:
            click.echo(f"~ [{p.after.path}] {', '.join(p.changes)}")
            click.echo(f"    before: {p.before.text}\n      ({owners(p.before)}; {p.before.timeframe or '—'})")
            click.echo(f"    after:  {p.after.text}\n      ({owners(p.after)}; {p.after.timeframe or '—'})")
        for sign, targets in (("-", found.targets_removed), ("+", found.targets_added)):
            for t in targets:
                click.echo(f"{sign} target {t.indicator} {t.comparator} {t.value}{t.unit} {t.year or ''}: {t.text}")
        for p in found.targets_changed:
            click.echo(f"~ target {', '.join(p.changes)}\n    before: {p.before.text}\n    after:  {p.after.text}")
        click.echo(
            f"{len(found.added)} added, {len(found.removed)} removed, {len(found.changed)} changed, "
            f"{found.unchanged} unchanged obligations; targets: {len(found.targets_added)} added, "
            f"{len(found.targets_removed)} removed, {len(found.targets_changed)} changed"
        )
