"""A citizen in a real browser, not signed in: picks the commune from the suggestions, attaches a photo, sends
the tip, gets a receipt code and follows its status."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.org import services as org_services
from sc389.tips.models import Tip

from .. import orgtree
from ..browser.test_record_and_find import CHROMIUM_ARGS

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.browser
def test_citizen_sends_a_tip_and_follows_it(live_server, tmp_path):
    # given: reference data and the standard tree (a transactional test starts from an empty database)
    org_services.admin_units_load_current()
    tree = orgtree.build()
    photo = tmp_path / "xe-may.png"
    photo.write_bytes(PNG)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page.set_default_timeout(15_000)
            # when: the citizen opens the public page and fills it in
            page.goto(f"{live_server.url}/tips/")
            expect(page.locator("input[name=website]")).not_to_be_in_viewport()  # the honeypot is off-screen
            page.select_option("select[name=category]", value="smuggling")
            page.locator("input[name=place_q]").press_sequentially("dong dang", delay=40)
            page.locator(".place-option", has_text="Xã Đồng Đăng — Lạng Sơn").first.click()
            page.fill(
                "textarea[name=description]", "Đêm nào cũng có xe máy chở gia cầm qua đường mòn sau chợ."
            )
            page.set_input_files("input[name=photos]", str(photo))
            page.click("button:has-text('Gửi tin báo')")
            # then: a receipt code, and its status page
            code = page.locator("#receipt-code").inner_text().strip()
            assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
            page.locator("a.btn", has_text="Tra cứu tình trạng").click()
            page.wait_for_url(re.compile(r"/tips/status/\?code="))
            expect(page.locator("#tip-status")).to_contain_text("Đã tiếp nhận, đang phân loại")
        finally:
            browser.close()

    tip = Tip.objects.get(receipt_code=code)
    assert tip.commune == tree.communes["dongdang"] and tip.photos.count() == 1
    assert tip.suggested_unit == tree.units["bp_langson"]
