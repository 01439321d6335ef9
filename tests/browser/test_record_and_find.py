"""The main flow in a real browser: an officer records a case in Xã Đồng Đăng, then finds it by searching
"dong dang" without diacritics. Leaves a screenshot of the list in docs/screenshots/case-list.png."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.cases import services
from sc389.cases.models import Case
from sc389.org import services as org_services

from .. import orgtree

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "case-list.png"


def some_cases(tree):
    """A few cases of other days and forces, so the list looks like a working register."""
    admin = tree.users["admin_national"]
    rows = [
        (
            "customs_huunghi",
            "dongdang",
            "smuggling",
            dt.date(2025, 2, 14),
            "Xe tải chở 2.000 bao thuốc lá điếu",
        ),
        (
            "bp_langson",
            "dongdang",
            "smuggling",
            dt.date(2025, 1, 20),
            "Gia cầm không rõ nguồn gốc qua đường mòn",
        ),
        ("qltt_langson5", "kyla", "counterfeit_ip", dt.date(2025, 2, 3), "Kho mỹ phẩm giả nhãn hiệu"),
        (
            "customs_huunghi",
            "dongdang",
            "trade_fraud",
            dt.date(2024, 12, 28),
            "Khai sai xuất xứ hàng dệt may",
        ),
    ]
    for unit, place, category, day, narrative in rows:
        case = services.case_create(
            actor=admin,
            lead_unit=tree.units[unit],
            category=category,
            detected_on=day,
            place=tree.communes[place],
            narrative=narrative,
            place_text="Cửa khẩu Hữu Nghị" if unit == "customs_huunghi" else "",
        )
        if category == "counterfeit_ip":
            services.outcome_add(
                case=case,
                actor=admin,
                kind="penalty",
                number="21/QĐ-XPHC",
                decided_on=day,
                fine_vnd=45_000_000,
            )


@pytest.mark.browser
def test_officer_records_a_case_and_finds_it_without_diacritics(live_server):
    # given: the reference data and the standard tree (a transactional test starts from an empty database)
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    tree = orgtree.build()
    some_cases(tree)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="vi-VN")
            page.set_default_timeout(15_000)

            # when: the officer signs in
            page.goto(f"{live_server.url}/")
            page.fill("input[name=username]", "officer_langson_customs")
            page.fill("input[name=password]", orgtree.PASSWORD)
            page.click(".login-card button[type=submit]")
            # lands on the home page of their role, and opens the case register from the main navigation
            page.click("nav.mainnav >> text=Vụ việc")
            expect(page.locator("h1")).to_have_text("Sổ vụ việc vi phạm")

            # and records a case, picking the commune from the suggestions typed without diacritics
            page.click("text=Ghi vụ việc mới")
            page.select_option("select[name=lead_unit]", label="Hải quan cửa khẩu Hữu Nghị")
            page.select_option("select[name=category]", value="smuggling")
            page.fill("input[name=detected_on]", "2025-03-02")
            page.locator("input[name=place_q]").press_sequentially("dong dang", delay=40)
            page.locator(".place-option", has_text="Xã Đồng Đăng — Lạng Sơn").first.click()
            expect(page.locator("input[name=place_q]")).to_have_value("Xã Đồng Đăng — Lạng Sơn")
            page.select_option("select[name=channel]", value="trail")
            page.fill("input[name=place_text]", "Mốc 1119, đường mòn Bản Thâm")
            page.fill("textarea[name=narrative]", "Bắt giữ 300 kg nầm lợn đông lạnh không rõ nguồn gốc")
            page.click("button:has-text('Ghi vụ việc')")

            expect(page.locator(".msg-success")).to_contain_text("Đã ghi vụ việc")
            # (the ORM stays outside: Playwright's sync API runs an event loop in this thread)
            reference = re.search(r"\d{2}-\d{4}-\d{6}", page.locator(".msg-success").inner_text()).group(0)

            # then: searching the list for "dong dang" (no diacritics) finds it, updated in place by htmx
            page.click("nav.mainnav >> text=Vụ việc")
            page.locator("input[name=q]").press_sequentially("dong dang", delay=40)
            expect(page).to_have_url(re.compile(r"/cases/\?q=dong(\+|%20)dang$"))
            results = page.locator("#case-results")
            expect(results.locator("td.ref", has_text=reference)).to_be_visible()
            # his unit's cases in Đồng Đăng: not the border guard's (outside his scope), not Kỳ Lừa's
            expect(results.locator("td.ref")).to_have_count(3)
            assert "Kho mỹ phẩm" not in results.inner_text()

            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.mouse.move(0, 0)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()

    case = Case.objects.get(reference=reference)
    assert case.commune == tree.communes["dongdang"] and case.lead_unit == tree.units["customs_huunghi"]
    assert case.narrative == "Bắt giữ 300 kg nầm lợn đông lạnh không rõ nguồn gốc"
