"""Frozen copies of a store that other processes may open read-only while one process keeps writing the original.

Oxigraph allows a read-only open only of a folder nobody writes, so readers get checkpoints: Oxigraph backups
(hard links when on the same file system as the store, hence cheap), numbered, in a folder of their keeper's own
under `<store>.checkpoints/`, with a LATEST file there naming the newest complete one. The serving process takes one
after every change; query workers and CLI commands read them. A reader in another process holds a shared lock on
the checkpoint's lock file while it reads; the server removes an old checkpoint only under the exclusive lock, so it
never pulls a folder from under a reader."""

from __future__ import annotations

import fcntl
import functools
import gc
import itertools
import os
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

import pyoxigraph as ox

from loaders.store import GraphStore

LATEST = "LATEST"
HOLDER = "HOLDER"
_instances = itertools.count(1)


def checkpoint_folder(store_path: Path) -> Path:
    """Where the checkpoints of the store at `store_path` live: beside it, so backups are hard links."""
    return store_path.with_name(store_path.name + ".checkpoints")


def latest_checkpoint(store_path: Path) -> Path | None:
    """The newest complete checkpoint of the store at `store_path`, if a serving process keeps any."""
    folder = checkpoint_folder(store_path)
    try:
        name = (folder / LATEST).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = folder / name
    return path if name and path.is_dir() else None


def _lock_file(checkpoint: Path) -> Path:
    """The file readers in other processes lock (shared) while they read `checkpoint`."""
    return checkpoint.with_name(checkpoint.name + ".lock")


def open_latest(store_path: Path, attempts: int = 5) -> GraphStore | None:
    """The newest checkpoint of the store, opened read-only and kept from removal until the returned store closes;
    None when no serving process keeps checkpoints."""
    for _ in range(attempts):
        checkpoint = latest_checkpoint(store_path)
        if checkpoint is None:
            return None
        lock = _lock_file(checkpoint)
        descriptor = os.open(lock, os.O_RDONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # being removed right now: a newer one is the latest
            os.close(descriptor)
            continue
        if checkpoint.is_dir():
            return GraphStore.read_only(checkpoint, release=functools.partial(os.close, descriptor))
        lock.unlink(missing_ok=True)  # removed between reading LATEST and locking: the lock file made here goes too
        os.close(descriptor)
    return None


def _remove_unread(checkpoint: Path) -> bool:
    """Remove `checkpoint` unless a reader in another process holds it; whether it is gone."""
    lock = _lock_file(checkpoint)
    descriptor = os.open(lock, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return False
    try:
        shutil.rmtree(checkpoint, ignore_errors=True)
        lock.unlink(missing_ok=True)
    finally:
        os.close(descriptor)
    return True


def holder(store_path: Path) -> int | None:
    """The pid of the serving process that keeps checkpoints of this store, if it still runs."""
    try:
        pid = int((checkpoint_folder(store_path) / HOLDER).read_text(encoding="utf-8"))
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


class Checkpoints:
    """The checkpoints of one store; `take` after each change, `latest` for readers, `prune` what no reader holds."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        if store.path is not None:
            self.top = checkpoint_folder(store.path)
            shutil.rmtree(self.top, ignore_errors=True)  # left by a process that did not stop cleanly
            self.top.mkdir(parents=True)
            (self.top / HOLDER).write_text(f"{os.getpid()}\n", encoding="utf-8")
            # this object's checkpoints in a folder of their own, so that an earlier object of the same store in
            # this process (a finished service not yet collected) removes only its own when it goes
            self.folder = self.top / f"{os.getpid()}-{next(_instances)}"
            self.folder.mkdir()
        else:
            self.top = self.folder = Path(tempfile.mkdtemp(prefix="vn-cascade-checkpoints-"))
        self._lock = threading.RLock()
        self._number = 0
        self._latest: Path | None = None
        self._previous: Path | None = None
        self._superseded: set[Path] = set()  # taken here, no longer among the last two, not yet removed
        weakref.finalize(self, shutil.rmtree, self.folder, True)  # the folder goes with this object at the latest

    def take(self) -> Path:
        """Copy the store as it is now into a new checkpoint and make it the latest."""
        with self._lock:
            self._number += 1
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{self._number:06d}"
            if self.store.path is not None:
                self.store.store.flush()
                self.store.store.backup(str(target))
            else:  # an in-memory store has no backup: bulk-load a copy of its quads into a fresh folder
                copy = ox.Store(str(target))
                copy.bulk_extend(self.store.store.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy
                gc.collect()
            pointer = self.top / (LATEST + ".tmp")
            pointer.write_text(str(target.relative_to(self.top)), encoding="utf-8")
            pointer.replace(self.top / LATEST)
            if self._previous is not None:
                self._superseded.add(self._previous)
            self._previous, self._latest = self._latest, target
            return target

    def _holds_top(self) -> bool:
        """Whether the store's checkpoint folder is still this object's: LATEST, if any, names one of its own."""
        try:
            latest = (self.top / LATEST).read_text(encoding="utf-8").strip()
        except OSError:
            return True
        return latest.startswith(self.folder.name + "/")

    def latest(self) -> Path:
        """The newest checkpoint (taken now if there is none yet)."""
        with self._lock:
            return self._latest or self.take()

    def prune(self, held: set[Path]) -> None:
        """Remove checkpoints older than the last two that no reader holds: none in `held` (this process's workers)
        and none in another process (no disk access when there are none to remove: this runs after every query)."""
        with self._lock:
            self._superseded -= {path for path in self._superseded - held if _remove_unread(path)}

    def close(self) -> None:
        """Remove every checkpoint (readers must be gone), and the store's checkpoint folder when it is this
        object's; a later `take` starts afresh."""
        with self._lock:
            shutil.rmtree(self.folder, ignore_errors=True)
            if self.top != self.folder and self._holds_top():
                shutil.rmtree(self.top, ignore_errors=True)
            self._latest = self._previous = None
            self._superseded.clear()
