"""The Fuseki commands: `publish-sparql` (the store onto a SPARQL 1.1 server) and `fuseki start|stop|status`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.cli.common import open_store, store_option
from loaders.fuseki.publish import publish
from loaders.fuseki.server import connect, settings_from_env, start, status, stop


@click.command("publish-sparql")
@store_option
def publish_sparql_cmd(store_path: Path | None) -> None:
    """Publish the store to Fuseki through the Graph Store Protocol (the server VN_CASCADE_FUSEKI_URL names, else
    the local one, started if need be): its dataset then holds exactly the store's quads."""
    settings = settings_from_env()
    if seconds := start(settings):
        click.echo(f"started the local Fuseki in {seconds:.1f} s (`vn-cascade fuseki stop` stops it)", err=True)
    with open_store(store_path, read_only=True) as store, connect(settings) as client:
        report = publish(store, client)
    click.echo(
        f"Fuseki {client.url}: {report.graphs} named graphs ({report.named_triples} triples) and the default graph "
        f"({report.default_triples} triples), {report.quads} quads in {report.seconds:.1f} s "
        f"({report.quads / max(report.seconds, 1e-9):,.0f} quads/s); {report.deleted} graphs the store lacks deleted"
    )


@click.group("fuseki")
def fuseki_cmd() -> None:
    """Manage the Fuseki server: a local Apache Jena Fuseki 5.6 (TDB2), or the one VN_CASCADE_FUSEKI_URL names."""


@fuseki_cmd.command("start")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for the dataset to answer.")
def fuseki_start(timeout: float) -> None:
    """Install (first time, from Maven Central) and start the local server on 127.0.0.1; wait until it answers."""
    settings = settings_from_env()
    seconds = start(settings, timeout=timeout)
    with connect(settings) as client:
        where = f"{client.url} (home {settings.home})" if settings.managed else client.url
    click.echo(f"Fuseki started at {where} in {seconds:.1f} s" if seconds else f"Fuseki already running at {where}")


@fuseki_cmd.command("stop")
def fuseki_stop() -> None:
    """Stop the local server."""
    click.echo("stopped" if stop(settings_from_env()) else "not running")


@fuseki_cmd.command("status")
def fuseki_status() -> None:
    """Say whether the server answers, and where."""
    info = status(settings_from_env())
    for name, value in info.items():
        click.echo(f"{name:8} {value}")
    if not info.get("running"):
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add the Fuseki commands to the `vn-cascade` group."""
    for command in (publish_sparql_cmd, fuseki_cmd):
        group.add_command(command)
