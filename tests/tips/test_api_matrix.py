"""Every tips route × every persona × every tip of the matrix (outside scope 404, visible but not allowed 403,
anonymous 401 on staff routes); the public routes answer everyone without authentication."""

import pytest
from django.core.cache import cache
from django.db import transaction

from sc389.api.api import api
from sc389.tips.models import Tip

from . import matrix
from .matrix import HANDLE, TRIAGE, VIEW, may

PREFIX = "/api/v1/tips"
PERSONAS = sorted(VIEW)
ROUTES = {
    ("POST", "/api/v1/tips/public"),
    ("GET", "/api/v1/tips/public/{code}"),
    ("GET", "/api/v1/tips"),
    ("GET", "/api/v1/tips/{tip_id}"),
    ("POST", "/api/v1/tips/{tip_id}/route"),
    ("POST", "/api/v1/tips/{tip_id}/case"),
    ("POST", "/api/v1/tips/{tip_id}/close"),
}


def test_every_route_is_in_this_matrix(db):
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    found = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops if p.startswith(PREFIX)}
    assert found == ROUTES


@pytest.fixture
def world(tree):
    return matrix.build(tree)


def _want(persona: str, name: str, allowed_table: dict | None, ok: int) -> int:
    if persona == "anonymous":
        return 401
    if not may(VIEW, persona, name):
        return 404
    if allowed_table is None:
        return ok
    return ok if may(allowed_table, persona, name) else 403


def test_staff_routes(world, tree, call):
    wrong = []
    unit = tree.units["bp_langson"].pk
    for persona in PERSONAS:
        for name, tip in world.tips.items():
            may_close = may(HANDLE, persona, name) or may(TRIAGE, persona, name)
            checks = [
                ("GET", f"/tips/{tip.pk}", None, _want(persona, name, None, 200)),
                ("POST", f"/tips/{tip.pk}/route", {"unit": unit}, _want(persona, name, TRIAGE, 200)),
                ("POST", f"/tips/{tip.pk}/case", {}, _want(persona, name, HANDLE, 201)),
                (
                    "POST",
                    f"/tips/{tip.pk}/close",
                    {"reason": "Không có dấu hiệu vi phạm"},
                    _want(persona, name, {persona: {name}} if may_close else {}, 200),
                ),
            ]
            for method, path, body, want in checks:
                with transaction.atomic():
                    response = call(persona, method, path, body)
                    transaction.set_rollback(True)
                if response.status_code != want:
                    wrong.append(f"{persona} {method} {path} [{name}]: {response.status_code} != {want}")
    assert wrong == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_holds_exactly_the_visible(persona, world, call):
    names = {t.pk: n for n, t in world.tips.items()}
    response = call(persona, "GET", "/tips")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert {names[row["id"]] for row in response.json()} == VIEW[persona]


def test_public_routes_answer_everyone(world, tree, client, tokens):
    tip = world.tips["ls_routed"]
    place = tree.communes["kyla"].pk
    for persona in PERSONAS:
        cache.clear()
        headers = {} if persona == "anonymous" else {"Authorization": f"Bearer {tokens[persona]}"}
        response = client.get(f"{PREFIX}/public/{tip.receipt_code}", headers=headers)
        assert response.status_code == 200, persona
        # only the status: nothing internal leaks
        assert set(response.json()) == {
            "receipt_code",
            "status",
            "status_label",
            "submitted_at",
            "status_changed_at",
        }
        before = Tip.objects.count()
        response = client.post(
            f"{PREFIX}/public",
            {
                "category": "counterfeit_ip",
                "place": place,
                "description": "Cửa hàng bán sữa bột giả nhãn hiệu",
            },
            headers=headers,
        )
        assert response.status_code == 201, (persona, response.content)
        assert Tip.objects.count() == before + 1


# query -> the tips it matches (description, the place as chosen and its province), before each persona's rights
QUERIES = {
    "GIA CAM duong mon": matrix.ALL,
    "đồng dang": {"ls_routed"},
    "ky lua": {"ls_new"},
    "lang son": {"ls_routed", "ls_new"},
    "tra linh gia cam": {"cb_new"},
    "pho hien xe tai": {"hy_routed"},
    "sua bot": set(),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_returns_only_what_the_persona_may_see(persona, world, call):
    names = {t.pk: n for n, t in world.tips.items()}
    for q, matches in QUERIES.items():
        response = call(persona, "GET", "/tips", query={"q": q})
        if persona == "anonymous":
            assert response.status_code == 401
            continue
        assert {names[row["id"]] for row in response.json()} == matches & VIEW[persona], q
