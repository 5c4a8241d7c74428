"""Benchmark: the date-aware reads of the 2025 reorganisation on a corpus, beside the raw engines.

Run: python tests/benchmarks/bench_reorganisation.py [--plans 1000] [--samples 200] [--neo4j]
Prints p50/p95 (ms) over `samples` different obligations (agencies, documents) of:
- `owners-on-date` and `successors-of` through the catalogue (SPARQL on Oxigraph; with --neo4j also Cypher),
  beside the same SPARQL straight on Oxigraph (`raw`);
- a document page's then → now (`queries.read.succession.document_now`);
- the whole reforms audit family as of a day (one run: it reads the corpus);
and what the reorganisation adds to the build (triples per plan, plans/s of build).
Target: p95 < 100 ms for the date-aware queries on 1,000 plans.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the synthetic corpus generator
from bench_queries import free_port, percentile
from synthetic_plans import corpus

import queries
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.audit import run
from queries.read.ids import Ids
from queries.read.model import ReadModel
from queries.read.succession import document_now
from queries.run import run_cypher, run_sparql, sparql_text

BASE = "https://w3id.org/vn-cascade/id/"
DAY = "2026-01-01"


def line(name: str, values: list[float], rows: int | None = None) -> None:
    extra = f"  {rows} rows (last)" if rows is not None else ""
    print(f"{name:34} p50 {statistics.median(values):7.1f}  p95 {percentile(values, 95):7.1f}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--neo4j", action="store_true", help="also run the Cypher versions on a local Neo4j")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vn-cascade-bench-reform-"))
    try:
        parsed = [parse(decode(p.text.encode(), p.name)) for p in corpus(args.plans, seed=1)]
        began = time.perf_counter()
        built = [build(doc, BASE) for doc in parsed]
        seconds = time.perf_counter() - began
        per_plan = sum(len(b.triples) for b in built) / len(built)
        moved = sum(1 for b in built for t in b.owned if t.predicate.value.endswith("#succession"))
        print(
            f"build             {len(built) / seconds:7.0f} plans/s, {per_plan:.0f} triples/plan, {moved} moved duties"
        )
        rebuild(work / "store", built)
        with GraphStore(work / "store") as store:
            (events,) = next(iter(store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a vc:ChangeEvent }")))
            print(f"store             {len(store)} quads, {events.value} change events")
            obligations = [
                r[0].value
                for r in store.query(
                    "SELECT DISTINCT ?o WHERE { ?o vc:hasAssignment/vc:succession/vc:ownershipPeriod ?p } ORDER BY ?o"
                )
            ][: args.samples]
            agencies = [
                r[0].value
                for r in store.query("SELECT DISTINCT ?a WHERE { ?a a vc:Agency ; org:changedBy ?e } ORDER BY ?a")
            ][: args.samples]
            documents = [r[0].value for r in store.query("SELECT ?d WHERE { ?d vc:inCorpus true } ORDER BY ?d")][
                : args.samples
            ]
            cases = {
                "owners-on-date": [{"obligation": o, "date": DAY} for o in obligations],
                "successors-of": [{"agency": a} for a in agencies],
            }
            print(f"{len(obligations)} obligations, {len(agencies)} agencies, {len(documents)} documents sampled (ms)")
            for name, params in cases.items():
                q = queries.get(name)
                raw, through = [], []
                rows = 0
                for p in params:
                    text = sparql_text(q, p)
                    t = time.perf_counter()
                    list(store.query(text))
                    raw.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    rows = len(run_sparql(store, q, p))
                    through.append((time.perf_counter() - t) * 1000)
                line(f"{name} raw oxigraph", raw)
                line(f"{name} catalogue sparql", through, rows)
            model = ReadModel(store)
            ids = Ids(BASE)
            day = dt.date.fromisoformat(DAY)
            pages = []
            for d in documents:
                t = time.perf_counter()
                document_now(store, ids, model.labels, d, day)
                pages.append((time.perf_counter() - t) * 1000)
            line("document then -> now", pages)
            t = time.perf_counter()
            found = run(model, ["reforms"], on=day)
            print(f"{'audit reforms family':34} {(time.perf_counter() - t) * 1000:7.0f} ms once, {len(found)} findings")
            if args.neo4j:
                cypher(store, cases, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cypher(store: GraphStore, cases: dict[str, list[dict[str, str]]], work: Path) -> None:
    from loaders.neo4j.projection import sync
    from loaders.neo4j.server import driver, settings_from_env, start, stop

    external = bool(os.environ.get("NEO4J_URI"))
    env = {"VN_CASCADE_HOME": str(work / "home"), "VN_CASCADE_NEO4J_PORT": str(free_port())}
    settings = settings_from_env() if external else settings_from_env({**env, "VN_CASCADE_NEO4J_HEAP": "1g"})
    try:
        start(settings)
        with driver(settings) as drv:
            sync(store, drv, settings.database, BASE)
            for name, params in cases.items():
                q = queries.get(name)
                run_cypher(drv, settings.database, q, params[0])  # plan cache
                times = []
                rows = 0
                for p in params:
                    t = time.perf_counter()
                    rows = len(run_cypher(drv, settings.database, q, p))
                    times.append((time.perf_counter() - t) * 1000)
                line(f"{name} catalogue cypher", times, rows)
    finally:
        if not external:
            stop(settings)


if __name__ == "__main__":
    main()
