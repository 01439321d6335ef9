"""In a real browser: an officer corrects a party from the case's edit page (the date picker, the typed-kept
values), removes a goods line giving a reason, and pages back and forth through the case list."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.cases import services
from sc389.cases.models import GoodsLine, Party
from sc389.org import services as org_services

from .. import orgtree
from ..browser.test_record_and_find import CHROMIUM_ARGS

OFFICER = "officer_langson_customs"


@pytest.mark.browser
def test_officer_corrects_a_party_removes_goods_and_pages_back(live_server, settings):
    # given: the standard tree, 55 cases of the officer's unit (two pages of 50), one with a party and goods
    org_services.admin_units_load_current()
    tree = orgtree.build()
    officer = tree.users[OFFICER]
    cases = [
        services.case_create(
            actor=officer,
            lead_unit=tree.units["customs_huunghi"],
            category="smuggling",
            detected_on=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            place=tree.communes["dongdang"],
        )
        for i in range(55)
    ]
    case = cases[0]
    party = services.party_add(case=case, actor=officer, kind="person", name="Nguyễn Văn A")
    services.goods_line_add(case=case, actor=officer, description="Pháo nổ", value_vnd=1_000_000)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="vi-VN")
            page.set_default_timeout(15_000)
            page.goto(f"{live_server.url}/")
            page.fill("input[name=username]", OFFICER)
            page.fill("input[name=password]", orgtree.PASSWORD)
            page.click(".login-card button[type=submit]")
            expect(page.locator("nav.mainnav")).to_be_visible()

            # when: the officer corrects the party from the edit page
            page.goto(f"{live_server.url}/cases/{case.pk}/edit/")
            page.locator("#parties a", has_text="Sửa").click()
            expect(page.locator("h1")).to_contain_text("Sửa đối tượng")
            birth = page.locator("input[name=party-date_of_birth]")
            assert birth.get_attribute("type") == "date"  # the browser's own picker
            birth.fill("1990-05-01")
            page.fill("input[name=party-address]", "Thôn Nà Pàn, Đồng Đăng")
            page.click("button:has-text('Lưu')")
            expect(page.locator(".msg-success")).to_contain_text("Đã lưu đối tượng")

            # and removes the goods line, giving the reason on the confirmation page (soft delete, issue 6)
            page.locator("#goods a", has_text="Xóa").click()
            expect(page.locator("h1")).to_contain_text("Xóa hàng hóa")
            page.fill("textarea[name=reason]", "Ghi trùng dòng hàng")
            page.click("#delete button[type=submit]")
            expect(page.locator(".msg-success")).to_contain_text("Đã xóa hàng hóa")

            # and pages through the list: next, then previous comes back to the newest cases
            page.goto(f"{live_server.url}/cases/")
            first = page.locator("td.ref").first.inner_text()
            page.click("nav.pager >> text=Trang sau")
            expect(page).to_have_url(re.compile(r"after="))
            expect(page.locator("td.ref")).to_have_count(5)
            page.click("nav.pager >> text=Trang trước")
            expect(page).to_have_url(re.compile(r"before="))
            expect(page.locator("td.ref").first).to_have_text(first)
            expect(page.locator("td.ref")).to_have_count(50)
        finally:
            browser.close()

    party = Party.objects.get(pk=party.pk)
    assert party.date_of_birth == dt.date(1990, 5, 1) and party.address == "Thôn Nà Pàn, Đồng Đăng"
    assert not GoodsLine.objects.filter(case=case).exists()
    assert GoodsLine.all_objects.get(case=case).deletion_reason == "Ghi trùng dòng hàng"
