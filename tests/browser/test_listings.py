"""The listings pages in a real browser: the Lạng Sơn analyst sees the shops placed in Lạng Sơn only, filters
the flagged ones, opens the counterfeit shop and reads its reasons and listings; a leader (not an analyst) is
refused the page. Leaves docs/screenshots/listings.png."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.listings import services
from sc389.org import services as org_services

from .. import orgtree
from .test_entities import sign_in
from .test_record_and_find import CHROMIUM_ARGS

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "listings.png"
HEADER = (
    "snapshot_date,platform,listing_id,shop,seller_id,title,description,price,brand,location,sales_count\n"
)
ROWS = (
    "2026-09-01,Shopee,L1,Kho Hiệu Lạng Sơn,s-ls,Túi Gucci GG Marmont rep 1:1,Hàng like auth,3.500.000,Gucci,Lạng Sơn,80\n"
    "2026-09-01,Shopee,L2,Kho Hiệu Lạng Sơn,s-ls,Nike Air Force 1 hàng F1,,450.000,Nike,Lạng Sơn,120\n"
    "2026-09-01,Lazada,L3,Túi Xách Đồng Đăng,s-dd,Túi xách tay nữ Gucci GG Marmont,Cam kết không bán hàng fake,38.000.000,Gucci,Lạng Sơn,2\n"
    "2026-09-01,Shopee,L4,Shop Cao Bằng,s-cb,Nike Air Force 1 rep 1:1,,300.000,Nike,Cao Bằng,40\n"
)


@pytest.mark.browser
def test_analyst_reads_a_flagged_shop_of_her_province(live_server, settings, tmp_path):
    # given: the tree, reference prices and a snapshot of four listings of three shops
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    tree = orgtree.build()
    settings.INVOICES_STORE_DIR = tmp_path / "store"
    services.reference_price_set(brand="Gucci", product="GG Marmont", price_vnd=38_000_000)
    services.reference_price_set(brand="Nike", product="Air Force 1", price_vnd=2_900_000)
    services.listings_import(
        data=(HEADER + ROWS).encode(), name="snapshot.csv", actor=tree.users["admin_national"]
    )

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            # when: the Lạng Sơn analyst opens the shops and keeps the flagged ones
            page = sign_in(browser, live_server.url, "analyst_langson")
            page.click("nav.mainnav a[href='/listings/']")
            expect(page.locator("#shop-results td.shop-name")).to_have_count(2)  # not the Cao Bằng shop
            page.select_option("select[name=flagged]", "1")
            page.click("form.filters button[type=submit]")
            expect(page).to_have_url(re.compile(r"/listings/\?.*flagged=1"))
            expect(page.locator("#shop-results td.shop-name")).to_have_count(1)
            page.locator("#shop-results td.shop-name a").click()
            # then: the reasons (price, cover words, no tax code) and both listings with their own reasons
            expect(page.locator("h1")).to_have_text("Kho Hiệu Lạng Sơn")
            expect(page.locator("#shop-reasons li[data-signal=price]")).to_contain_text("giá tham chiếu")
            expect(page.locator("#shop-reasons li[data-signal=cover_words]")).to_contain_text("rep 1 1")
            expect(page.locator("#shop-reasons li[data-signal=unregistered]")).to_have_count(1)
            expect(page.locator("#listing-results tbody tr")).to_have_count(2)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            # a leader is not an analyst: no listings page
            other = sign_in(browser, live_server.url, "leader_langson")
            assert other.goto(f"{live_server.url}/listings/").status == 404
        finally:
            browser.close()
