"""Every route × every persona × every case of the matrix: the API shows and changes exactly what scope allows."""

from pathlib import Path

import pytest
from django.db import transaction

from sc389.api.api import api

from ..cases.matrix import MATRIX, build_cases
from .matrix import CREATE_TEMPLATES, ENDPOINTS, World, build_world, expected

# The case register's routes are checked here; every other app's routes in tests/<app>/test_api_matrix.py.
CASE_REGISTER_PREFIXES = ("/api/v1/cases", "/api/v1/reference")


def api_routes() -> set[tuple[str, str]]:
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    return {(method.upper(), path) for path, ops in doc["paths"].items() for method in ops}


def test_every_route_is_in_the_matrix(db):
    """A new endpoint cannot be added without saying who may call it (and being called here)."""
    routes = {r for r in api_routes() if r[1].startswith(CASE_REGISTER_PREFIXES)}
    assert routes - set(ENDPOINTS) == set(), "routes missing from tests/api/matrix.py"
    assert set(ENDPOINTS) - routes == set(), "matrix entries for routes that no longer exist"


def test_every_other_route_has_an_access_matrix(db):
    """Each app's routes appear in that app's own matrix test, tests/<app>/test_api_matrix.py."""
    tests_dir = Path(__file__).resolve().parent.parent
    missing = []
    for method, path in sorted(api_routes()):
        if path.startswith(CASE_REGISTER_PREFIXES):
            continue
        app = path.removeprefix("/api/v1/").split("/")[0]
        matrix = tests_dir / app / "test_api_matrix.py"
        if not matrix.exists() or f'"{path}"' not in matrix.read_text():
            missing.append(f"{method} {path} (expected in tests/{app}/test_api_matrix.py)")
    assert missing == []


# The detail read and update are checked on every case for every persona; the other routes on one case of each
# kind of access a persona has (may change / may only view / may not view), which covers all their outcomes.
EVERY_CASE = {("GET", "/api/v1/cases/{case_id}"), ("PATCH", "/api/v1/cases/{case_id}")}


def targets(route, endpoint, names: list[str], may_view: set, may_change: set) -> list:
    if endpoint.kind == "open":
        return [None]
    if endpoint.kind == "create":
        return list(CREATE_TEMPLATES)
    if route in EVERY_CASE:
        return names
    kinds = (
        [n for n in names if n in may_change],
        [n for n in names if n in may_view and n not in may_change],
        [n for n in names if n not in may_view],
    )
    return [group[0] for group in kinds if group]


@pytest.mark.parametrize("route", sorted(ENDPOINTS), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_by_persona_and_case(route, tree, call):
    # given: the matrix cases, each with goods, a party, outcomes, a merge to undo and a twin to merge
    endpoint = ENDPOINTS[route]
    world = World(tree=tree, cases={}) if endpoint.kind == "open" else build_world(tree)
    method = route[0]
    # when: every persona calls it (on every case, or on one case of each kind of access the persona has),
    # each call rolled back so the next one sees the same world
    wrong = []
    for persona, (may_view, may_change) in sorted(MATRIX.items()):
        for name in targets(route, endpoint, sorted(world.cases), may_view, may_change):
            path, body = endpoint.request(world, name)
            with transaction.atomic():
                response = call(persona, method, path, body)
                transaction.set_rollback(True)
            want = expected(endpoint, persona, name, may_view, may_change)
            if response.status_code != want:
                wrong.append(f"{persona} {method} {path} [{name}]: {response.status_code} != {want}")
            elif response.status_code >= 400:
                assert {"code", "message", "field", "errors"} <= set(response.json())
    # then
    assert wrong == []


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_list_returns_exactly_the_visible_cases(persona, tree, call):
    cases = build_cases(tree)
    names = {case.pk: name for name, case in cases.items()}
    may_view, _may_change = MATRIX[persona]
    response = call(persona, "GET", "/cases", query={"limit": 500})
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert {names[item["id"]] for item in response.json()["items"]} == may_view
