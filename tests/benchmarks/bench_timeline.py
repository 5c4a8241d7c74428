"""Benchmark: the cascade through time on realistic plans: overdue reports and plans on a day, the timeliness
findings, siblings side by side, a diff of a re-ingested plan and a batch of recorded events, beside the raw engine
reading the same rows.

Run: python tests/benchmarks/bench_timeline.py [--plans 1000] [--runs 3] [--store PATH]
Targets (issue 18): the overdue computation and a sibling comparison under 1 s on 1,000 plans.
A store given with --store is written to: one plan re-ingested twice (a version kept) and 100 events recorded, which
stay (events are never removed), so a second run over it reports a few fewer overdue duties.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the realistic corpus generator
from realistic_plans import realistic_corpus

from loaders.events import parse as parse_event
from loaders.events import record
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.audit import siblings, timeliness, versions
from queries.read.model import ReadModel

BASE = "https://w3id.org/vn-cascade/id/"
ON = dt.date(2025, 12, 31)
_RAW_DUTIES = """SELECT ?doc ?d ?day ?date ?role ?agent WHERE { ?doc vc:inCorpus true ; vc:hasReportingDuty ?d .
  OPTIONAL { ?d vc:dueDay ?day } OPTIONAL { ?d vc:dueDate ?date }
  VALUES ?role { vc:reporter vc:recipient vc:via } ?d ?role ?agent }"""
_RAW_OWED = """SELECT ?p ?o ?x WHERE { ?a vc:role vc:role-plan-issuer ; vc:agent ?x . ?o vc:hasAssignment ?a .
  ?p vc:hasObligation ?o ; vc:inCorpus true }"""


def timed(runs: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(best, median) seconds of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - began)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="best and median of this many runs are reported")
    parser.add_argument("--store", type=Path, default=None, help="reuse (or build once into) this store folder")
    args = parser.parse_args()
    path = args.store or Path(tempfile.mkdtemp(prefix="vn-cascade-timeline-")) / "store"
    if not path.exists():
        began = time.perf_counter()
        plans = realistic_corpus(args.plans, seed=18)
        rebuild(path, (build(parse(decode(p.text.encode(), p.name)), BASE) for p in plans))
        print(f"built {args.plans} realistic plans into {path} in {time.perf_counter() - began:.1f} s")
    # one plan of the corpus to change and re-ingest (the others are not held: the service holds none either)
    sample = next(p for p in realistic_corpus(args.plans, seed=18) if "chủ trì" in p.text)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; one process, one thread; as of {ON}")
    with GraphStore(path) as store:
        model = ReadModel(store, BASE)
        documents = [d for d, info in model.documents.items() if info.in_corpus]
        raw_duties, _, rows = timed(args.runs, lambda: list(store.query(_RAW_DUTIES)))
        raw_owed, _, owed_rows = timed(args.runs, lambda: list(store.query(_RAW_OWED)))
        print(
            f"{len(documents)} ingested documents; raw engine: duty rows {len(rows)} in {raw_duties:.3f} s, "
            f"plan-issuer rows {len(owed_rows)} in {raw_owed:.3f} s"
        )

        def overdue() -> timeliness.Overview:
            return timeliness.overview(ReadModel(store, BASE), ON)  # a fresh model: nothing cached

        best, median, found = timed(args.runs, overdue)
        late_duties, late_plans = found.overdue()
        verdict = "met" if best < 1 else "NOT met"
        print(
            f"overdue on {ON} over the corpus: {best:.3f} s best, {median:.3f} s median "
            f"({len(found.duties)} reporter duties, {len(late_duties)} overdue; {len(found.plans)} plans owed, "
            f"{len(late_plans)} overdue); target < 1 s: {verdict}; "
            f"{best / max(raw_duties + raw_owed, 1e-9):.1f}× the raw rows"
        )
        best, median, findings = timed(args.runs, lambda: list(timeliness.detect(ReadModel(store, BASE), on=ON)))
        print(f"timeliness findings on {ON}: {len(findings)} in {best:.3f} s best, {median:.3f} s median")
        busiest = sorted(model.down.items(), key=lambda kv: -len(kv[1]))[:3]
        for parent, _ in busiest:
            best, median, compared = timed(args.runs, lambda p=parent: siblings.compare(ReadModel(store, BASE), p))
            verdict = "met" if best < 1 else "NOT met"
            print(
                f"siblings of {model.label(parent)}: {len(compared.siblings)} documents, "
                f"{sum(len(v) for v in compared.obligations.values())} obligations, {len(compared.targets)} "
                f"target rows in {best:.3f} s best, {median:.3f} s median; target < 1 s: {verdict}"
            )
        agency = next(iter(found.plans)).owed.unit if found.plans else None
        if agency is not None:
            best, median, _ = timed(args.runs, lambda: timeliness.overview(ReadModel(store, BASE), ON, agency=agency))
            print(f"what one agency owes ({model.label(agency)}): {best:.3f} s best, {median:.3f} s median")
        # a re-ingested plan with one owner changed, and its diff
        source = decode(sample.text.encode(), sample.name)
        first = build(parse(source), BASE)
        at = source.text.rfind("chủ trì")  # the last (in the tasks, not the preamble): a lead made a supporting unit
        changed = dataclasses.replace(source, text=source.text[:at] + "phối hợp" + source.text[at + len("chủ trì") :])
        began = time.perf_counter()
        store.replace(build(parse(changed), BASE))
        print(f"re-ingest keeping the old text as a version: {time.perf_counter() - began:.3f} s")
        best, median, diff = timed(args.runs, lambda: versions.diff(ReadModel(store, BASE), first.iri))
        print(f"diff of one plan: {len(diff.changed)} changed, {diff.unchanged} unchanged in {best:.3f} s best")
        store.replace(first)
        # a batch of 100 events about the corpus's duties
        duties = [s.duty.iri for s in found.duties][:100]
        batch = [
            (
                parse_event(
                    {"kind": "report-received", "concerns": d, "occurred_on": "2025-11-01", "recorded_by": "benchmark"},
                    "bench",
                ),
                "bench",
            )
            for d in duties
        ]
        began = time.perf_counter()
        record(store, BASE, batch)
        print(f"{len(batch)} events recorded in one transaction: {time.perf_counter() - began:.3f} s")
        best, _, after = timed(args.runs, overdue)
        print(f"overdue after the events: {len(after.overdue()[0])} reporter duties overdue, {best:.3f} s best")


if __name__ == "__main__":
    main()
