"""Queries in worker processes: one past its time is killed with its process and the slot refilled; a client has
its share of the workers and no more; workers read the latest checkpoint. No test depends on how fast anything is."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.checkpoints import Checkpoints, checkpoint_folder, latest_checkpoint, open_latest
from loaders.protocol_query import execute
from loaders.query_pool import ClientLimit, QueryPool, QueryTimeout, WorkerLost
from loaders.store import GraphStore

# Four independent patterns: the cross product of every triple with itself four times never ends.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BASE = "http://127.0.0.1/sparql"


def ask(pool: QueryPool, client: str, query: str = "ASK {}", timeout: float = 60) -> object:
    return pool.call(client, timeout, execute, query, BASE, [], [], 10)


@pytest.fixture
def pool(tmp_path: Path) -> Iterator[QueryPool]:
    store = GraphStore(tmp_path / "store")
    checkpoints = Checkpoints(store)
    pool = QueryPool(checkpoints, size=2, per_client=1)
    yield pool
    pool.close()
    checkpoints.close()
    store.close()


def wait_until_running(pool: QueryPool, client: str) -> None:
    """Block until `client`'s query is on a worker (a condition, not a delay)."""
    event = threading.Event()
    while not (pool.state().clients.get(client) and pool.state().busy):
        event.wait(0.01)


def test_a_query_past_its_time_is_killed_and_its_worker_replaced(pool: QueryPool) -> None:
    pool.start()
    before = {w.process.pid for w in pool._idle}
    with pytest.raises(QueryTimeout):
        ask(pool, "a", ENDLESS, timeout=0.5)
    killed = before - {w.process.pid for w in (*pool._idle, *pool._busy)}
    assert len(killed) == 1
    (pid,) = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left computing
    assert pool.wait_whole(60)
    state = pool.state()
    assert (state.alive, state.idle, state.replaced) == (2, 2, 1)
    assert ask(pool, "a") is True


def test_a_client_gets_its_share_and_others_keep_answering(pool: QueryPool) -> None:
    outcome: list[BaseException] = []

    def endless() -> None:
        try:
            ask(pool, "flood", ENDLESS, timeout=30)
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=endless)
    runner.start()
    wait_until_running(pool, "flood")
    with pytest.raises(ClientLimit):
        ask(pool, "flood")
    assert ask(pool, "user") is True  # the other worker is free for everyone else
    pool.close()  # ends the endless query at once
    runner.join()
    assert len(outcome) == 1 and isinstance(outcome[0], WorkerLost)  # closing the pool stopped it


def test_errors_of_the_query_come_back_and_the_worker_stays(pool: QueryPool) -> None:
    pool.start()
    with pytest.raises(SyntaxError):
        ask(pool, "a", "SELEC")
    assert pool.state().replaced == 0 and pool.state().idle == 2


def test_workers_read_the_latest_checkpoint(tmp_path: Path, pool: QueryPool) -> None:
    probe = "ASK { <urn:x> <urn:y> <urn:z> }"
    assert ask(pool, "a", probe) is False
    pool.checkpoints.store.store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.NamedNode("urn:z")))
    assert ask(pool, "a", probe) is False  # the workers read a checkpoint, not the live store
    taken = pool.checkpoints.take()
    assert latest_checkpoint(tmp_path / "store") == taken
    assert ask(pool, "a", probe) is True and ask(pool, "b", probe) is True


def test_old_checkpoints_go_once_no_worker_holds_them(pool: QueryPool) -> None:
    pool.start()
    first = pool.checkpoints.latest()
    for _ in range(3):
        pool.checkpoints.take()
    ask(pool, "a")
    ask(pool, "a")  # each worker in turn moves to the latest (the pool takes them in order)
    kept = sorted(p.name for p in pool.checkpoints.folder.iterdir() if p.is_dir())
    assert first.name not in kept and len(kept) <= 2


def test_a_checkpoint_another_process_reads_stays_until_it_closes(tmp_path: Path, pool: QueryPool) -> None:
    """A CLI command reading the server's checkpoint (a shared lock on it) keeps it through later ingests; the
    server removes it after the reader closes."""
    pool.start()
    reader = open_latest(tmp_path / "store")
    assert reader is not None
    read = reader.path
    for _ in range(3):
        pool.checkpoints.take()
    ask(pool, "a")
    ask(pool, "a")  # both workers moved on: only the reader holds the first checkpoint
    assert read.is_dir() and bool(reader.store.query("ASK { ?s ?p ?o }"))
    reader.close()
    ask(pool, "a")
    assert not read.exists() and not read.with_name(read.name + ".lock").exists()


def test_a_reader_never_opens_a_checkpoint_being_removed(tmp_path: Path) -> None:
    """LATEST naming a folder already gone gives no store and leaves no lock file behind; naming a whole one,
    that one."""
    store = GraphStore(tmp_path / "store")
    checkpoints = Checkpoints(store)
    try:
        taken = checkpoints.take()
        (checkpoints.top / "LATEST").write_text(f"{checkpoints.folder.name}/000099", encoding="utf-8")
        assert open_latest(tmp_path / "store") is None
        assert not (checkpoints.folder / "000099.lock").exists()
        (checkpoints.top / "LATEST").write_text(f"{checkpoints.folder.name}/{taken.name}", encoding="utf-8")
        reader = open_latest(tmp_path / "store")
        assert reader is not None and reader.path == taken
        reader.close()
    finally:
        checkpoints.close()
        store.close()


def test_an_in_memory_store_is_copied_into_a_checkpoint() -> None:
    store = GraphStore()
    checkpoints = Checkpoints(store)
    pool = QueryPool(checkpoints, size=1, per_client=1)
    try:
        triples = pool.call("a", 60, execute, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", BASE, [], [], 10)
        assert int(triples[1][0][0].value) == len(store)
    finally:
        pool.close()
        checkpoints.close()
    assert not checkpoints.folder.exists()


def test_an_earlier_keeper_of_the_same_store_going_leaves_the_later_ones_checkpoints(tmp_path: Path) -> None:
    """A finished service's checkpoints go when it is collected, and only its own: a later service over the same
    store (in one process, as tests run them) keeps reading its own."""
    store = GraphStore(tmp_path / "store")
    earlier = Checkpoints(store)
    earlier.take()
    later = Checkpoints(store)
    taken = later.take()
    del earlier
    gc.collect()
    assert taken.is_dir() and latest_checkpoint(tmp_path / "store") == taken
    reader = open_latest(tmp_path / "store")
    assert reader is not None and reader.path == taken
    reader.close()
    later.close()
    assert not checkpoint_folder(tmp_path / "store").exists()
    store.close()
