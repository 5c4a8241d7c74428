"""Benchmark: the HTTP service under concurrent load, requests/s and p50/p95/p99 latency per endpoint.

Run: python tests/benchmarks/bench_service.py [--plans 1000] [--clients 32] [--seconds 10 | --requests N]
                                             [--store PATH] [--keep] [--only TEXT]
Builds a store of N synthetic plans with the bulk loader (or reuses the one at --store), starts `vn-cascade serve`
on a free loopback port and drives it with C concurrent clients, each a keep-alive connection, one scenario at a
time; the last two run cascades beside a slow query (cascade-down) sent through the catalogue or /sparql, to
show what a slow query does to the other requests.
The clients are closed-loop (each sends its next request when the last is answered), so at C clients a latency
is about C / throughput: the server's cost per request sets it. Client and server share the machine's cores.
Targets: p95 < 50 ms for a document's cascade and for catalogue queries.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import importlib.util
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the synthetic corpus generator
from bench_queries import free_port
from synthetic_plans import corpus

import queries
from loaders.config import DEFAULT_BASE
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.read.model import ReadModel
from queries.run import sparql_text

REPO = Path(__file__).resolve().parents[2]
TARGET_MS = 50.0
SEARCH_WORDS = [
    "trẻ em",
    "tre em",
    "Giáo dục",
    "giao duc",
    "phòng, chống",
    "phong chong",
    "bạo lực",
    "bao luc",
    "tuyên truyền",
    "tuyen truy",
]
AGENCY_WORDS = [
    "Sở Y tế",
    "so y te",
    "Ủy ban nhân dân",
    "uy ban nhan dan",
    "Phòng Giáo dục",
    "phong giao duc",
    "Lao động",
    "lao dong",
    "Tư pháp",
    "tu phap",
]


@dataclass(frozen=True)
class Scenario:
    """Requests of one kind: a name, how to make the next URL, and whether the p95 target applies."""

    name: str
    url: Callable[[random.Random], str]
    target: bool = False


@dataclass
class Samples:
    """Latencies (ms) of the answered requests of one scenario, and its failures."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole answers: a lean client, so that the
    clients' CPU (httpx spends ~2.4 ms a request here, more than the server spends on a cascade) leaves the
    shared cores to the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str, timeout: float = 60) -> tuple[int, bytes]:
        """(status, body) of GET `path`; a connection the server closed while idle (its keep-alive timeout) is
        opened again, and one that fails otherwise is closed."""
        try:
            async with asyncio.timeout(timeout):
                if self.streams is not None:
                    try:
                        return await self._exchange(path)
                    except (asyncio.IncompleteReadError, ConnectionResetError) as exc:
                        if getattr(exc, "partial", b""):
                            raise
                        self.close()
                self.streams = await asyncio.open_connection(self.host, self.port)
                return await self._exchange(path)
        except BaseException:
            self.close()
            raise

    async def _exchange(self, path: str) -> tuple[int, bytes]:
        """Send one GET on the open connection and read its answer (Content-Length or chunked)."""
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(
            (name.lower(), value.strip()) for name, _, value in (line.partition(":") for line in head[1:] if line)
        )
        if headers.get("transfer-encoding") == "chunked":
            body = b""
            while size := int((await reader.readuntil(b"\r\n"))[:-2], 16):
                body += (await reader.readexactly(size + 2))[:-2]
            await reader.readuntil(b"\r\n")
        else:
            body = await reader.readexactly(int(headers["content-length"]))
        if headers.get("connection") == "close":
            self.close()
        return int(head[0].split(" ", 2)[1]), body

    async def json(self, path: str) -> dict:
        """The JSON body of a GET that must succeed."""
        status, body = await self.get(path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


@dataclass(frozen=True)
class Pools:
    """What the requests pick from, read from the service itself."""

    base: str
    docs: list[str]
    numbers: list[str]
    issuers: list[str]
    agencies: list[str]
    obligations: list[str]
    root: str | None

    def doc(self, rng: random.Random) -> str:
        return rng.choice(self.docs)

    def doc_iri(self, rng: random.Random) -> str:
        return self.base + rng.choice(self.docs)


def build_store(path: Path, plans: int, seed: int) -> None:
    """Parse and build `plans` synthetic plans and bulk-load them into a fresh store at `path`."""
    began = time.perf_counter()
    built = [build(parse(decode(p.text.encode(), p.name)), DEFAULT_BASE) for p in corpus(plans, seed=seed)]
    parsed = time.perf_counter()
    rebuild(path, built)
    print(
        f"store built       {plans} plans: parse+build {parsed - began:.1f} s, "
        f"bulk load {time.perf_counter() - parsed:.1f} s ({path})"
    )


def time_read_model(path: Path, runs: int = 3) -> None:
    """Time a read model's lists and search index (what the service reads at start-up and after every HTTP ingest)."""
    with GraphStore(path) as store:
        seconds = []
        for _ in range(runs):
            began = time.perf_counter()
            model = ReadModel(store, DEFAULT_BASE)
            _ = model.documents, model.agencies, model.index
            seconds.append(time.perf_counter() - began)
        triples = len(store)
    print(
        f"store             {sum(d.in_corpus for d in model.documents.values())} documents ingested, "
        f"{len(model.documents)} in all, {len(model.agencies)} agencies and groups, "
        f"{len(model.index.entries)} search entries, {triples} triples"
    )
    print(
        f"read model lists  {min(seconds):.2f} s best, {statistics.median(seconds):.2f} s median of {runs} "
        "(read at start-up and after every HTTP ingest)"
    )


def start_server(store: Path, work: Path) -> tuple[subprocess.Popen, int]:
    """`vn-cascade serve --store PATH --port P` on a free loopback port; returns (process, port) once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "VN_CASCADE_HOME": str(work / "home"),
        "VN_CASCADE_BASE_IRI": DEFAULT_BASE,
        "PYTHONPATH": str(REPO),
    }
    env.pop("VN_CASCADE_HOST", None)
    command = [
        sys.executable,
        "-c",
        "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
    ]
    with open(work / "serve.log", "wb") as log:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    began = time.perf_counter()
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/queries", timeout=5).close()
            break
        except OSError:
            if server.poll() is not None or time.perf_counter() - began > 120:
                server.kill()
                raise SystemExit(f"the service did not start; its log:\n{(work / 'serve.log').read_text()}") from None
            time.sleep(0.2)
    print(
        f"service           http://127.0.0.1:{port}, answering {time.perf_counter() - began:.1f} s after launch "
        f"(pid {server.pid})"
    )
    return server, port


async def _all_pages(connection: Connection, path: str) -> list[dict]:
    """Every item of a paged list, following `next`."""
    items: list[dict] = []
    while path:
        body = await connection.json(path)
        items += body["items"]
        path = body["next"] and urlsplit(body["next"])._replace(scheme="", netloc="").geturl()
    return items


async def discover(connection: Connection, base: str) -> Pools:
    """Document ids, numbers, issuers, agency labels, obligation ids and Directive 28's id, from the service."""
    docs = await _all_pages(connection, "/documents?in_corpus=true&limit=500")
    agencies = await _all_pages(connection, "/agencies?limit=500")
    sample = random.Random(0).sample(docs, k=min(40, len(docs)))
    details = [await connection.json(f"/documents/{d['id']}") for d in sample]
    root = (await connection.json("/documents?in_corpus=false&q=28-CT/TW&limit=1"))["items"]
    return Pools(
        base,
        [d["id"] for d in docs],
        sorted({d["number"] for d in docs if d["number"]}),
        sorted({d["issuer"] for d in docs if d["issuer"]}),
        [a["label"] for a in agencies],
        [o["id"] for d in details for o in d["obligations"]],
        root[0]["id"] if root else None,
    )


def catalogue_params(pools: Pools) -> dict[str, Callable[[random.Random], dict[str, str]]]:
    """For each parameterised catalogue query, how to pick its parameters."""
    return {
        "cascade-down": lambda r: {"number": r.choice(pools.numbers)},
        "cascade-up": lambda r: {"document": pools.doc_iri(r)},
        "document-obligations": lambda r: {"document": pools.doc_iri(r)},
        "reporting-chain": lambda r: {"document": pools.doc_iri(r)},
        "agency-obligations": lambda r: {"agency": r.choice(pools.agencies)},
        "leads-of-plan": lambda r: {"issuer": r.choice(pools.issuers)},
        "obligation-owners": lambda r: {"obligation": pools.base + r.choice(pools.obligations)},
    }


def check_catalogue(listed: dict, params: dict[str, Callable[[random.Random], dict[str, str]]]) -> None:
    """Stop with a message when the catalogue's parameters are not the ones this benchmark sends."""
    served = {q["name"]: sorted(p["name"] for p in q["params"]) for q in listed["items"]}
    for name, pick in params.items():
        if served.get(name) != sorted(pick(random.Random(0))):
            raise SystemExit(f"catalogue query {name!r} takes {served.get(name)}; update bench_service.py")


def _sparql(query: str) -> str:
    return "/sparql?" + urlencode({"query": query})


def sparql_selects(pools: Pools) -> list[Callable[[random.Random], str]]:
    """Typical SELECTs a user sends to /sparql: a count, a plan's leads, a document's children, an agency's work."""
    return [
        lambda r: _sparql(
            "SELECT ?type (COUNT(?d) AS ?n) WHERE { ?d a vc:PolicyDocument ; vc:documentType ?type } GROUP BY ?type"
        ),
        lambda r: _sparql(
            f"SELECT ?path ?lead WHERE {{ <{pools.doc_iri(r)}> vc:hasObligation ?o . ?o vc:sectionPath "
            "?path ; vc:leadAgency/skos:prefLabel ?lead } ORDER BY ?path"
        ),
        lambda r: _sparql(
            f"SELECT ?child ?number WHERE {{ ?child vc:implements <{pools.doc_iri(r)}> "
            "OPTIONAL { ?child vc:documentNumber ?number } }"
        ),
        lambda r: _sparql(
            f"SELECT ?o ?path WHERE {{ ?a skos:prefLabel "
            f"{json.dumps(r.choice(pools.agencies), ensure_ascii=False)}@vi . "
            "?o vc:leadAgency ?a ; vc:sectionPath ?path } LIMIT 100"
        ),
    ]


def scenarios(pools: Pools) -> list[list[Scenario]]:
    """The groups of scenarios, each group run on its own; a group of two splits the clients between them."""
    params = catalogue_params(pools)
    selects = sparql_selects(pools)
    obligations, cascade_down = queries.get("document-obligations"), queries.get("cascade-down")

    def run(name: str) -> Callable[[random.Random], str]:
        return lambda r: f"/queries/{name}/run?{urlencode(params[name](r))}"

    cascade = Scenario(
        "cascade (down, random plan)", lambda r: f"/documents/{pools.doc(r)}/cascade?direction=down", target=True
    )
    heavy_via_catalogue = Scenario("catalogue cascade-down", run("cascade-down"))
    heavy_via_sparql = Scenario(
        "/sparql cascade-down", lambda r: _sparql(sparql_text(cascade_down, params["cascade-down"](r)))
    )
    groups = [
        [cascade],
        [Scenario("cascade of Directive 28 (the root)", lambda r: f"/documents/{pools.root}/cascade")]
        if pools.root
        else [],
        [Scenario("document", lambda r: f"/documents/{pools.doc(r)}")],
        [Scenario("search", lambda r: "/search?" + urlencode({"q": r.choice(SEARCH_WORDS)}))],
        [Scenario("agencies?q=", lambda r: "/agencies?" + urlencode({"q": r.choice(AGENCY_WORDS)}))],
        *([Scenario(f"catalogue {name}", run(name), target=True)] for name in params),
        [Scenario("/sparql typical SELECTs", lambda r: r.choice(selects)(r))],
        [
            Scenario(
                "/sparql document-obligations",
                lambda r: _sparql(sparql_text(obligations, {"document": pools.doc_iri(r)})),
            )
        ],
        [cascade, heavy_via_catalogue],
        [cascade, heavy_via_sparql],
    ]
    return [group for group in groups if group]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(
    connections: list[Connection], group: list[Scenario], seconds: float | None, requests: int | None, seed: int
) -> tuple[dict[str, Samples], float]:
    """One request loop per connection, loop i on scenario i mod len(group), until the time or the request budget
    runs out; the samples by scenario and the seconds it took."""
    samples = {s.name: Samples() for s in group}
    issued = itertools.count()
    began = time.perf_counter()
    deadline = began + seconds if seconds is not None else float("inf")

    async def loop(i: int) -> None:
        scenario = group[i % len(group)]
        rng, found = random.Random(seed * 1000 + i), samples[scenario.name]
        while time.perf_counter() < deadline and (requests is None or next(issued) < requests):
            path = scenario.url(rng)
            sent = time.perf_counter()
            try:
                status, body = await connections[i].get(path)
                failure = f"{status} {path}: {body[:200]!r}" if status >= 400 else None
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError) as exc:
                failure = f"{type(exc).__name__} {path}"
            if failure is None:
                found.latencies.append((time.perf_counter() - sent) * 1000)
            else:
                found.errors += 1
                found.first_error = found.first_error or failure

    await asyncio.gather(*(loop(i) for i in range(len(connections))))
    return samples, time.perf_counter() - began


def percentiles(found: Samples) -> tuple[float, float, float]:
    """p50, p95 and p99 of the latencies (NaN with fewer than two)."""
    if len(found.latencies) < 2:
        return float("nan"), float("nan"), float("nan")
    cuts = statistics.quantiles(found.latencies, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def met(found: Samples) -> bool:
    """Whether a scenario meets the target: p95 under TARGET_MS and no errors."""
    return not found.errors and percentiles(found)[1] < TARGET_MS


def row(name: str, found: Samples, seconds: float, cpu: tuple[float, float] | None, target: bool) -> str:
    """One line of the table."""
    done = len(found.latencies)
    p50, p95, p99 = percentiles(found)
    verdict = ("met" if met(found) else "NOT met") if target else ""
    per = f"{cpu[0] * 1000 / max(done, 1):6.2f} {cpu[1] * 1000 / max(done, 1):6.2f}" if cpu else f"{'-':>6} {'-':>6}"
    return (
        f"{name:50} {done + found.errors:8} {found.errors:6} {done / seconds:7.1f} {p50:7.1f} {p95:7.1f} "
        f"{p99:7.1f}  {per}  {verdict}"
    )


async def measure(port: int, server: subprocess.Popen, args: argparse.Namespace) -> list[tuple[str, Samples]]:
    """Run every scenario group and print its rows; the samples of the scenarios that have a target."""
    connections = [Connection("127.0.0.1", port) for _ in range(args.clients)]
    pools = await discover(connections[0], DEFAULT_BASE)
    check_catalogue(await connections[0].json("/queries"), catalogue_params(pools))
    print(
        f"pools             {len(pools.docs)} documents, {len(pools.agencies)} agencies, "
        f"{len(pools.obligations)} obligations (of 40 documents)"
    )
    budget = f"{args.requests} requests" if args.requests else f"{args.seconds:g} s"
    print(
        f"\n{args.clients} concurrent clients (one keep-alive connection each), {budget} per scenario after a 1 s "
        "warm-up; latency in ms as the client sees it; server and client CPU in ms per request\n"
    )
    print(
        f"{'scenario':50} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}  "
        f"{'server':>6} {'client':>6}  p95 < {TARGET_MS:g} ms"
    )
    targets = []
    groups = [
        g
        for g in scenarios(pools)
        if len(g) <= args.clients and (args.only is None or any(args.only in s.name for s in g))
    ]
    for n, group in enumerate(groups):
        if len(group) > 1:
            print(f"{' + '.join(s.name for s in group)}, the clients split between them:")
        await drive(connections, group, 1.0, None, seed=-n)
        cpu = cpu_seconds(server.pid), time.process_time()
        samples, seconds = await drive(
            connections, group, None if args.requests else args.seconds, args.requests, seed=n
        )
        used = (cpu_seconds(server.pid) - cpu[0], time.process_time() - cpu[1])
        for scenario in group:
            found = samples[scenario.name]
            name = scenario.name if len(group) == 1 else f"  {scenario.name}"
            print(row(name, found, seconds, used if len(group) == 1 else None, scenario.target), flush=True)
            if found.first_error:
                print(f"    first error: {found.first_error}")
            if scenario.target and len(group) == 1:
                targets.append((scenario.name, found))
    for connection in connections:
        connection.close()
    return targets


def machine() -> str:
    """Cores, load and the HTTP stack, for reading the figures."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    parser = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return (
        f"machine           {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; the clients and the server share these cores\n"
        f"software          Python {platform.python_version()}, uvicorn {importlib.metadata.version('uvicorn')} "
        f"({loop} loop, {parser} parser), one server process; the clients: asyncio in this process"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="synthetic plans in a store built here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--seconds", type=float, default=10.0, help="duration of each scenario")
    budget.add_argument("--requests", type=int, help="requests per scenario instead of a duration")
    parser.add_argument("--store", type=Path, help="use the store here, building it first if the folder is missing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (store, server log)")
    parser.add_argument("--only", help="run only the scenarios whose name holds this text (e.g. catalogue)")
    args = parser.parse_args()
    print(machine())
    work = Path(tempfile.mkdtemp(prefix="vn-cascade-bench-"))
    store = args.store or work / "store"
    server = None
    try:
        if store.exists():
            print(f"store reused      {store}")
        else:
            build_store(store, args.plans, args.seed)
        time_read_model(store)
        server, port = start_server(store, work)
        targets = asyncio.run(measure(port, server, args))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep:
            print(f"kept              {work} (server log: serve.log)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\np95 < {TARGET_MS:g} ms met    {', '.join(name for name, found in targets if met(found)) or 'by none'}")
    print(f"p95 < {TARGET_MS:g} ms NOT met {', '.join(name for name, found in targets if not met(found)) or 'by none'}")


if __name__ == "__main__":
    main()
