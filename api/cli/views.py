"""The drawing commands: `viz` (one offline view) and `site` (a static site of the whole corpus)."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli.common import open_store, store_option


def _view_options(f):
    f = click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=4,
        show_default=True,
        help="Steps of the cascade drawn from each document.",
    )(f)
    return click.option(
        "--cap",
        type=click.IntRange(min=1),
        default=40,
        show_default=True,
        help="Neighbours a node shows before a '+K more' node.",
    )(f)


@click.command("viz")
@click.argument("document", required=False)
@click.option("--agency", default=None, help="Draw this agency's or group's obligation map (id or IRI) instead.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--direction", type=click.Choice(["down", "up", "both"]), default="down", show_default=True)
@click.option("--no-gaps", is_flag=True, help="Leave out documents cited but not ingested and the plans owed.")
@_view_options
@store_option
def viz_cmd(
    document: str | None,
    agency: str | None,
    out: Path,
    direction: str,
    no_gaps: bool,
    depth: int,
    cap: int,
    store_path: Path | None,
) -> None:
    """One offline HTML view: DOCUMENT's cascade (number, id or IRI) with its gaps, or --agency's obligation map."""
    from queries.read.model import ReadModel
    from visualizations import agency_view, cascade_view
    from visualizations.page import render

    if bool(document) == bool(agency):
        raise click.UsageError("give a DOCUMENT (number, id or IRI) or --agency ID, one of the two")
    with open_store(store_path, read_only=True) as store:
        context = ReadModel(store)
        view = (
            agency_view(context, agency, cap=cap)
            if agency
            else cascade_view(
                context,
                context.find_document(document or ""),
                direction=direction,
                depth=depth,
                gaps=not no_gaps,
                cap=cap,
            )
        )
        html = render(view)
    out.write_text(html, encoding="utf-8")
    click.echo(f"{len(view.nodes)} nodes, {len(view.edges)} edges written to {out} ({len(html.encode()) // 1024} KiB)")


@click.command("site")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="The folder to write.")
@_view_options
@store_option
def site_cmd(out: Path, depth: int, cap: int, store_path: Path | None) -> None:
    """A static, offline site of the corpus: index, gap report, a page per document and per agency."""
    from visualizations import write_site

    with open_store(store_path, read_only=True) as store:
        written = write_site(store, out, depth=depth, cap=cap)
    size = sum((out / page).stat().st_size for page in written)
    click.echo(f"{len(written)} files ({size // 1024} KiB) written to {out}; open {out / 'index.html'}")
