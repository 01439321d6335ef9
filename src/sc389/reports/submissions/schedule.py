"""The periods a reporting schedule asks for, and their deadlines."""

import datetime as dt

from .. import periods
from ..choices import Frequency
from ..periods import Period

_SPLITS = {Frequency.MONTH: 12, Frequency.QUARTER: 4, Frequency.HALF: 2, Frequency.YEAR: 1}


def _period(frequency: str, year: int, index: int) -> Period:
    if frequency == Frequency.MONTH:
        return periods.month(year, index)
    if frequency == Frequency.QUARTER:
        return periods.quarter(year, index)
    if frequency == Frequency.HALF:
        return periods.half_year(year, index)
    return periods.year(year)


def schedule_periods(schedule, start: dt.date, end: dt.date) -> list[Period]:
    """The schedule's periods that end within [start, end] and within the schedule's own life."""
    out = []
    for year in range(start.year, end.year + 1):
        for index in range(1, _SPLITS[Frequency(schedule.frequency)] + 1):
            p = _period(schedule.frequency, year, index)
            if not (start <= p.end <= end) or p.end < schedule.starts_on:
                continue
            if schedule.ends_on is not None and p.start > schedule.ends_on:
                continue
            out.append(p)
    return out


def deadline(schedule, period: Period) -> dt.date:
    return period.end + dt.timedelta(days=schedule.deadline_days)


def schedule_matches(schedule, period: Period) -> bool:
    """Is `period` exactly one of the schedule's periods?"""
    return period in schedule_periods(schedule, period.end, period.end)
