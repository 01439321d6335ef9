"""The hotspots route × every persona: every signed-in user gets the hotspots of the cases they may see
(core.access on Case), nobody signed out gets any. Route: "/api/v1/hotspots"."""

import datetime as dt

from sc389.cases.models import Case
from sc389.core import access

from ..orgtree import PERSONAS

AS_OF = dt.date(2026, 6, 30)


def test_route_by_persona(tree, make_case, call):
    # given: three cases in Đồng Đăng (Lạng Sơn) and three in a Cao Bằng commune, all recent
    for days in (1, 5, 9):
        make_case(detected_on=AS_OF - dt.timedelta(days=days))
        make_case(
            detected_on=AS_OF - dt.timedelta(days=days),
            officer="officer_caobang_bp",
            unit="bp_caobang",
            place=tree.provinces["caobang"].children.filter(level="commune", valid_to__isnull=True).first(),
        )
    wrong = []
    for persona in [*PERSONAS, "anonymous"]:
        response = call(
            persona, "GET", "/api/v1/hotspots", query={"as_of": AS_OF.isoformat(), "steady": "true"}
        )
        if persona == "anonymous":
            if response.status_code != 401:
                wrong.append(f"{persona}: {response.status_code}")
            continue
        seen = access.scope(Case.objects.all(), user=tree.users[persona])
        expected = {c.commune_id for c in seen}
        got = {i["key"] for i in response.json()["items"] if i["kind"] == "commune"}
        if response.status_code != 200 or got != {f"c{pk}" for pk in expected}:
            wrong.append(f"{persona}: {response.status_code} {sorted(got)} != {sorted(expected)}")
    assert wrong == []


def test_bad_filter_is_a_400(tree, call):
    response = call("leader_national", "GET", "/api/v1/hotspots", query={"window": 45})
    assert response.status_code == 400 and response.json()["field"] == "window"


def test_the_route_takes_a_fixed_number_of_queries(tree, make_case, call, django_assert_max_num_queries):
    for days in range(1, 40, 3):
        make_case(
            detected_on=AS_OF - dt.timedelta(days=days), channel="trail", place_text=f"Lối mở {days % 4}"
        )
    with django_assert_max_num_queries(8):
        response = call("leader_langson", "GET", "/api/v1/hotspots", query={"as_of": AS_OF.isoformat()})
    assert response.status_code == 200 and response.json()["items"]
