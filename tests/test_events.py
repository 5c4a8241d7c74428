"""Implementation events: recorded over HTTP and the CLI, checked against the store, all of a batch or none, never
changed (a retraction is a new event), kept apart from the extracted facts, visible to SPARQL and Cypher, kept over a
fresh build."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import Neo4jDatabase
from corpus import BASE, LOCAL, SEEDS, TAN_BINH
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.bulk import build_store
from loaders.events import EVENTS_GRAPH, EventError, NewEvent, parse, parse_lines, record, stamp
from loaders.graph import build
from loaders.neo4j.projection import sync
from loaders.parser import parse as parse_text
from loaders.readers.documents import read_source
from loaders.store import GraphStore
from queries.read import events
from queries.read.model import ReadModel

KEY = "k3y-for-events"
PLAN = BASE + "doc/unit-766/undated/plan-be9b3490e7cd"  # the Tân Bình sample: duties, obligations, no date
DUTY = PLAN + "/reporting/1"


@pytest.fixture()
def stored(store: GraphStore) -> GraphStore:
    store.replace(build(parse_text(read_source(SEEDS / TAN_BINH)), BASE))
    return store


def _event(**given: object) -> NewEvent:
    fields = {"kind": "report-received", "concerns": DUTY, "occurred_on": "2025-12-01", "recorded_by": "Lê Thị B"}
    return parse({**fields, **given}, "test")


def _graph_size(store: GraphStore, graph: str) -> int:
    return sum(1 for _ in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def test_an_event_is_written_to_its_own_graph_and_read_back(stored: GraphStore) -> None:
    before = len(stored)
    [done] = record(stored, BASE, [(_event(note="Công văn 15/UBND nhận ngày 01/12/2025"), "test")])
    assert done.iri.startswith(BASE + "event/")
    assert _graph_size(stored, EVENTS_GRAPH) == len(done.lines) == len(stored) - before  # and once in the default
    [read] = events.read(ReadModel(stored, BASE), [DUTY])
    assert (read.kind, read.concerns, read.occurred_on.isoformat()) == ("report-received", DUTY, "2025-12-01")
    assert read.recorded_by == "Lê Thị B" and read.note == "Công văn 15/UBND nhận ngày 01/12/2025" and read.standing
    assert stamp(stored).startswith("1@")
    # SPARQL sees it in the default graph and apart, in the events graph
    rows = list(stored.query(f"SELECT ?e WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e vc:concerns <{DUTY}> }} }}"))
    assert [r[0].value for r in rows] == [done.iri]


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ({"kind": "obligation-done"}, "is not an obligation in the store"),
        ({"kind": "delivered"}, "unknown kind 'delivered'"),
        ({"concerns": PLAN + "/reporting/99"}, "is not in the store"),
        ({"concerns": "not an iri"}, "`concerns` is not an IRI"),
        ({"occurred_on": "2999-01-01"}, "is after today"),
        ({"recorded_by": "x" * 201}, "`recorded_by` is longer than 200 characters"),
        ({"actor": PLAN}, "is not an agency in the store"),
        ({"quote": "anything"}, "need the `evidence_document`"),
        ({"evidence_document": PLAN, "quote": "không có trong văn bản này"}, "the quote is not in the evidence"),
        ({"evidence_document": PLAN, "start": 5, "end": 2}, "outside the document's text"),
        ({"retracts": PLAN}, "is not a recorded event"),
        ({"note": "a\x00b"}, "control character"),
        ({"actor": BASE + "agency/unit-766/phong-y-te-quan-tan-binh"}, "is not a reporter of"),
    ],
)
def test_a_bad_event_is_refused_with_where_it_came_from_and_nothing_is_written(
    stored: GraphStore, given: dict, says: str
) -> None:
    good = _event()
    before = len(stored)
    with pytest.raises(EventError, match=f"^event 2: .*{says}"):
        record(stored, BASE, [(good, "event 1"), (_event(**given), "event 2")])
    assert len(stored) == before and _graph_size(stored, EVENTS_GRAPH) == 0


def test_a_quote_is_placed_in_the_evidence_document_and_checked(stored: GraphStore) -> None:
    [(text,)] = [(row[0].value,) for row in stored.query(f"SELECT ?t WHERE {{ <{PLAN}> vc:text ?t }}")]
    quote = "gửi báo cáo định kỳ hàng năm (trước ngày 05 tháng 12)"
    record(stored, BASE, [(_event(evidence_document=PLAN, quote=quote), "t")])
    [read] = events.read(ReadModel(stored, BASE), [DUTY])
    assert read.start is not None and read.end is not None and text[read.start : read.end] == quote
    assert read.document == PLAN and read.quote == quote
    with pytest.raises(EventError, match="occurs more than once"):
        record(stored, BASE, [(_event(evidence_document=PLAN, quote="Đơn vị chủ trì"), "t")])


def test_a_retraction_is_a_new_event_and_the_first_stays(stored: GraphStore) -> None:
    [first] = record(stored, BASE, [(_event(), "t")])
    [back] = record(stored, BASE, [(_event(retracts=first.iri, note="ghi nhầm"), "t")])
    read = {e.iri: e for e in events.read(ReadModel(stored, BASE), [DUTY])}
    assert read[first.iri].retracted_by == back.iri and not read[first.iri].standing
    assert read[back.iri].retracts == first.iri and not read[back.iri].standing
    assert events.standing_by_node(read.values()) == {}
    with pytest.raises(EventError, match="concerns another node"):
        record(stored, BASE, [(_event(concerns=PLAN + "/reporting/2", retracts=first.iri), "t")])


def test_a_retraction_of_a_retraction_is_refused_and_a_lone_surrogate_too(stored: GraphStore) -> None:
    [first] = record(stored, BASE, [(_event(), "t")])
    [back] = record(stored, BASE, [(_event(retracts=first.iri), "t")])
    with pytest.raises(EventError, match="is itself a retraction"):
        record(stored, BASE, [(_event(retracts=back.iri), "t")])
    with pytest.raises(EventError, match=r"^t: `note` is not valid Unicode text"):
        parse(
            {
                "kind": "report-received",
                "concerns": DUTY,
                "occurred_on": "2025-01-02",
                "recorded_by": "x",
                "note": "\ud800",
            },
            "t",
        )


def test_json_lines_errors_name_the_file_and_line() -> None:
    good = json.dumps({"kind": "report-received", "concerns": DUTY, "occurred_on": "2025-01-02", "recorded_by": "x"})
    with pytest.raises(EventError, match=r"^events\.jsonl:3: not JSON"):
        parse_lines(f"{good}\n\n{{oops\n", "events.jsonl")
    with pytest.raises(EventError, match=r"^events\.jsonl:2: `occurred_on` must be a day"):
        parse_lines(f"{good}\n{good.replace('2025-01-02', '2025-02-30')}\n", "events.jsonl")
    with pytest.raises(EventError, match=r"^events\.jsonl:1: unknown field\(s\) colour"):
        parse_lines(json.dumps({"colour": "red"}), "events.jsonl")


def test_http_records_events_with_the_api_key_all_or_none(stored: GraphStore) -> None:
    client = TestClient(create_app(stored, ServiceSettings(base=BASE, api_key=KEY), None), base_url=LOCAL)
    body = {"kind": "report-received", "concerns": DUTY, "occurred_on": "2025-12-01", "recorded_by": "Trần C"}
    assert client.post("/events", json=body).status_code == 401
    bad = client.post("/events", json=[body, {**body, "occurred_on": "2025-13-01"}], headers={"X-API-Key": KEY})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("event 2: `occurred_on` must be a day")
    assert client.get("/events").json()["total"] == 0
    answer = client.post("/events", json=body, headers={"X-API-Key": KEY})
    assert answer.status_code == 201
    [recorded] = answer.json()["recorded"]
    assert recorded["concerns"] == DUTY and recorded["recordedBy"] == "Trần C"
    listed = client.get("/events", params={"document": PLAN}).json()
    assert [e["iri"] for e in listed["items"]] == [recorded["iri"]]
    # the query workers see it: SPARQL over the events graph
    query = f"SELECT ?e WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e a vc:ImplementationEvent }} }}"
    rows = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert [b["e"]["value"] for b in rows.json()["results"]["bindings"]] == [recorded["iri"]]
    assert (
        client.post("/events", content=b"x", headers={"X-API-Key": KEY, "Content-Type": "text/csv"}).status_code == 415
    )


def test_http_keeps_an_evidence_file_with_the_events(stored: GraphStore) -> None:
    client = TestClient(create_app(stored, ServiceSettings(base=BASE, api_key=KEY), None), base_url=LOCAL)
    body = {"kind": "report-received", "concerns": DUTY, "occurred_on": "2025-12-01", "recorded_by": "Trần C"}
    answer = client.post(
        "/events",
        data={"events": json.dumps(body)},
        files={"file": ("bao-cao.pdf", b"%PDF-1.4 evidence", "application/pdf")},
        headers={"X-API-Key": KEY},
    )
    assert answer.status_code == 201, answer.text
    evidence = answer.json()["recorded"][0]["evidence"]
    assert evidence["fileName"] == "bao-cao.pdf" and evidence["file"].startswith("sha256:")
    assert stored.path is not None
    kept = stored.path.with_name(stored.path.name + "-originals") / "sha256" / evidence["file"][7:9]
    assert (kept / evidence["file"][7:]).read_bytes() == b"%PDF-1.4 evidence"


def test_the_cli_records_one_event_or_a_file_of_them(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.replace(build(parse_text(read_source(SEEDS / TAN_BINH)), BASE))
    runner = CliRunner()
    base = ["--store", str(path)]
    done = runner.invoke(
        main, ["record", "report-received", DUTY[len(BASE) :], "--on", "2025-12-02", "--by", "Phạm D", *base]
    )
    assert done.exit_code == 0, done.output
    assert "recorded report-received" in done.output
    lines = tmp_path / "events.jsonl"
    good = {"kind": "obligation-done", "concerns": PLAN + "/obligation/II.1", "occurred_on": "2025-06-30"}
    lines.write_text(json.dumps({**good, "recorded_by": "x"}) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    refused = runner.invoke(main, ["record", "--from", str(lines), *base])
    assert refused.exit_code == 1 and f"{lines}:2: `recorded_by` is required" in refused.output
    listed = runner.invoke(main, ["events", "--document", PLAN, "--format", "json", *base])
    assert [e["kind"] for e in json.loads(listed.output)] == ["report-received"]


def test_a_fresh_build_keeps_the_events(tmp_path: Path) -> None:
    path = tmp_path / "store"
    build_store(path, [SEEDS / TAN_BINH], BASE, jobs=1)
    with GraphStore(path) as store:
        [done] = record(store, BASE, [(_event(), "t")])
    build_store(path, sorted(SEEDS.glob("*.txt")), BASE, jobs=1)
    with GraphStore(path) as store:
        assert [e.iri for e in events.read(ReadModel(store, BASE), [DUTY])] == [done.iri]
        assert stamp(store).startswith("1@")


def test_events_reach_neo4j(stored: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    neo4j_db.clear()
    sync(stored, neo4j_db.driver, neo4j_db.settings.database, BASE)
    [done] = record(stored, BASE, [(_event(actor=None), "t")])
    report = sync(stored, neo4j_db.driver, neo4j_db.settings.database, BASE)
    assert report.nodes_written >= 1
    records, _, _ = neo4j_db.driver.execute_query(
        "MATCH (e:ImplementationEvent)-[:CONCERNS]->(d:ReportingDuty) RETURN e.uri AS e, d.uri AS d, "
        "e.occurredOn AS on",
        database_=neo4j_db.settings.database,
    )
    assert [(r["e"], r["d"], r["on"].iso_format()) for r in records] == [(done.iri, DUTY, "2025-12-01")]
