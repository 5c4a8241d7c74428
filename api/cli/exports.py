"""What staff take away: `raci` (the responsibility matrix as XLSX or CSV) and `calendar` (reporting duties as
iCalendar)."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli.common import open_store, store_option


@click.command("raci")
@click.argument("document", required=False)
@click.option("--cascade", is_flag=True, help="DOCUMENT and every document implementing it, down the cascade.")
@click.option("--expand-groups", is_flag=True, help="Also write a group's role to each of its known members.")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None, help="[default: from --out]")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The file to write.")
@store_option
def raci_cmd(
    document: str | None, cascade: bool, expand_groups: bool, fmt: str | None, out: Path, store_path: Path | None
) -> None:
    """The obligations × agencies matrix of DOCUMENT (number, id or IRI), of its cascade, or of the whole corpus."""
    from queries.read import raci
    from queries.read.model import ReadModel
    from visualizations import raci_workbook

    if cascade and document is None:
        raise click.UsageError("--cascade needs a DOCUMENT at the top")
    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "xlsx")
    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        matrix = raci.for_scope(model, model.find_document(document) if document else None, cascade, expand_groups)
    if chosen == "csv":
        out.write_text(raci_workbook.as_csv(matrix), encoding="utf-8")
    else:
        out.write_bytes(raci_workbook.as_xlsx(matrix, lambda iri: iri))
    obligations = sum(len(lines) for lines in matrix.lines.values())
    click.echo(
        f"{obligations} obligations of {len(matrix.documents)} documents × {len(matrix.agencies())} agencies "
        f"written to {out}"
    )


@click.command("calendar")
@click.argument("document", required=False)
@click.option("--cascade", is_flag=True, help="DOCUMENT and every document implementing it, down the cascade.")
@click.option(
    "--agency", default=None, help="The duties this agency or group (id or IRI) sends, receives or passes on."
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The .ics file to write.")
@store_option
def calendar_cmd(document: str | None, cascade: bool, agency: str | None, out: Path, store_path: Path | None) -> None:
    """The reporting calendar (iCalendar) of DOCUMENT, of its cascade, of an agency, or of the whole corpus."""
    from queries.read import duties
    from queries.read.model import ReadModel
    from visualizations import ical

    if cascade and document is None:
        raise click.UsageError("--cascade needs a DOCUMENT at the top")
    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        iri = model.find_document(document) if document else None
        chosen = duties.for_scope(model, iri, cascade, model.agency_iri(agency) if agency else None)
    out.write_bytes(ical.as_ics(chosen, lambda node: node))
    dated = sum(d.dated for d in chosen.duties)
    click.echo(
        f"{dated} reporting duties written to {out} "
        f"({len(chosen.duties) - dated} more state no day and are not on the calendar)"
    )


@click.command("siblings")
@click.argument("parent")
@click.option(
    "--level",
    type=click.Choice(["central", "province", "district", "commune"]),
    default=None,
    help="The level of the siblings [default: the highest level implementing PARENT].",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="The file (xlsx needs it).")
@store_option
def siblings_cmd(parent: str, level: str | None, fmt: str, out: Path | None, store_path: Path | None) -> None:
    """The documents implementing PARENT (number, id or IRI) side by side: parent obligations carried, themes,
    owners per theme, targets per indicator, days after the parent."""
    import json

    from queries.audit import siblings
    from queries.read.model import ReadModel
    from visualizations import siblings_workbook

    if fmt == "xlsx" and out is None:
        raise click.UsageError("--format xlsx needs --out")
    with open_store(store_path, read_only=True) as store:
        model = ReadModel(store)
        found = siblings.compare(model, model.find_document(parent), level)
        if fmt == "xlsx":
            assert out is not None
            out.write_bytes(siblings_workbook.as_xlsx(found, model, lambda iri: iri))
            click.echo(f"{len(found.siblings)} documents implementing {model.label(found.parent)} written to {out}")
            return
        if fmt == "json":
            text = json.dumps(siblings.as_json(found, model), ensure_ascii=False, indent=2)
            if out is not None:
                out.write_text(text, encoding="utf-8")
            else:
                click.echo(text)
            return
        total = len(found.carried)
        for s in found.siblings:
            after = found.days_after[s]
            carried = f"{found.carried_count(s)}/{total} parent obligations carried" if found.ingested else ""
            click.echo(
                f"{model.label(s)}: issued {model.documents[s].issued_on or '?'}"
                f"{f' ({after} days after)' if after is not None else ''}, {len(found.obligations[s])} obligations"
                f"{', ' + carried if carried else ''}"
            )
        missing = {
            s: [
                vi
                for t, (vi, _) in siblings.theme_names().items()
                if found.theme_counts(found.parent).get(t) and not found.theme_counts(s).get(t)
            ]
            for s in found.siblings
        }
        for s, gone in missing.items():
            if gone and found.ingested:
                click.echo(f"  {model.label(s)} has no obligation on: {', '.join(gone)}")
