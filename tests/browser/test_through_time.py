"""The cascade through time in headless Chromium, on the samples: siblings side by side reached from a document page
and downloaded as a workbook, the overdue page for a day, and the status column of a document's reporting duties."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import openpyxl
import pytest
from corpus import LAI_CHAU, TAN_BINH

from tests.browser.test_takeaways import download

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_siblings_side_by_side_from_a_document_page(page: Page, document_ids: dict[str, str]) -> None:
    page.goto(f"/ui/documents/{document_ids[LAI_CHAU]}")
    with page.expect_navigation():
        page.locator("a.siblings-of", has_text="28-CT/TW").click()
    assert page.locator("#overview tbody tr").count() == 3  # the three samples implementing 28-CT/TW
    assert page.locator("#themes tbody tr").count() == 18 and page.locator("#owners thead th").count() == 4
    name, data = download(page, "#siblings-xlsx")
    assert name.startswith("siblings-") and name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tổng quan", "Chủ đề", "Chủ trì theo chủ đề", "Chỉ tiêu"]  # 28-CT/TW is cited only
    assert book["Tổng quan"].max_row == 4


def test_the_overdue_page_and_the_reporting_status(page: Page, document_ids: dict[str, str]) -> None:
    page.goto("/ui/overdue?on=2026-12-10")
    assert page.locator("#overdue-reports tbody tr.status.overdue").count() >= 2  # two yearly duties, no report
    page.goto(f"/ui/documents/{document_ids[TAN_BINH]}?on=2026-12-10")
    statuses = page.locator("#reporting td.status").all_inner_texts()
    assert any(s.startswith("quá hạn") for s in statuses)
