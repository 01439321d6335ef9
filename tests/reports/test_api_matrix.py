"""Every reports API route × every persona × every object: the status scope and rights give.

Each call runs in a rolled-back transaction, so every persona meets the same world. Anonymous callers get 401.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction

from sc389.reports import periods

from ..cases.matrix import MATRIX
from .world import FIGURES, schedule, submission, version

PERSONAS = list(MATRIX)
NATIONAL = {"admin_national", "leader_national", "analyst_national"}
LANGSON_COMMITTEE = {"leader_langson", "analyst_langson", "admin_langson"}
VIEW = {
    "huunghi": NATIONAL
    | LANGSON_COMMITTEE
    | {"leader_customs_region", "officer_langson_customs", "reviewer_langson_customs"},
    "hungyen": NATIONAL | {"leader_hungyen", "officer_hungyen_police"},
}
SUBMIT = {
    "huunghi": {"officer_langson_customs", "reviewer_langson_customs", "admin_langson", "admin_national"},
    "hungyen": {"officer_hungyen_police", "admin_national"},
}
OFFICE = {
    "huunghi": {"admin_national", "analyst_national", "admin_langson", "analyst_langson"},
    "hungyen": {"admin_national", "analyst_national"},
}
VERSION_VIEW = NATIONAL | LANGSON_COMMITTEE
EVERYONE = set(PERSONAS) - {"anonymous"}


@dataclass
class World:
    tree: object
    drafts: dict
    sent: dict
    version: object


@pytest.fixture
def world(tree) -> World:
    schedule(tree)
    drafts = {
        "huunghi": submission(tree),
        "hungyen": submission(tree, unit="police_hungyen", officer="officer_hungyen_police"),
    }
    feb = periods.month(2025, 2)
    sent = {
        "huunghi": submission(tree, period=feb, status="submitted"),
        "hungyen": submission(
            tree, unit="police_hungyen", officer="officer_hungyen_police", period=feb, status="submitted"
        ),
    }
    return World(tree, drafts, sent, version(tree))


@dataclass(frozen=True)
class Route:
    targets: tuple
    request: Callable  # (world, name) -> (path, body)
    expect: Callable  # (persona, name) -> status


def _read(viewers: Callable) -> Callable:
    return lambda persona, name: 200 if persona in viewers(name) else 404


def _act(viewers: Callable, actors: Callable, ok: int = 200) -> Callable:
    def expect(persona, name):
        if persona not in viewers(name):
            return 404
        return ok if persona in actors(name) else 403

    return expect


def _only(allowed: set, ok: int) -> Callable:
    return lambda persona, name: ok if persona in allowed else 403


def _open(persona, name) -> int:
    return 200


NONE = (None,)
BOTH = ("huunghi", "hungyen")
R = "/api/v1/reports"

ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/api/v1/reports/schedules"): Route(NONE, lambda w, n: (f"{R}/schedules", None), _open),
    ("POST", "/api/v1/reports/schedules"): Route(
        NONE,
        lambda w, n: (
            f"{R}/schedules",
            {"unit": w.tree.units["customs_huunghi"].pk, "starts_on": "2026-01-01"},
        ),
        _only(OFFICE["huunghi"], 201),
    ),
    ("GET", "/api/v1/reports/submissions"): Route(NONE, lambda w, n: (f"{R}/submissions", None), _open),
    ("POST", "/api/v1/reports/submissions"): Route(
        NONE,
        lambda w, n: (
            f"{R}/submissions",
            {
                "unit": w.tree.units["customs_huunghi"].pk,
                "from": "2025-03-01",
                "to": "2025-03-31",
                "figures": FIGURES,
            },
        ),
        _only(SUBMIT["huunghi"], 201),
    ),
    ("GET", "/api/v1/reports/submissions/{submission_id}"): Route(
        BOTH, lambda w, n: (f"{R}/submissions/{w.drafts[n].pk}", None), _read(VIEW.get)
    ),
    ("POST", "/api/v1/reports/submissions/{submission_id}/submit"): Route(
        BOTH, lambda w, n: (f"{R}/submissions/{w.drafts[n].pk}/submit", {}), _act(VIEW.get, SUBMIT.get)
    ),
    ("POST", "/api/v1/reports/submissions/{submission_id}/approve"): Route(
        BOTH, lambda w, n: (f"{R}/submissions/{w.sent[n].pk}/approve", {}), _act(VIEW.get, OFFICE.get)
    ),
    ("POST", "/api/v1/reports/submissions/{submission_id}/return"): Route(
        BOTH,
        lambda w, n: (f"{R}/submissions/{w.sent[n].pk}/return", {"comment": "Thiếu số liệu"}),
        _act(VIEW.get, OFFICE.get),
    ),
    ("GET", "/api/v1/reports/completeness"): Route(
        NONE, lambda w, n: (f"{R}/completeness?date_from=2025-01-01&date_to=2025-03-31", None), _open
    ),
    ("GET", "/api/v1/reports/versions"): Route(NONE, lambda w, n: (f"{R}/versions", None), _open),
    ("POST", "/api/v1/reports/versions"): Route(
        NONE,
        lambda w, n: (
            f"{R}/versions",
            {"committee": w.tree.committees["langson"].pk, "from": "2025-01-01", "to": "2025-01-31"},
        ),
        _only(LANGSON_COMMITTEE, 201),
    ),
    ("GET", "/api/v1/reports/versions/{version_id}"): Route(
        NONE, lambda w, n: (f"{R}/versions/{w.version.pk}", None), _read(lambda n: VERSION_VIEW)
    ),
    ("GET", "/api/v1/reports/versions/{version_id}/diff"): Route(
        NONE, lambda w, n: (f"{R}/versions/{w.version.pk}/diff", None), _read(lambda n: VERSION_VIEW)
    ),
}


def test_the_matrix_names_every_reports_route():
    from sc389.api.api import api

    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    routes = {
        (m.upper(), p) for p, ops in doc["paths"].items() for m in ops if p.startswith("/api/v1/reports")
    }
    assert routes == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_by_persona_and_object(route, world, call):
    spec = ROUTES[route]
    method = route[0]
    wrong = []
    for persona in PERSONAS:
        for name in spec.targets:
            path, body = spec.request(world, name)
            with transaction.atomic():
                response = call(persona, method, path, body)
                transaction.set_rollback(True)
            want = 401 if persona == "anonymous" else spec.expect(persona, name)
            if response.status_code != want:
                wrong.append(
                    f"{persona} {method} {path} [{name}]: {response.status_code} != {want} "
                    f"{response.content[:160]}"
                )
            elif response.status_code >= 400:
                assert {"code", "message", "field", "errors"} <= set(response.json())
    assert wrong == []


@pytest.mark.parametrize("persona", sorted(EVERYONE))
def test_lists_show_exactly_the_scope(persona, world, call):
    ids = {s.pk: (n, "draft") for n, s in world.drafts.items()} | {
        s.pk: (n, "sent") for n, s in world.sent.items()
    }
    got = {ids[row["id"]] for row in call(persona, "GET", "/reports/submissions").json()}
    assert got == {(n, kind) for n in BOTH for kind in ("draft", "sent") if persona in VIEW[n]}
    versions = [row["id"] for row in call(persona, "GET", "/reports/versions").json()]
    assert versions == ([world.version.pk] if persona in VERSION_VIEW else [])
    expected = call(
        persona, "GET", "/reports/completeness", query={"date_from": "2025-01-01", "date_to": "2025-02-28"}
    )
    units = {row["unit"] for row in expected.json()}
    assert units == ({"HQ-HN"} if persona in VIEW["huunghi"] else set())


def test_bad_figures_and_bad_reupload_answer_400_and_409(world, call):
    body = {
        "unit": world.tree.units["customs_huunghi"].pk,
        "from": "2025-01-01",
        "to": "2025-01-31",
        "figures": {"cases_detected": {"smuggling": 3}},
    }
    response = call("officer_langson_customs", "POST", "/reports/submissions", body)
    assert response.status_code == 400 and response.json()["code"] == "total_required"
    body |= {"from": "2025-02-01", "to": "2025-02-28", "figures": FIGURES}
    response = call("officer_langson_customs", "POST", "/reports/submissions", body)
    assert response.status_code == 409 and response.json()["code"] == "submission_locked"
    body |= {"from": "2025-01-01", "to": "2025-01-31"}
    response = call("officer_langson_customs", "POST", "/reports/submissions", body)
    assert response.status_code == 200 and response.json()["figures"] == FIGURES
