"""Benchmark: parse and parse+build rate on real-size documents (the four samples and the evaluation corpus).

Run: python tests/benchmarks/bench_parse.py [--repeat 25] [--cores 1] [--corpus samples|eval|both|realistic]
Prints, in one run, the rate of the raw steps beside the parser's: reading the text into canonical form (NFC, LF) and
folding it for accent-free matching (the floor any parser pays), then parse, then parse+build (RDF triples).
`realistic`: 200 plans from tests/realistic_plans.py (every level, 5-30k characters, about 14k on average).
Target (issue 16, one core): parse+build >= 100 real-size plans/s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from loaders.folding import ffold
from loaders.graph import build
from loaders.parser import parse
from loaders.source import canonical, decode

BASE = "https://w3id.org/vn-cascade/id/"
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "loaders" / "samples"
EVAL = ROOT / "tests" / "eval_corpus"


def documents(which: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of the documents to time."""
    if which == "realistic":
        sys.path.insert(0, str(ROOT / "tests"))
        from realistic_plans import realistic_corpus

        return [(p.name, p.text.encode()) for p in realistic_corpus(200, seed=0)]
    paths: list[Path] = []
    if which in ("samples", "both"):
        paths += sorted(SAMPLES.glob("*.txt"))
    if which in ("eval", "both"):
        paths += sorted(p for p in EVAL.rglob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def rate(docs: list[tuple[str, bytes]], repeat: int, step: Callable[[str, bytes], object]) -> tuple[float, float]:
    """(documents per second, median seconds per pass) over `repeat` passes of every document."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for name, data in docs:
            step(name, data)
        times.append(time.perf_counter() - start)
    best = min(times)
    return len(docs) / best, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--cores", type=int, default=1)
    parser.add_argument("--corpus", choices=["samples", "eval", "both", "realistic"], default="samples")
    args = parser.parse_args()
    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cores]))
    docs = documents(args.corpus)
    chars = sum(len(d.decode("utf-8", "replace")) for _, d in docs)
    print(
        f"{len(docs)} documents, {chars / len(docs):,.0f} characters on average, {args.repeat} passes, "
        f"{args.cores} core(s), best pass reported"
    )

    def raw(name: str, data: bytes) -> object:
        return ffold(canonical(data.decode("utf-8-sig")))

    def parse_only(name: str, data: bytes) -> object:
        return parse(decode(data, name))

    def parse_build(name: str, data: bytes) -> object:
        return build(parse(decode(data, name)), BASE)

    for label, step in (("read+NFC+fold (raw floor)", raw), ("parse", parse_only), ("parse+build", parse_build)):
        per_second, median = rate(docs, args.repeat, step)
        print(
            f"{label:28} {per_second:9.1f} documents/s   {per_second * chars / len(docs) / 1e6:6.2f} M chars/s"
            f"   median pass {median * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
