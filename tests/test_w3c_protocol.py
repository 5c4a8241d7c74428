"""The W3C SPARQL 1.1 Protocol test cases that apply to a read-only query endpoint, run against /sparql.

The manifest is the W3C's protocol/manifest.ttl, unpacked from Maven Central (tests/w3c_suite.py). That copy names
each test but does not spell out its HTTP exchange, so EXCHANGES transcribes, by test IRI, the W3C's description of
each test: method, path and query string after the endpoint, Content-Type, body, and the answer's status class,
result form (boolean, tabular or RDF) and value. The tests that need an update to succeed are in NOT_APPLICABLE;
every manifest entry must be in one table or the other.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from corpus import LOCAL
from fastapi.testclient import TestClient
from rdflib.collection import Collection
from w3c_suite import SuiteUnavailable, fetch_protocol_manifest

from api.http.service import ServiceSettings, create_app
from loaders.store import GraphStore

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
TESTS = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#"
DATA = "http://kasei.us/2009/09/sparql/data/"
GRAPH = {n: quote(f"{DATA}data{n}.rdf", safe="") for n in range(4)}
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
W3C_GRAPHS = "".join(f"<{DATA}data{n}.rdf> {{ <{DATA}data{n}.rdf> a <{FOAF_DOCUMENT}> }}\n" for n in (1, 2, 3))

FORM, DIRECT, UPDATE = "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update"
BOOLEAN = ("application/sparql-results+xml", "application/sparql-results+json")
FORMS = {
    "boolean": BOOLEAN,
    "tabular": (*BOOLEAN, "text/tab-separated-values", "text/csv"),
    "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"),
}

ASK_DEFAULT = f"ASK {{ <{DATA}data1.rdf> a ?type . <{DATA}data2.rdf> a ?type . }}"
NAMED_PATTERN = f"GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }}"
ASK_NAMED = f"ASK {{ {NAMED_PATTERN} }}"
ASK_FULL = (
    f"ASK {{\n  <{DATA}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }}\n"
    f"  GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }}\n}}"
)
ASK_FROM = f"ASK FROM <{DATA}data3.rdf> {{ {NAMED_PATTERN} }}"
WITH_UPDATE = (
    "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
    "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
    "WHERE {\n    ?person foaf:givenName 'Bill'\n}"
)


@dataclass(frozen=True)
class Exchange:
    """One W3C protocol test: the request, and the answer's status class, result form and boolean value."""

    method: str
    target: str = ""
    body: bytes = b""
    content_type: str | None = None
    status: str = "2xx or 3xx"
    form: str | None = None
    boolean: bool | None = None


def refused(method: str, target: str = "", body: bytes = b"", content_type: str | None = None) -> Exchange:
    """A request the W3C expects to be refused with a 4xx status."""
    return Exchange(method, target, body, content_type, status="4xx")


def true_ask(method: str, target: str, body: bytes = b"", content_type: str | None = None) -> Exchange:
    """A request whose answer must be the boolean result true."""
    return Exchange(method, target, body, content_type, form="boolean", boolean=True)


def direct(query: str, form: str) -> Exchange:
    """A direct POST over the (unloaded) data0.rdf default graph whose answer must be in a result form."""
    return Exchange("POST", f"?default-graph-uri={GRAPH[0]}", query.encode(), DIRECT, form=form)


EXCHANGES = {
    "query_post_form": true_ask("POST", f"?default-graph-uri={GRAPH[0]}", b"query=ASK%20%7B%7D", FORM),
    "query_dataset_default_graphs_get": true_ask(
        "GET", f"?query={quote(ASK_DEFAULT, safe='')}&default-graph-uri={GRAPH[1]}&default-graph-uri={GRAPH[2]}"
    ),
    "query_dataset_default_graphs_post": true_ask(
        "POST", f"?default-graph-uri={GRAPH[1]}&default-graph-uri={GRAPH[2]}", ASK_DEFAULT.encode(), DIRECT
    ),
    "query_dataset_named_graphs_post": true_ask(
        "POST", f"?named-graph-uri={GRAPH[1]}&named-graph-uri={GRAPH[2]}", ASK_NAMED.encode(), DIRECT
    ),
    "query_dataset_named_graphs_get": true_ask(
        "GET", f"?query={quote(ASK_NAMED, safe='')}&named-graph-uri={GRAPH[1]}&named-graph-uri={GRAPH[2]}"
    ),
    "query_dataset_full": true_ask(
        "POST",
        f"?default-graph-uri={GRAPH[3]}&named-graph-uri={GRAPH[1]}&named-graph-uri={GRAPH[2]}",
        ASK_FULL.encode(),
        DIRECT,
    ),
    # The W3C's text escapes the second '&' (%26), which would make one graph IRI of both; the test's name and
    # the W3C's own harness send two named graphs.
    "query_multiple_dataset": true_ask(
        "POST", f"?named-graph-uri={GRAPH[1]}&named-graph-uri={GRAPH[2]}", ASK_FROM.encode(), DIRECT
    ),
    "query_get": true_ask("GET", f"?query=ASK%20%7B%7D&default-graph-uri={GRAPH[0]}"),
    "query_content_type_select": direct("SELECT (1 AS ?value) {}", "tabular"),
    "query_content_type_ask": direct("ASK {}", "boolean"),
    "query_content_type_describe": direct("DESCRIBE <http://example.org/>", "RDF"),
    "query_content_type_construct": direct("CONSTRUCT { <s> <p> 1 } WHERE {}", "RDF"),
    "query_post_direct": true_ask("POST", "", b"ASK {}", DIRECT),
    "bad_query_method": refused("PUT", f"?query=ASK%20%7B%7D&default-graph-uri={GRAPH[0]}", b"", FORM),
    "bad_multiple_queries": refused("GET", "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D"),
    "bad_query_wrong_media_type": refused("POST", "", b"ASK {}", "text/plain"),
    "bad_query_missing_form_type": refused("POST", "", b"query=ASK%20%7B%7D"),
    "bad_query_missing_direct_type": refused("POST", "", b"ASK {}"),
    "bad_query_non_utf8": refused("POST", "", "ASK {}".encode("utf-16"), f"{DIRECT}; charset=UTF-16"),
    "bad_query_syntax": refused("GET", "?query=ASK%20%7B"),
    "bad_update_get": refused("GET", "?update=CLEAR%20ALL"),
    "bad_multiple_updates": refused("POST", "", b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM),
    "bad_update_wrong_media_type": refused("POST", "", b"CLEAR NAMED", "text/plain"),
    "bad_update_missing_form_type": refused("POST", "", b"update=CLEAR%20NAMED"),
    "bad_update_non_utf8": refused("POST", "", "CLEAR NAMED".encode("utf-16"), f"{UPDATE}; charset=UTF-16"),
    "bad_update_syntax": refused("POST", "", b"update=CLEAR%20XYZ", FORM),
    "bad_update_dataset_conflict": refused(
        "POST", "?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople", WITH_UPDATE.encode(), UPDATE
    ),
}

NOT_APPLICABLE = {
    "update_dataset_default_graph": "needs an update with using-graph-uri to succeed; the endpoint is read-only",
    "update_dataset_default_graphs": "needs an update with two using-graph-uri to succeed; the endpoint is read-only",
    "update_dataset_named_graphs": "needs an update with using-named-graph-uri to succeed; the endpoint is read-only",
    "update_dataset_full": "needs an update with a protocol dataset to succeed; the endpoint is read-only",
    "update_post_form": "needs update=CLEAR ALL in a URL-encoded POST to succeed; the endpoint is read-only",
    "update_post_direct": "needs CLEAR ALL sent as application/sparql-update to succeed; the endpoint is read-only",
    "update_base_uri": "needs an INSERT DATA with a relative IRI to succeed; the endpoint is read-only",
}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    """The W3C protocol manifest from Maven Central; under CI=true failing to get it fails the tests."""
    try:
        path = fetch_protocol_manifest(tmp_path_factory.mktemp("w3c"))
    except SuiteUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(f"{exc}\nInstall Maven (and Java 17) to run the W3C protocol tests.")
    return rdflib.Graph().parse(path, format="turtle")


def entries(manifest: rdflib.Graph) -> list[rdflib.URIRef]:
    """The manifest's mf:entries, in order."""
    head = manifest.value(next(manifest.subjects(rdflib.RDF.type, MF.Manifest)), MF.entries)
    return list(Collection(manifest, head))


@pytest.fixture(scope="module")
def w3c_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """A store holding the named graphs the W3C tests query (data1.rdf to data3.rdf), beside the ontology."""
    store = GraphStore(tmp_path_factory.mktemp("w3c-store") / "store")
    store.store.load(W3C_GRAPHS.encode(), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def client(w3c_store: GraphStore) -> TestClient:
    """The service over the W3C graphs; redirects are not followed (a 3xx is an answer the W3C allows)."""
    return TestClient(
        base_url=LOCAL, app=create_app(w3c_store, ServiceSettings(timeout=5), None), follow_redirects=False
    )


def send(client: TestClient, exchange: Exchange, accept: str | None = None) -> httpx.Response:
    """Make the test's request to /sparql (the W3C's /sparql/ endpoint path)."""
    headers = {name: value for name, value in (("Content-Type", exchange.content_type), ("Accept", accept)) if value}
    return client.request(exchange.method, f"/sparql{exchange.target}", content=exchange.body, headers=headers)


def check_result(exchange: Exchange, answer: httpx.Response) -> None:
    """The answer is in a media type of the test's result form, parses as that form, and has its value."""
    media = answer.headers["content-type"].split(";")[0]
    assert media in FORMS[exchange.form], media
    if exchange.form == "RDF":
        list(ox.parse(answer.content, format=ox.RdfFormat.from_media_type(media)))
        return
    if media == "text/csv":  # lossy: Oxigraph does not read it back
        assert next(csv.reader(io.StringIO(answer.text)))
        return
    result = ox.parse_query_results(answer.content, format=ox.QueryResultsFormat.from_media_type(media))
    assert isinstance(result, ox.QueryBoolean if exchange.form == "boolean" else ox.QuerySolutions)
    if exchange.boolean is not None:
        assert bool(result) is exchange.boolean


def test_every_manifest_entry_is_run_or_not_applicable(manifest: rdflib.Graph) -> None:
    """A test the W3C adds, or one this file names that the manifest lacks, fails here."""
    listed = entries(manifest)
    assert all((entry, rdflib.RDF.type, MF.ProtocolTest) in manifest for entry in listed)
    names = [str(entry).removeprefix(TESTS) for entry in listed]
    assert sorted(names) == sorted([*EXCHANGES, *NOT_APPLICABLE])
    assert not set(EXCHANGES) & set(NOT_APPLICABLE)


@pytest.mark.parametrize("name", EXCHANGES)
def test_w3c_protocol_case(name: str, manifest: rdflib.Graph, client: TestClient, w3c_store: GraphStore) -> None:
    """The test's request gets the status class, result form and value it expects; errors are problem details
    and nothing in the store changes."""
    assert rdflib.URIRef(TESTS + name) in entries(manifest)
    exchange = EXCHANGES[name]
    before = len(w3c_store.store)
    answer = send(client, exchange)
    if exchange.status == "4xx":
        assert answer.status_code // 100 == 4, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["status"] == answer.status_code
    else:
        assert answer.status_code // 100 in (2, 3), answer.text
        check_result(exchange, answer)
    assert len(w3c_store.store) == before


@pytest.mark.parametrize("name", [name for name in EXCHANGES if name.startswith("query_content_type_")])
def test_w3c_content_types_each_honoured(name: str, manifest: rdflib.Graph, client: TestClient) -> None:
    """Every media type a W3C content-type test allows is the one answered when Accept asks for it."""
    assert rdflib.URIRef(TESTS + name) in entries(manifest)
    exchange = EXCHANGES[name]
    for media in FORMS[exchange.form]:
        answer = send(client, exchange, accept=media)
        assert answer.status_code == 200 and answer.headers["content-type"].split(";")[0] == media, answer.text
        check_result(exchange, answer)
