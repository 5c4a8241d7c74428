"""Implementation events from the command line: `record` one (or a JSON Lines file of them) and list them with
`events`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import click

from api.cli.common import open_store, store_option
from loaders import config
from loaders.events import KINDS, NewEvent, parse, parse_lines, record
from loaders.originals import Originals


def _iri(value: str | None, base: str) -> str | None:
    """An IRI as given, or a path under the base IRI ("doc/…/reporting/1")."""
    if value is None or "://" in value:
        return value
    return base + value.lstrip("/")


@click.command("record")
@click.argument("kind", type=click.Choice(list(KINDS)), required=False)
@click.argument("concerns", required=False)
@click.option("--on", "occurred", help="The day it happened, YYYY-MM-DD.")
@click.option("--by", "recorded_by", help="Who records it.")
@click.option("--actor", help="The unit that reported, did the work or issued the plan (IRI or path under the base).")
@click.option("--for-due", "for_due", help="The due day (YYYY-MM-DD) of the duty the report answers.")
@click.option("--note", help="What shows it happened.")
@click.option("--file", "evidence", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Evidence.")
@click.option("--evidence-document", help="An ingested document that shows it (IRI or path under the base).")
@click.option("--quote", help="The exact text of the evidence document that shows it.")
@click.option("--retracts", help="An earlier event this one takes back (IRI).")
@click.option(
    "--from", "source", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="A JSON Lines file."
)
@store_option
def record_cmd(
    kind: str | None,
    concerns: str | None,
    occurred: str | None,
    recorded_by: str | None,
    actor: str | None,
    for_due: str | None,
    note: str | None,
    evidence: Path | None,
    evidence_document: str | None,
    quote: str | None,
    retracts: str | None,
    source: Path | None,
    store_path: Path | None,
) -> None:
    """Record that something happened: KIND (report-received, obligation-done, plan-issued) about CONCERNS (a
    reporting duty, an obligation, a document: IRI or path under the base); or every event of a JSON Lines file
    (--from), all or none."""
    base = config.base_iri()
    if source is not None:
        if kind or concerns:
            raise click.UsageError("give KIND and CONCERNS, or --from, not both")
        given = [(e, f"{source}:{n}") for n, e in _numbered(source)]
    else:
        if not (kind and concerns and occurred and recorded_by):
            raise click.UsageError("KIND, CONCERNS, --on and --by are required (or --from FILE)")
        fields = {
            "kind": kind,
            "concerns": _iri(concerns, base),
            "occurred_on": occurred,
            "recorded_by": recorded_by,
            "actor": _iri(actor, base),
            "for_due_date": for_due,
            "note": note,
            "evidence_document": _iri(evidence_document, base),
            "quote": quote,
            "retracts": retracts,
        }
        given = [(parse({k: v for k, v in fields.items() if v is not None}, "the command line"), "the command line")]
    with open_store(store_path) as store:
        added = None
        if evidence is not None:
            if store.path is None:
                raise click.ClickException("a store in memory keeps no files")
            originals = Originals.beside(store.path)
            digest, created = originals.keep(evidence.read_bytes())
            added = (originals, digest) if created else None
            given = [(replace(e, file_digest=digest, file_name=evidence.name), w) for e, w in given]
        try:
            written = record(store, base, given)
        except Exception:
            if added is not None:
                added[0].discard(added[1])
            raise
    for r in written:
        click.echo(f"recorded {r.event.kind} {r.iri} about {r.event.concerns}")


def _numbered(source: Path) -> list[tuple[int, NewEvent]]:
    """The events of a JSON Lines file with their line numbers."""
    text = source.read_text(encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    return list(zip(lines, parse_lines(text, str(source)), strict=True))


@click.command("events")
@click.option("--document", help="Events about a document and its parts (number, id or IRI).")
@click.option("--concerns", help="Events about one node (IRI or path under the base).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@store_option
def events_cmd(document: str | None, concerns: str | None, fmt: str, store_path: Path | None) -> None:
    """List recorded implementation events, in the order they happened."""
    from queries.read import events
    from queries.read.model import ReadModel

    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        if document is not None:
            found = events.of_document(model, model.find_document(document))
        else:
            found = events.read(model, [c] if (c := _iri(concerns, model.base)) else None)
        if fmt == "json":
            click.echo(
                json.dumps(
                    [e.as_dict(lambda iri: events.node_label(model, iri)) for e in found], ensure_ascii=False, indent=2
                )
            )
            return
        for e in found:
            state = " (retracted)" if e.retracted_by else " (retraction)" if e.retracts else ""
            click.echo(
                f"{e.occurred_on} {e.kind}{state}: {events.node_label(model, e.concerns)} — by {e.recorded_by}, {e.iri}"
            )
        click.echo(f"{len(found)} events (as of {dt.date.today()})")


@click.command("reports")
@click.option("--match", "run", is_flag=True, help="Match the reports no event cites yet, and record the matches.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@store_option
def reports_cmd(run: bool, fmt: str, store_path: Path | None) -> None:
    """Ingested reports not yet tied to the duty they answer: their candidate duties and why none was recorded
    (confirm one with `vn-cascade record report-received DUTY --evidence-document REPORT …`)."""
    from loaders import report_matching

    with open_store(store_path, read_only=not run) as store:
        if run:
            matched = [m for m in report_matching.match_all(store, config.base_iri()) if m.matched]
            click.echo(f"{len(matched)} reports matched and recorded")
        _, left = report_matching.pending(store)
    if fmt == "json":
        click.echo(json.dumps([report_matching.as_json(m) for m in left], ensure_ascii=False, indent=2))
        return
    for m in left:
        click.echo(f"{m.report}: {m.reason}")
        for c in m.candidates:
            where = "cited" if c.cited else "not cited"
            click.echo(f"    candidate {c.duty} ({where}{f', due {c.due}' if c.due else ''})")
    click.echo(f"{len(left)} reports left to confirm")
