"""What every command shares: the --store option and opening the store with a clear error."""
from __future__ import annotations

from pathlib import Path

import click

from loaders import config
from loaders.store import GraphStore


def store_option(f):
    """The --store option (default: $VN_CASCADE_STORE or $VN_CASCADE_HOME/store)."""
    return click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
                        help="Oxigraph store folder (default: $VN_CASCADE_STORE or $VN_CASCADE_HOME/store).")(f)


def open_store(store_path: Path | None) -> GraphStore:
    """The store at `store_path` (or the configured one); a one-line error when it cannot be opened."""
    try:
        return GraphStore(store_path or config.store_path())
    except OSError as exc:
        raise click.ClickException(f"cannot open the store at {store_path or config.store_path()}: {exc}")
