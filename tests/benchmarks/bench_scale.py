"""Benchmark: the whole path at national scale, per corpus size, beside raw Oxigraph in the same run.

Run: python tests/benchmarks/bench_scale.py [--plans 1000,5000,25000] [--runs 20] [--jobs N] [--keep DIR]

For each size it writes that many realistic plans (tests/realistic_plans.py: 5-40k characters, every level, before
and after the 2025 reorganisation) and prints:
- build: `vn-cascade build` (parsing on every core, streamed to the bulk loader): plans/s, characters/s, peak
  memory of the process tree, store size; beside it raw Oxigraph bulk-loading the same quads (time, size);
- incremental: adding and replacing one plan in the store, beside raw Store.extend of its triples on the raw store;
- catalogue: every query's p50/p95 through the catalogue runner, beside the same SPARQL straight on Oxigraph;
- service: `vn-cascade serve` start-up to first answer and its memory, the first /gaps, one plan over HTTP, then the
  service started again and its first /gaps (read from the findings kept in the read index).
Targets (issue 16, 25,000 plans, 2 cores): build < 4 min and < 4 GB, store <= 1.2x raw; add/replace <= 1.5x raw;
catalogue p95 < 100 ms; start-up < 3 s and < 1.5 GB; an HTTP ingest visible < 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the corpus generator
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other benchmarks' helpers
from bench_queries import params_for, percentile
from bench_service import start_server
from realistic_plans import realistic_corpus, write_corpus

import queries
from loaders.bulk import cores
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.run import run_sparql, sparql_text

BASE = "https://w3id.org/vn-cascade/id/"
REPO = Path(__file__).resolve().parents[2]
CLI = [
    sys.executable,
    "-c",
    "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()",
]
KEY = "bench-key"
_QUERY_BUDGET = 30.0  # seconds of runs per catalogue query before its p95 is taken on what ran (at least 2)


def folder_size(path: Path, pattern: str = "*") -> int:
    """Bytes of the files under a folder (those matching `pattern`: "*.sst" for RocksDB's data files)."""
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            continue
    family, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(rss.get(p, 0) for p in family)


class PeakMemory:
    """Samples a process tree's resident memory every 0.2 s while it runs; `peak` is the largest sum seen."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.peak = 0
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.process.poll() is None:
            self.peak = max(self.peak, tree_rss(self.process.pid))
            time.sleep(0.2)


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def build_corpus(plans: Path, store: Path, jobs: int, env: dict[str, str]) -> tuple[float, int]:
    """`vn-cascade build` of a folder into a fresh store: (seconds, peak bytes of its process tree)."""
    began = time.perf_counter()
    command = [*CLI, "build", str(plans), "--quiet", "--jobs", str(jobs), "--store", str(store)]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(process)
    out, err = process.communicate()
    seconds = time.perf_counter() - began
    memory.thread.join()
    if process.returncode not in (0, 1) or not out.strip():  # 1: some files refused, named on stderr
        raise SystemExit(f"vn-cascade build failed (exit {process.returncode}):\n{err[-2000:]}")
    print(f"  {out.strip().splitlines()[-1]}")
    return seconds, memory.peak


def raw_bulk_load(store: Path, raw: Path) -> tuple[float, int]:
    """The store's quads written out and bulk-loaded by raw Oxigraph into a fresh folder: (load seconds, quads)."""
    dump = raw.with_suffix(".nq")
    opened = ox.Store.read_only(str(store))  # read-only: opening for writing may start a compaction
    opened.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    del opened
    target = ox.Store(str(raw))
    began = time.perf_counter()
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=True)
    target.flush()
    seconds = time.perf_counter() - began
    quads = len(target)
    del target
    dump.unlink()
    return seconds, quads


def incremental(store: Path, raw: Path, extra: list[tuple[str, str]]) -> None:
    """Add, then replace, each extra plan, timed beside raw Store.extend of its triples on the raw store."""
    built = [build(parse(decode(text.encode(), name)), BASE) for name, text in extra]
    added, replaced, extended = [], [], []
    with GraphStore(store) as opened:
        for doc in built:
            began = time.perf_counter()
            opened.replace(doc)
            added.append(time.perf_counter() - began)
        for doc in built:
            began = time.perf_counter()
            opened.replace(doc)
            replaced.append(time.perf_counter() - began)
    target = ox.Store(str(raw))
    for doc in built:
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in doc.triples]
        began = time.perf_counter()
        target.extend(quads)
        extended.append(time.perf_counter() - began)
    del target
    raw_ms = statistics.median(extended) * 1000
    for label, times in (("add one plan", added), ("replace one plan", replaced)):
        ms = statistics.median(times) * 1000
        print(
            f"  {label:18} {ms:8.1f} ms median of {len(times)}; raw Store.extend {raw_ms:6.1f} ms ({ms / raw_ms:.1f}x)"
        )


def catalogue(store: Path, runs: int) -> None:
    """Every catalogue query's p50/p95 through the runner, beside the same SPARQL straight on Oxigraph."""
    with GraphStore(store) as opened:
        params = params_for(opened)
        print(f"  {'query':30} {'raw p95':>8} {'p50':>8} {'p95':>8}  rows  (ms; target p95 < 100)")
        missed = 0
        for name, q in queries.catalogue().items():
            p = params.get(name, {})
            text = sparql_text(q, p)
            raw, ours = [], []
            rows: list = []
            began_query = time.perf_counter()
            for _ in range(runs):
                if len(ours) >= 2 and time.perf_counter() - began_query > _QUERY_BUDGET:
                    break  # a query this slow is measured on fewer runs (their number is printed)
                began = time.perf_counter()
                list(opened.query(text))
                raw.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                rows = run_sparql(opened, q, p)
                ours.append((time.perf_counter() - began) * 1000)
            missed += percentile(ours, 95) >= 100
            print(
                f"  {name:30} {percentile(raw, 95):8.1f} {statistics.median(ours):8.1f} {percentile(ours, 95):8.1f}"
                f"  {len(rows)}" + (f"  ({len(ours)} runs)" if len(ours) < runs else "")
            )
        print(f"  {missed} of {len(queries.catalogue())} queries miss p95 < 100 ms")


def service(store: Path, work: Path, plan: tuple[str, str]) -> None:
    """Start-up to first answer and memory of `vn-cascade serve`, the first /gaps, one plan over HTTP, and /gaps
    from a service started again."""
    os.environ["VN_CASCADE_API_KEY"] = KEY
    began = time.perf_counter()
    server, port = start_server(store, work)
    try:
        print(f"  serve start-up     {time.perf_counter() - began:8.1f} s to first answer; {mib(tree_rss(server.pid))}")
        began = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/gaps", timeout=600).read()
        print(f"  first /gaps        {time.perf_counter() - began:8.1f} s; {mib(tree_rss(server.pid))} after")
        name, text = plan
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/documents?filename={name}",
            data=text.encode(),
            headers={"X-API-Key": KEY, "Content-Type": "text/plain; charset=utf-8"},
            method="POST",
        )
        began = time.perf_counter()
        urllib.request.urlopen(request, timeout=600).read()
        stored = time.perf_counter() - began
        began = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/gaps", timeout=600).read()
        print(f"  HTTP ingest        {stored:8.2f} s for one plan; /gaps after it {time.perf_counter() - began:.1f} s")
    finally:
        server.terminate()
        server.wait(timeout=60)
    began = time.perf_counter()
    server, port = start_server(store, work)
    try:
        started = time.perf_counter() - began
        began = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/gaps", timeout=600).read()
        print(
            f"  serve again        {started:8.1f} s to first answer; /gaps {time.perf_counter() - began:.2f} s "
            f"(the findings kept in the read index); {mib(tree_rss(server.pid))} after"
        )
    finally:
        server.terminate()
        server.wait(timeout=60)


def one_size(plans: int, args: argparse.Namespace, work: Path) -> None:
    folder, store, raw = work / f"plans-{plans}", work / f"store-{plans}", work / f"raw-{plans}"
    began = time.perf_counter()
    chars = write_corpus(folder, plans, seed=args.seed)
    print(
        f"== {plans:,} realistic plans, {chars / plans:,.0f} characters on average "
        f"(written in {time.perf_counter() - began:.1f} s, not counted)"
    )
    env = {**os.environ, "VN_CASCADE_HOME": str(work / "home"), "PYTHONPATH": str(REPO)}
    seconds, peak = build_corpus(folder, store, args.jobs, env)
    size, data_size = folder_size(store), folder_size(store, "*.sst")
    print(
        f"  build              {seconds:8.1f} s wall ({plans / seconds:.1f} plans/s, {chars / seconds / 1e6:.2f} M "
        f"characters/s, {args.jobs} jobs); peak memory {mib(peak)}; store {mib(size)}"
    )
    load, quads = raw_bulk_load(store, raw)
    ratio, data = size / folder_size(raw), data_size / folder_size(raw, "*.sst")
    print(
        f"  raw bulk load      {load:8.1f} s for the same {quads:,} quads ({quads / load:,.0f} quads/s); "
        f"{mib(folder_size(raw))}: the store is {ratio:.2f}x raw ({data:.2f}x in data files, the log aside)"
    )
    extra = [(p.name, p.text) for p in realistic_corpus(plans + 6, seed=args.seed)][plans:]
    incremental(store, raw, extra[:5])
    catalogue(store, args.runs)
    service(store, work, extra[5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", default="1000,5000,25000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=20, help="runs per catalogue query")
    parser.add_argument("--jobs", type=int, default=cores(), help="parsing processes for the build")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="vn-cascade-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores ({cores()} usable), load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    try:
        for plans in (int(n) for n in args.plans.split(",")):
            one_size(plans, args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
