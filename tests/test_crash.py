"""A crash in the middle of an ingest (SIGKILL) leaves every document either fully in the store or absent."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import BASE
from synthetic_plans import corpus

from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_document, read_file
from loaders.store import GraphStore

INGEST = "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()"


@pytest.mark.parametrize("after", [5, 60])
def test_killed_ingest_leaves_only_whole_documents(tmp_path: Path, after: int) -> None:
    """SIGKILL once the progress bar says `after` documents are stored: a known point mid-ingest, not a delay."""
    plans = corpus(500, seed=after)
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in plans:
        (folder / plan.name).write_text(plan.text, encoding="utf-8")
    store_path = tmp_path / "store"
    env = {**os.environ, "VN_CASCADE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(Path.cwd())}
    child = subprocess.Popen(
        [sys.executable, "-c", INGEST, "ingest", str(folder), "--store", str(store_path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    progress = b""
    while not any(int(n) >= after for n in re.findall(rb"(\d+)/500", progress)):
        chunk = child.stderr.read1(4096)
        assert chunk, f"ingest ended before {after} documents: {progress[-300:]!r}"
        progress += chunk
    child.send_signal(signal.SIGKILL)
    child.wait()

    files = (folder / p.name for p in plans)  # read as the ingest read them (a file's digest is one of its facts)
    expected = {b.iri: b for b in (build(parse(read_document(read_file(f), str(f))), BASE) for f in files)}
    with GraphStore(store_path) as store:
        default = set(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        graphs = {g.value for g in store.store.named_graphs()}
        present = {iri for iri, b in expected.items() if b.graph in graphs}
        assert after <= len(present) < len(plans)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in default}
        subjects = {t.subject.value for t in triples}
        for iri, built in expected.items():
            mine = set(built.owned)
            if iri in present:
                assert mine <= triples and set(built.claims) <= triples, iri
                graph = {
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(built.graph))
                }
                assert graph == set(built.claims), iri
            else:
                assert not ({t.subject.value for t in built.owned} - {iri}) & subjects, iri
                assert (
                    ox.Triple(
                        ox.NamedNode(iri),
                        ox.NamedNode("https://w3id.org/vn-cascade/ontology#inCorpus"),
                        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
                    )
                    not in triples
                )
