"""Instance IRIs that resolve: 303 See Other by Accept header to the page or to the triples in Turtle, JSON-LD,
N-Triples or RDF/XML, which parse back to what the store holds; at /id/ and at the base IRI's own path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from corpus import BASE, LOCAL, SEEDS
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.store import GraphStore

FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict:
    listed = client.get("/documents", params={"limit": 500}).json()["items"]
    found = next(d for d in listed if d["number"] == "162-KH/ĐUK")
    return {**found, "iri": BASE + found["id"]}


def held(store: GraphStore, iri: str) -> set[tuple[str, str]]:
    """(predicate, object) of every triple about the IRI in the store, as N-Triples terms."""
    rows = store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions={ox.Variable("s"): ox.NamedNode(iri)}
    )
    return {(str(p), str(o)) for _, p, o in rows}


@pytest.mark.parametrize("media", list(FORMATS))
def test_an_rdf_client_is_sent_to_the_triples_and_they_parse_back(
    client: TestClient, document: dict, sample_store: GraphStore, media: str
) -> None:
    answer = client.get(f"/id/{document['id']}", headers={"accept": media}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["vary"] == "Accept"
    assert answer.headers["location"].startswith(f"/data/{document['id']}.")
    data = client.get(answer.headers["location"])
    assert data.status_code == 200 and data.headers["content-type"].startswith(media)
    triples = [q.triple for q in ox.parse(data.content, format=FORMATS[media])]
    about = {(str(t.predicate), str(t.object)) for t in triples if t.subject == ox.NamedNode(document["iri"])}
    assert about == held(sample_store, document["iri"])
    named = {t.subject.value for t in triples if t.subject != ox.NamedNode(document["iri"])}
    assert named and all(any(str(o) == f"<{n}>" for _, o in about) for n in named)  # the names of what it points at


def test_a_browser_is_sent_to_the_page(client: TestClient, document: dict) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    answer = client.get(f"/id/{document['id']}", headers={"accept": browser}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/ui/documents/{document['id']}"
    page = client.get(f"/id/{document['id']}", headers={"accept": browser})
    assert page.status_code == 200 and f'href="/id/{document["id"]}"' in page.text
    assert f'href="/data/{document["id"]}.jsonld"' in page.text
    assert client.get(f"/id/{document['id']}", follow_redirects=False).headers["location"].startswith("/ui/")  # */*


def test_preferences_unknown_resources_and_unacceptable_types(client: TestClient, document: dict) -> None:
    rid = document["id"]
    prefer = client.get(
        f"/id/{rid}", headers={"accept": "text/turtle;q=0.5, application/ld+json"}, follow_redirects=False
    )
    assert prefer.headers["location"].endswith(".jsonld")
    assert client.get(f"/id/{rid}", headers={"accept": "image/png"}).status_code == 406
    assert client.get("/id/doc/no/such/document").status_code == 404
    for broken in ("/id/doc/a%20b", "/data/doc/a%3Cb%3E.ttl", "/ui/resource/x%22y"):  # no IRI at all
        assert client.get(broken).status_code == 404, broken
    assert client.get("/data/doc/no/such/document.ttl").status_code == 404
    negotiated = client.get(f"/data/{rid}", headers={"accept": "application/n-triples"})
    assert negotiated.headers["content-type"].startswith("application/n-triples")
    assert negotiated.headers["content-location"] == f"/data/{rid}.nt" and negotiated.headers["vary"] == "Accept"


def test_a_node_without_a_page_of_its_own_gets_the_resource_page(client: TestClient, document: dict) -> None:
    duty = f"{document['id']}/reporting/1"
    page = client.get(f"/id/{duty}", headers={"accept": "text/html"})
    assert page.status_code == 200 and urlsplit(str(page.url)).path == f"/ui/resource/{duty}"
    assert "Chế độ báo cáo 1 · 162-KH/ĐUK" in page.text and f'href="/data/{duty}.ttl"' in page.text
    obligation = f"{document['id']}/obligation/ii-1"
    answer = client.get(f"/id/{obligation}", headers={"accept": "text/html"}, follow_redirects=False)
    assert answer.headers["location"] == f"/ui/documents/{document['id']}#ii-1"


def test_iris_resolve_at_the_base_path_a_redirect_points_at(tmp_path: Path) -> None:
    base = f"{LOCAL}/kg/id/"
    store = GraphStore(tmp_path / "store")
    for path in sorted(SEEDS.glob("*.txt"))[:1]:
        store.replace(build(parse(read_source(path)), base))
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=base), None))
    iri = next(r[0].value for r in store.query("SELECT ?d WHERE { ?d vc:inCorpus true }"))
    answer = client.get(urlsplit(iri).path, headers={"accept": "text/turtle"})  # the IRI itself, as curl asks it
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    assert f"<{iri}>" in answer.text or iri.rsplit("/", 1)[-1] in answer.text
    assert (
        client.get(urlsplit(iri).path.replace("/kg/id/", "/id/"), headers={"accept": "text/turtle"}).status_code == 200
    )


def test_head_answers_as_get_does(client: TestClient, document: dict) -> None:
    """Link checkers and Linked Data clients ask with HEAD first."""
    head = client.head(f"/id/{document['id']}", headers={"accept": "text/turtle"}, follow_redirects=False)
    assert head.status_code == 303 and head.headers["location"].endswith(".ttl")
    data = client.head(f"/data/{document['id']}.ttl")
    assert data.status_code == 200 and data.headers["content-type"].startswith("text/turtle")
