"""Who may report on which area, on every route of the report pages: a generated matrix of personas × areas ×
routes. Outside scope the report does not exist (404); anonymous users are sent to log in."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from PIL import Image

from sc389.reports import views
from sc389.reports.charts import Chart
from sc389.reports.views_params import area_from_code, may_report_on

from ...orgtree import PERSONAS

pytestmark = pytest.mark.django_db

AREAS = {"national": "national", "langson": "20", "caobang": "4", "hungyen": "33", "dongdang": None}
ALL = set(AREAS)
LANGSON = {"langson", "dongdang"}

# persona → the areas they may report on
MATRIX = {
    "admin_national": ALL,
    "leader_national": ALL,
    "analyst_national": ALL,
    "admin_langson": LANGSON,
    "leader_langson": LANGSON,
    "analyst_langson": LANGSON,
    "staff_commune_a": {"dongdang"},
    "leader_caobang": {"caobang"},
    "leader_hungyen": {"hungyen"},
    "leader_customs_region": LANGSON | {"caobang"},  # the regional branch works in both provinces
    "officer_langson_customs": LANGSON,
    "reviewer_langson_customs": LANGSON,
    "officer_langson_qltt": LANGSON,
    "officer_langson_bp": LANGSON,
    "officer_caobang_bp": {"caobang"},
    "officer_hungyen_police": {"hungyen"},
    "anonymous": set(),
}
ROUTES = {
    "page": lambda: reverse("reports:report"),
    "xlsx": lambda: reverse("reports:export", kwargs={"fmt": "xlsx"}),
    "docx": lambda: reverse("reports:export", kwargs={"fmt": "docx"}),
    "pdf": lambda: reverse("reports:export", kwargs={"fmt": "pdf"}),
}


def area_code(org, key: str) -> str:
    return AREAS[key] or org.communes[key].code


def test_matrix_covers_every_persona():
    assert set(MATRIX) == set(PERSONAS) | {"anonymous"}


@pytest.fixture
def light_charts(monkeypatch):
    """Access is decided before any figure is drawn: skip the chart rendering in this many requests."""
    monkeypatch.setattr(Chart, "svg", lambda self: "<svg xmlns='http://www.w3.org/2000/svg'/>")
    monkeypatch.setattr(Chart, "png", lambda self, scale=2: PNG_1PX)
    # The writers are opened and checked in test_exports; here the files only need to be asked for.
    monkeypatch.setattr(views, "write", lambda fmt, doc: f"{fmt}:{doc.report.area.code}".encode())


def _png_1px() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(out, format="PNG")
    return out.getvalue()


PNG_1PX = _png_1px()


@pytest.mark.parametrize("persona", sorted(MATRIX))
@pytest.mark.parametrize("area", sorted(AREAS))
def test_may_report_on(org, persona, area):
    user = org.users.get(persona) or AnonymousUser()
    assert may_report_on(user, area_from_code(area_code(org, area))) == (area in MATRIX[persona])


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_routes(client, org, light_charts, persona, route):
    if persona != "anonymous":
        client.force_login(org.users[persona])
    for area in sorted(AREAS):
        params = {"area": area_code(org, area), "kind": "month", "year": "2020", "n": "3", "compare": "none"}
        response = client.get(ROUTES[route](), params)
        expected = 302 if persona == "anonymous" else 200 if area in MATRIX[persona] else 404
        assert response.status_code == expected, (persona, route, area)
