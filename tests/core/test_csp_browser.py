"""In a real browser the strict CSP blocks nothing our pages need: the login page, the case list, the Django
admin and the offline Swagger UI load without a single CSP violation, and Swagger actually renders."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from tests.browser.test_record_and_find import CHROMIUM_ARGS

PAGES = ["/cases/", "/admin/", "/admin/core/auditevent/", "/api/v1/docs"]


@pytest.mark.browser
def test_pages_load_under_the_policy_without_violations(live_server):
    get_user_model().objects.create_superuser("root", password="root-pass-389")
    violations: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)  # the shared test machine is slow at times
            page.on(
                "console",
                lambda msg: (
                    violations.append(f"{page.url}: {msg.text}")
                    if "Content Security Policy" in msg.text
                    else None
                ),
            )
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", "root")
            page.fill("input[name=password]", "root-pass-389")
            page.click(".login-card button[type=submit]")
            page.wait_for_load_state("networkidle")
            for path in PAGES:
                page.goto(f"{live_server.url}{path}")
                page.wait_for_load_state("networkidle")
            # Swagger UI built the page from the OpenAPI document (its scripts ran under script-src 'self')
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("SC389")
            expect(page.locator(".opblock").first).to_be_visible()
        finally:
            browser.close()
    assert violations == [], "\n".join(violations)
