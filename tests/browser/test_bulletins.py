"""A unit of Lạng Sơn publishes a bulletin to Cao Bằng; a Cao Bằng user acknowledges it; the author sees it."""

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.coordination.models import Bulletin, Receipt
from sc389.org import services as org_services

from .. import orgtree
from .test_record_and_find import CHROMIUM_ARGS


def sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", orgtree.PASSWORD)
    page.click(".login-card button[type=submit]")
    expect(page.locator("input[name=username]")).to_have_count(0)


@pytest.mark.browser
def test_langson_publishes_caobang_acknowledges_author_sees_it(live_server):
    # given: the reference data and the standard tree (a transactional test starts from an empty database)
    org_services.admin_units_load_current()
    tree = orgtree.build()
    caobang = tree.provinces["caobang"].pk
    base = live_server.url

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="vi-VN")
            page.set_default_timeout(15_000)

            # when: the Đồng Đăng border post (Lạng Sơn) publishes to the Cao Bằng committee
            sign_in(page, base, "officer_langson_bp")
            page.goto(f"{base}/coordination/bulletins/new/")
            page.select_option("select[name=author_unit]", label="Đồn Biên phòng Đồng Đăng")
            page.fill("input[name=title]", "Gia cầm nhập lậu qua đường mòn ban đêm")
            page.fill(
                "textarea[name=body]",
                "Các đối tượng dùng xe máy chở gà thải qua mốc 1119 từ 1 giờ đến 3 giờ sáng.",
            )
            page.select_option("select[name=provinces]", value=str(caobang))
            page.fill("textarea[name=entities]", "phương tiện: 12C-123.45")
            page.click("button:has-text('Phát hành')")
            expect(page.locator(".msg-success")).to_contain_text("Đã phát hành bản tin")
            expect(page.locator("tr.receipt")).to_have_count(0)
            detail_url = page.url

            # and the Cao Bằng committee's leader, told by a notification, acknowledges it
            sign_in(page, base, "leader_caobang")
            page.goto(f"{base}/notifications/")
            page.locator("tr.unread", has_text="Gia cầm nhập lậu").locator("button:has-text('Mở')").click()
            expect(page.locator("h1")).to_have_text("Gia cầm nhập lậu qua đường mòn ban đêm")
            page.click("button:has-text('Xác nhận đã nhận')")
            expect(page.locator(".ack-done")).to_be_visible()

            # then: the author sees who acknowledged
            sign_in(page, base, "officer_langson_bp")
            page.goto(detail_url)
            row = page.locator("tr.receipt", has_text="Leader Caobang")
            expect(row).to_have_count(1)
            expect(row.locator("td.ack")).not_to_have_text("—")
        finally:
            browser.close()

    bulletin = Bulletin.objects.get(title="Gia cầm nhập lậu qua đường mòn ban đêm")
    receipt = Receipt.objects.get(bulletin=bulletin)
    assert receipt.user.username == "leader_caobang" and receipt.acknowledged_at is not None
