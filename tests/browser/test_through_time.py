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
    # the samples implementing 28-CT/TW at the highest level they have: the province plan and the bloc party plan
    assert page.locator("#overview tbody tr").count() == 2
    assert page.locator("#themes tbody tr").count() == 18 and page.locator("#owners thead th").count() == 3
    name, data = download(page, "#siblings-xlsx")
    assert name.startswith("siblings-") and name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tổng quan", "Chủ đề", "Chủ trì theo chủ đề", "Chỉ tiêu"]  # 28-CT/TW is cited only
    assert book["Tổng quan"].max_row == 3
    with page.expect_navigation():
        page.locator("#levels a", has_text="district").click()
    assert page.locator("#overview tbody tr").count() == 1  # the Bác Ái district party plan


def test_the_overdue_page_and_the_reporting_status(page: Page, document_ids: dict[str, str]) -> None:
    page.goto("/ui/overdue?on=2026-12-10")
    # of the samples' two yearly duties, the Lai Châu departments' to the province is overdue; quận Tân Bình ended
    # on 1 July 2025, so no ward reports to it any more
    rows = page.locator("#overdue-reports tbody tr.status.overdue")
    assert rows.count() == 1 and "Lai Châu" in rows.inner_text()
    page.goto(f"/ui/documents/{document_ids[TAN_BINH]}?on=2026-12-10")
    statuses = page.locator("#reporting td.status").all_inner_texts()
    assert any("đơn vị đã kết thúc hoạt động" in s for s in statuses)
    page.goto(
        f"/ui/documents/{document_ids[TAN_BINH]}?on=2024-12-10"
    )  # before: the 15 wards and the district bodies are late
    assert any("quá hạn: 16/16" in s for s in page.locator("#reporting td.status").all_inner_texts())
