"""Benchmark: every gap detector over a synthetic corpus, with the time each family takes.

Run: python tests/benchmarks/bench_audit.py [--plans 1000] [--runs 3] [--store PATH]
Target: all detectors over 1,000 synthetic plans in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the synthetic corpus generator
from synthetic_plans import corpus

from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.audit import families, run
from queries.read.model import ReadModel

BASE = "https://w3id.org/vn-cascade/id/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs is reported")
    parser.add_argument("--store", type=Path, default=None, help="reuse (or build once into) this store folder")
    args = parser.parse_args()
    path = args.store or Path(tempfile.mkdtemp(prefix="vn-cascade-audit-")) / "store"
    if not path.exists():
        began = time.perf_counter()
        rebuild(path, [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(args.plans, seed=1)])
        print(f"built {args.plans} synthetic plans into {path} in {time.perf_counter() - began:.1f} s")
    print(f"machine: {os.cpu_count()} cores; one process, one thread")
    with GraphStore(path) as store:
        documents = sum(1 for _ in store.query("SELECT ?d WHERE { ?d vc:inCorpus true }"))
        best: dict[str, float] = {}
        for _ in range(args.runs):
            context = ReadModel(store)  # fresh caches each run: nothing carried over
            for family in families():
                began = time.perf_counter()
                for _ in family.detect(context):  # detectors are generators: drain them
                    pass
                elapsed = time.perf_counter() - began
                best[family.name] = min(best.get(family.name, elapsed), elapsed)
        totals = []
        for _ in range(args.runs):
            began = time.perf_counter()
            findings = run(store)
            totals.append(time.perf_counter() - began)
        counts = Counter(f.type for f in findings)
    print(f"{documents} ingested documents, {len(findings)} findings")
    print(f"per family, best of {args.runs} (the first one also pays for the shared lookups):")
    for name, seconds in best.items():
        print(f"  {name:<12} {seconds:6.2f} s")
    for kind, n in counts.most_common():
        print(f"  {n:6d}  {kind}")
    total = min(totals)
    verdict = "met" if total < 10 else "NOT met"
    print(
        f"all detectors: {total:.2f} s best of {args.runs} (median {sorted(totals)[len(totals) // 2]:.2f} s); "
        f"target < 10 s: {verdict}"
    )


if __name__ == "__main__":
    main()
