"""The web UI contract, checked in headless Chromium against the real service over the four sample plans."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from corpus import BAC_AI, BLOC, LAI_CHAU, TAN_BINH

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

pytestmark = pytest.mark.browser

TAN_BINH_COMMITTEE = "Ủy ban nhân dân quận Tân Bình"
READY = "window.vnCascadeReady === true"
PLACEHOLDER = re.compile(r"\b(missing|gap)\b", re.IGNORECASE)
MARKED_STRETCHES = """section => {
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  const stretches = [];
  let open = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const marked = node.parentElement.closest('mark') !== null;
    if (marked && open) stretches[stretches.length - 1] += node.data;
    else if (marked) stretches.push(node.data);
    if (marked || node.data.length) open = marked;
  }
  return stretches;
}"""


def visit(page: Page, path: str) -> None:
    """Open a page of the service and insist it answered 200 with HTML."""
    response = page.goto(path)
    assert response is not None and response.status == 200, f"GET {path}: {response and response.status}"
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]


def resource(server: str, path: str) -> dict:
    """A REST resource of the same service, as JSON."""
    answer = httpx.get(f"{server}{path}", headers={"Accept": "application/json"}, timeout=30)
    answer.raise_for_status()
    return answer.json()


def frame_of(page: Page, selector: str) -> Frame:
    """The frame an iframe element shows."""
    handle = page.locator(selector).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None, f"{selector} shows no frame"
    return frame


def test_home_page_offers_search_and_lists_the_ingested_documents(page: Page, document_ids: dict[str, str]) -> None:
    visit(page, "/")
    assert page.locator("form#search input[name=q]").count() == 1
    links = set(
        page.locator("a[href^='/ui/documents/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    assert {f"/ui/documents/{rid}" for rid in document_ids.values()} <= links


def test_search_without_accents_finds_the_district_committee(page: Page) -> None:
    visit(page, "/")
    box = page.locator("form#search input[name=q]")
    box.fill("uy ban nhan dan quan tan binh")
    with page.expect_navigation():
        box.press("Enter")
    url = urlsplit(page.url)
    assert url.path == "/ui/search" and parse_qs(url.query)["q"] == ["uy ban nhan dan quan tan binh"]
    found = page.locator("#results a").filter(has_text=TAN_BINH_COMMITTEE)
    assert TAN_BINH_COMMITTEE in [text.strip() for text in found.all_inner_texts()]
    with page.expect_navigation():
        found.first.click()
    assert urlsplit(page.url).path.startswith("/ui/agencies/")


@pytest.mark.parametrize("seed", [LAI_CHAU, BAC_AI, TAN_BINH, BLOC])
def test_document_page(page: Page, server: str, document_ids: dict[str, str], seed: str) -> None:
    rid = document_ids[seed]
    document = resource(server, f"/documents/{rid}")
    visit(page, f"/ui/documents/{rid}")
    assert page.locator("h1").first.inner_text().strip()
    obligations = page.locator("table#obligations tbody tr")
    assert obligations.count() >= len(document["obligations"]) > 0
    table = page.locator("table#obligations").inner_text()
    leads = {owner["label"] for o in document["obligations"] for owner in o["lead"]}
    assert leads and all(label in table for label in leads), sorted(label for label in leads if label not in table)
    assert page.locator("table#targets tbody tr").count() >= len(document["targets"])
    assert page.locator("table#reporting tbody tr").count() >= len(document["reportingDuties"])
    source = page.locator("section#source")
    assert source.locator("mark").count() > 0
    stretches = source.evaluate(MARKED_STRETCHES)
    facts = [item["source"]["text"] for item in [*document["obligations"], *document["targets"]] if item["source"]]
    unmarked = [text for text in facts if not any(text in stretch for stretch in stretches)]
    assert facts and not unmarked, f"{len(unmarked)} of {len(facts)} extracted facts not highlighted: {unmarked[:3]}"
    cascade = page.locator(f"a[href^='/ui/cascade/{rid}']")
    assert cascade.count() >= 1


def test_agency_page_lists_obligations_across_the_cascade(page: Page, document_ids: dict[str, str]) -> None:
    rid = document_ids[TAN_BINH]
    visit(page, f"/ui/documents/{rid}")
    owner = page.locator("table#obligations a[href^='/ui/agencies/']").first
    with page.expect_navigation():
        owner.click()
    assert urlsplit(page.url).path.startswith("/ui/agencies/")
    rows = page.locator("table#obligations tbody tr")
    assert rows.count() > 0
    assert rows.locator(f"a[href^='/ui/documents/{rid}']").count() > 0


def test_cascade_view_shows_the_missing_ward_plans_and_details_on_click(
    page: Page, document_ids: dict[str, str]
) -> None:
    rid = document_ids[TAN_BINH]
    visit(page, f"/ui/documents/{rid}")
    with page.expect_response(lambda r: urlsplit(r.url).path.startswith("/views/cascade/")) as shown:
        page.locator(f"a[href^='/ui/cascade/{rid}']").first.click()
    assert urlsplit(page.url).path == f"/ui/cascade/{rid}"
    assert urlsplit(page.locator("iframe#view").get_attribute("src") or "").path == f"/views/cascade/{rid}"
    assert shown.value.status == 200, f"GET {urlsplit(shown.value.url).path}: {shown.value.status}"
    view = frame_of(page, "iframe#view")
    view.wait_for_function(READY, timeout=20_000)
    nodes = view.evaluate("window.vnCascadeNetwork.body.data.nodes.get().map(n => ({id: n.id, group: n.group ?? ''}))")
    missing = [n for n in nodes if PLACEHOLDER.search(f"{n['id']} {n['group']}")]
    assert len(missing) == 15, f"{len(missing)} missing-plan placeholders among {len(nodes)} nodes"
    target = next(n["id"] for n in nodes if n not in missing)
    where = view.evaluate(
        "id => { const net = window.vnCascadeNetwork; return net.canvasToDOM(net.getPositions([id])[id]); }", target
    )
    details = view.locator("#details")
    before = details.inner_text()
    view.locator("canvas").first.click(position=where)
    assert view.evaluate("id => window.vnCascadeNetwork.getSelectedNodes().includes(id)", target)
    view.wait_for_function("before => document.querySelector('#details').innerText !== before", arg=before)


def test_gap_report_lists_findings(page: Page) -> None:
    visit(page, "/ui/gaps")
    assert page.locator("table#gaps tbody tr").count() > 0


def test_query_page_runs_sparql(page: Page) -> None:
    visit(page, "/ui/query")
    engines = page.locator("select#engine option").evaluate_all("options => options.map(o => o.value)")
    assert {"sparql", "catalogue"} <= set(engines)
    for control in ("textarea#query", "select#catalogue", "button#run"):
        assert page.locator(control).count() == 1, control
    page.locator("select#engine").select_option("sparql")
    page.locator("textarea#query").fill("SELECT ?n WHERE { ?d vc:documentNumber ?n }")
    page.locator("button#run").click()
    page.locator("table#results tbody tr").first.wait_for()
    cells = [text.strip() for text in page.locator("table#results tbody td").all_inner_texts()]
    assert "28-CT/TW" in cells


def test_query_page_pages_a_catalogue_answer(page: Page) -> None:
    visit(page, "/ui/query")
    page.locator("select#engine").select_option("catalogue")
    page.locator("select#catalogue").select_option("documents")
    page.locator("button#run").click()
    page.locator("table#results tbody tr").first.wait_for()
    total = page.evaluate("fetch('/queries/documents/run?limit=1').then(r => r.json()).then(b => b.total)")
    shown = page.locator("table#results tbody tr").count()
    assert shown == min(total, 100) and page.locator("nav#pager").is_visible()
    assert page.locator("#status").inner_text() == f"dòng / rows 1–{shown} / {total}"
    assert page.locator("button#previous").is_disabled()
    assert page.locator("button#next").is_disabled() == (total <= 100)


def test_a_2000_node_view_becomes_interactive(page: Page) -> None:
    """All 2,000 nodes drawn and a selection shows its details; how fast is `tests/benchmarks/bench_views.py`'s
    to say (beside bare vis-network), not a test's."""
    from synthetic_views import big_view

    from visualizations.page import render

    html = render(big_view(2000))  # a cascade of 2,000 real-unit nodes; the page is self-contained
    page.set_content(html, wait_until="load")  # the page's own requests, if any, still go through the guard
    page.wait_for_function(READY, timeout=60_000)
    assert page.evaluate("window.vnCascadeNetwork.body.data.nodes.length") == 2000
    node = page.evaluate("window.vnCascadeNetwork.body.data.nodes.getIds()[1]")
    before = page.locator("#details").inner_text()
    page.evaluate(f"window.vnCascadeSelect({node!r})")
    assert page.locator("#details").inner_text() != before


def test_swagger_ui_renders_from_the_service_alone(page: Page) -> None:
    """/docs with every other host refused (the page guard): Swagger UI's own files come from the service."""
    page.goto("/docs")
    page.locator(".opblock-summary-path", has_text="/sparql").first.wait_for(state="visible")
    assert "vn-cascade" in page.locator(".swagger-ui .info .title").inner_text()
