"""Every coordination API route × every persona × every object of the matrix (tests/coordination/matrix.py).

Each call runs in a rolled-back transaction, so every persona meets the same world. Anonymous callers get 401.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from .matrix import (
    BULLETIN_AUTHOR_SIDE,
    BULLETIN_EDITORS,
    BULLETIN_VIEWERS,
    BULLETINS,
    GROUP_MANAGERS,
    GROUP_VIEWERS,
    HUUNGHI,
    LS_CASE_VIEWERS,
    NATIONAL,
    NETWORK_VIEWERS,
    PERSONA_NAMES,
    PNG,
    REQUEST_SIDES,
    REQUEST_VIEWERS,
    REQUESTS,
)


@dataclass(frozen=True)
class Route:
    targets: Callable  # world -> list of object names ([None] for routes without an object)
    request: Callable  # (world, name) -> (path, body)
    expect: Callable  # (persona, name) -> status
    multipart: bool = False  # the body is sent as a multipart form (files are made fresh for each call)


def _bulletin(w, n):
    return f"/api/v1/coordination/bulletins/{w.bulletins[n].pk}"


def _request(w, n):
    return f"/api/v1/coordination/requests/{w.requests[n].pk}"


def _read(viewers: Callable) -> Callable:
    return lambda persona, name: 200 if persona in viewers(name) else 404


def _act(viewers: Callable, allowed: Callable, ok: int = 200) -> Callable:
    """ok for who may act; 403 for who sees it but may not; 404 for who does not see it."""

    def expect(persona, name):
        if persona not in viewers(name):
            return 404
        return ok if persona in allowed(name) else 403

    return expect


def _create(allowed: set, ok: int = 201, refused: int = 403) -> Callable:
    return lambda persona, name: ok if persona in allowed else refused


def _recipient(name) -> set:
    return BULLETIN_VIEWERS[name] - BULLETIN_AUTHOR_SIDE[name]


def _receipts_readers(name) -> set:
    return BULLETIN_VIEWERS[name] & (BULLETIN_AUTHOR_SIDE[name] | NATIONAL)


def _side(side: str) -> Callable:
    return lambda name: REQUEST_SIDES[name][side]


def _any_side(name) -> set:
    return set().union(*REQUEST_SIDES[name].values())


def _accept(persona, name):
    if persona not in REQUEST_VIEWERS[name]:
        return 404
    if persona not in REQUEST_SIDES[name]["to"]:
        return 403
    return 200 if REQUESTS[name][3] == "take_over_case" else 400


def _escalate(persona, name):
    """Parties escalate; the open, not yet overdue requests answer 400; the one escalated to Cao Bằng goes on
    to the national committee."""
    if persona not in REQUEST_VIEWERS[name]:
        return 404
    parties = REQUEST_SIDES[name]["from"] | REQUEST_SIDES[name]["committee"] | NATIONAL
    if persona not in parties:
        return 403
    return 200 if name == "escalated" else 400


def _upload(w, n):
    return (
        f"{_request(w, n)}/replies/upload",
        {"body": "Ảnh xe tại chốt", "files": SimpleUploadedFile("xe.png", PNG, content_type="image/png")},
    )


BULLETIN_NAMES = lambda w: sorted(BULLETINS)  # noqa: E731  # noqa: E731
REQUEST_NAMES = lambda w: sorted(REQUESTS)  # noqa: E731
NONE = lambda w: [None]  # noqa: E731
ALL = set(PERSONA_NAMES) - {"anonymous"}

ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/api/v1/coordination/bulletins"): Route(
        NONE, lambda w, n: ("/api/v1/coordination/bulletins", None), _create(ALL, ok=200)
    ),
    ("POST", "/api/v1/coordination/bulletins"): Route(
        NONE,
        lambda w, n: (
            "/api/v1/coordination/bulletins",
            {
                "author_unit": w.tree.units["customs_huunghi"].pk,
                "title": "Cảnh báo mới",
                "body": "Nội dung",
                "distributions": [
                    {"kind": "own_unit"},
                    {"kind": "provinces", "province": w.tree.provinces["caobang"].pk},
                ],
                "entities": [{"kind": "vehicle", "label": "12C-123.45"}],
            },
        ),
        _create(HUUNGHI),
    ),
    ("GET", "/api/v1/coordination/bulletins/{bulletin_id}"): Route(
        BULLETIN_NAMES, lambda w, n: (_bulletin(w, n), None), _read(BULLETIN_VIEWERS.get)
    ),
    ("PUT", "/api/v1/coordination/bulletins/{bulletin_id}"): Route(
        BULLETIN_NAMES,
        lambda w, n: (_bulletin(w, n), {"title": "Cảnh báo đính chính", "body": "Nội dung đã sửa"}),
        _act(BULLETIN_VIEWERS.get, BULLETIN_EDITORS.get),
    ),
    ("POST", "/api/v1/coordination/bulletins/{bulletin_id}/withdraw"): Route(
        BULLETIN_NAMES,
        lambda w, n: (f"{_bulletin(w, n)}/withdraw", {"reason": "Thông tin chưa chính xác"}),
        _act(BULLETIN_VIEWERS.get, BULLETIN_EDITORS.get),
    ),
    ("POST", "/api/v1/coordination/bulletins/{bulletin_id}/acknowledge"): Route(
        BULLETIN_NAMES,
        lambda w, n: (f"{_bulletin(w, n)}/acknowledge", {}),
        _act(BULLETIN_VIEWERS.get, _recipient),
    ),
    ("POST", "/api/v1/coordination/bulletins/{bulletin_id}/action"): Route(
        BULLETIN_NAMES,
        lambda w, n: (f"{_bulletin(w, n)}/action", {"action_taken": "Đã lập chốt chặn"}),
        _act(BULLETIN_VIEWERS.get, _recipient),
    ),
    ("GET", "/api/v1/coordination/bulletins/{bulletin_id}/receipts"): Route(
        BULLETIN_NAMES,
        lambda w, n: (f"{_bulletin(w, n)}/receipts", None),
        _act(BULLETIN_VIEWERS.get, _receipts_readers),
    ),
    ("GET", "/api/v1/coordination/groups"): Route(
        NONE, lambda w, n: ("/api/v1/coordination/groups", None), _create(ALL, ok=200)
    ),
    ("POST", "/api/v1/coordination/groups"): Route(
        NONE,
        lambda w, n: (
            "/api/v1/coordination/groups",
            {
                "owner_committee": w.tree.committees["langson"].pk,
                "name": "Nhóm mới",
                "units": [w.tree.units["bp_langson"].pk],
            },
        ),
        _create(GROUP_MANAGERS),
    ),
    ("GET", "/api/v1/coordination/groups/{group_id}"): Route(
        lambda w: ["north"],
        lambda w, n: (f"/api/v1/coordination/groups/{w.group.pk}", None),
        _read(lambda n: GROUP_VIEWERS),
    ),
    ("PUT", "/api/v1/coordination/groups/{group_id}/members"): Route(
        lambda w: ["north"],
        lambda w, n: (
            f"/api/v1/coordination/groups/{w.group.pk}/members",
            {"units": [w.tree.units["bp_langson"].pk]},
        ),
        _act(lambda n: GROUP_VIEWERS, lambda n: GROUP_MANAGERS),
    ),
    ("GET", "/api/v1/coordination/requests"): Route(
        NONE, lambda w, n: ("/api/v1/coordination/requests", None), _create(ALL, ok=200)
    ),
    ("POST", "/api/v1/coordination/requests"): Route(
        NONE,
        lambda w, n: (
            "/api/v1/coordination/requests",
            {
                "kind": "join_operation",
                "from_unit": w.tree.units["customs_huunghi"].pk,
                "to_unit": w.tree.units["bp_langson"].pk,
                "subject": "Phối hợp chốt chặn",
                "deadline": "2099-01-01",
            },
        ),
        _create(HUUNGHI),
    ),
    ("GET", "/api/v1/coordination/requests/{request_id}"): Route(
        REQUEST_NAMES, lambda w, n: (_request(w, n), None), _read(REQUEST_VIEWERS.get)
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/replies"): Route(
        REQUEST_NAMES,
        lambda w, n: (f"{_request(w, n)}/replies", {"body": "Đã xác minh"}),
        _act(REQUEST_VIEWERS.get, _any_side, ok=201),
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/replies/upload"): Route(
        REQUEST_NAMES, _upload, _act(REQUEST_VIEWERS.get, _any_side, ok=201), multipart=True
    ),
    ("GET", "/api/v1/coordination/requests/{request_id}/attachments/{attachment_id}"): Route(
        lambda w: ["verify"],
        lambda w, n: (f"{_request(w, n)}/attachments/{w.attachment.pk}", None),
        _read(REQUEST_VIEWERS.get),
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/escalate"): Route(
        REQUEST_NAMES, lambda w, n: (f"{_request(w, n)}/escalate", {"reason": "Quá hạn"}), _escalate
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/decline"): Route(
        REQUEST_NAMES,
        lambda w, n: (f"{_request(w, n)}/decline", {"reason": "Ngoài địa bàn"}),
        _act(REQUEST_VIEWERS.get, _side("to")),
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/close"): Route(
        REQUEST_NAMES, lambda w, n: (f"{_request(w, n)}/close", {}), _act(REQUEST_VIEWERS.get, _side("from"))
    ),
    ("POST", "/api/v1/coordination/requests/{request_id}/accept"): Route(
        REQUEST_NAMES, lambda w, n: (f"{_request(w, n)}/accept", {}), _accept
    ),
    ("GET", "/api/v1/coordination/networks"): Route(
        NONE, lambda w, n: ("/api/v1/coordination/networks", None), _create(ALL, ok=200)
    ),
    ("POST", "/api/v1/coordination/networks"): Route(
        NONE,
        lambda w, n: (
            "/api/v1/coordination/networks",
            {"name": "Đường dây mới", "cases": [w.cases["ls_case"].pk]},
        ),
        _create(LS_CASE_VIEWERS, refused=400),
    ),
    ("GET", "/api/v1/coordination/networks/{network_id}"): Route(
        lambda w: ["network"],
        lambda w, n: (f"/api/v1/coordination/networks/{w.network.pk}", None),
        _read(lambda n: NETWORK_VIEWERS),
    ),
    ("POST", "/api/v1/coordination/networks/{network_id}/cases"): Route(
        lambda w: ["network"],
        lambda w, n: (f"/api/v1/coordination/networks/{w.network.pk}/cases", {"case": w.cases["ls_case"].pk}),
        lambda persona, n: (
            404 if persona not in NETWORK_VIEWERS else (201 if persona in LS_CASE_VIEWERS else 400)
        ),
    ),
    ("GET", "/api/v1/coordination/search"): Route(
        NONE, lambda w, n: ("/api/v1/coordination/search?q=ga+thai", None), _create(ALL, ok=200)
    ),
}


def _multipart(call, persona, path, body):
    headers = {} if persona == "anonymous" else {"Authorization": f"Bearer {call.tokens[persona]}"}
    return call.client.post(path, body, headers=headers)


def test_the_matrix_names_every_coordination_route():
    from sc389.api.api import api

    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    routes = {
        (m.upper(), p) for p, ops in doc["paths"].items() for m in ops if p.startswith("/api/v1/coordination")
    }
    assert routes == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_by_persona_and_object(route, world, call):
    spec = ROUTES[route]
    method = route[0]
    wrong = []
    for persona in PERSONA_NAMES:
        for name in spec.targets(world):
            path, body = spec.request(world, name)
            with transaction.atomic():
                if spec.multipart:
                    response = _multipart(call, persona, path, spec.request(world, name)[1])
                else:
                    response = call(persona, method, path, body)
                transaction.set_rollback(True)
            want = 401 if persona == "anonymous" else spec.expect(persona, name)
            if response.status_code != want:
                wrong.append(
                    f"{persona} {method} {path} [{name}]: {response.status_code} != {want} {response.content[:120]}"
                )
            elif response.status_code >= 400:
                assert {"code", "message", "field", "errors"} <= set(response.json())
    assert wrong == []


@pytest.mark.parametrize("persona", sorted(set(PERSONA_NAMES) - {"anonymous"}))
def test_lists_and_search_return_exactly_what_was_shared(persona, world, call):
    bulletin_ids = {b.pk: n for n, b in world.bulletins.items()}
    request_ids = {r.pk: n for n, r in world.requests.items()}
    # bulletins
    got = {bulletin_ids[row["id"]] for row in call(persona, "GET", "/coordination/bulletins").json()}
    assert got == {n for n, viewers in BULLETIN_VIEWERS.items() if persona in viewers}
    # requests
    got = {request_ids[row["id"]] for row in call(persona, "GET", "/coordination/requests").json()}
    assert got == {n for n, viewers in REQUEST_VIEWERS.items() if persona in viewers}
    # search, diacritics folded: "ga thai" finds "Gà thải", "xac minh" finds "xác minh"
    body = call(persona, "GET", "/coordination/search", query={"q": "ga thai"}).json()
    assert {bulletin_ids[row["id"]] for row in body["bulletins"]} == {
        n for n, viewers in BULLETIN_VIEWERS.items() if persona in viewers
    }
    body = call(persona, "GET", "/coordination/search", query={"q": "XAC MINH"}).json()
    assert {request_ids[row["id"]] for row in body["requests"]} == {
        n for n, viewers in REQUEST_VIEWERS.items() if persona in viewers
    }
    # one bulletin by its own word
    body = call(persona, "GET", "/coordination/search", query={"q": "mã ownunit"}).json()
    assert {bulletin_ids[row["id"]] for row in body["bulletins"]} == (
        {"own_unit"} if persona in BULLETIN_VIEWERS["own_unit"] else set()
    )
    # groups: the list shows the group to its viewers; members only to its managers
    groups = call(persona, "GET", "/coordination/groups").json()
    assert [g["id"] for g in groups] == ([world.group.pk] if persona in GROUP_VIEWERS else [])
    for g in groups:
        assert (g["members"] is not None) == (persona in GROUP_MANAGERS)
    # networks
    networks = call(persona, "GET", "/coordination/networks").json()
    assert [n["id"] for n in networks] == ([world.network.pk] if persona in NETWORK_VIEWERS else [])


@pytest.mark.parametrize("persona", sorted(NETWORK_VIEWERS))
def test_network_timeline_hides_the_cases_a_persona_may_not_see(persona, world, call):
    body = call(persona, "GET", f"/coordination/networks/{world.network.pk}").json()
    shown = {e["case"]["reference"] for e in body["timeline"] if e["case"]}
    hidden = [e for e in body["timeline"] if e["case"] is None]
    expected = set()
    if persona in LS_CASE_VIEWERS:
        expected.add(world.cases["ls_case"].reference)
    if persona in {"leader_caobang", "officer_caobang_bp"} | NATIONAL:
        expected.add(world.cases["cb_case"].reference)
    assert shown == expected
    assert len(hidden) == 2 - len(expected)
    assert all(set(e) == {"day", "event", "province", "case"} for e in hidden)
    assert [e["day"] for e in body["timeline"]] == sorted(e["day"] for e in body["timeline"])
