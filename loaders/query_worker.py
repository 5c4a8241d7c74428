"""A query worker process: opens a checkpoint read-only and answers (checkpoint, fn, args) requests on its pipes.

Run as `python -m loaders.query_worker CHECKPOINT` by the query pool: a plain child process, so it imports only
what its queries need (not the parent's main module, as multiprocessing's spawn would)."""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from loaders.store import GraphStore


def serve(requests: Connection, replies: Connection, path: str) -> None:
    """Say ready, then answer until the pool closes the pipe; a request names the checkpoint to read."""
    store, opened = GraphStore.read_only(Path(path)), path
    replies.send(("ready", os.getpid()))
    while True:
        try:
            path, fn, args = requests.recv()
        except (EOFError, OSError):
            return
        if path != opened:
            del store
            store, opened = GraphStore.read_only(Path(path)), path
        try:
            reply: tuple[str, Any] = ("ok", fn(store, *args))
        except Exception as exc:  # the caller's error to raise, whatever it is
            reply = ("error", exc)
        try:
            replies.send(reply)
        except Exception as exc:  # an answer that does not pickle
            replies.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def main() -> None:
    """Requests on stdin, replies on a private copy of stdout; stdout itself goes to stderr for stray prints."""
    replies_fd = os.dup(1)
    os.dup2(2, 1)
    serve(Connection(0, writable=False), Connection(replies_fd, readable=False), sys.argv[1])


if __name__ == "__main__":
    main()
