"""Benchmark: load rate into Neo4j and p50/p95 latency of every catalogue query on both engines.

Run: python tests/benchmarks/bench_queries.py [--plans 1000] [--runs 30]
Uses NEO4J_URI (and friends) if set, else starts the local server in a temporary home (needs Java 17 + Maven).
Targets: >= 20k nodes+relationships/s into a local Neo4j; every catalogue query p95 < 100 ms on both engines.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the synthetic corpus generator
import neo4j
from synthetic_plans import corpus

import queries
from loaders.graph import build
from loaders.neo4j.projection import project, sync
from loaders.neo4j.server import Neo4jSettings, driver, settings_from_env, start, stop
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.run import run_cypher, run_sparql, sparql_text

BASE = "https://w3id.org/vn-cascade/id/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def neo4j_settings(work: Path) -> tuple[Neo4jSettings, bool]:
    """The Neo4j to measure: the one NEO4J_URI names (external), else a local server in `work`'s own home."""
    if os.environ.get("NEO4J_URI"):
        return settings_from_env(), True
    local = {"VN_CASCADE_HOME": str(work / "home"), "VN_CASCADE_NEO4J_PORT": str(free_port())}
    return settings_from_env({**local, "VN_CASCADE_NEO4J_HEAP": "1g"}), False


def clear(drv: neo4j.Driver, database: str) -> None:
    """Empty the database, in batches (a load is then measured from nothing)."""
    with drv.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def params_for(store: GraphStore) -> dict[str, dict[str, str]]:
    def first(sparql: str) -> str:
        return next(iter(store.query(sparql + " LIMIT 1")))[0].value

    plan = first("SELECT ?d WHERE { ?d vc:inCorpus true ; vc:implements/vc:implements ?u ; vc:hasReportingDuty ?r }")
    return {
        "cascade-down": {
            "number": first(
                "SELECT ?n WHERE { ?c vc:implements ?d . ?d vc:documentNumber ?n } GROUP BY ?n ORDER BY DESC(COUNT(?c))"
            )
        },
        "cascade-up": {"document": plan},
        "reporting-chain": {"document": plan},
        "document-obligations": {"document": plan},
        "agency-obligations": {
            "agency": first(
                "SELECT ?l WHERE { ?o vc:leadAgency ?a . ?a a vc:Agency ; "
                "skos:prefLabel ?l } GROUP BY ?l ORDER BY DESC(COUNT(?o))"
            )
        },
        "obligation-owners": {"obligation": first("SELECT ?o WHERE { ?o vc:leadAgency ?a ; vc:supportingAgency ?b }")},
        "owners-on-date": {
            "obligation": first(
                "SELECT ?o WHERE { ?o vc:hasAssignment/vc:succession/vc:ownershipPeriod ?p }"
                " GROUP BY ?o ORDER BY DESC(COUNT(?p))"
            ),
            "date": "2026-01-01",
        },
        "successors-of": {
            "agency": first(
                "SELECT ?a WHERE { ?a a vc:Agency ; org:changedBy ?e } GROUP BY ?a ORDER BY DESC(COUNT(?e))"
            )
        },
        "leads-of-plan": {
            "issuer": first(
                "SELECT ?l WHERE { ?d vc:inCorpus true ; vc:issuedBy/skos:prefLabel ?l ; "
                'vc:hasObligation/vc:obligationKind "task" }'
            )
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vn-cascade-bench-"))
    settings, external = neo4j_settings(work)
    try:
        print(f"neo4j start       {start(settings):.1f} s ({settings.uri})")
        rebuild(work / "warm", [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(150, seed=2)])
        with GraphStore(work / "warm") as store, driver(settings) as drv:  # warm the JVM before measuring
            began = time.perf_counter()
            warm = sync(store, drv, settings.database, BASE)
            print(
                f"neo4j cold load   {(warm.nodes_written + warm.rels_written) / (time.perf_counter() - began):8.0f} "
                f"nodes+relationships/s end to end (150 plans, fresh JVM)"
            )
        built = [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(args.plans, seed=1)]
        rebuild(work / "store", built)
        with GraphStore(work / "store") as store, driver(settings) as drv:
            clear(drv, settings.database)
            began = time.perf_counter()
            want = project(store, BASE)
            projected = time.perf_counter()
            report = sync(store, drv, settings.database, BASE, want)
            seconds = time.perf_counter() - began
            items = report.nodes_written + report.rels_written
            print(
                f"neo4j load        {items / (seconds - (projected - began)):8.0f} nodes+relationships/s written "
                f"(target >= 20000); {items / seconds:.0f}/s end to end including the RDF projection "
                f"({projected - began:.1f} s): {report.nodes_written} nodes, {report.rels_written} relationships "
                f"in {seconds:.1f} s"
            )
            began = time.perf_counter()
            again = sync(store, drv, settings.database, BASE)
            print(f"neo4j re-sync     {time.perf_counter() - began:.1f} s, {again.changes} changes (idempotent)")
            params = params_for(store)
            print(
                f"{'query':30} {'raw p95':>8} {'sparql p50':>11} {'p95':>8} {'cypher p50':>11} {'p95':>8}  rows   (ms;"
                f" target p95 < 100; raw: the same SPARQL straight on Oxigraph)"
            )
            for name, q in queries.catalogue().items():
                p = params.get(name, {})
                timings: dict[str, list[float]] = {"raw": [], "sparql": [], "cypher": []}
                text = sparql_text(q, p)
                for _ in range(args.runs):
                    t = time.perf_counter()
                    list(store.query(text))
                    timings["raw"].append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    rows = run_sparql(store, q, p)
                    timings["sparql"].append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    run_cypher(drv, settings.database, q, p)
                    timings["cypher"].append((time.perf_counter() - t) * 1000)
                r, s, c = timings["raw"], timings["sparql"], timings["cypher"]
                print(
                    f"{name:30} {percentile(r, 95):8.1f} {statistics.median(s):11.1f} {percentile(s, 95):8.1f} "
                    f"{statistics.median(c):11.1f} {percentile(c, 95):8.1f}  {len(rows)}"
                )
    finally:
        if not external:
            stop(settings)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"peak memory       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MiB (this process; "
        "Neo4j runs with a 1 GiB heap)"
    )


if __name__ == "__main__":
    main()
