"""The access matrix over the web pages: for every persona and every case of tests/cases/matrix.py, each URL of
the cases app answers as the persona's right says (allowed: 200 or 302; outside scope: 404; anonymous: to login)."""

from dataclasses import dataclass

import pytest
from django.urls import get_resolver, reverse

from ..cases.matrix import MATRIX, build_cases
from .matrix import ADMINS, ORDER, WEB_MATRIX


@dataclass
class Ctx:
    tree: object


def test_every_cases_url_is_in_the_web_matrix():
    resolver = get_resolver()
    _ns, cases_resolver = resolver.namespace_dict["cases"]
    names = {p.name for p in cases_resolver.url_patterns}
    assert names == set(WEB_MATRIX), f"missing: {names - set(WEB_MATRIX)}, stale: {set(WEB_MATRIX) - names}"


def expected_status(rule: str, method: str, persona: str, case_name: str) -> int:
    may_view, may_change = MATRIX[persona]
    admin = persona in ADMINS
    if rule == "admin":  # the deleted-records page: administrators only
        return 200 if admin else 403
    if (
        rule == "administer"
    ):  # restore: administrators of the case's scope; outside it the record does not exist
        return (302 if case_name in may_change else 404) if admin else 403
    if rule == "delete":  # a closed case with outcomes: its administrators only; its officers are refused
        if case_name not in may_change:
            return 404
        return 302 if admin else 403
    allowed = {
        "login": True,
        "record": bool(may_change),
        "view": case_name in may_view,
        "change": case_name in may_change,
    }[rule]
    if not allowed:
        return 403 if rule == "record" else 404
    return 200 if method == "get" else 302


@pytest.mark.parametrize("persona", sorted(set(MATRIX) - {"anonymous"}))
def test_case_pages_follow_the_matrix(client, tree, persona):
    cases = build_cases(tree)
    client.force_login(tree.users[persona])
    ctx = Ctx(tree=tree)
    failures = []
    for case_name, case in cases.items():
        for name in ORDER:
            endpoint = WEB_MATRIX[name]
            if endpoint.rule in ("login", "record") and case_name != "huunghi":
                continue  # not about one case: once is enough
            method, url, data = endpoint.build(case, ctx)
            response = getattr(client, method)(url, data)
            want = expected_status(endpoint.rule, method, persona, case_name)
            if response.status_code != want:
                failures.append(f"{name} on {case_name}: {response.status_code}, expected {want}")
            elif want == 302 and endpoint.rule != "view":
                case.refresh_from_db()
    assert not failures, failures


@pytest.mark.parametrize("persona", sorted(set(MATRIX) - {"anonymous"}))
def test_list_shows_exactly_the_visible_cases(client, tree, persona):
    cases = build_cases(tree)
    names = {c.reference: n for n, c in cases.items()}
    client.force_login(tree.users[persona])
    response = client.get(reverse("cases:list"))
    shown = {names[c.reference] for c in response.context["rows"]}
    assert shown == MATRIX[persona][0]
    html = response.content.decode()
    for name, case in cases.items():
        assert (case.reference in html) == (name in MATRIX[persona][0])


def test_anonymous_is_sent_to_login_everywhere(client, tree):
    cases = build_cases(tree)
    ctx = Ctx(tree=tree)
    for name, endpoint in WEB_MATRIX.items():
        method, url, data = endpoint.build(cases["huunghi"], ctx)
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
