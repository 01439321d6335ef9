"""Periods and comparisons: same period of the previous year, previous period, campaigns, leap years, parsing."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sc389.reports import periods
from sc389.reports.compare import Compared, change_pct, ratio_pct
from sc389.reports.periods import Period

days = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2098, 12, 31))


@st.composite
def any_period(draw) -> Period:
    a, b = draw(days), draw(days)
    return Period(min(a, b), max(a, b))


@given(any_period())
def test_same_period_is_one_year_earlier(p):
    before = p.same_period_previous_year()
    assert before.start.year == p.start.year - 1 and before.end.year == p.end.year - 1
    assert (before.start.month, before.end.month) == (p.start.month, p.end.month)
    assert abs(before.days - p.days) <= 1  # 29 February on one side only
    if p.whole_months():
        assert before.whole_months() == p.whole_months()


@given(st.integers(2001, 2098), st.integers(1, 12))
def test_first_months_compare_with_the_first_months_of_the_year_before(year, n):
    assert periods.first_months(year, n).same_period_previous_year() == periods.first_months(year - 1, n)
    assert periods.first_months(year, n).whole_months() == n


@given(any_period())
def test_previous_period_ends_the_day_before_and_is_as_long(p):
    prev = p.previous()
    assert prev.end == p.start - dt.timedelta(days=1)
    if p.whole_months():
        assert prev.whole_months() == p.whole_months()
    else:
        assert prev.days == p.days


def test_leap_years():
    assert periods.month(2024, 2).same_period_previous_year() == periods.month(2023, 2)
    assert periods.month(2021, 2).same_period_previous_year() == Period(
        dt.date(2020, 2, 1), dt.date(2020, 2, 29)
    )
    assert Period(dt.date(2024, 2, 29), dt.date(2024, 3, 10)).same_period_previous_year() == Period(
        dt.date(2023, 2, 28), dt.date(2023, 3, 10)
    )
    assert periods.month(2024, 3).previous() == Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert periods.year(2024).days == 366 and periods.year(2023).days == 365


def test_campaigns_across_month_ends():
    june = periods.date_range(dt.date(2025, 5, 15), dt.date(2025, 6, 15))
    assert june.days == 32 and june.months() == [dt.date(2025, 5, 1), dt.date(2025, 6, 1)]
    assert june.label() == "từ 15/5 đến 15/6/2025"
    assert june.same_period_previous_year() == Period(dt.date(2024, 5, 15), dt.date(2024, 6, 15))
    assert june.previous() == Period(dt.date(2025, 4, 13), dt.date(2025, 5, 14))
    tet = periods.date_range(dt.date(2025, 12, 16), dt.date(2026, 3, 15))
    assert tet.label() == "từ 16/12/2025 đến 15/3/2026" and len(tet.months()) == 4
    assert periods.reporting_month(2025, 3) == Period(dt.date(2025, 2, 15), dt.date(2025, 3, 14))
    assert periods.reporting_month(2025, 1) == Period(dt.date(2024, 12, 15), dt.date(2025, 1, 14))


def test_labels_name_periods_as_committees_do():
    assert periods.first_months(2020, 10).label() == "10 tháng năm 2020"
    assert periods.quarter(2025, 1).label() == "quý I năm 2025"
    assert periods.half_year(2025, 1).label() == "6 tháng đầu năm 2025"
    assert periods.month(2024, 11).label() == "tháng 11 năm 2024"
    assert periods.year(2024).label() == "năm 2024"


def test_parse():
    assert periods.parse("2020-01-01..2020-10-31") == periods.first_months(2020, 10)
    assert periods.parse(" 2025-05-17 .. 2025-10-15 ") == Period(dt.date(2025, 5, 17), dt.date(2025, 10, 15))
    assert periods.parse("2020") == periods.year(2020)
    assert periods.parse("2020-03") == periods.month(2020, 3)
    assert periods.parse("2025-q2") == periods.quarter(2025, 2)
    assert periods.parse("2025-H2") == periods.half_year(2025, 2)
    assert periods.parse("2020-10M") == periods.first_months(2020, 10)
    for bad in ("2020-13", "2020-10-31..2020-01-01", "2020-02-30..2020-03-01", "last year", "2020-0M"):
        with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ"):
            periods.parse(bad)


@given(any_period())
def test_parse_round_trips_any_range(p):
    assert periods.parse(f"{p.start.isoformat()}..{p.end.isoformat()}") == p


def test_published_ratios():
    assert ratio_pct(4365, 5371) == Decimal("81.27")
    assert ratio_pct(3593, 4242) == Decimal("84.70")
    assert ratio_pct(482, 497) == Decimal("96.98")
    assert change_pct(4365, 5371) == Decimal("-18.73")
    assert Compared(5, 0).as_json() == {"value": 5, "compare_value": 0, "ratio_pct": None, "change_pct": None}
    assert Compared(5).ratio_pct is None


@given(st.integers(0, 10**12), st.integers(1, 10**12))
def test_ratio_is_rounded_half_up_and_change_is_ratio_minus_100(value, base):
    exact = Decimal(value) * 100 / Decimal(base)
    assert ratio_pct(value, base) == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert abs(ratio_pct(value, base) - exact) <= Decimal("0.005")
    assert change_pct(value, base) == ratio_pct(value, base) - 100
