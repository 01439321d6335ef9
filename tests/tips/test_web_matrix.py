"""The staff pages of tips × every persona × every tip: a page shows exactly what the matrix allows."""

import pytest
from django.urls import reverse

from . import matrix
from .matrix import TRIAGE, VIEW, may


@pytest.fixture
def world(tree):
    return matrix.build(tree)


def test_tip_pages_by_persona(world, login):
    wrong = []
    for persona in sorted(VIEW):
        client = login(persona)
        for name, tip in world.tips.items():
            response = client.get(reverse("tips:detail", args=[tip.pk]))
            want = 302 if persona == "anonymous" else (200 if may(VIEW, persona, name) else 404)
            if response.status_code != want:
                wrong.append(f"{persona} {name}: {response.status_code} != {want}")
            elif want == 200:
                # the routing form is offered to the standing office only
                shows_route = 'id="route"' in response.content.decode()
                if shows_route != may(TRIAGE, persona, name):
                    wrong.append(f"{persona} {name}: route form shown={shows_route}")
    assert wrong == []


def test_inbox_by_persona(world, login):
    for persona in sorted(VIEW):
        response = login(persona).get(reverse("tips:inbox"))
        if persona == "anonymous":
            assert response.status_code == 302
            continue
        text = response.content.decode()
        shown = {name for name, tip in world.tips.items() if tip.receipt_code in text}
        assert shown == VIEW[persona], persona


def test_route_refused_to_a_unit_through_the_web(world, login, tree):
    tip = world.tips["ls_routed"]
    response = login("officer_langson_customs").post(
        reverse("tips:route", args=[tip.pk]), {"unit": tree.units["bp_langson"].pk}
    )
    assert response.status_code == 400
    tip.refresh_from_db()
    assert tip.routed_unit == tree.units["customs_huunghi"]


def test_close_keeps_the_reason_internal(world, login, client):
    tip = world.tips["ls_routed"]
    response = login("officer_langson_customs").post(
        reverse("tips:close", args=[tip.pk]), {"reason": "LÝ-DO-NỘI-BỘ trùng tin đã xử lý"}
    )
    assert response.status_code == 302
    client.logout()
    text = client.get(reverse("tips:status"), {"code": tip.receipt_code}).content.decode()
    assert "Đã kết thúc xác minh" in text and "LÝ-DO-NỘI-BỘ" not in text


@pytest.mark.parametrize("persona", sorted(VIEW))
def test_inbox_search_by_persona(world, login, persona):
    from .test_api_matrix import QUERIES

    client = login(persona)
    for q, matches in QUERIES.items():
        response = client.get(reverse("tips:inbox"), {"q": q})
        if persona == "anonymous":
            assert response.status_code == 302
            return
        text = response.content.decode()
        shown = {name for name, tip in world.tips.items() if tip.receipt_code in text}
        assert shown == matches & VIEW[persona], (persona, q)
