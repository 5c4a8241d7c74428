"""Versions of a document: a changed text re-ingested keeps the old one as an ELI expression in a graph of its own,
outside what queries of the corpus see; the diff between two texts; versions survive a fresh build."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL, SEEDS, TAN_BINH
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.bulk import build_store
from loaders.errors import NotFound
from loaders.graph import BuiltDocument, build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.source import SourceText
from loaders.store import GraphStore
from loaders.versions import VERSIONS_GRAPH
from queries.audit import versions
from queries.read.model import ReadModel

OLD_LEAD = "- Đơn vị chủ trì: Phòng Lao động - Thương binh và Xã hội."
NEW_LEAD = "- Đơn vị chủ trì: Phòng Y tế quận."
PLAN = BASE + "doc/unit-766/undated/plan-be9b3490e7cd"
LABOUR = BASE + "agency/unit-766/phong-lao-dong-thuong-binh-va-xa-hoi-quan-tan-binh"
HEALTH = BASE + "agency/unit-766/phong-y-te-quan-tan-binh"


def _source() -> SourceText:
    return read_source(SEEDS / TAN_BINH)


def _changed(old: str, new: str, source: SourceText | None = None) -> BuiltDocument:
    original = source or _source()
    assert original.text.count(old) >= 1
    return build(parse(dataclasses.replace(original, text=original.text.replace(old, new, 1))), BASE)


def _leads(store: GraphStore, obligation: str, graph: str | None = None) -> set[str]:
    """The lead agents of one obligation, in the default graph or in a version's graph."""
    pattern = f"<{obligation}> vc:hasAssignment ?a . ?a vc:role vc:role-lead ; vc:agent ?x"
    rows = store.query(f"SELECT ?x WHERE {{ {f'GRAPH <{graph}> {{ {pattern} }}' if graph else pattern} }}")
    return {r[0].value for r in rows}


def test_a_changed_text_keeps_the_old_one_as_a_version_outside_the_default_graph(store: GraphStore) -> None:
    store.replace(build(parse(_source()), BASE))
    assert _leads(store, PLAN + "/obligation/ii-1") == {LABOUR}
    store.replace(_changed(OLD_LEAD, NEW_LEAD))
    model = ReadModel(store, BASE)
    [first, current] = versions.versions(model, PLAN)
    assert (first.number, first.iri, current.number) == (1, PLAN + "/version/1", None)
    # the corpus as queries see it holds the new text only
    assert _leads(store, PLAN + "/obligation/ii-1") == {HEALTH}
    assert _leads(store, first.iri + "/obligation/ii-1") == set()
    # the old facts are in the version's graph, under the version's IRIs
    graph = ox.NamedNode(first.graph or "")
    subjects = {q.subject.value for q in store.store.quads_for_pattern(None, None, None, graph)}  # type: ignore[union-attr]
    assert all(s == first.iri or s.startswith(first.iri + "/") for s in subjects)
    assert _leads(store, first.iri + "/obligation/ii-1", first.graph) == {LABOUR}
    # the version node in the versions graph and the default graph
    meta = list(store.query(f"SELECT ?n WHERE {{ GRAPH <{VERSIONS_GRAPH}> {{ <{first.iri}> vc:versionNumber ?n }} }}"))
    assert [m[0].value for m in meta] == ["1"]


def test_a_name_only_the_old_text_gave_is_not_kept_alive_by_the_version(store: GraphStore) -> None:
    source = _source()
    store.replace(build(parse(source), BASE))
    store.replace(_changed(OLD_LEAD, "- Đơn vị chủ trì: Trung tâm Văn hóa Thể thao Ánh Dương quận.", source))
    [ghost] = _leads(store, PLAN + "/obligation/ii-1")
    assert store.query(f"ASK {{ <{ghost}> skos:prefLabel ?l }}")  # named by the second text
    store.replace(build(parse(source), BASE))  # back to the first text: the invented centre is named by nobody
    assert not store.query(f"ASK {{ <{ghost}> skos:prefLabel ?l }}")
    assert len(versions.versions(ReadModel(store, BASE), PLAN)) == 3  # two kept texts and the current one


def test_the_same_text_again_keeps_no_version(store: GraphStore) -> None:
    built = build(parse(_source()), BASE)
    store.replace(built)
    store.replace(built)
    assert versions.versions(ReadModel(store, BASE), PLAN) == [versions.Version(None, PLAN)]
    with pytest.raises(NotFound, match="has no earlier version"):
        versions.diff(ReadModel(store, BASE), PLAN)


def test_the_diff_names_the_changed_owner_with_both_texts(store: GraphStore) -> None:
    source = _source()
    store.replace(build(parse(source), BASE))
    store.replace(_changed(OLD_LEAD, NEW_LEAD, source))
    found = versions.diff(ReadModel(store, BASE), PLAN)
    assert not found.added and not found.removed and found.unchanged > 10
    [pair] = found.changed
    assert pair.changes == ["owners:lead", "text"]
    assert pair.before.owners["lead"] == (LABOUR,) and pair.after.owners["lead"] == (HEALTH,)
    assert OLD_LEAD[2:] in pair.before.text and NEW_LEAD[2:] in pair.after.text


def test_two_changes_make_two_versions_and_any_two_compare(store: GraphStore) -> None:
    source = _source()
    store.replace(build(parse(source), BASE))
    store.replace(_changed(OLD_LEAD, NEW_LEAD, source))
    second = dataclasses.replace(source, text=source.text.replace(OLD_LEAD, NEW_LEAD, 1))
    store.replace(
        _changed("Thời gian thực hiện: Hằng năm, giai đoạn 2021-2030.", "Thời gian thực hiện: Quý IV/2025.", second)
    )
    model = ReadModel(store, BASE)
    assert [v.number for v in versions.versions(model, PLAN)] == [1, 2, None]
    last = versions.diff(model, PLAN)  # version 2 → now: the timeframe
    assert {c for p in last.changed for c in p.changes} >= {"timeframe"}
    assert all("owners:lead" not in p.changes for p in last.changed)
    first = versions.diff(model, PLAN, 1, 2)  # version 1 → 2: the owner
    assert [p.changes for p in first.changed] == [["owners:lead", "text"]]
    with pytest.raises(NotFound, match="has versions 1, 2"):
        versions.diff(model, PLAN, 7)


def test_a_fresh_build_keeps_the_versions(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.replace(build(parse(_source()), BASE))
        store.replace(_changed(OLD_LEAD, NEW_LEAD))
    build_store(path, sorted(SEEDS.glob("*.txt")), BASE, jobs=1)
    with GraphStore(path) as store:
        model = ReadModel(store, BASE)
        assert [v.number for v in versions.versions(model, PLAN)] == [1, None]
        assert LABOUR in {
            a for o in versions.obligations(model, versions.versions(model, PLAN)[0]) for a in o.owners.get("lead", ())
        }


def test_diff_surfaces(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.replace(build(parse(_source()), BASE))
        store.replace(_changed(OLD_LEAD, NEW_LEAD))
    result = CliRunner().invoke(main, ["diff", PLAN, "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "~ [II.1] owners:lead, text" in result.output and "0 added, 0 removed, 1 changed" in result.output
    with GraphStore(path) as store:
        client = TestClient(create_app(store, ServiceSettings(base=BASE), None), base_url=LOCAL)
        rid = PLAN[len(BASE) :]
        body = client.get(f"/documents/{rid}/diff").json()
        assert body["from"]["number"] == 1 and body["to"]["number"] is None
        [changed] = body["changed"]
        assert [o["iri"] for o in changed["before"]["owners"]["lead"]] == [LABOUR]
        assert client.get(f"/documents/{rid}/versions").json()["versions"][0]["number"] == 1
        page = client.get(f"/ui/versions/{rid}")
        assert page.status_code == 200 and "Phòng Y tế quận Tân Bình" in page.text and 'id="diff"' in page.text
        assert 'id="versions-link"' in client.get(f"/ui/documents/{rid}").text
