"""Themes as filters: the read index's theme rows equal the graph's vc:theme, kept in step by writes; search, the
document list and a theme's obligations across the corpus filter by them, over REST and in the UI."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus import BASE, LOCAL, SEEDS
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.store import GraphStore
from loaders.themes import themes
from ontology import VC

VIOLENCE = VC + "theme-violence"


def tagged(store: GraphStore) -> set[tuple[str, str, str]]:
    """(theme, obligation, document) of every obligation's theme, straight from the graph."""
    rows = store.query("SELECT ?t ?o ?d WHERE { ?d vc:hasObligation ?o . ?o vc:theme ?t }")
    return {(t.value, o.value, d.value) for t, o, d in rows}


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


def test_the_index_counts_each_theme_as_the_graph_tags_it(sample_store: GraphStore, client: TestClient) -> None:
    expected = Counter(t for t, _, _ in tagged(sample_store))
    assert sample_store.read_index.theme_counts() == dict(expected)
    items = client.get("/themes").json()["items"]
    assert [i["iri"] for i in items] == [t.iri for t in themes()]
    assert {i["iri"]: i["obligations"] for i in items if i["obligations"]} == dict(expected)


def test_a_theme_lists_its_obligations_across_the_corpus_a_page_at_a_time(
    sample_store: GraphStore, client: TestClient
) -> None:
    expected = {o for t, o, _ in tagged(sample_store) if t == VIOLENCE}
    assert len(expected) > 3
    found, url = [], "/themes/violence/obligations?limit=3"
    while url:
        answer = client.get(url).json()
        assert answer["total"] == len(expected) and answer["theme"]["en"] == "violence and abuse"
        found += answer["items"]
        url = answer["next"]
    assert {BASE + i["id"] for i in found} == expected and len(found) == len(expected)
    one = found[0]["document"]["id"]
    within = client.get("/themes/violence/obligations", params={"document": one, "limit": 500}).json()["items"]
    assert within and all(i["document"]["id"] == one for i in within)
    assert client.get("/themes/no-such-theme/obligations").status_code == 404


def test_search_and_the_document_list_filter_by_theme(sample_store: GraphStore, client: TestClient) -> None:
    violence = {o for t, o, _ in tagged(sample_store) if t == VIOLENCE}
    every = client.get("/search", params={"q": "trẻ em", "kind": "obligation", "limit": 500}).json()
    only = client.get("/search", params={"q": "trẻ em", "theme": "violence", "limit": 500}).json()
    assert every["next"] is None and only["next"] is None
    found = {BASE + i["id"] for i in only["items"]}
    assert found and found <= violence and all(i["kind"] == "obligation" for i in only["items"])
    assert found == {BASE + i["id"] for i in every["items"]} & violence
    assert len(found) < len(every["items"])  # the filter took some away
    assert only["total"] == len(only["items"])
    with_theme = {d for t, _, d in tagged(sample_store) if t == VC + "theme-child-labour"}
    listed = client.get("/documents", params={"theme": "child-labour", "limit": 500}).json()["items"]
    assert {BASE + d["id"] for d in listed} == with_theme
    assert client.get("/documents", params={"theme": "no-such-theme"}).status_code == 422


def test_writes_keep_the_theme_rows_in_step(store: GraphStore) -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    built = [build(parse(read_source(p)), BASE) for p in paths]
    for b in built:
        store.replace(b)
    assert store.read_index.theme_counts() == dict(Counter(t for t, _, _ in tagged(store)))
    store.remove(built[0].iri, built[0].graph)
    assert store.read_index.theme_counts() == dict(Counter(t for t, _, _ in tagged(store)))
    assert not any(d == built[0].iri for _, d, _, _ in store.read_index.theme_obligations(VIOLENCE))


def test_the_ui_lists_themes_and_a_theme_and_filters_search(client: TestClient) -> None:
    page = client.get("/ui/themes", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'href="/ui/themes/violence"' in page.text
    theme = client.get("/ui/themes/violence", headers={"accept": "text/html"})
    assert theme.status_code == 200 and "bạo lực, xâm hại" in theme.text and 'id="theme-obligations"' in theme.text
    search = client.get("/ui/search", params={"q": "trẻ em", "theme": "violence"}, headers={"accept": "text/html"})
    assert search.status_code == 200 and '<option value="violence" selected>' in search.text
    unfiltered = client.get("/ui/search", params={"q": "trẻ em"}, headers={"accept": "text/html"})
    assert search.text.count('<li class="obligation">') < unfiltered.text.count('<li class="obligation">')
    assert '<li class="document">' not in search.text and '<li class="agency">' not in search.text
