"""The invoice leads pages in a real browser: the Lạng Sơn analyst sees the leads of companies registered in
Lạng Sơn only, filters the ghost sellers, opens one and reads its reasons and the invoices behind them, then the company's entity page with the finding;
a leader (not an analyst) is refused the page. Leaves docs/screenshots/entity-finding.png."""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from sc389.invoices import reference, store
from sc389.invoices.importer import import_path
from sc389.invoices.leads import invoice_leads_refresh
from sc389.invoices.synth.scenario import generate, write
from sc389.org import services as org_services

from .. import orgtree
from .test_entities import SCREENSHOT, sign_in
from .test_record_and_find import CHROMIUM_ARGS


@pytest.mark.browser
def test_analyst_reads_a_ghost_lead_of_her_province(live_server, settings, tmp_path):
    # given: the tree, a generated economy imported, one ghost registered in Lạng Sơn, the leads saved
    org_services.admin_units_load_current()
    org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
    tree = orgtree.build()
    settings.INVOICES_STORE_DIR = tmp_path / "store"
    economy = generate(7)
    xml = write(economy, tmp_path / "eco")
    import_path(xml)
    con = store.connect()
    reference.companies_load(con, xml.parent / "companies.csv")
    reference.stock_load(con, xml.parent / "declarations.csv", kind="import")
    reference.stock_load(con, xml.parent / "opening_stock.csv", kind="opening")
    con.execute("UPDATE companies SET province = '99'")
    ghost = economy.truth["ghost"][0]
    con.execute("UPDATE companies SET province = '20' WHERE tax_code = ?", [ghost])
    con.close()
    invoice_leads_refresh(actor=tree.users["admin_national"])

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            # when: the Lạng Sơn analyst opens the leads and filters the ghost sellers
            page = sign_in(browser, live_server.url, "analyst_langson")
            page.goto(f"{live_server.url}/invoices/leads/")
            expect(page.locator("#lead-results td.lead-tax-code")).to_have_count(2)  # provenance + ghost
            page.select_option("select[name=detector]", "ghost")
            page.click("form.filters button[type=submit]")
            expect(page).to_have_url(re.compile(r"/invoices/leads/\?detector=ghost"))
            expect(page.locator("#lead-results td.lead-tax-code")).to_have_count(1)
            page.locator("#lead-results td.lead-tax-code a").click()
            # then: the reasons and the ghost's invoices
            expect(page.locator("h1")).to_contain_text(ghost)
            expect(page.locator("#lead-reasons li")).to_have_count(5)
            expect(page.locator("#lead-invoices tbody tr").first).to_contain_text(ghost)
            # when: she opens the company in the entity registry; then: the finding is there, with its reasons
            page.click("#finding-entity")
            finding = page.locator("#entity-findings tr.finding[data-detector=ghost]")
            expect(finding).to_have_count(1)
            expect(finding.locator("td.identifier")).to_have_text(ghost)
            expect(finding.locator("ul.reasons li").first).to_be_visible()
            expect(page.locator("#entity-cases")).to_have_count(0)  # no case names the company yet
            page.mouse.move(0, 0)
            page.screenshot(path=str(SCREENSHOT.with_name("entity-finding.png")), full_page=True)
            # and back to the lead from the finding
            finding.locator("a").first.click()
            expect(page.locator("h1")).to_contain_text(ghost)
            # a leader is not an analyst: no leads page
            other = sign_in(browser, live_server.url, "leader_langson")
            response = other.goto(f"{live_server.url}/invoices/leads/")
            assert response.status == 404
        finally:
            browser.close()
