"""The home page per role: figures for leaders and analysts, cases for officers, and the attention sections
that show "none" until another app registers a source."""

import datetime as dt

import pytest
from django.urls import reverse

from sc389.cases import services as cases
from sc389.reports import dashboard
from sc389.reports.dashboard import AttentionItem, dashboard_panels

pytestmark = pytest.mark.django_db

TODAY = dt.date(2020, 10, 31)


@pytest.fixture
def login(client, tree):
    def sign_in(persona: str):
        client.force_login(tree.users[persona])
        return client

    return sign_in


def keys(user) -> list[str]:
    return [panel.key for panel, _ in dashboard_panels(user=user, today=TODAY)]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("leader_national", ["figures", "attention"]),
        ("analyst_langson", ["figures", "attention"]),
        ("staff_commune_a", ["figures", "attention"]),
        ("officer_langson_customs", ["cases", "attention"]),
        ("reviewer_langson_customs", ["cases", "attention"]),
        ("admin_langson", ["figures", "attention"]),
    ],
)
def test_panels_follow_the_role(tree, persona, expected):
    assert keys(tree.users[persona]) == expected


def test_leader_sees_year_to_date_against_the_same_period(tree, make_case):
    # given: one case handled this year to date and two in the same dates of last year, in Lạng Sơn
    admin = tree.users["admin_national"]
    for day in (dt.date(2020, 3, 2), dt.date(2019, 3, 2), dt.date(2019, 4, 5)):
        case = make_case(detected_on=day)
        cases.outcome_add(case=case, actor=admin, kind="penalty", number="1/QĐ", decided_on=day, fine_vnd=1)
    # when
    (panel, context), *_ = dashboard_panels(user=tree.users["leader_langson"], today=TODAY)
    # then
    assert panel.key == "figures" and context["area"].code == "20"
    handled = next(h for h in context["headline"] if h["label"] == "Số vụ xử lý")["c"]
    assert (handled.value, handled.compare_value, float(handled.ratio_pct)) == (1, 2, 50.0)
    assert context["trend"].svg().startswith("<svg")
    assert [t["c"].value for t in context["top"]] == [1]


def test_officer_sees_the_open_cases_of_the_unit(tree, make_case):
    mine = make_case(detected_on=dt.date(2020, 5, 1))
    make_case(officer="officer_hungyen_police", unit="police_hungyen", place=tree.communes["hungyen_ward"])
    panels = dict(dashboard_panels(user=tree.users["officer_langson_customs"], today=TODAY))
    context = next(c for p, c in panels.items() if p.key == "cases")
    assert context["open_count"] == 1
    assert [c.pk for c in context["recent"]] == [mine.pk]


def test_attention_says_none_until_a_source_is_registered(tree, login):
    html = login("leader_langson").get(reverse("reports:dashboard")).content.decode()
    assert html.count('data-section="missing_submissions"') == 1
    assert 'class="muted" data-section="overdue">Không có' in html

    def overdue(*, user, today):
        return [AttentionItem("Kế hoạch 12/KH chưa báo cáo", href="/direction/", due=dt.date(2020, 10, 1))]

    dashboard.attention_register("overdue", overdue)
    try:
        html = login("leader_langson").get(reverse("reports:dashboard")).content.decode()
    finally:
        dashboard.attention_unregister("overdue", overdue)
    assert "Kế hoạch 12/KH chưa báo cáo" in html and "01/10/2020" in html


def test_home_opens_the_dashboard(login):
    response = login("officer_langson_customs").get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:dashboard")
    assert response.status_code == 200


def test_dashboard_requires_login(client, db):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
