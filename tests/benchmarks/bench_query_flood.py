"""Benchmark: 20 endless SPARQL queries at once, and what the other clients see meanwhile and afterwards.

Run: python tests/benchmarks/bench_query_flood.py [--plans 300] [--flood 20] [--timeout 5] [--store PATH]
Starts `vn-cascade serve` on a store of synthetic plans; one client (127.0.1.1; --addresses spreads it) sends
--flood queries that never end (a fourfold cross product) at once; another (127.0.0.1) meanwhile sends `ASK {}`
and GET /documents one after another. Prints their latencies beside the raw engine (ASK on a read-only Oxigraph in
this process), the flood's statuses, and how long until every query worker is alive and idle again.
Target: ASK p95 < 100 ms during the flood, and the pool whole after it.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from bench_service import build_store, machine, start_server

from loaders.checkpoints import latest_checkpoint

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def workers_of(pid: int) -> list[tuple[int, str]]:
    """(pid, state) of the query workers the server runs now (children of `pid` running loaders.query_worker);
    state 'S' is a worker asleep on its pipe: started, its checkpoint open, waiting for a query."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and b"loaders.query_worker" in command and stat[0] != "Z":
            found.append((int(entry.name), stat[0]))
    return found


def spread(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {statistics.median(ms):7.2f} ms  p95 {p95:7.2f} ms  max {ms[-1]:7.2f} ms  ({len(ms)} answered)"


def raw_engine(store: Path, runs: int = 200) -> list[float]:
    """ASK {} on the newest checkpoint opened read-only in this process: the engine without HTTP or workers."""
    checkpoint = latest_checkpoint(store)
    assert checkpoint is not None, "the server keeps no checkpoint"
    engine = ox.Store.read_only(str(checkpoint))
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        bool(engine.query("ASK {}"))
        seconds.append(time.perf_counter() - began)
    return seconds


async def user_requests(user: httpx.AsyncClient, path: str, params: dict, until: asyncio.Future) -> list[float]:
    """Send one request after another until `until` is done; the latency of each answered 200 (others counted)."""
    seconds, refused = [], collections.Counter()
    while not until.done():
        began = time.perf_counter()
        answer = await user.get(
            path, params=params, headers={"Accept": "application/sparql-results+json, application/json"}
        )
        if answer.status_code == 200:
            seconds.append(time.perf_counter() - began)
        else:
            refused[answer.status_code] += 1
    if refused:
        print(f"  {path}: not answered {dict(refused)}")
    return seconds or [float("nan")]


async def measure(port: int, server_pid: int, flood_size: int, addresses: int) -> None:
    base = f"http://127.0.0.1:{port}"
    ask = {"query": "ASK {}"}
    attackers = [
        httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(local_address=f"127.0.1.{i + 1}"),
            base_url=base,
            timeout=120,
            limits=httpx.Limits(max_connections=flood_size),
        )
        for i in range(addresses)
    ]
    async with contextlib.AsyncExitStack() as stack, httpx.AsyncClient(base_url=base, timeout=120) as user:
        for attacker in attackers:
            await stack.enter_async_context(attacker)
        idle: asyncio.Future = asyncio.get_running_loop().create_future()
        idle_task = asyncio.create_task(user_requests(user, "/sparql", ask, idle))
        await asyncio.sleep(3)
        idle.set_result(None)
        print(f"ASK {{}}, no flood    {spread(await idle_task)}")

        began = time.perf_counter()
        flood = asyncio.gather(
            *(
                attackers[i % addresses].post(
                    "/sparql", content=ENDLESS.encode(), headers={"Content-Type": "application/sparql-query"}
                )
                for i in range(flood_size)
            )
        )
        asks = asyncio.create_task(user_requests(user, "/sparql", ask, flood))
        documents = asyncio.create_task(user_requests(user, "/documents", {"limit": "20"}, flood))
        answers = await flood
        flood_seconds = time.perf_counter() - began
        statuses = collections.Counter(f"{a.status_code} {a.json().get('title', '')}" for a in answers)
        print(
            f"flood               {flood_size} endless queries from {addresses} address(es) 127.0.1.x, all answered in "
            f"{flood_seconds:.1f} s: {', '.join(f'{n} x {s}' for s, n in sorted(statuses.items()))}"
        )
        print(f"ASK {{}}, flooded     {spread(await asks)}")
        print(f"/documents, flooded {spread(await documents)}")

        began = time.perf_counter()
        while not whole(workers_of(server_pid)):
            await asyncio.sleep(0.02)
        print(
            f"pool whole again    {len(workers_of(server_pid))} workers alive and idle "
            f"{(time.perf_counter() - began) * 1000:.0f} ms after the flood's last answer"
        )
        after: asyncio.Future = asyncio.get_running_loop().create_future()
        after_task = asyncio.create_task(user_requests(user, "/sparql", ask, after))
        await asyncio.sleep(3)
        after.set_result(None)
        print(f"ASK {{}}, after       {spread(await after_task)}")


def whole(workers: list[tuple[int, str]]) -> bool:
    """As many workers as configured, every one asleep on its pipe (none computing, none starting)."""
    return len(workers) == int(os.environ["VN_CASCADE_QUERY_WORKERS"]) and all(s == "S" for _, s in workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300, help="synthetic plans in the store built here")
    parser.add_argument("--flood", type=int, default=20, help="endless queries sent at once")
    parser.add_argument("--timeout", type=float, default=5.0, help="VN_CASCADE_QUERY_TIMEOUT for the server")
    parser.add_argument("--workers", type=int, default=4, help="VN_CASCADE_QUERY_WORKERS for the server")
    parser.add_argument(
        "--addresses",
        type=int,
        default=1,
        help="loopback addresses the flood comes from (1: one client; more: the share is per address)",
    )
    parser.add_argument("--store", type=Path, help="use the store here, building it first if the folder is missing")
    args = parser.parse_args()
    print(machine())
    os.environ["VN_CASCADE_QUERY_TIMEOUT"] = str(args.timeout)
    os.environ["VN_CASCADE_QUERY_WORKERS"] = str(args.workers)
    work = Path(tempfile.mkdtemp(prefix="vn-cascade-flood-"))
    store = args.store or work / "store"
    server = None
    try:
        if not store.exists():
            build_store(store, args.plans, 0)
        server, port = start_server(store, work)
        print(
            f"settings            {args.workers} query workers, timeout {args.timeout:g} s, the default share "
            f"per client ({max(1, args.workers // 2)})"
        )
        print(f"raw engine ASK {{}}   {spread(raw_engine(store))}")
        asyncio.run(measure(port, server.pid, args.flood, args.addresses))
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
