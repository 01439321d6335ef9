"""The OpenAPI document and its docs page work offline: every script and stylesheet comes from this server."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

from sc389.api.api import api

from .conftest import API


def test_openapi_document_lists_the_endpoints_and_the_error_schema(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"]["title"] == "SC389 API"
    assert f"{API}/cases" in doc["paths"] and f"{API}/reference/admin-units" in doc["paths"]
    error = doc["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "field", "errors"}
    detail = doc["paths"][f"{API}/cases/{{case_id}}"]["patch"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(detail["responses"])
    assert detail["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    schemes = doc["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_docs_page_references_no_external_script_or_stylesheet(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", html)
    styles = re.findall(r"<link[^>]*\bhref=[\"']([^\"']+)", html)
    assert scripts and styles
    for url in scripts + styles:
        assert not re.match(r"(https?:)?//", url), url
    assert not re.search(r"https?://", html)  # nothing else (fonts, validator badge) points outside
    for url in scripts + styles:
        path = url.split("/static/", 1)[1]
        assert finders.find(path), f"{path} is not served by this installation"
    assert '"validatorUrl": null' in html


def test_docs_assets_do_not_fetch_from_outside(db):
    css = Path(finders.find("ninja/swagger-ui.css")).read_text(encoding="utf-8")
    assert "@import" not in css
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", css)
    init = Path(finders.find("ninja/swagger-ui-init.js")).read_text(encoding="utf-8")
    assert not re.search(r"https?://", init)


def test_every_route_is_documented(db):
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = [op for ops in doc["paths"].values() for op in ops.values()]
    assert len(operations) >= 20
    assert all(op.get("tags") for op in operations)
