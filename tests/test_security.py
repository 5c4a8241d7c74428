"""The attacks the service was found open to, replayed: each must be refused, with the status it gets."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import re

import httpx
import pytest
from conftest import Neo4jDatabase
from corpus import BASE, LOCAL
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.neo4j.projection import sync
from loaders.readers.documents import read_source
from loaders.source import IngestError, decode
from loaders.store import GraphStore
from queries import cypher_policy

FILE_READS = [
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 3",
    "load csv from 'file:///proc/self/environ' as row return row",
    "WITH 1 AS x LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS row RETURN row",
]
ADMIN = [
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW SETTINGS",
    "SHOW DATABASES",
    "SHOW USERS",
    "CALL dbms.listConfig()",
    "CALL dbms.security.listUsers()",
    "USE system SHOW DATABASES",
    "MATCH (n) RETURN n; MATCH (m) RETURN m",
    "CALL db.index.fulltext.queryNodes('x', 'y')",
    "EXPLAIN MATCH (n) RETURN n",
]
ALLOWED = [
    "MATCH (n:Agency) RETURN count(n) AS n",
    "CALL dbms.components() YIELD name RETURN name",
    "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "MATCH (d:PolicyDocument) CALL (d) { MATCH (d)<-[:IMPLEMENTS]-(c) RETURN count(c) AS children } RETURN children",
    "// a comment naming LOAD CSV is no statement\nRETURN 'SHOW TRANSACTIONS' AS text",
]


@pytest.mark.parametrize("query", FILE_READS + ADMIN)
def test_the_policy_refuses_file_reads_admin_commands_and_unlisted_procedures(query: str) -> None:
    with pytest.raises(cypher_policy.CypherRefused):
        cypher_policy.check(query)


@pytest.mark.parametrize("query", ALLOWED)
def test_the_policy_lets_reads_and_listed_procedures_through(query: str) -> None:
    cypher_policy.check(query)


def test_cypher_attacks_are_refused_by_the_endpoint(sample_store: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    """Against a real Neo4j: every file read and admin command answers 400, reads and listed procedures answer."""
    neo4j_db.clear()
    sync(sample_store, neo4j_db.driver, neo4j_db.settings.database, BASE)
    client = TestClient(
        base_url=LOCAL, app=create_app(sample_store, ServiceSettings(row_limit=100, timeout=5), neo4j_db.settings)
    )
    for query in FILE_READS + ADMIN:
        answer = client.post("/cypher", json={"query": query})
        assert answer.status_code == 400 and answer.json()["title"] == "Query Refused", query
        assert "root:" not in answer.text
    for query in ALLOWED:
        answer = client.post("/cypher", json={"query": query})
        assert answer.status_code == 200, (query, answer.text)


def test_wrong_neo4j_credentials_answer_503_without_echoing_them(
    sample_store: GraphStore, neo4j_db: Neo4jDatabase
) -> None:
    """A service configured with credentials Neo4j refuses says so in one problem, naming the server, not the secret.
    (An unknown user, so the failed login locks no account the other tests use.)"""
    wrong = dataclasses.replace(neo4j_db.settings, user="vn-cascade-intruder", password="not-the-password-7f3a")
    client = TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(timeout=5), wrong))
    answer = client.post("/cypher", json={"query": "RETURN 1 AS one"})
    assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["title"] == "Neo4j Unavailable"
    assert "refused the credentials" in answer.json()["detail"] and wrong.uri in answer.json()["detail"]
    assert "not-the-password-7f3a" not in answer.text


def test_the_managed_neo4j_refuses_file_urls_even_to_its_own_driver(neo4j_db: Neo4jDatabase) -> None:
    """The server the project starts is configured without file URLs for LOAD CSV (an external one is the
    operator's: SECURITY.md)."""
    if not neo4j_db.settings.managed:
        pytest.skip("an external Neo4j (NEO4J_URI) is configured by its operator")
    with pytest.raises(Exception) as refused:
        neo4j_db.driver.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1")
    assert "file" in str(refused.value).lower()


@pytest.fixture(scope="module")
def local_client(sample_store: GraphStore) -> TestClient:
    """The service over the samples with default settings (loopback names only, no CORS, no ingest)."""
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(timeout=5), None))


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", ""])
def test_a_foreign_host_reaches_nothing(local_client: TestClient, host: str) -> None:
    """DNS rebinding: a page whose name now points at 127.0.0.1 still sends its own name as Host."""
    for path in ("/documents", "/sparql?query=ASK%7B%7D", "/ui/", "/openapi.json"):
        answer = local_client.get(path, headers={"Host": host})
        assert answer.status_code == 400 and answer.json()["title"] == "Host Not Allowed", (path, host)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"])
def test_loopback_names_are_answered(local_client: TestClient, host: str) -> None:
    assert local_client.get("/documents", headers={"Host": host}).status_code == 200


def test_the_host_list_comes_from_the_environment(sample_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VN_CASCADE_ALLOWED_HOSTS", "cascade.example.gov.vn, proxy.internal")
    client = TestClient(
        base_url="http://cascade.example.gov.vn", app=create_app(sample_store, ServiceSettings.from_env(), None)
    )
    assert client.get("/documents").status_code == 200
    assert client.get("/documents", headers={"Host": "127.0.0.1"}).status_code == 400


@pytest.mark.parametrize(
    "media", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]
)
def test_cypher_takes_only_json(local_client: TestClient, media: str) -> None:
    """A page on another site can send these without a preflight; the endpoint must not run them."""
    headers = {"Content-Type": media} if media else {}
    answer = local_client.post("/cypher", content=b'{"query": "MATCH (n) RETURN n LIMIT 1"}', headers=headers)
    assert answer.status_code == 415 and answer.json()["title"] == "Unsupported Media Type"


def test_no_cross_origin_reads_by_default(local_client: TestClient) -> None:
    """No CORS policy unless VN_CASCADE_CORS_ORIGINS names origins: a preflight gets no allow header."""
    preflight = local_client.options(
        "/cypher", headers={"Origin": "https://attacker.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = local_client.get("/documents", headers={"Origin": "https://attacker.example"})
    assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers


def test_sparql_update_by_form_is_refused(local_client: TestClient) -> None:
    """The SPARQL Protocol's URL-encoded POST stays (it is the standard), but only for queries: no update form."""
    answer = local_client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert answer.status_code == 403  # the protocol's answer to an update sent to a query-only endpoint
    count = local_client.post(
        "/sparql",
        data={"query": "ASK { <urn:a> <urn:b> <urn:c> }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert count.status_code == 200 and count.json()["boolean"] is False


ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_flood_of_endless_sparql_leaves_the_service_answering(sample_store: GraphStore) -> None:
    """20 endless queries from one client at once: one runs to its timeout (503), the others are refused at once
    (429); meanwhile another client's ASK and /documents answer; afterwards the pool is whole again."""
    app = create_app(sample_store, ServiceSettings(timeout=3, query_workers=2, client_queries=1), None)
    pool = app.state.query_pool

    def client(address: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url=LOCAL, timeout=60
        )

    async def attack() -> tuple[list[httpx.Response], httpx.Response, httpx.Response]:
        async with client("127.0.0.2") as attacker, client("127.0.0.1") as user:
            flood = [
                asyncio.create_task(
                    attacker.post(
                        "/sparql", content=ENDLESS.encode(), headers={"Content-Type": "application/sparql-query"}
                    )
                )
                for _ in range(20)
            ]
            while not pool.state().clients.get("127.0.0.2"):
                await asyncio.sleep(0.01)
            answer = await user.get(
                "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"}
            )
            documents = await user.get("/documents")
            return await asyncio.gather(*flood), answer, documents

    pool.start()
    with concurrent.futures.ThreadPoolExecutor(1) as thread:  # its own loop, whatever runs in this thread
        flood, answer, documents = thread.submit(asyncio.run, attack()).result()
    try:
        ran = [r for r in flood if r.status_code == 503]
        refused = [r for r in flood if r.status_code == 429]
        assert ran and len(ran) + len(refused) == 20  # each one either ran to its timeout or was refused
        assert {r.json()["title"] for r in ran} == {"Query Timeout"}
        assert {r.json()["title"] for r in refused} <= {"Too Many Queries"} and all(
            r.headers["Retry-After"] for r in refused
        )
        assert answer.status_code == 200 and answer.json()["boolean"] is True
        assert documents.status_code == 200
        assert pool.wait_whole(60) and pool.state().replaced == len(ran)  # every overrun worker killed, replaced
    finally:
        pool.close()


@pytest.mark.parametrize(
    "path",
    ["/", "/ui/", "/ui/gaps", "/documents", "/docs", "/sparql?query=ASK%7B%7D", "/static/ui.css", "/no/such/page"],
)
def test_every_answer_carries_the_security_headers(local_client: TestClient, path: str) -> None:
    headers = local_client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "SAMEORIGIN"


def test_a_refused_host_gets_the_headers_too(local_client: TestClient) -> None:
    answer = local_client.get("/", headers={"Host": "attacker.example"})
    assert answer.status_code == 400 and answer.headers["x-content-type-options"] == "nosniff"


def test_the_docs_page_loads_only_the_services_own_files(local_client: TestClient) -> None:
    page = local_client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    for source in sources:
        assert local_client.get(source).status_code == 200, source
    assert "<script>" not in page  # no inline script: the policy allows none but the views' hashed ones


@pytest.mark.parametrize("bad", [b"\x00", b"\x1b[31m", b"\x7f", "\u0085".encode()])
def test_control_bytes_are_refused_with_the_line(bad: bytes) -> None:
    data = "KẾ HOẠCH\nthực hiện Chỉ thị số 28-CT/TW\nDòng ba ".encode() + bad + b" tiep\n"
    with pytest.raises(IngestError) as refused:
        decode(data, "plan.txt")
    assert str(refused.value).startswith("plan.txt:3: control character U+")
    assert "at column 9;" in str(refused.value)  # after "Dòng ba "


def test_http_refuses_a_nul_byte_and_stores_nothing(tmp_path) -> None:
    store = GraphStore(tmp_path / "store")
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(api_key="k"), None))
    before = len(store)
    answer = client.post(
        "/documents", content=b"KE HOACH\n\x00\n", headers={"X-API-Key": "k", "Content-Type": "text/plain"}
    )
    assert answer.status_code == 422 and ":2: control character U+0000 (NUL)" in answer.json()["detail"]
    assert len(store) == before


def test_one_size_limit_for_cli_and_http(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """VN_CASCADE_MAX_DOCUMENT_BYTES bounds both: the CLI refuses before reading the file, HTTP answers 413."""
    monkeypatch.setenv("VN_CASCADE_MAX_DOCUMENT_BYTES", "5000")
    monkeypatch.setenv("VN_CASCADE_API_KEY", "k")
    big = tmp_path / "big.txt"
    big.write_bytes(b"KE HOACH\n" + b"x" * 6000)
    with pytest.raises(IngestError) as refused:
        read_source(big)
    assert "6,009 bytes, over the limit of 5,000" in str(refused.value)
    store = GraphStore(tmp_path / "store")
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings.from_env(), None))
    answer = client.post(
        "/documents", content=big.read_bytes(), headers={"X-API-Key": "k", "Content-Type": "text/plain"}
    )
    assert answer.status_code == 413 and "VN_CASCADE_MAX_DOCUMENT_BYTES" in answer.json()["detail"]
