"""The entity page in a real browser: the national analyst finds a man recorded three ways in three provinces
(with and without diacritics, given name first) and sees his three cases; the Cao Bằng border-guard officer sees
the same entity with only the case of his own scope. Leaves docs/screenshots/entity.png."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.entities import services
from sc389.org import services as org_services

from .. import orgtree
from ..entities.conftest import build_world
from .test_record_and_find import CHROMIUM_ARGS

# expect() waits 5 s by default, whatever the page's timeout: under two suites at once the entity page took longer
expect.set_options(timeout=30_000)

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "entity.png"


def sign_in(browser, url: str, username: str):
    page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="vi-VN")
    page.set_default_timeout(60_000)  # the shared 2-core machine can be slow
    page.goto(f"{url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", orgtree.PASSWORD)
    page.click(".login-card button[type=submit]")
    expect(page.locator("h1")).to_be_visible()
    return page


@pytest.mark.browser
def test_entity_page_lists_the_cases_the_viewer_may_see(live_server):
    # given: reference data, the standard tree, the registry world, resolved
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    world = build_world(orgtree.build())
    services.entities_refresh()
    refs = {name: world.cases[name].reference for name in ("huunghi", "bp_caobang", "hungyen")}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            # when: the national analyst searches without diacritics and opens the entity
            page = sign_in(browser, live_server.url, "analyst_national")
            page.goto(f"{live_server.url}/entities/")
            page.fill("input[name=q]", "nguyen van hung")
            page.click("form.filters button[type=submit]")
            expect(page).to_have_url(re.compile(r"/entities/\?q=nguyen\+van\+hung"))
            page.locator("#entity-results td.entity-name a").first.click()
            # then: his three cases, three provinces, and the warning
            expect(page.locator("#entity-name")).to_have_text("Nguyễn Văn Hùng")
            rows = page.locator("#entity-cases tbody tr")
            expect(rows).to_have_count(3)
            for ref in refs.values():
                expect(page.locator("#entity-cases td.ref", has_text=ref)).to_be_visible()
            expect(page.locator("#multi-province")).to_be_visible()
            expect(page.locator("#entity-cases td.province", has_text="Cao Bằng")).to_be_visible()
            entity_url = page.url
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.mouse.move(0, 0)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            page.close()

            # when: the Cao Bằng border-guard officer opens the same entity
            page = sign_in(browser, live_server.url, "officer_caobang_bp")
            page.goto(entity_url)
            # then: only the case of his scope, under the name written there
            expect(page.locator("#entity-cases tbody tr")).to_have_count(1)
            expect(page.locator("#entity-cases td.ref")).to_have_text(refs["bp_caobang"])
            expect(page.locator("#entity-name")).to_have_text("Nguyen Van Hung")
            expect(page.locator("#multi-province")).to_have_count(0)
            # when: he drafts a bulletin from it; then: the form holds his case and the name written there
            page.click("#entity-bulletin")
            expect(page.locator("input[name=title]")).to_have_value("Thông tin về đối tượng Nguyen Van Hung")
            expect(page.locator("input[name=case_refs]")).to_have_value(refs["bp_caobang"])
        finally:
            browser.close()
