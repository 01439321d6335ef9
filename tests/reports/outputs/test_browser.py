"""The report page in a real browser: a Lạng Sơn leader opens the 10-month report of 2020, sees 4.365 cases
handled at 81,27% of the same period, follows the drill-down and downloads the XLSX. Leaves
docs/exports/report-page.png."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect, sync_playwright

from sc389.org import services as org_services

from ... import orgtree
from ...browser.test_record_and_find import CHROMIUM_ARGS
from .data import seed_langson

SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "exports" / "report-page.png"


@pytest.mark.browser
def test_leader_reads_the_lang_son_report_and_downloads_it(live_server, tmp_path):
    # given: the reference data, the standard tree and Lạng Sơn's 2019-2020 figures (an empty database here)
    org_services.admin_units_load_current()
    seed_langson(orgtree.build())
    base = live_server.url

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": 1360, "height": 900}, locale="vi-VN", accept_downloads=True
            )
            page.set_default_timeout(30_000)
            page.goto(f"{base}/login/")
            page.fill("input[name=username]", "leader_langson")
            page.fill("input[name=password]", orgtree.PASSWORD)
            page.click(".login-card button[type=submit]")
            expect(page.locator("input[name=username]")).to_have_count(0)
            page.goto(f"{base}/")
            expect(page.locator("#panel-figures")).to_be_visible()  # the home page is the dashboard

            # when: the leader asks for the first 10 months of 2020 by category, through the form
            page.goto(f"{base}/reports/")
            page.select_option("select[name=area]", value="20")
            page.select_option("select[name=kind]", value="first")
            expect(
                page.locator("input[name=start]")
            ).to_be_hidden()  # reports.js shows the fields of the kind
            page.select_option("select[name=year]", value="2020")
            page.fill("input[name=n]", "10")
            page.select_option("select[name=by]", value="category")
            page.click("button:has-text('Xem báo cáo')")

            # then: the published figures, in Vietnamese formats
            handled = page.locator("#report-totals tr[data-code=cases_handled]")
            expect(handled.locator("td.value")).to_have_text("4.365")
            expect(handled.locator("td.ratio")).to_have_text("81,27%")
            expect(page.locator("#report-summary")).to_contain_text(
                "xử lý 4.365 vụ, bằng 81,27% so với cùng kỳ"
            )
            expect(page.locator("figure.chart img")).to_have_count(4)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)

            # and the XLSX downloads with the same figure, as a number
            with page.expect_download() as info:
                page.click(".exports >> text=XLSX")
            path = tmp_path / info.value.suggested_filename
            info.value.save_as(path)

            # and the drill-down opens a commune of the province
            page.click("text=Xem theo xã, phường")
            page.click("a.drill-link:has-text('Xã Đồng Đăng')")
            expect(page.locator("h1")).to_contain_text("Xã Đồng Đăng")
        finally:
            browser.close()

    ws = load_workbook(path).worksheets[0]
    assert 4365 in [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
