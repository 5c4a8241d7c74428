"""Many files at once: parsed in worker processes and streamed to the bulk loader, with the same graph as ingesting
each file in turn, refusals named, duplicates refused, and the originals kept."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from corpus import BASE
from synthetic_plans import corpus

from api.cli.main import main
from loaders import bulk
from loaders.bulk import build_store, prepared
from loaders.ingest import ingest
from loaders.originals import Originals, digest_of
from loaders.source import IngestError
from loaders.store import GraphStore


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve plans, a file that is no plan, and a second copy of the first plan under another name."""
    root = tmp_path_factory.mktemp("plans")
    plans = list(corpus(12, seed=11))
    for plan in plans:
        (root / plan.name).write_text(plan.text, encoding="utf-8")
    (root / "zz_empty.txt").write_bytes(b"")
    (root / "zz_again.txt").write_text(plans[0].text, encoding="utf-8")
    return root


def _quads(path: Path) -> set[ox.Quad]:
    with GraphStore(path) as store:
        return set(store.store)


def test_a_parallel_build_holds_what_ingesting_each_file_holds(folder: Path, tmp_path: Path) -> None:
    files = sorted(folder.glob("*.txt"))
    with GraphStore(tmp_path / "one-by-one") as store:
        ingested = ingest([f for f in files if f.name != "zz_again.txt"], store, BASE, jobs=1)
    originals = Originals(tmp_path / "originals")
    report = build_store(tmp_path / "bulk", files, BASE, jobs=2, originals=originals)
    assert _quads(tmp_path / "bulk") == _quads(tmp_path / "one-by-one")
    assert [s.iri for s in report.stored] == [s.iri for s in ingested.stored]
    assert report.characters == sum(len(f.read_text(encoding="utf-8")) for f in files[:12])
    assert list(report.timings) == ["read and bulk load", "derive", "flush and close", "swap", "read index"]
    failed = {Path(e.path).name: e.reason for e in report.failed}
    assert set(failed) == {"zz_empty.txt", "zz_again.txt"}
    assert failed["zz_again.txt"].startswith(f"the same document as {files[0]}")
    assert all(originals.read(digest_of(f.read_bytes())) is not None for f in files[:12])


def test_workers_hand_back_each_file_in_order_with_refusals_named(folder: Path) -> None:
    files = sorted(folder.glob("*.txt"))
    parallel = list(prepared(files, BASE, jobs=2))
    serial = list(prepared(files, BASE, jobs=1))
    assert [getattr(p, "iri", None) for p in parallel] == [getattr(p, "iri", None) for p in serial]
    assert [getattr(p, "triples", None) for p in parallel] == [getattr(p, "triples", None) for p in serial]
    refused = [p for p in parallel if not hasattr(p, "iri")]
    assert [str(e) for e in refused] == [str(e) for e in serial if not hasattr(e, "iri")]
    assert len(refused) == 1 and "zz_empty.txt" in str(refused[0])


def test_cli_build_reports_totals_and_replaces_the_store(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VN_CASCADE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("VN_CASCADE_STORE", raising=False)
    store = tmp_path / "store"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(folder), "--jobs", "2", "--store", str(store)])
    assert first.exit_code == 1  # the empty file and the duplicate are refused; the rest is stored
    assert "12 stored, 2 failed" in first.output and "documents/s" in first.output
    assert "error: " in first.stderr and "zz_empty.txt" in first.stderr
    three = sorted(folder.glob("*.txt"))[:3]
    again = runner.invoke(main, ["build", *map(str, three), "--store", str(store)])
    assert again.exit_code == 0 and "3 stored, 0 failed" in again.output
    build_store(tmp_path / "three", three, BASE, jobs=1)
    assert _quads(store) == _quads(tmp_path / "three")  # the store now holds the three documents only


def test_ingesting_one_by_one_compacts_the_store_afterwards(folder: Path, tmp_path: Path) -> None:
    """Each replacement leaves old versions behind until compaction; an ingest run compacts at its end, so even
    after every plan was stored three times its data files stay near those of a bulk build of the same plans (the
    write-ahead log beside them is bounded by the memory tables' size, not by the data)."""
    files = sorted(folder.glob("*.txt"))[:12]
    with GraphStore(tmp_path / "one-by-one") as store:
        for _ in range(3):
            ingest(files, store, BASE, jobs=1)
    build_store(tmp_path / "bulk", files, BASE, jobs=1)
    one_by_one, bulk = _size(tmp_path / "one-by-one"), _size(tmp_path / "bulk")
    assert one_by_one < 2.5 * bulk, (one_by_one, bulk)
    assert _quads(tmp_path / "one-by-one") == _quads(tmp_path / "bulk")


def _size(folder: Path) -> int:
    """Bytes of a store's data files (RocksDB's sorted tables)."""
    return sum(p.stat().st_size for p in folder.rglob("*.sst"))


def test_a_build_that_stores_nothing_leaves_the_store_as_it_was(folder: Path, tmp_path: Path) -> None:
    """Only unreadable files: the build is refused in one line naming why, and the old store is untouched."""
    store = tmp_path / "store"
    build_store(store, sorted(folder.glob("*.txt"))[:2], BASE, jobs=1)
    before = _quads(store)
    with pytest.raises(IngestError, match=r"no document could be stored.*zz_empty\.txt"):
        build_store(store, [folder / "zz_empty.txt"], BASE, jobs=1)
    assert _quads(store) == before and not (tmp_path / "store.building").exists()
    result = CliRunner().invoke(main, ["build", str(folder / "zz_empty.txt"), "--store", str(store)])
    assert result.exit_code == 1 and "no document could be stored" in result.output
    assert _quads(store) == before


def test_workers_start_beside_other_threads(folder: Path) -> None:
    """With another thread running (a server, a driver, a progress bar) workers come from a fork server, and hand
    back what the parser gives in this process."""
    files = sorted(folder.glob("*.txt"))[:4]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert bulk._context().get_start_method() == "forkserver"
        beside = [p.triples for p in prepared(files, BASE, jobs=2) if isinstance(p, bulk.Prepared)]
    finally:
        stop.set()
        other.join()
    assert beside == [p.triples for p in prepared(files, BASE, jobs=1) if isinstance(p, bulk.Prepared)]
    assert len(beside) == 4
