"""Every page of the URL conf, fetched as an administrator, carries the strict Content-Security-Policy and has
no inline script, no inline event handler and no inline style (which that policy would block).

Pages: every route without parameters, the Django admin's pages of every registered model (list, add, one
object's change page), and a case's own pages. New pages of any app are picked up from the URL conf.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIP = {"/logout/", "/metrics"}  # logout ends the session (POST only); metrics answers 404 off its allow-list


def _routes(patterns=None, prefix: str = "") -> list[str]:
    """Paths of the URL conf's routes that take no parameter (admin's come from its registry instead)."""
    found = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(p.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(p, URLResolver):
            found += _routes(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            path = "/" + prefix + route
            if not re.search(r"[<>(\[^$?*+\\]", path):
                found.append(path)
    return sorted(set(found) - SKIP)


def _admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
    return pages


class _Inline(HTMLParser):
    """Collects what a strict CSP blocks: inline <script> (without nonce), on* handlers, <style>, style=."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if "style" in attrs and tag != "svg":
            self.problems.append(f'<{tag} style="{attrs["style"]}">')
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            self._script = attrs

    def handle_data(self, data):
        script = self._script
        if script is None or "src" in script or "nonce" in script or not data.strip():
            return
        if (script.get("type") or "").lower() in ("application/json", "application/ld+json"):
            return  # a data block: never executed
        self.problems.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


@pytest.fixture
def admin_client_with_data(client, tree, make_case):
    make_case()
    user = get_user_model().objects.create_superuser("root", password="root-pass-389")
    client.force_login(user)
    return client


def _check(client, path: str) -> list[str]:
    response = client.get(path)
    if response.status_code >= 500:
        return [f"{path}: status {response.status_code}"]
    policy = response.get("Content-Security-Policy", "")
    problems = []
    if "default-src 'self'" not in policy or "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append(f"{path}: policy {policy!r}")
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        parser = _Inline()
        parser.feed(response.content.decode())
        problems += [f"{path}: {p}" for p in parser.problems]
    return problems


@pytest.mark.django_db
def test_every_page_has_the_policy_and_nothing_inline(admin_client_with_data):
    from sc389.cases.models import Case

    case = Case.objects.get()
    pages = _routes() + _admin_pages() + [f"/cases/{case.pk}/", f"/cases/{case.pk}/edit/", "/api/v1/docs"]
    assert "/cases/" in pages and "/api/v1/docs" in pages and len(pages) > 30
    problems = [p for path in pages for p in _check(admin_client_with_data, path)]
    assert problems == []


@pytest.mark.django_db
def test_policy_is_strict():
    from django.test import Client

    response = Client().get("/login/")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "csrfmiddlewaretoken" in response.content.decode()  # CSRF on the login form too
