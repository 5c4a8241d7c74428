"""The read model's own mechanics: rows ordered as SPARQL orders them, one memo build per name at a time, and
evidence read for the nodes asked (every span held only while a whole audit runs)."""

from __future__ import annotations

import threading
from pathlib import Path

from corpus import BASE, SEEDS

from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.store import GraphStore
from queries import audit
from queries.audit import kept
from queries.read.model import ReadModel, in_order


def test_rows_are_ordered_as_order_by_orders_them() -> None:
    rows = [["b", "10"], ["a", None], ["b", "9"], ["a", "2"], [None, "1"]]
    assert in_order(rows, 0, 1, numbers={1}) == [[None, "1"], ["a", None], ["a", "2"], ["b", "9"], ["b", "10"]]
    assert in_order(rows, 1)[0] == ["a", None]  # unbound first
    assert [r[1] for r in in_order(rows, 1)] == [None, "1", "10", "2", "9"]  # text, not numbers, unless told


def test_a_long_memo_build_does_not_hold_up_another_name(tmp_path: Path) -> None:
    model = ReadModel(GraphStore(), BASE)
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        assert release.wait(60)
        return "slow"

    builder = threading.Thread(target=lambda: model.memo("slow", slow))
    builder.start()
    assert started.wait(60)
    quick = threading.Thread(target=lambda: model.memo("quick", lambda: "quick"))
    quick.start()
    quick.join(60)
    built = model.memoized("quick") and not model.memoized("slow")  # while the other name is still building
    release.set()
    quick.join(60)
    assert built
    builder.join(60)
    assert model.memo("slow", lambda: "again") == "slow"  # built once


def test_evidence_is_read_for_the_nodes_asked_and_every_span_only_during_a_whole_audit(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        for path in sorted(SEEDS.glob("*.txt")):
            store.replace(build(parse(read_source(path)), BASE))
        model = ReadModel(store, BASE)
        obligation = next(
            row[0] for row in model.rows("SELECT ?o WHERE { ?d vc:hasObligation ?o . ?o vc:sourceText ?t } LIMIT 1")
        )
        assert model.text(obligation) and model.evidence([obligation])
        assert not model.has_read("spans")  # one node's span, not the corpus's
        assert kept.ready_all(model, [f for f in audit.families() if f.affected is not None])
        assert not model.has_read("spans") and not model._held  # held for the audit, let go after it
        assert model.evidence([obligation]) == ReadModel(store, BASE).evidence([obligation])
