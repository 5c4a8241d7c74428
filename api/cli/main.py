"""The `vn-cascade` command line: ingest, demo, query, export, validate, Neo4j, serve; audit and drawing commands
are in cli_audit and cli_views."""

from __future__ import annotations

import csv
import gc
import io
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any, cast

import click
import pyoxigraph as ox
from tqdm import tqdm

import queries
from api.cli.audit import analytics_cmd, diff_cmd, gaps_cmd, overdue_cmd
from api.cli.common import open_store, store_option
from api.cli.evaluation import eval_cmd
from api.cli.events import events_cmd, record_cmd, reports_cmd
from api.cli.exports import calendar_cmd, raci_cmd, siblings_cmd
from api.cli.fuseki import register as register_fuseki
from api.cli.views import site_cmd, viz_cmd
from loaders import config, report_matching
from loaders.bulk import Summary, build_store
from loaders.errors import VnCascadeError
from loaders.ingest import build_source, ingest
from loaders.originals import Originals
from loaders.readers.documents import collect_paths, read_document, read_file
from loaders.store import rebuild
from queries import audit
from queries.audit import kept
from queries.read import report
from queries.read.model import ReadModel

SAMPLES = resources.files("loaders") / "samples"
WARNED = {"unparsed-assignment", "excerpt"}  # parser notes an ingest prints: text whose facts may be incomplete


class Commands(click.Group):
    """The command group whose boundary turns any error the library means people to read into one line on stderr
    (and exit status 1), without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VnCascadeError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Commands)
@click.version_option(package_name="vn-cascade")
def main() -> None:
    """vn-cascade: a knowledge graph of the Directive 28-CT/TW policy cascade."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Then bring Neo4j in step with the store.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parsing processes [default: every core].")
@store_option
def ingest_cmd(paths: tuple[Path, ...], to_neo4j: bool, jobs: int | None, store_path: Path | None) -> None:
    """Ingest plans (plain text, Word, PDF, scans, web pages) or folders of them: each file atomically, its original
    kept beside the store; re-ingesting a document replaces it."""
    skipped: list[tuple[Path, str]] = []
    files = collect_paths(list(paths), skipped)
    for path, reason in skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    with open_store(store_path) as store:
        bar = tqdm(total=len(files), unit="doc", disable=len(files) < 2, file=sys.stderr)
        originals = Originals.beside(store.path) if store.path is not None else None
        # findings the read index keeps are carried over each write, so a service started next still reads them
        carrier = kept.Carrier(ReadModel(store, config.base_iri()), audit.families())
        result = ingest(files, store, config.base_iri(), lambda _: bar.update(), originals, jobs, carrier)
        bar.close()
        size = len(store)
    for summary in result.stored:
        _print_stored(summary)
    for err in result.failed:
        click.echo(f"error: {err}", err=True)
    passed_over = f", {len(skipped)} skipped" if skipped else ""
    click.echo(f"{len(result.stored)} stored, {len(result.failed)} failed{passed_over}; store has {size} triples")
    if to_neo4j:
        _sync_neo4j(store_path)
    if result.failed:
        sys.exit(1)


def _print_stored(summary: Summary) -> None:
    """One line for a stored document, then a warning line for each note about text whose facts may be incomplete."""
    click.echo(
        f"ingested {Path(summary.path).name}: {summary.number or '(no number)'} — {summary.obligations} obligations, "
        f"{summary.targets} targets, {summary.duties} reporting duties, {summary.references} references"
    )
    for note in summary.notes:
        if note.code in WARNED and note.line is not None:
            click.echo(f"warning: {summary.path}:{note.line}: {note.message}", err=True)


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parsing processes [default: every core].")
@click.option("--quiet", is_flag=True, help="Print the totals only, not a line per document.")
@store_option
def build_cmd(paths: tuple[Path, ...], jobs: int | None, quiet: bool, store_path: Path | None) -> None:
    """Build the store afresh from plans or folders of them, at once: parsed on every core and streamed to the bulk
    loader; the old store stays in place until the new one is whole. For a first load or a full reload."""
    skipped: list[tuple[Path, str]] = []
    files = collect_paths(list(paths), skipped)
    for path, reason in skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    path = store_path or config.store_path()
    with open_store(path):  # refused, naming who, while a server or an ingest holds the store
        pass
    bar = tqdm(total=len(files), unit="doc", disable=len(files) < 2, file=sys.stderr)
    began = time.perf_counter()
    result = build_store(path, files, config.base_iri(), jobs, Originals.beside(path), progress=bar.update)
    seconds = time.perf_counter() - began
    bar.close()
    if not quiet:
        for summary in result.stored:
            _print_stored(summary)
    for err in result.failed:
        click.echo(f"error: {err}", err=True)
    with open_store(path) as store:
        size = len(store)
        matched = [m for m in report_matching.match_built(store, config.base_iri()) if m.matched]  # reports built
    if matched:
        click.echo(f"{len(matched)} reports matched to the duties they answer (see `vn-cascade reports`)")
    click.echo(
        f"{len(result.stored)} stored, {len(result.failed)} failed, {len(skipped)} skipped in {seconds:.1f} s "
        f"({len(result.stored) / seconds:.1f} documents/s, {result.characters / seconds / 1e6:.2f} M characters/s); "
        f"store has {size} triples"
    )
    if result.failed:
        sys.exit(1)


@main.command("load-neo4j")
@store_option
def load_neo4j(store_path: Path | None) -> None:
    """Project the store into Neo4j: a first load in bulk, then only the documents changed since (idempotent)."""
    _sync_neo4j(store_path)


def _sync_neo4j(store_path: Path | None) -> None:
    import time

    from loaders.neo4j.projection import sync
    from loaders.neo4j.server import driver, settings_from_env, start

    settings = settings_from_env()
    try:
        start(settings)
        with open_store(store_path) as store, driver(settings) as drv:
            began = time.perf_counter()
            report = sync(store, drv, settings.database, config.base_iri())
            seconds = time.perf_counter() - began
    except neo4j_errors() as exc:
        raise click.ClickException(f"Neo4j at {settings.uri}: {exc}") from None
    click.echo(
        f"Neo4j {settings.uri}: {report.nodes} nodes, {report.rels} relationships; wrote "
        f"{report.nodes_written} nodes and {report.rels_written} relationships, deleted "
        f"{report.nodes_deleted} nodes and {report.rels_deleted} relationships in {seconds:.1f} s "
        f"({report.mode}: {report.documents_written} documents written, {report.documents_deleted} removed)"
    )


@main.command()
@store_option
def demo(store_path: Path | None) -> None:
    """Fresh store from the bundled sample plans; print the cascade from Directive 28 down and its gaps."""
    path = store_path or config.store_path()
    base = config.base_iri()
    originals = Originals.beside(path)
    with resources.as_file(SAMPLES) as folder:  # a folder on disk for any installed package
        files = {p: read_file(p) for p in sorted(folder.glob("*.txt"))}
    built = [build_source(read_document(data, str(p)), base) for p, data in files.items()]
    rebuild(path, built)
    for data in files.values():  # kept after the store is whole, as the originals of what it now holds
        originals.keep(data)
    with open_store(path) as store:
        size, text = len(store), report.render(store)
    click.echo(
        f"Nạp {len(built)} kế hoạch mẫu vào {path} ({size} bộ ba) / "
        f"loaded {len(built)} sample plans into {path} ({size} triples)\n"
    )
    click.echo(text)
    click.echo(
        '\nThử / try:  vn-cascade query leads-of-plan --param "issuer=Ủy ban nhân dân quận Tân Bình"\n'
        "            vn-cascade query cascade-down --param number=28-CT/TW   ·   vn-cascade queries"
    )


@main.command("queries")
def queries_cmd() -> None:
    """List the catalogue: name, engines, parameters, description."""
    catalogue = queries.catalogue()
    for name, q in catalogue.items():
        engines = "+".join(e for e, text in (("sparql", q.sparql), ("cypher", q.cypher)) if text)
        params = ", ".join(p.name for p in q.params) or "-"
        click.echo(f"{name:26} {engines:13} params: {params:12} {q.description}")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.ClickException(f"--param {pair!r}: write name=value")
        out[key] = value
    return out


@main.command("query")
@click.argument("name")
@click.option("--param", "pairs", multiple=True, help="A parameter as name=value (repeat for several).")
@click.option("--engine", type=click.Choice(["sparql", "cypher", "fuseki"]), default="sparql", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Rows to print at most.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Rows to skip first.")
@store_option
def query_cmd(
    name: str, pairs: tuple[str, ...], engine: str, fmt: str, limit: int | None, offset: int, store_path: Path | None
) -> None:
    """Run a catalogue query by name on the embedded store (sparql), on Neo4j (cypher) or on the Fuseki server the
    store was published to (fuseki); rows come in one order whatever the engine (by every column), so --limit and
    --offset page through them as the REST API does."""
    from queries.run import run_cypher, run_sparql, stable

    try:
        q = queries.get(name)
        params = _params(pairs)
        if engine == "sparql":
            with open_store(store_path, read_only=True) as store:
                rows = run_sparql(store, q, params)
        elif engine == "fuseki":
            from loaders.fuseki.server import connect
            from loaders.fuseki.server import settings_from_env as fuseki_settings
            from queries.remote import run_remote

            with connect(fuseki_settings()) as client:
                rows = run_remote(client, q, params)
        else:
            from loaders.neo4j.server import reach, settings_from_env

            settings = settings_from_env()
            with reach(settings) as drv:
                rows = run_cypher(drv, settings.database, q, params)
    except SyntaxError as exc:
        raise click.ClickException(f"{name}: SPARQL syntax error: {exc}") from None
    except neo4j_errors() as exc:
        raise click.ClickException(f"{name}: Neo4j: {exc}") from None
    chosen = stable(rows, q)[offset : None if limit is None else offset + limit]
    table = [[_cell(row[c]) for c in q.columns] for row in chosen]
    click.echo(_format(list(q.columns), table, fmt))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def neo4j_errors() -> tuple[type[Exception], ...]:
    import neo4j

    return (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError)


def _query_text(query: str) -> str:
    if query in queries.names() and not queries.get(query).params:
        return queries.load(query)
    path = Path(query)
    if path.suffix in {".rq", ".sparql"} or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise click.ClickException(f"{query}: no such query file")
        return path.read_text(encoding="utf-8")
    return query


@main.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@store_option
def sparql(query: str, fmt: str, store_path: Path | None) -> None:
    """Run SPARQL: a saved query's name, a .rq file, or the query text (vc:, skos:, dct:… are predeclared)."""
    text = _query_text(query)
    with open_store(store_path, read_only=True) as store:
        try:
            click.echo(_render(store.query(text), fmt))
        except SyntaxError as exc:
            raise click.ClickException(f"SPARQL syntax error: {exc}") from None


def _render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> str:
    """Query results as a table, JSON or CSV (CONSTRUCT / DESCRIBE results as Turtle)."""
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QueryTriples):
        return cast(bytes, ox.serialize(list(result), format=ox.RdfFormat.TURTLE)).decode()  # no output: bytes
    names = [v.value for v in result.variables]
    rows = [[(row[n].value if row[n] is not None else "") for n in names] for row in result]
    return _format(names, rows, fmt)


def _format(names: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=False)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    widths = [min(60, max([len(n), *(len(r[i]) for r in rows)])) for i, n in enumerate(names)]
    cut = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=False)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(cut(c, w).ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
@store_option
def export(fmt: str, out: Path | None, store_path: Path | None) -> None:
    """Export the merged knowledge graph (Turtle, N-Triples or JSON-LD)."""
    with open_store(store_path, read_only=True) as store:
        data = store.export(fmt)
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {out}", err=True)


@main.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@store_option
def backup_cmd(target: Path, store_path: Path | None) -> None:
    """Copy the store to a new folder TARGET, also while `serve` runs (then as of its last change)."""
    from loaders.store import backup

    with open_store(store_path, read_only=True) as store:
        try:
            backup(store, target)
        except (OSError, FileExistsError) as exc:
            raise click.ClickException(f"backup to {target}: {exc}") from None
    click.echo(f"backed up to {target}")


@main.command("restore")
@click.argument("source", type=click.Path(path_type=Path, exists=True, file_okay=False))
@store_option
def restore_cmd(source: Path, store_path: Path | None) -> None:
    """Replace the store with the backup in SOURCE (the store must not be in use: stop `serve` first)."""
    from loaders.store import restore

    path = store_path or config.store_path()
    open_store(path).close()  # one clear line if a server or an ingest holds it
    try:
        restore(path, source)
    except OSError as exc:
        raise click.ClickException(f"restore from {source}: {exc}") from None
    with open_store(path) as store:
        click.echo(f"restored {path} from {source}: {len(store)} triples")


@main.command("validate")
@click.option("--all", "show_all", is_flag=True, help="List every finding, not only the summary.")
@store_option
def validate_cmd(show_all: bool, store_path: Path | None) -> None:
    """Check the graph against the SHACL shapes: violations fail, source gaps are warnings."""
    from loaders.validate import validate

    with open_store(store_path, read_only=True) as store:
        result = validate(store)
    for (severity, message), count in sorted(result.summary().items()):
        click.echo(f"{severity:9} {count:5}  {message}")
    if show_all:
        for f in result.findings:
            click.echo(f"{f.severity:9} {f.focus} {f.path or ''}: {f.message}")
    click.echo("conforms" if result.conforms else f"{len(result.violations)} violations")
    if not result.conforms:
        sys.exit(1)


@main.group()
def neo4j() -> None:
    """Manage the Neo4j server: a local Community 5.26 server, or the one NEO4J_URI points to."""


@neo4j.command("start")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for Bolt.")
def neo4j_start(timeout: float) -> None:
    """Install (first time, from Maven Central) and start the local server; wait until Bolt answers."""
    from loaders.neo4j.server import settings_from_env, start

    settings = settings_from_env()
    seconds = start(settings, timeout=timeout)
    where = f"{settings.uri} (home {settings.home})" if settings.managed else settings.uri
    click.echo(f"Neo4j already running at {where}" if seconds == 0 else f"Neo4j started at {where} in {seconds:.1f} s")


@neo4j.command("stop")
def neo4j_stop() -> None:
    """Stop the local server."""
    from loaders.neo4j.server import settings_from_env, stop

    stopped = stop(settings_from_env())
    click.echo("stopped" if stopped else "not running")


@neo4j.command("status")
def neo4j_status() -> None:
    """Say whether the server answers, where, and its version."""
    from loaders.neo4j.server import settings_from_env, status

    info = status(settings_from_env())
    for name, value in info.items():
        click.echo(f"{name:8} {value}")
    if not info.get("running"):
        sys.exit(1)


@main.command()
@click.option(
    "--host",
    default=lambda: config.settings().host,
    show_default="127.0.0.1",
    help="Interface to listen on ($VN_CASCADE_HOST); only loopback unless you say otherwise.",
)
@click.option("--port", type=int, default=lambda: config.settings().port, show_default="8000")
@store_option
def serve(host: str, port: int, store_path: Path | None) -> None:
    """Serve the graph over HTTP: REST resources, search, the catalogue, /sparql and /cypher; OpenAPI at /docs."""
    import logging

    import uvicorn

    from api.http.service import ServiceSettings, create_app
    from loaders.neo4j.server import settings_from_env

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with open_store(store_path) as store:
        app = create_app(store, ServiceSettings.from_env(), settings_from_env())
        gc.freeze()  # the snapshot's objects live as long as the process: keep them out of every collection
        pool = app.state.query_pool
        pool.start()
        click.echo(
            f"vn-cascade on http://{host}:{port}/ (REST), /sparql (SPARQL), /cypher, /docs (OpenAPI); "
            f"{pool.size} query workers, {pool.per_client} at a time per client"
        )
        uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)


for _command in (
    gaps_cmd,
    analytics_cmd,
    viz_cmd,
    site_cmd,
    eval_cmd,
    raci_cmd,
    calendar_cmd,
    record_cmd,
    events_cmd,
    overdue_cmd,
    diff_cmd,
    siblings_cmd,
    reports_cmd,
):
    main.add_command(_command)
register_fuseki(main)
