"""Every direction route × every persona × every object of the matrix: the API shows and changes exactly what
the tables in matrix.py allow (outside scope 404, visible but not allowed 403, anonymous 401)."""

import datetime as dt

import pytest
from django.db import transaction

from sc389.api.api import api
from sc389.core.access import principal

from . import matrix
from .matrix import MATRIX

PREFIX = "/api/v1/direction"
PERSONAS = sorted(MATRIX)

# Every route of the app, each named here with its quotes (a meta-test in tests/api checks it).
ROUTES = {
    ("GET", "/api/v1/direction/sessions"),
    ("POST", "/api/v1/direction/sessions"),
    ("GET", "/api/v1/direction/sessions/{session_id}"),
    ("GET", "/api/v1/direction/tasks"),
    ("POST", "/api/v1/direction/tasks"),
    ("GET", "/api/v1/direction/tasks/{task_id}"),
    ("POST", "/api/v1/direction/tasks/{task_id}/progress"),
    ("POST", "/api/v1/direction/tasks/{task_id}/progress/upload"),
    ("GET", "/api/v1/direction/tasks/{task_id}/updates/{update_id}/attachment"),
    ("GET", "/api/v1/direction/boards/{committee_id}"),
    ("GET", "/api/v1/direction/directives"),
    ("POST", "/api/v1/direction/directives"),
    ("GET", "/api/v1/direction/directives/{directive_id}"),
    ("GET", "/api/v1/direction/campaigns"),
    ("POST", "/api/v1/direction/campaigns"),
}


def test_every_route_is_in_this_matrix(db):
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    found = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops if p.startswith(PREFIX)}
    assert found == ROUTES


@pytest.fixture
def world(tree):
    return matrix.build(tree)


def _status(persona: str, allowed: bool, visible: bool = True) -> int:
    if persona == "anonymous":
        return 401
    if not visible:
        return 404
    return 200 if allowed else 403


def _run(call, calls) -> list[str]:
    """Each call rolled back so the next sees the same world; returns the mismatches."""
    wrong = []
    for persona, method, path, body, want in calls:
        with transaction.atomic():
            response = call(persona, method, path, body)
            transaction.set_rollback(True)
        if response.status_code != want:
            wrong.append(
                f"{persona} {method} {path}: {response.status_code} != {want} {response.content[:200]!r}"
            )
        elif response.status_code >= 400:
            assert {"code", "message", "field", "errors"} <= set(response.json())
    return wrong


def test_tasks_read_and_progress(world, call):
    # given the five tasks of the matrix; when every persona reads each and reports progress on each
    calls = []
    for persona in PERSONAS:
        view, change, _direct = MATRIX[persona]
        for name, task in world.tasks.items():
            calls.append(
                (persona, "GET", f"{PREFIX}/tasks/{task.pk}", None, _status(persona, True, name in view))
            )
            want = _status(persona, name in change, name in view)
            calls.append(
                (
                    persona,
                    "POST",
                    f"{PREFIX}/tasks/{task.pk}/progress",
                    {"text": "Đã triển khai", "percent": 40},
                    201 if want == 200 else want,
                )
            )
    # then each answer is the matrix's
    assert _run(call, calls) == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_hold_exactly_the_visible(persona, world, call):
    view, _change, _direct = MATRIX[persona]
    names = {t.pk: n for n, t in world.tasks.items()}
    lists = {
        "/tasks": (names, view),
        "/sessions": ({s.pk: n for n, s in world.sessions.items()}, matrix.sessions_visible(persona)),
        "/directives": ({d.pk: n for n, d in world.directives.items()}, matrix.directives_visible(persona)),
        "/campaigns": ({c.pk: n for n, c in world.campaigns.items()}, matrix.campaigns_visible(persona)),
    }
    for path, (by_id, want) in lists.items():
        response = call(persona, "GET", PREFIX + path)
        if persona == "anonymous":
            assert response.status_code == 401
            continue
        assert response.status_code == 200, path
        assert {by_id[row["id"]] for row in response.json()} == want, path


@pytest.mark.parametrize("persona", PERSONAS)
def test_mine_lists_the_units_tasks_only(persona, world, tree, call):
    if persona == "anonymous":
        return
    view, _change, _direct = MATRIX[persona]
    units = principal(tree.users[persona]).unit_ids
    response = call(persona, "GET", PREFIX + "/tasks", query={"mine": "true"})
    got = {row["assignee"]["id"] for row in response.json()}
    assert got <= set(units)
    assert len(response.json()) == len({n for n in view if world.tasks[n].assignee_id in units})


def test_details_of_sessions_directives_and_boards(world, tree, call):
    calls = []
    for persona in PERSONAS:
        _view, _change, direct = MATRIX[persona]
        for name, s in world.sessions.items():
            calls.append(
                (
                    persona,
                    "GET",
                    f"{PREFIX}/sessions/{s.pk}",
                    None,
                    _status(persona, True, name in matrix.sessions_visible(persona)),
                )
            )
        for name, d in world.directives.items():
            calls.append(
                (
                    persona,
                    "GET",
                    f"{PREFIX}/directives/{d.pk}",
                    None,
                    _status(persona, True, name in matrix.directives_visible(persona)),
                )
            )
        for key, committee in tree.committees.items():
            calls.append(
                (
                    persona,
                    "GET",
                    f"{PREFIX}/boards/{committee.pk}",
                    None,
                    _status(persona, True, key in direct),
                )
            )
    assert _run(call, calls) == []


def test_directive_lists_only_the_tasks_the_caller_may_see(world, call):
    # the national directive gave the Cao Bằng border post a task: its officer sees it, Lạng Sơn's qltt does not
    response = call("officer_caobang_bp", "GET", f"{PREFIX}/directives/{world.directives['nat'].pk}")
    assert [t["id"] for t in response.json()["tasks"]] == [world.tasks["nat_bp_cb"].pk]
    response = call("analyst_langson", "GET", f"{PREFIX}/directives/{world.directives['ls_plan'].pk}")
    assert [t["id"] for t in response.json()["tasks"]] == [world.tasks["ls_qltt"].pk]


def test_writes_by_committee(world, tree, call):
    # given every committee; when every persona tries to direct it; then only its staff (and the national admin) may
    day = dt.date(2025, 11, 3).isoformat()
    calls = []
    for persona in PERSONAS:
        _view, _change, direct = MATRIX[persona]
        for key, committee in tree.committees.items():
            want = 401 if persona == "anonymous" else (201 if key in direct else 403)
            bodies = {
                "/sessions": {
                    "committee": committee.pk,
                    "held_on": day,
                    "title": "Giao ban",
                    "conclusions": ["Một"],
                },
                "/tasks": {
                    "committee": committee.pk,
                    "assignee": tree.units["bp_langson"].pk,
                    "title": "Tuần tra",
                    "due_on": day,
                },
                "/directives": {
                    "committee": committee.pk,
                    "number": f"9/KH-{key}",
                    "issued_on": day,
                    "title": "KH",
                },
                "/campaigns": {
                    "committee": committee.pk,
                    "name": "Cao điểm",
                    "starts_on": "2025-05-15",
                    "ends_on": "2025-06-15",
                },
            }
            calls += [(persona, "POST", PREFIX + path, body, want) for path, body in bodies.items()]
    assert _run(call, calls) == []
