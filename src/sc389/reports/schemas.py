"""API schemas of the reports app: schedules, submissions, completeness, issued versions."""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from .choices import Frequency, SubmissionStatus


class ScheduleIn(Schema):
    unit: int
    frequency: Frequency = Frequency.MONTH
    deadline_days: int = Field(5, ge=0, le=365)
    starts_on: dt.date
    ends_on: dt.date | None = None
    indicators: list[str] = Field(
        default_factory=list, description="Indicator codes; empty = every indicator"
    )


class ScheduleOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code")
    frequency: str
    deadline_days: int
    starts_on: dt.date
    ends_on: dt.date | None
    indicators: list[str]


class SubmissionIn(Schema):
    unit: int
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    figures: dict[str, dict[str, int]] = Field(
        ..., description='{indicator: {"total": n, "smuggling": n, ...}}; parts by category are optional'
    )


class CommentIn(Schema):
    comment: str = ""


class SubmissionOut(Schema):
    id: int
    unit: str
    unit_name: str
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    status: SubmissionStatus
    comment: str
    inconsistent: bool
    late: bool
    deadline: dt.date | None
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    figures: dict[str, dict[str, int]]


class ExpectedOut(Schema):
    unit: str
    unit_name: str
    period: dict[str, str]
    deadline: dt.date
    submission_id: int | None
    state: str
    late: bool


class IssueIn(Schema):
    committee: int
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    compare: str = "same-period"
    by: str | None = None
    title: str = ""


class VersionOut(Schema):
    id: int
    committee: str = Field(..., alias="committee.code")
    number: int
    title: str
    area_code: str
    period_start: dt.date
    period_end: dt.date
    compare: str
    by: str
    data_cutoff: dt.datetime
    issued_at: dt.datetime


class VersionDetailOut(VersionOut):
    figures: dict[str, Any]


class DiffOut(Schema):
    version: dict[str, Any]
    data_cutoff: str
    recomputed_at: str
    changed: dict[str, Any]
    rows: list[dict[str, Any]]
    reasons: dict[str, Any]
