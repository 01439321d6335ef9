"""Reporting periods: calendar months, quarters, half-years, the first N months, years, any date range and
campaigns between mid-month dates (15/5-15/6/2025, 17/5-15/10/2025, a reporting month from the 15th to the 14th).

A period is two dates, both inclusive. Its comparisons are the same period of the previous year ("cùng kỳ") and
the previous period of equal length.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _is_month_end(day: dt.date) -> bool:
    return day == month_end(day.year, day.month)


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February falls back to 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("Ngày kết thúc phải sau ngày bắt đầu."))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_range(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    def whole_months(self) -> int | None:
        """How many calendar months the period covers exactly, or None when it is not made of whole months."""
        if self.start.day != 1 or not _is_month_end(self.end):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def same_period_previous_year(self) -> "Period":
        """Cùng kỳ: the same dates one year earlier; a period ending on a month's last day still ends on one
        (1-29 February 2024 → 1-28 February 2023; 1-28 February 2021 → 1-29 February 2020)."""
        end = shift_years(self.end, -1)
        if _is_month_end(self.end):
            end = month_end(end.year, end.month)
        return Period(shift_years(self.start, -1), end)

    def previous(self) -> "Period":
        """The period of equal length just before: the previous N whole months for a period of whole months
        (Q2 → Q1, March → February), otherwise the same number of days ending the day before `start`."""
        months = self.whole_months()
        if months is not None:
            year, month = _add_months(self.start.year, self.start.month, -months)
            end_year, end_month = _add_months(self.start.year, self.start.month, -1)
            return Period(dt.date(year, month, 1), month_end(end_year, end_month))
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def months(self) -> list[dt.date]:
        """First day of each calendar month the period touches."""
        out, (year, month) = [], (self.start.year, self.start.month)
        while dt.date(year, month, 1) <= self.end:
            out.append(dt.date(year, month, 1))
            year, month = _add_months(year, month, 1)
        return out

    def label(self) -> str:
        """As committees name it, in the active language: "10 tháng năm 2020", "quý I năm 2025",
        "từ 17/5 đến 15/10/2025"."""
        s, e = self.start, self.end
        months = self.whole_months()
        if months is not None and s.year == e.year:
            year = s.year
            if months == 12:
                return _("năm %(year)s") % {"year": year}
            if months == 1:
                return _("tháng %(month)s năm %(year)s") % {"month": s.month, "year": year}
            if months == 3 and s.month in (1, 4, 7, 10):
                return _("quý %(quarter)s năm %(year)s") % {"quarter": ROMAN[s.month // 3 + 1], "year": year}
            if months == 6 and s.month == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": year}
            if months == 6 and s.month == 7:
                return _("6 tháng cuối năm %(year)s") % {"year": year}
            if s.month == 1:
                return _("%(months)s tháng năm %(year)s") % {"months": months, "year": year}
        if s.year == e.year:
            return _("từ %(start)s đến %(end)s") % {
                "start": f"{s.day}/{s.month}",
                "end": f"{e.day}/{e.month}/{e.year}",
            }
        return _("từ %(start)s đến %(end)s") % {
            "start": f"{s.day}/{s.month}/{s.year}",
            "end": f"{e.day}/{e.month}/{e.year}",
        }

    def as_json(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "label": str(self.label())}


def month(year: int, month_: int) -> Period:
    return Period(dt.date(year, month_, 1), month_end(year, month_))


def quarter(year: int, q: int) -> Period:
    if q not in ROMAN:
        raise ValueError(_("Quý phải từ 1 đến 4."))
    return Period(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q))


def half_year(year: int, half: int) -> Period:
    if half not in (1, 2):
        raise ValueError(_("Nửa năm phải là 1 hoặc 2."))
    return Period(dt.date(year, 6 * half - 5, 1), month_end(year, 6 * half))


def first_months(year: int, n: int) -> Period:
    """The first `n` months of the year ("10 tháng năm 2020")."""
    if not 1 <= n <= 12:
        raise ValueError(_("Số tháng phải từ 1 đến 12."))
    return Period(dt.date(year, 1, 1), month_end(year, n))


def year(year_: int) -> Period:
    return Period(dt.date(year_, 1, 1), dt.date(year_, 12, 31))


def date_range(start: dt.date, end: dt.date) -> Period:
    """Any range, campaigns included (17/5-15/10/2025)."""
    return Period(start, end)


def reporting_month(year_: int, month_: int, *, start_day: int = 15) -> Period:
    """A committee's reporting month that runs from `start_day` of the previous month to the day before
    `start_day` of this one (15/2-14/3 for March when start_day is 15)."""
    if not 2 <= start_day <= 28:
        raise ValueError(_("Ngày bắt đầu kỳ báo cáo phải từ 2 đến 28."))
    prev_year, prev_month = _add_months(year_, month_, -1)
    return Period(dt.date(prev_year, prev_month, start_day), dt.date(year_, month_, start_day - 1))


_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_FIRST = re.compile(r"^(\d{4})-(\d{1,2})[Mm]$")


def parse(text: str) -> Period:
    """A period from its text: "2020-01-01..2020-10-31", "2020", "2020-03", "2020-Q1", "2020-H1", "2020-10M" (first 10 months)."""
    value = text.strip()
    try:
        if m := _RANGE.match(value):
            return Period(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2]))
        if m := _YEAR.match(value):
            return year(int(m[1]))
        if m := _QUARTER.match(value):
            return quarter(int(m[1]), int(m[2]))
        if m := _HALF.match(value):
            return half_year(int(m[1]), int(m[2]))
        if m := _FIRST.match(value):
            return first_months(int(m[1]), int(m[2]))
        if m := _MONTH.match(value):
            return month(int(m[1]), int(m[2]))
    except ValueError as exc:
        raise ValueError(
            _("Kỳ báo cáo không hợp lệ: %(text)s (%(why)s)") % {"text": text, "why": exc}
        ) from exc
    raise ValueError(
        _(
            "Kỳ báo cáo không hợp lệ: %(text)s. Ví dụ: 2020-01-01..2020-10-31, 2020, 2020-03, 2020-Q1, 2020-H1, 2020-10M."
        )
        % {"text": text}
    )


# --- named periods other apps offer (peak campaigns of `direction`) -------------------------------------------


@dataclass(frozen=True)
class NamedPeriod:
    """A period with a name, such as a peak campaign: "Cao điểm chống buôn lậu thuốc lá (15/5–15/6/2025)"."""

    name: str
    period: Period

    @property
    def key(self) -> str:
        """How the period travels in a report's query string ("2025-05-15..2025-06-15", as `parse` reads it)."""
        return f"{self.period.start.isoformat()}..{self.period.end.isoformat()}"

    @property
    def label(self) -> str:
        s, e = self.period.start, self.period.end
        start = f"{s.day}/{s.month}" if s.year == e.year else f"{s.day}/{s.month}/{s.year}"
        return f"{self.name} ({start}–{e.day}/{e.month}/{e.year})"


PeriodSource = Callable[..., list[NamedPeriod]]
_PERIOD_SOURCES: list[PeriodSource] = []


def period_source_register(source: PeriodSource) -> None:
    """Add a source of named periods: source(user) → the periods `user` may report on. An app higher in the
    layers (direction) registers from its AppConfig.ready, so reports never imports it."""
    if source not in _PERIOD_SOURCES:
        _PERIOD_SOURCES.append(source)


def period_source_unregister(source: PeriodSource) -> None:
    if source in _PERIOD_SOURCES:
        _PERIOD_SOURCES.remove(source)


def named_periods(user) -> list[NamedPeriod]:
    """Every registered source's periods for `user`, each once, in the sources' order."""
    out: list[NamedPeriod] = []
    for source in _PERIOD_SOURCES:
        for named in source(user):
            if named not in out:
                out.append(named)
    return out
