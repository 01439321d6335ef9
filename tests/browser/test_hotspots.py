"""The hotspots page in a real browser: the Lạng Sơn leader sees the trail that resumed after months of quiet
and the commune that surged, not the Cao Bằng commune; filtering by category leaves the trail. Leaves
docs/screenshots/hotspots.png."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.cases import services as cases
from sc389.org import services as org_services

from .. import orgtree
from .test_entities import sign_in
from .test_record_and_find import CHROMIUM_ARGS

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "hotspots.png"


@pytest.mark.browser
def test_leader_sees_the_resumed_trail_of_his_province(live_server):
    # given: the tree; Đồng Đăng steady for a year then a surge of counterfeit goods; a trail in Kỳ Lừa used a
    # year ago, quiet since, busy again; a Cao Bằng commune surging too
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    tree = orgtree.build()
    today = dt.date.today()

    def case(place, days, officer="officer_langson_customs", unit="customs_huunghi", **fields):
        cases.case_create(
            actor=tree.users[officer],
            lead_unit=tree.units[unit],
            category=fields.pop("category", "smuggling"),
            detected_on=today - dt.timedelta(days=days),
            place=place,
            **fields,
        )

    for days in range(100, 450, 60):
        case(tree.communes["dongdang"], days)
    for days in range(2, 80, 12):
        case(tree.communes["dongdang"], days, category="counterfeit_ip")
    for days in (330, 300, 30, 15, 3):
        case(tree.communes["kyla"], days, channel="trail", place_text="Đường mòn Cốc Nam")
    cb = tree.provinces["caobang"].children.filter(level="commune", valid_to__isnull=True).first()
    for days in (4, 9, 14, 19):
        case(cb, days, officer="officer_caobang_bp", unit="bp_caobang")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            # when
            page = sign_in(browser, live_server.url, "leader_langson")
            page.click("nav.mainnav a[href='/hotspots/']")
            # then: the trail first (resumed), the surging commune next, nothing of Cao Bằng
            rows = page.locator("#hotspot-results tbody tr")
            expect(rows.first.locator(".hotspot-label")).to_contain_text("Đường mòn Cốc Nam")
            expect(rows.first.locator(".hotspot-status")).to_have_text("Hoạt động trở lại")
            expect(page.locator("#hotspot-results tr.hotspot-rising .hotspot-label")).to_contain_text(
                ["Xã Đồng Đăng"]
            )
            expect(page.locator("#hotspot-results")).not_to_contain_text(cb.name)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            # when: only smuggling cases
            page.select_option("select[name=category]", "smuggling")
            page.click("form.filters button[type=submit]")
            # then: the trail stays, the counterfeit surge is gone
            expect(page.locator("#hotspot-results tr.hotspot-resumed .hotspot-label")).to_contain_text(
                ["Phường Kỳ Lừa", "Đường mòn Cốc Nam"]  # its commune has neighbours to stand out against
            )
            expect(page.locator("#hotspot-results tr.hotspot-rising")).to_have_count(0)
        finally:
            browser.close()
