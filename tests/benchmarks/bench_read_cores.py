"""Benchmark: do SPARQL reads use every core? Throughput of /sparql with one query worker and with one per core.

Run: python tests/benchmarks/bench_read_cores.py [--plans 300] [--seconds 10] [--clients 8] [--store PATH]
Builds a store of synthetic plans, then starts `vn-cascade serve` twice on it: with VN_CASCADE_QUERY_WORKERS=1
and with one worker per core. Each time --clients clients, each from its own loopback address (so the per-client
share does not throttle them), send the same CPU-bound query one after another for --seconds. Prints queries per
second beside the raw engine: the query on a read-only Oxigraph in one process, and in one process per core.
Target: with one worker per core, throughput grows with the cores as the raw engine does.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from bench_service import build_store, machine, start_server

# Every statement joined to the types of its object: about 150 ms of pure engine work on 300 plans.
QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b a ?c }"


def raw_rate(store: str, seconds: float) -> int:
    """Queries answered in `seconds` by one process with its own read-only open of the store."""
    engine = ox.Store.read_only(store)
    done, until = 0, time.perf_counter() + seconds
    while time.perf_counter() < until:
        list(engine.query(QUERY))
        done += 1
    return done


def raw_engine(store: Path, processes: int, seconds: float) -> float:
    """Queries per second of `processes` processes each querying the store (the service stopped) without pause."""
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        counts = pool.starmap(raw_rate, [(str(store), seconds)] * processes)
    return sum(counts) / seconds


async def client(base: str, address: str, until: float) -> list[float]:
    """One client sending the query after the previous answer until `until`; the latency of each answer."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    latencies = []
    async with httpx.AsyncClient(transport=transport, base_url=base, timeout=120) as http:
        while time.perf_counter() < until:
            began = time.perf_counter()
            answer = await http.post(
                "/sparql",
                content=QUERY.encode(),
                headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
            )
            answer.raise_for_status()
            latencies.append(time.perf_counter() - began)
    return latencies


async def served_rate(port: int, clients: int, seconds: float) -> tuple[float, float]:
    """(queries per second, median latency in ms) of `clients` concurrent clients sending for `seconds`; the rate
    is over the time until the last answer, queries still queued at the end included."""
    base = f"http://127.0.0.1:{port}"
    began = time.perf_counter()
    answered = await asyncio.gather(*(client(base, f"127.0.1.{i + 1}", began + seconds) for i in range(clients)))
    latencies = [s for each in answered for s in each]
    return len(latencies) / (time.perf_counter() - began), statistics.median(latencies) * 1000


def served(store: Path, work: Path, workers: int, clients: int, seconds: float) -> tuple[float, float]:
    """Start the service with `workers` query workers, warm it, and measure it."""
    os.environ["VN_CASCADE_QUERY_WORKERS"] = str(workers)
    server, port = start_server(store, work)
    try:
        asyncio.run(served_rate(port, clients, 1.0))  # every worker has opened its checkpoint
        return asyncio.run(served_rate(port, clients, seconds))
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300, help="synthetic plans in the store built here")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measurement")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients, each from its own address")
    parser.add_argument("--store", type=Path, help="use the store here, building it first if the folder is missing")
    args = parser.parse_args()
    print(machine())
    cores = os.cpu_count() or 1
    os.environ["VN_CASCADE_QUERY_TIMEOUT"] = "60"
    os.environ["VN_CASCADE_CLIENT_QUERIES"] = "1"
    work = Path(tempfile.mkdtemp(prefix="vn-cascade-cores-"))
    store = args.store or work / "store"
    try:
        if not store.exists():
            build_store(store, args.plans, 0)
        one = served(store, work, 1, args.clients, args.seconds)
        every = served(store, work, cores, args.clients, args.seconds)
        raw_one = raw_engine(store, 1, args.seconds)
        raw_every = raw_engine(store, cores, args.seconds)
        print(f"query               {QUERY}")
        print(f"{'':20}{'1 process':>22}{f'{cores} processes':>22}{'gain':>8}")
        print(f"{'raw engine':20}{raw_one:>16.1f} q/s {raw_every:>16.1f} q/s {raw_every / raw_one:>7.2f}x")
        print(
            f"{'/sparql, ' + str(args.clients) + ' clients':20}{one[0]:>16.1f} q/s {every[0]:>16.1f} q/s "
            f"{every[0] / one[0]:>7.2f}x"
        )
        print(f"{'median latency':20}{one[1]:>16.1f} ms  {every[1]:>16.1f} ms")
        print(f"service / raw       {one[0] / raw_one:.2f} with 1 worker, {every[0] / raw_every:.2f} with {cores}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
