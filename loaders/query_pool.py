"""SPARQL in worker processes over checkpoints: a query past its time is killed with its process and the slot
refilled (Oxigraph cannot cancel a query running in a thread); reads use every core; no client holds more than
its share of the workers."""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from loaders.checkpoints import Checkpoints

STARTUP_SECONDS = 60.0  # a worker that cannot open its checkpoint in this time is broken


class PoolError(Exception):
    """A query the pool did not run to its end; `retry_after` in seconds when waiting would help."""

    retry_after: float | None = None


class QueryTimeout(PoolError):
    """The query outlasted its time; its worker was killed and is being replaced."""


class PoolBusy(PoolError):
    """Every worker stayed busy for the whole time the query had."""


class ClientLimit(PoolError):
    """This client already has its share of the workers."""


class WorkerLost(PoolError):
    """The worker died while running the query (out of memory, killed from outside)."""


def default_workers() -> int:
    """One worker per core, and at least four, so a client's share leaves room for the others."""
    return max(4, os.cpu_count() or 1)


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen
    requests: Connection
    replies: Connection
    checkpoint: Path
    stopping: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class PoolState:
    """What the pool holds now: for /health-style checks and the benchmark."""

    size: int
    alive: int
    idle: int
    busy: int
    starting: int
    replaced: int
    clients: dict[str, int] = field(default_factory=dict)


class QueryPool:
    """`size` worker processes reading the latest checkpoint; `call` runs fn(store, *args) in one of them."""

    def __init__(self, checkpoints: Checkpoints, size: int | None = None, per_client: int | None = None) -> None:
        self.checkpoints = checkpoints
        self.size = size or default_workers()
        self.per_client = per_client or max(1, self.size // 2)
        self._cond = threading.Condition()
        self._idle: collections.deque[_Worker] = collections.deque()
        self._busy: set[_Worker] = set()
        self._registry: set[_Worker] = set()  # every live worker, for the finalizer (which must not hold self)
        self._starting = 0
        self._replaced = 0
        self._clients: collections.Counter[str] = collections.Counter()
        self._started = False
        self._closed = False
        # threads that wait on worker pipes (not on Oxigraph): a few per worker, so waiting never starves answering
        self._waiting = concurrent.futures.ThreadPoolExecutor(
            max_workers=4 * self.size, thread_name_prefix="sparql-wait"
        )
        weakref.finalize(self, _stop_all, self._registry)  # workers end with the pool, even if nobody closes it

    def start(self) -> None:
        """Start the workers now (otherwise the first query does); returns when they are all ready."""
        with self._cond:
            if self._started or self._closed:
                return
            self._started = True
            self._starting += self.size
        threads = [threading.Thread(target=self._add_worker, daemon=True) for _ in range(self.size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def call(self, client: str, timeout: float, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(store, *args) in a worker, within `timeout` seconds all told (waiting for a worker included)."""
        deadline = time.monotonic() + timeout
        with self._admitted(client):
            return self._run(deadline, timeout, fn, args)

    async def ask(self, client: str, timeout: float, fn: Callable[..., Any], *args: Any) -> Any:
        """`call` for an event loop: the client's share is checked at once, the wait happens off the loop."""
        deadline = time.monotonic() + timeout
        with self._admitted(client):
            return await asyncio.wrap_future(self._waiting.submit(self._run, deadline, timeout, fn, args))

    @contextlib.contextmanager
    def _admitted(self, client: str) -> Iterator[None]:
        with self._cond:
            if self._clients[client] >= self.per_client:
                error = ClientLimit(f"{client} already runs {self.per_client} queries at once; wait for one to end")
                error.retry_after = 1.0
                raise error
            self._clients[client] += 1
        try:
            yield
        finally:
            with self._cond:
                self._clients[client] -= 1
                if not self._clients[client]:
                    del self._clients[client]

    def _run(self, deadline: float, timeout: float, fn: Callable[..., Any], args: tuple) -> Any:
        self.start()
        worker = self._take(deadline, timeout)
        try:
            checkpoint = self.checkpoints.latest()
            worker.requests.send((str(checkpoint), fn, args))
            worker.checkpoint = checkpoint
            if not worker.replies.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(f"the query ran longer than {timeout:g} s; it was stopped")
            kind, value = worker.replies.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerLost("the query's worker process died; the query was not answered") from None
        except BaseException:  # the timeout, or the caller gone: the worker may still be busy, so it goes
            self._replace(worker)
            raise
        self._give_back(worker)
        if kind == "error":
            raise value
        return value

    def _take(self, deadline: float, timeout: float) -> _Worker:
        with self._cond:
            while not self._idle:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    error = PoolBusy(f"all {self.size} query workers stayed busy for {timeout:g} s")
                    error.retry_after = timeout
                    raise error
                self._cond.wait(left)
            worker = self._idle.popleft()
            self._busy.add(worker)
            return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._cond:
            self._busy.discard(worker)
            stopped = worker.stopping.locked()  # the pool was closed while it ran
            if not stopped:
                self._idle.append(worker)
                self._cond.notify()
        if not stopped:
            self.checkpoints.prune(self._held())

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker whose query overran (or that died) and start another in its place, in the background."""
        _stop(worker)
        with self._cond:
            self._busy.discard(worker)
            self._registry.discard(worker)
            self._replaced += 1
            if self._closed:
                return
            self._starting += 1
        threading.Thread(target=self._add_worker, daemon=True).start()

    def _add_worker(self) -> None:
        """Start one worker on the latest checkpoint and put it in the idle queue once it says ready."""
        worker = None
        try:
            worker = _spawn(self.checkpoints.latest())
        finally:
            with self._cond:
                self._starting -= 1
                self._cond.notify_all()
                if worker is not None and not self._closed:
                    self._registry.add(worker)
                    self._idle.append(worker)
                    self._cond.notify()
                    worker = None
            if worker is not None:
                _stop(worker)

    def _held(self) -> set[Path]:
        with self._cond:
            return {w.checkpoint for w in (*self._idle, *self._busy)}

    def state(self) -> PoolState:
        with self._cond:
            alive = sum(w.process.poll() is None for w in (*self._idle, *self._busy))
            return PoolState(
                self.size, alive, len(self._idle), len(self._busy), self._starting, self._replaced, dict(self._clients)
            )

    def wait_whole(self, timeout: float) -> bool:
        """Wait until every worker is alive and idle again (after kills); whether that happened in time."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._idle) < self.size and time.monotonic() < deadline:
                self._cond.wait(min(0.05, max(0.0, deadline - time.monotonic())))
            return len(self._idle) == self.size

    def close(self) -> None:
        """Stop every worker (queries still running end with WorkerLost); a later query starts them again."""
        with self._cond:
            self._closed = True
            self._idle.clear()
            self._cond.notify_all()
            self._cond.wait_for(lambda: not self._starting, STARTUP_SECONDS)  # none left half-started
        _stop_all(self._registry)
        with self._cond:
            self._closed = self._started = False


def _spawn(checkpoint: Path) -> _Worker:
    """A worker process reading `checkpoint`, ready to take requests; OSError if it does not come up."""
    home = str(Path(__file__).resolve().parents[1])  # the worker imports this very copy of the package
    path = os.pathsep.join(p for p in (home, os.environ.get("PYTHONPATH", "")) if p)
    process = subprocess.Popen(
        [sys.executable, "-m", "loaders.query_worker", str(checkpoint)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        close_fds=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert process.stdin is not None and process.stdout is not None
    worker = _Worker(
        process,
        Connection(os.dup(process.stdin.fileno()), readable=False),
        Connection(os.dup(process.stdout.fileno()), writable=False),
        checkpoint,
    )
    process.stdin.close()
    process.stdout.close()
    try:
        if worker.replies.poll(STARTUP_SECONDS) and worker.replies.recv()[0] == "ready":
            return worker
    except (EOFError, OSError):
        pass
    _stop(worker)
    raise OSError(f"a query worker did not start on {checkpoint} (exit status {process.poll()})")


def _stop_all(workers: set[_Worker]) -> None:
    for worker in list(workers):
        _stop(worker)
    workers.clear()


def _stop(worker: _Worker) -> None:
    """Kill a worker (it may be deep in a query) and release its pipes; a second call does nothing."""
    if not worker.stopping.acquire(blocking=False):
        return
    worker.process.kill()
    worker.process.wait()
    worker.requests.close()
    worker.replies.close()
