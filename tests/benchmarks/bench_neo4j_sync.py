"""Benchmark: the Neo4j sync on realistic plans: a first load into an empty database, then re-syncing after one plan
is replaced, per document beside the full diff (the whole projection against the whole database).

Run: python tests/benchmarks/bench_neo4j_sync.py --store STORE --plans-dir DIR [--keep DIR]
STORE is built by `vn-cascade build DIR --store STORE` from `python tests/realistic_plans.py --plans N --out DIR`;
it is copied first (the benchmark replaces a plan). Uses NEO4J_URI (and friends) if set, else starts the local
server in a temporary home. Target (issue): >= 20k nodes+relationships/s for the first load; a re-sync that grows
with the change, not the corpus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other benchmarks' helpers
from bench_queries import clear, neo4j_settings

from loaders.graph import build
from loaders.neo4j.projection import _write, current, project, sync
from loaders.neo4j.server import driver, start, stop
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore

BASE = "https://w3id.org/vn-cascade/id/"


def _edited(path: Path, n: int) -> bytes:
    """The plan with a line added at its end: other triples, the same document."""
    return path.read_bytes() + f"\nNơi nhận: lưu VT ({n}).\n".encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store built from realistic plans")
    parser.add_argument("--plans-dir", type=Path, required=True, help="the plans it was built from")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-neo4j-sync-"))
    settings, external = neo4j_settings(work)
    shutil.rmtree(work / "store", ignore_errors=True)
    shutil.copytree(args.store, work / "store")
    plan = sorted(args.plans_dir.glob("*.txt"))[0]
    try:
        print(f"neo4j start        {start(settings):.1f} s ({settings.uri}); load average {os.getloadavg()[0]:.1f}")
        with GraphStore(work / "store") as store, driver(settings) as drv:
            db = settings.database
            clear(drv, db)
            began = time.perf_counter()
            first = sync(store, drv, db, BASE)
            seconds = time.perf_counter() - began
            items = first.nodes_written + first.rels_written
            print(
                f"first load ({first.mode})  {items / seconds:8.0f} nodes+relationships/s end to end "
                f"(target >= 20000): {first.nodes_written} nodes, {first.rels_written} relationships, "
                f"{first.documents_written} documents in {seconds:.1f} s"
            )
            for n in range(3):
                store.replace(build(parse(decode(_edited(plan, n), plan.name)), BASE))
                began = time.perf_counter()
                report = sync(store, drv, db, BASE)
                print(
                    f"re-sync one plan   {time.perf_counter() - began:6.2f} s ({report.mode}): "
                    f"{report.documents_written} documents, {report.changes} changes "
                    f"({report.nodes_written} nodes, {report.rels_written} relationships written; "
                    f"{report.nodes_deleted} nodes, {report.rels_deleted} relationships deleted)"
                )
            store.replace(build(parse(decode(_edited(plan, 9), plan.name)), BASE))
            began = time.perf_counter()
            want = project(store, BASE)
            projected = time.perf_counter()
            have = current(drv, db)
            read = time.perf_counter()
            diff = _write(drv, db, want, have)
            print(
                f"full diff          {time.perf_counter() - began:6.2f} s (the sync before records: projecting "
                f"{projected - began:.1f} s, reading Neo4j back {read - projected:.1f} s): {diff.changes} changes"
            )
            again = sync(store, drv, db, BASE)  # the record catches up with what the full diff wrote
            began = time.perf_counter()
            idle = sync(store, drv, db, BASE)
            print(f"re-sync, no change {time.perf_counter() - began:6.2f} s: {idle.changes} changes ({again.mode})")
    finally:
        if not external:
            stop(settings)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
