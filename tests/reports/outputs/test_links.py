"""Which counts link to the case list, and with which filters: only where the list selects exactly the cases
the figure counts."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sc389.reports import periods
from sc389.reports.indicators import Area
from sc389.reports.views_links import CaseLinks

pytestmark = pytest.mark.django_db

P = periods.first_months(2020, 10)


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_detected_total_of_a_province_links_with_dates_and_province(org):
    links = CaseLinks(area=Area("province", org.provinces["langson"]), period=P, by=None)
    assert query(links.total("cases_detected")) == {
        "date_from": "2020-01-01",
        "date_to": "2020-10-31",
        "province": str(org.provinces["langson"].pk),
    }


@pytest.mark.parametrize("code", ["cases_handled", "admin_penalty_cases", "prosecuted_cases", "fines_vnd"])
def test_figures_the_list_cannot_select_do_not_link(org, code):
    links = CaseLinks(area=Area("national"), period=P, by="category")
    assert links.total(code) is None and links.row(code, "smuggling") is None


def test_month_rows_link_to_the_month_inside_the_period(org):
    period = periods.date_range(P.start.replace(month=3, day=15), P.end)
    links = CaseLinks(area=Area("national"), period=period, by="month")
    assert query(links.row("cases_detected", "2020-03")) == {
        "date_from": "2020-03-15",
        "date_to": "2020-03-31",
    }


def test_province_rows_link_by_the_province_id(org):
    ls = org.provinces["langson"]
    links = CaseLinks(area=Area("national"), period=P, by="province", row_keys=[ls.code])
    assert query(links.row("cases_detected", ls.code))["province"] == str(ls.pk)


@pytest.mark.parametrize("by", ["commune", "force", "unit"])
def test_rows_the_list_cannot_select_do_not_link(org, by):
    links = CaseLinks(area=Area("national"), period=P, by=by)
    assert links.row("cases_detected", "anything") is None


def test_a_commune_report_does_not_link(org):
    links = CaseLinks(area=Area("commune", org.communes["dongdang"]), period=P, by=None)
    assert links.total("cases_detected") is None


def test_no_links_when_submissions_stand_in_for_cases(org):
    links = CaseLinks(area=Area("national"), period=P, by="category", enabled=False)
    assert links.total("cases_detected") is None and links.row("cases_detected", "smuggling") is None
