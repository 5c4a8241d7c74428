"""What every command shares: the --store option and opening the store with a clear error."""

from __future__ import annotations

from pathlib import Path

import click

from loaders import config
from loaders.checkpoints import holder, open_latest
from loaders.store import GraphStore


def store_option(f):
    """The --store option (default: $VN_CASCADE_STORE or $VN_CASCADE_HOME/store)."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Oxigraph store folder (default: $VN_CASCADE_STORE or $VN_CASCADE_HOME/store).",
    )(f)


def open_store(store_path: Path | None, read_only: bool = False) -> GraphStore:
    """The store at `store_path` (or the configured one); a one-line error when it cannot be opened.

    When `vn-cascade serve` holds the store, a read-only command reads the checkpoint the server keeps (as of its
    last change) and a writing command says who holds the store and what to do instead."""
    path = store_path or config.store_path()
    try:
        return GraphStore(path)
    except OSError as exc:
        if "lock" not in str(exc).lower():
            raise click.ClickException(f"cannot open the store at {path}: {exc}") from None
    pid = holder(path)
    who = f"`vn-cascade serve` (pid {pid})" if pid else "another vn-cascade process (an ingest or a server)"
    checkpoint = open_latest(path) if pid and read_only else None
    if checkpoint is not None:
        click.echo(f"the store at {path} is held by {who}; reading its latest checkpoint", err=True)
        return checkpoint
    remedy = (
        "stop it, or send documents to the running service (POST /documents)"
        if pid and not read_only
        else "wait for it to end, or stop it"
    )
    raise click.ClickException(f"the store at {path} is in use by {who}; {remedy}")
