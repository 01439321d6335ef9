"""Peak campaigns declared in `direction` are periods of the report page, through the registry in reports.periods
(reports sits below direction and never imports it; direction registers from its AppConfig.ready)."""

import datetime as dt

import pytest

from sc389.direction import services as direction
from sc389.reports.periods import named_periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(tree):
    national = direction.campaign_create(
        actor=tree.users["admin_national"],
        committee=tree.committees["national"],
        name="Tháng cao điểm chống buôn lậu",
        starts_on=dt.date(2025, 5, 15),
        ends_on=dt.date(2025, 6, 15),
    )
    hung_yen = direction.campaign_create(
        actor=tree.users["leader_hungyen"],
        committee=tree.committees["hungyen"],
        name="Cao điểm Hưng Yên",
        starts_on=dt.date(2025, 5, 17),
        ends_on=dt.date(2025, 10, 15),
    )
    return national, hung_yen


def test_the_report_page_offers_the_users_visible_campaigns(tree, campaigns, login):
    response = login("leader_langson").get("/reports/")
    offered = response.context["campaigns"]
    # Lạng Sơn sees the national campaign, named with its dates, and not Hưng Yên's
    assert offered == [("2025-05-15..2025-06-15", "Tháng cao điểm chống buôn lậu (15/5–15/6/2025)")]
    assert "Tháng cao điểm chống buôn lậu (15/5–15/6/2025)" in response.content.decode()
    labels = [n.label for n in named_periods(tree.users["leader_hungyen"])]
    assert labels == ["Cao điểm Hưng Yên (17/5–15/10/2025)", "Tháng cao điểm chống buôn lậu (15/5–15/6/2025)"]


def test_choosing_a_campaign_reports_over_its_dates(tree, campaigns, login, make_case):
    # given Lạng Sơn cases on the campaign's first and last days and one the day after
    for day in (dt.date(2025, 5, 15), dt.date(2025, 6, 15), dt.date(2025, 6, 16), dt.date(2025, 5, 14)):
        make_case(detected_on=day)
    client = login("leader_langson")
    query = {"area": "20", "kind": "campaign", "campaign": "2025-05-15..2025-06-15", "compare": "none"}
    response = client.get("/reports/", query)
    assert response.status_code == 200
    params = response.context["params"]
    # then the report covers exactly the campaign's dates, names it, and keeps it selected
    assert (params.period.start, params.period.end) == (dt.date(2025, 5, 15), dt.date(2025, 6, 15))
    assert response.context["report"].indicators["cases_detected"].value == 2
    assert response.context["campaign"].name == "Tháng cao điểm chống buôn lậu"
    body = response.content.decode()
    assert 'value="2025-05-15..2025-06-15" selected' in body
    # and the exports and drill links carry the campaign
    assert "campaign=2025-05-15..2025-06-15" in params.query()
    xlsx = client.get("/reports/export.xlsx", query)
    assert xlsx.status_code == 200


def test_a_campaign_without_dates_is_an_error_not_a_crash(tree, login):
    response = login("leader_langson").get("/reports/", {"area": "20", "kind": "campaign"})
    assert response.status_code == 400
    assert "đợt cao điểm" in response.content.decode().lower()
