"""The HTTP service: SPARQL 1.1 Protocol (read-only) and read-only Cypher, errors as problem details."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

import pytest
import rdflib
from conftest import Neo4jDatabase
from corpus import BASE, LOCAL
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.neo4j.projection import sync
from loaders.neo4j.server import settings_from_env
from loaders.store import GraphStore

SELECT = "SELECT ?n WHERE { ?d vc:documentNumber ?n } ORDER BY ?n"
SPARQL_JSON = "application/sparql-results+json"


@pytest.fixture()
def client(sample_store: GraphStore) -> TestClient:
    unreachable = settings_from_env({"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "nothing-there"})
    return TestClient(
        base_url=LOCAL, app=create_app(sample_store, ServiceSettings(row_limit=50, timeout=5), unreachable)
    )


def numbers(body: dict) -> list[str]:
    return [b["n"]["value"] for b in body["results"]["bindings"]]


def test_get_and_both_post_forms_agree(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": SELECT})
    assert got.status_code == 200 and got.headers["content-type"].startswith(SPARQL_JSON)
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post("/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query"})
    assert numbers(got.json()) == numbers(form.json()) == numbers(direct.json())
    assert "28-CT/TW" in numbers(got.json()) and "162-KH/ĐUK" in numbers(got.json())


def test_result_formats_by_content_negotiation(client: TestClient) -> None:
    xml = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert next(e.text for e in ElementTree.fromstring(xml.content).findall(".//s:literal", ns)) == "06/QĐ-TTg"
    as_csv = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["n"] and ["28-CT/TW"] in rows
    tsv = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.splitlines()[0] == "?n" and '"28-CT/TW"' in tsv.text
    ask = client.get("/sparql", params={"query": 'ASK { ?d vc:documentNumber "33-CT/TU" }'})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?d vc:implements ?p } WHERE { ?d vc:implements ?p }"
    for media, parser in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        answer = client.get("/sparql", params={"query": construct}, headers={"Accept": media})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert len(rdflib.Graph().parse(data=answer.content, format=parser)) == 13
    refused = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and refused.headers["content-type"] == "application/problem+json"


def test_service_description(client: TestClient) -> None:
    answer = client.get("/sparql")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    assert (
        None,
        rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#supportedLanguage"),
        rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#SPARQL11Query"),
    ) in graph


@pytest.mark.parametrize(
    "request_args, status",
    [
        ({"method": "GET", "params": {"update": "CLEAR ALL"}}, 403),
        ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 403),
        ({"method": "POST", "content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403),
        ({"method": "GET", "params": {"query": "SELEC ?x"}}, 400),
        ({"method": "GET", "params": [("query", SELECT), ("query", SELECT)]}, 400),
        ({"method": "POST", "content": SELECT.encode()}, 400),
        ({"method": "POST", "content": SELECT.encode(), "headers": {"Content-Type": "text/plain"}}, 415),
        ({"method": "POST", "content": b"SELECT \xff", "headers": {"Content-Type": "application/sparql-query"}}, 400),
        ({"method": "PUT", "content": SELECT.encode()}, 405),
        ({"method": "GET", "params": {"query": "SELECT ?s WHERE { ?s ?p ?o }"}}, 422),
    ],
)
def test_protocol_errors_are_problems_and_never_500(
    client: TestClient, request_args: dict, status: int, sample_store: GraphStore
) -> None:
    before = len(sample_store)
    answer = client.request(url="/sparql", **request_args)
    assert answer.status_code == status, answer.text
    if status != 405:
        problem = answer.json()
        assert problem["status"] == status and problem["detail"] and problem["title"]
    assert len(sample_store) == before


def test_syntax_errors_carry_the_parser_message(client: TestClient) -> None:
    problem = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"}).json()
    assert problem["detail"].startswith("SPARQL syntax error:") and "expected" in problem["detail"].lower()


def test_cypher_needs_a_server(client: TestClient) -> None:
    answer = client.post("/cypher", json={"query": "RETURN 1 AS one"})
    assert answer.status_code == 503
    assert "vn-cascade neo4j start" in answer.json()["detail"]


def test_cypher_reads_and_refuses_writes(sample_store: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    neo4j_db.clear()
    sync(sample_store, neo4j_db.driver, neo4j_db.settings.database, BASE)
    client = TestClient(
        base_url=LOCAL, app=create_app(sample_store, ServiceSettings(row_limit=100, timeout=5), neo4j_db.settings)
    )
    answer = client.post(
        "/cypher",
        json={
            "query": "MATCH (d:PolicyDocument {documentNumber: $n})<-[:IMPLEMENTS]-(c) "
            "RETURN c.uri AS child ORDER BY child",
            "parameters": {"n": "33-CT/TU"},
        },
    )
    assert answer.status_code == 200
    assert answer.json()["columns"] == ["child"] and len(answer.json()["rows"]) == 3
    before = neo4j_db.driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    for write in ("CREATE (:Intruder)", "MATCH (n) DETACH DELETE n", "MATCH (a:Agency) SET a.x = 1 RETURN a"):
        refused = client.post("/cypher", json={"query": write})
        assert refused.status_code == 400 and refused.json()["title"] in {"Query Refused", "Write Refused"}, write
    assert neo4j_db.driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == before
    bad = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert bad.status_code == 400 and bad.json()["status"] == 400
    assert client.post("/cypher", content=b"not json", headers={"Content-Type": "application/json"}).status_code == 400
    assert client.post("/cypher", content=b"not json").status_code == 415
    too_many = client.post("/cypher", json={"query": "MATCH (n) RETURN n.uri AS uri"})
    assert too_many.status_code == 422


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/sparql", "/cypher"} <= set(schema["paths"])


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> str:
    """`vn-cascade serve` as a real process on a free loopback port, over a store holding the samples."""
    import os
    import subprocess
    import sys
    import time

    import httpx
    from corpus import SEEDS, free_port

    home = tmp_path_factory.mktemp("served")
    port = free_port()
    env = {**os.environ, "VN_CASCADE_HOME": str(home), "PYTHONPATH": os.getcwd()}
    env.pop("VN_CASCADE_HOST", None)
    run = [
        sys.executable,
        "-c",
        "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()",
    ]
    subprocess.run([*run, "ingest", str(SEEDS)], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*run, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/sparql")
            break
        except httpx.ConnectError:
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_serve_listens_on_loopback_only(served: str) -> None:
    import subprocess

    import httpx

    port = served.rsplit(":", 1)[1]
    assert httpx.get(f"{served}/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    listening = subprocess.run(["ss", "-ltn", f"sport = :{port}"], capture_output=True, text=True).stdout
    assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening


def test_a_real_sparql_client(served: str) -> None:
    from SPARQLWrapper import GET, JSON, POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{served}/sparql")
    client.setQuery(
        "PREFIX vc: <https://w3id.org/vn-cascade/ontology#> "
        "SELECT ?n WHERE { ?d vc:implements/vc:documentNumber ?n } ORDER BY ?n"
    )
    for method in (GET, POST):
        client.setMethod(method)
        client.setReturnFormat(JSON)
        bindings = client.query().convert()["results"]["bindings"]
        assert {b["n"]["value"] for b in bindings} >= {"28-CT/TW", "33-CT/TU", "48-CTr/TU", "273-KH/TU", "181-KH/TU"}
    client.setQuery(
        "PREFIX vc: <https://w3id.org/vn-cascade/ontology#> "
        "CONSTRUCT { ?d vc:implements ?p } WHERE { ?d vc:implements ?p }"
    )
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 13


def test_requests_are_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="vn_cascade.service"):
        client.get("/sparql", params={"query": "ASK {"})
    assert any(r.getMessage().startswith("GET /sparql 400 ") for r in caplog.records)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_federated_queries_are_refused_before_running(client: TestClient, query: str) -> None:
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400 and "SERVICE" in answer.json()["detail"]


def test_the_word_service_in_literals_iris_and_names_is_fine(client: TestClient) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != <http://e.org/SERVICE>) } # SERVICE'
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 200 and answer.json()["results"]["bindings"][0]["service"]["value"] == "SERVICE"
