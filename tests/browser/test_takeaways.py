"""What staff take away, in headless Chromium: the RACI and audit workbooks downloaded from the UI and read back with
openpyxl, the reporting calendar page and its subscribable file, an IRI opened in the browser, a theme's page."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import httpx
import icalendar
import openpyxl
import pytest
from corpus import BASE, TAN_BINH

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def download(page: Page, selector: str) -> tuple[str, bytes]:
    """Click a download link; (the file name the server gave, its bytes)."""
    with page.expect_download() as caught:
        page.locator(selector).click()
    done = caught.value
    path = done.path()
    assert path is not None, done.failure()
    with open(path, "rb") as f:
        return done.suggested_filename, f.read()


def test_the_raci_workbook_downloads_from_a_document_page(page: Page, document_ids: dict[str, str]) -> None:
    page.goto(f"/ui/documents/{document_ids[TAN_BINH]}")
    name, data = download(page, "#raci-xlsx")
    assert name.startswith("raci-") and name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Chú giải", "Tổng hợp theo cơ quan", "Chỉ tiêu", "KH UBND quận Tân Bình"]
    sheet = book["KH UBND quận Tân Bình"]
    assert sheet.cell(row=1, column=1).value == "Mục / Section" and sheet.freeze_panes == "C2"
    header = [c.value for c in sheet[1]]
    column = header.index("Phòng Lao động - Thương binh và Xã hội quận Tân Bình") + 1
    roles = [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]
    assert "chủ trì" in roles  # the district labour office leads work in its own district's plan


def test_the_audit_workbook_downloads_from_the_gaps_page(page: Page) -> None:
    page.goto("/ui/gaps")
    name, data = download(page, "#audit-xlsx")
    assert name == "audit-corpus.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "Tổng hợp" and "cascade" in book.sheetnames
    assert book["cascade"].cell(row=1, column=1).value == "Mức / Severity"
    counts = {book["Tổng hợp"].cell(row=r, column=1).value for r in range(3, book["Tổng hợp"].max_row + 1)}
    assert "missing-downstream-plan" in counts


def test_the_printable_report_draws_the_cascade(page: Page) -> None:
    page.goto("/ui/gaps")
    with page.expect_navigation():
        page.locator("#audit-html").click()
    assert page.locator("svg.cascade-picture g").count() > 10
    assert page.locator("h2").count() >= 3


def test_the_calendar_page_offers_a_subscription_the_calendar_reads(page: Page, server: str) -> None:
    page.goto("/ui/calendar")
    assert page.locator("#upcoming tbody tr:not(.month)").count() == 2
    href = page.locator("#calendar-ics").get_attribute("href")
    assert href is not None
    events = icalendar.Calendar.from_ical(httpx.get(server + href, timeout=30).content).walk("VEVENT")
    assert sorted(e["dtstart"].dt.strftime("%m-%d") for e in events) == ["12-01", "12-05"]
    assert all(e["rrule"]["FREQ"] == ["YEARLY"] for e in events)


def test_an_iri_opens_its_page_and_offers_the_data(page: Page, server: str, document_ids: dict[str, str]) -> None:
    rid = document_ids[TAN_BINH]
    response = page.goto(f"/id/{rid}")
    assert response is not None and response.status == 200 and page.url.endswith(f"/ui/documents/{rid}")
    assert page.locator("a.iri-link code").inner_text() == BASE + rid
    turtle = httpx.get(f"{server}/id/{rid}", headers={"Accept": "text/turtle"}, follow_redirects=True, timeout=30)
    assert turtle.headers["content-type"].startswith("text/turtle") and "vc:hasObligation" in turtle.text


def test_a_theme_page_lists_its_obligations(page: Page) -> None:
    page.goto("/ui/themes")
    with page.expect_navigation():
        page.locator("a[href='/ui/themes/violence']").click()
    assert page.locator("#theme-obligations tbody tr").count() > 3
