"""The web UI's pages as HTML: each page answers, shows what the read model holds, and escapes what it shows."""

from __future__ import annotations

import re
from html import unescape

import pytest
from corpus import BASE, LOCAL, TAN_BINH
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.store import GraphStore

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


def page(client: TestClient, url: str, **params) -> str:
    answer = client.get(url, params=params, headers=HTML)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html"), url
    return answer.text


def tan_binh(client: TestClient) -> dict:
    for item in client.get("/documents", params={"in_corpus": True}).json()["items"]:
        document = client.get(item["href"]).json()
        if document["sourceFile"] == TAN_BINH:
            return document
    raise AssertionError(TAN_BINH)


def test_home_is_html_for_browsers_and_json_for_clients(client: TestClient) -> None:
    home = page(client, "/")
    assert 'id="search"' in home and home.count('href="/ui/documents/') == 4
    assert client.get("/").json()["links"]["ui"] == "/"


def test_search_without_accents_finds_the_district_committee(client: TestClient) -> None:
    found = page(client, "/ui/search", q="uy ban nhan dan quan tan binh")
    assert re.search(r'id="results".*Ủy ban nhân dân quận Tân Bình', found, re.S)
    agencies_only = page(client, "/ui/search", q="so y te", kind="agency")
    assert "Sở Y tế tỉnh Lai Châu" in agencies_only and 'class="obligation"' not in agencies_only


def test_document_page_tables_and_highlighted_source(client: TestClient) -> None:
    doc = tan_binh(client)
    html = page(client, f"/ui{doc['href']}")
    for table in ("obligations", "targets", "reporting"):
        assert f'<table id="{table}">' in html
    text = client.get(doc["links"]["text"]).text
    source = html.split('<section id="source">', 1)[1].split("<pre>", 1)[1].split("</pre>", 1)[0]
    assert unescape(re.sub(r"<[^>]+>", "", source)) == text  # the whole text, marks aside
    marks = re.findall(r'<mark class="(\w+)"[^>]*>(.*?)</mark>', source, re.S)
    assert {kind for kind, _ in marks} == {"obligation", "agent", "target", "duty", "reference"}
    assert all(unescape(piece) in text for _, piece in marks)
    assert "Ủy ban nhân dân 15 phường" in html and f'href="/ui/cascade/{doc["id"]}"' in html


def test_agency_cascade_gaps_and_query_pages(client: TestClient) -> None:
    doc = tan_binh(client)
    group = next(a for o in doc["obligations"] for a in o["lead"] if "15 phường" in a["label"])
    agency = page(client, f"/ui{group['href']}")
    assert '<table id="obligations">' in agency and agency.count('<li><a href="/ui/agencies/') == 15
    cascade = page(client, f"/ui/cascade/{doc['id']}", depth=2)
    assert f'src="/views/cascade/{doc["id"]}?direction=down&amp;depth=2"' in cascade
    gaps = page(client, "/ui/gaps", type="missing-downstream-plan", document=doc["id"])
    assert gaps.count('<tr class="high">') == 15
    query = page(client, "/ui/query")
    assert 'id="engine"' in query and 'value="cascade-down"' in query and "/static/query.js" in query
    assert client.get("/static/query.js").status_code == 200


def test_pages_escape_what_documents_say(store: GraphStore) -> None:
    from test_audit import district_plan

    from loaders.graph import build
    from loaders.parser import parse
    from loaders.source import decode

    text = district_plan(
        extra_task="2. Tuyên truyền <script>alert(1)</script> & phòng chống đuối nước.\n"
        "- Cơ quan chủ trì: Phòng Y tế.\n"
    )
    store.replace(build(parse(decode(text.encode(), "x.txt")), BASE))
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE), None))
    doc = client.get("/documents", params={"in_corpus": True}).json()["items"][0]
    html = page(client, f"/ui{doc['href']}")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    found = page(client, "/ui/search", q="alert")
    assert "<script>alert" not in found


def test_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/ui/documents/doc/none/2024/x", headers=HTML).status_code == 404
    assert client.get("/ui/agencies/agency/none/x", headers=HTML).status_code == 404


def test_view_pages_are_served_offline(client: TestClient) -> None:
    doc = tan_binh(client)
    view = client.get(f"/views/cascade/{doc['id']}", params={"depth": 2})
    assert view.status_code == 200 and "vnCascadeReady" in view.text
    assert not re.search(r'(src|href)\s*=\s*["\']https?://', view.text)
    group = next(a for o in doc["obligations"] for a in o["lead"] if "15 phường" in a["label"])
    assert client.get(f"/views/agency/{group['id']}").status_code == 200
    assert client.get("/views/cascade/doc/none/2024/x").status_code == 404
    assert client.get("/views/agency/agency/none/x").status_code == 404
