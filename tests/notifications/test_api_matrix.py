"""Every notifications API route × every persona: a user reads and marks only their own notifications."""

import pytest
from django.db import transaction

from sc389.notifications import services

from ..orgtree import PERSONAS

PERSONA_NAMES = sorted([*PERSONAS, "anonymous"])
OWNER = "leader_caobang"  # the one notification of the matrix is theirs

# (method, path) -> (path to call, body, status for the owner, status for everyone else signed in)
ROUTES = {
    ("GET", "/api/v1/notifications"): ("/api/v1/notifications", None, 200, 200),
    ("GET", "/api/v1/notifications/unread-count"): ("/api/v1/notifications/unread-count", None, 200, 200),
    ("POST", "/api/v1/notifications/read"): ("/api/v1/notifications/read", {"ids": None}, 200, 200),
    ("POST", "/api/v1/notifications/{notification_id}/read"): (
        "/api/v1/notifications/{id}/read",
        {},
        200,
        404,
    ),
    ("GET", "/api/v1/notifications/settings"): ("/api/v1/notifications/settings", None, 200, 200),
    ("PUT", "/api/v1/notifications/settings"): (
        "/api/v1/notifications/settings",
        {"email_mode": "digest"},
        200,
        200,
    ),
}


def test_the_matrix_names_every_notifications_route():
    from sc389.api.api import api

    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    routes = {
        (m.upper(), p)
        for p, ops in doc["paths"].items()
        for m in ops
        if p.startswith("/api/v1/notifications")
    }
    assert routes == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_by_persona(route, tree, call):
    notification = services.notify([tree.users[OWNER]], kind="x", title="Riêng")[0]
    path, body, owner_status, other_status = ROUTES[route]
    path = path.replace("{id}", str(notification.pk))
    wrong = []
    for persona in PERSONA_NAMES:
        with transaction.atomic():
            response = call(persona, route[0], path, body)
            transaction.set_rollback(True)
        want = 401 if persona == "anonymous" else owner_status if persona == OWNER else other_status
        if response.status_code != want:
            wrong.append(f"{persona} {route}: {response.status_code} != {want}")
    assert wrong == []


@pytest.mark.parametrize("persona", [OWNER, "leader_hungyen"])
def test_list_count_and_marking_touch_only_ones_own(persona, tree, call):
    services.notify([tree.users[OWNER]], kind="x", title="Riêng")
    own = persona == OWNER
    assert len(call(persona, "GET", "/notifications").json()) == (1 if own else 0)
    assert call(persona, "GET", "/notifications/unread-count").json() == {"unread": 1 if own else 0}
    assert call(persona, "POST", "/notifications/read", {}).json() == {"marked": 1 if own else 0}
    assert call(OWNER, "GET", "/notifications/unread-count").json() == {"unread": 0 if own else 1}
    response = call(persona, "PUT", "/notifications/settings", {"email_mode": "weekly"})
    assert response.status_code == 400 and response.json()["field"] == "email_mode"
