"""Which filters each figure's link carries (the counts they give are walked in tests/reports/test_links.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sc389.reports import periods
from sc389.reports.indicators import Area
from sc389.reports.sources import Plan, Source
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


@pytest.mark.parametrize(
    "code,prefix",
    [
        ("cases_handled", "handled"),
        ("admin_penalty_cases", "penalty"),
        ("fines_vnd", "penalty"),
        ("prosecuted_cases", "prosecution"),
        ("defendants", "prosecution"),
        ("budget_remitted_vnd", "remitted"),
    ],
)
def test_each_indicator_links_on_its_own_date(org, code, prefix):
    links = CaseLinks(area=Area("national"), period=P, by="category", row_keys=["smuggling"])
    assert query(links.total(code)) == {f"{prefix}_from": "2020-01-01", f"{prefix}_to": "2020-10-31"}
    assert query(links.row(code, "smuggling"))["category"] == "smuggling"


def test_month_rows_link_to_the_month_inside_the_period(org):
    period = periods.date_range(P.start.replace(month=3, day=15), P.end)
    links = CaseLinks(area=Area("national"), period=period, by="month")
    assert query(links.row("cases_detected", "2020-03")) == {
        "date_from": "2020-03-15",
        "date_to": "2020-03-31",
    }
    # a case count by decisions counts a case in the month of its first decision of the period
    assert query(links.row("admin_penalty_cases", "2020-04")) == {
        "penalty_from": "2020-04-01",
        "penalty_to": "2020-04-30",
        "penalty_since": "2020-03-15",
    }


def test_province_rows_link_by_the_province_id(org):
    ls = org.provinces["langson"]
    links = CaseLinks(area=Area("national"), period=P, by="province", row_keys=[ls.code])
    assert query(links.row("cases_detected", ls.code))["province"] == str(ls.pk)


def test_unit_rows_link_to_the_lead_unit_only(org):
    unit = next(iter(org.units.values()))
    links = CaseLinks(area=Area("national"), period=P, by="unit", row_keys=[unit.code])
    assert {"unit": str(unit.pk), "lead_only": "on"}.items() <= query(
        links.row("cases_detected", unit.code)
    ).items()


def test_unknown_commune_rows_link_to_cases_without_a_commune(org):
    links = CaseLinks(
        area=Area("province", org.provinces["langson"]), period=P, by="commune", row_keys=[None]
    )
    assert query(links.row("cases_detected", None))["no_commune"] == "on"


def test_a_commune_report_links_with_its_commune(org):
    commune = org.communes["dongdang"]
    links = CaseLinks(area=Area("commune", commune), period=P, by=None)
    assert query(links.total("cases_detected"))["commune"] == str(commune.pk)


def test_no_links_where_submissions_stand_in_for_cases(org):
    unit = next(iter(org.units.values()))
    source = Source(
        submission_id=1,
        unit_id=unit.pk,
        unit_code=unit.code,
        unit_name=unit.name,
        force_code="customs",
        province_id=None,
        province_code=None,
        start=P.start,
        end=P.end,
        figures={},
        in_area=True,
        visible=True,
    )
    links = CaseLinks(
        area=Area("national"), period=P, by="category", row_keys=["smuggling"], plan=Plan([source])
    )
    assert links.total("cases_detected") is None and links.row("cases_detected", "smuggling") is None
    assert links.from_submissions()
