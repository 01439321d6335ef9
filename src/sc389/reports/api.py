"""The reports routes of /api/v1/reports/ (scoped like the web pages): schedules, aggregate submissions and their
approval, completeness, issued report versions and what changed since. Outside scope is 404, a visible row the
caller may not act on is 403, rule breaks 400 or 409 with a code."""

import datetime as dt

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from sc389.core.errors import DomainError, NotFound

from .periods import Period
from .schemas import (
    CommentIn,
    DiffOut,
    ExpectedOut,
    IssueIn,
    ScheduleIn,
    ScheduleOut,
    SubmissionIn,
    SubmissionOut,
    VersionDetailOut,
    VersionOut,
)
from .submissions import selectors as sub_selectors
from .submissions import services as sub_services
from .submissions.figures import figures_of
from .versions import diff as version_diff
from .versions import selectors as version_selectors
from .versions import services as version_services

router = Router(tags=["reports"])
LIMIT = 500


def _ref(getter, pk: int, field: str):
    try:
        return getter(pk=pk)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy mục số %(id)s.") % {"id": pk}, field=field
        ) from None


def _period(start: dt.date, end: dt.date) -> Period:
    try:
        return Period(start, end)
    except ValueError as exc:
        raise DomainError("invalid_period", str(exc), field="to") from None


def _out(s) -> dict:
    return {
        "id": s.pk,
        "unit": s.unit.code,
        "unit_name": s.unit.name,
        "from": s.period_start,
        "to": s.period_end,
        "status": s.status,
        "comment": s.comment,
        "inconsistent": s.inconsistent,
        "late": s.is_late(),
        "deadline": s.deadline(),
        "submitted_at": s.submitted_at,
        "decided_at": s.decided_at,
        "figures": figures_of(s),
    }


class SubmissionFilters(Schema):
    status: str | None = None
    unit: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class Window(Schema):
    date_from: dt.date
    date_to: dt.date


# ---- schedules ---------------------------------------------------------------------------------------------


@router.get("/schedules", response=list[ScheduleOut])
def schedule_list(request):
    """The reporting schedules in the caller's scope."""
    return list(sub_selectors.schedule_list(user=request.auth)[:LIMIT])


@router.post("/schedules", response={201: ScheduleOut})
def schedule_create(request, payload: ScheduleIn):
    """The standing office asks a unit for period totals (403 outside its area)."""
    data = payload.dict()
    unit = _ref(sub_selectors.unit_get, data.pop("unit"), "unit")
    return Status(201, sub_services.schedule_create(unit=unit, actor=request.auth, **data))


# ---- submissions -------------------------------------------------------------------------------------------


@router.get("/submissions", response=list[SubmissionOut])
def submission_list(request, filters: Query[SubmissionFilters]):
    found = sub_selectors.submission_list(
        user=request.auth,
        status=filters.status,
        unit_id=filters.unit,
        start=filters.date_from,
        end=filters.date_to,
    )
    return [_out(s) for s in found[:LIMIT]]


@router.post("/submissions", response={200: SubmissionOut, 201: SubmissionOut})
def submission_save(request, payload: SubmissionIn):
    """Create or replace the unit's figures for a period (a draft or returned submission); idempotent."""
    unit = _ref(sub_selectors.unit_get, payload.unit, "unit")
    existed = (
        sub_selectors.submission_list(user=request.auth, unit_id=unit.pk)
        .filter(period_start=payload.date_from, period_end=payload.date_to)
        .exists()
    )
    submission, _changed = sub_services.submission_save(
        unit=unit,
        period=_period(payload.date_from, payload.date_to),
        figures=payload.figures,
        actor=request.auth,
    )
    return Status(
        200 if existed else 201, _out(sub_selectors.submission_get(user=request.auth, pk=submission.pk))
    )


@router.get("/submissions/{submission_id}", response=SubmissionOut)
def submission_get(request, submission_id: int):
    return _out(sub_selectors.submission_get(user=request.auth, pk=submission_id))


@router.post("/submissions/{submission_id}/submit", response=SubmissionOut)
def submission_submit(request, submission_id: int):
    submission = sub_selectors.submission_get(user=request.auth, pk=submission_id)
    return _out(sub_services.submission_submit(submission=submission, actor=request.auth))


@router.post("/submissions/{submission_id}/approve", response=SubmissionOut)
def submission_approve(request, submission_id: int, payload: CommentIn):
    submission = sub_selectors.submission_get(user=request.auth, pk=submission_id)
    return _out(
        sub_services.submission_approve(submission=submission, actor=request.auth, comment=payload.comment)
    )


@router.post("/submissions/{submission_id}/return", response=SubmissionOut)
def submission_return(request, submission_id: int, payload: CommentIn):
    submission = sub_selectors.submission_get(user=request.auth, pk=submission_id)
    return _out(
        sub_services.submission_return(submission=submission, actor=request.auth, comment=payload.comment)
    )


@router.get("/completeness", response=list[ExpectedOut])
def completeness(request, window: Query[Window]):
    """Every unit-period the schedules in scope ask for: state and lateness (who has not reported, who was late)."""
    _period(window.date_from, window.date_to)
    rows = sub_selectors.completeness(user=request.auth, start=window.date_from, end=window.date_to)
    return [e.as_json() for e in rows[:LIMIT]]


# ---- versions ----------------------------------------------------------------------------------------------


@router.get("/versions", response=list[VersionOut])
def version_list(request):
    return list(version_selectors.version_list(user=request.auth)[:LIMIT])


@router.post("/versions", response={201: VersionDetailOut})
def version_issue(request, payload: IssueIn):
    """Issue (freeze) the committee's report; only its office or leaders may (403)."""
    committee = _ref(version_selectors.committee_get, payload.committee, "committee")
    try:
        version = version_services.report_issue(
            committee=committee,
            period=_period(payload.date_from, payload.date_to),
            compare=payload.compare,
            by=payload.by,
            title=payload.title,
            actor=request.auth,
        )
    except ValueError as exc:
        raise DomainError("invalid", str(exc)) from None
    return Status(201, version)


@router.get("/versions/{version_id}", response=VersionDetailOut)
def version_get(request, version_id: int):
    return version_selectors.version_get(user=request.auth, pk=version_id)


@router.get("/versions/{version_id}/diff", response=DiffOut)
def version_changes(request, version_id: int):
    """The report computed again, compared with the issued figures, with the reasons for each change."""
    return version_diff.version_diff(version_selectors.version_get(user=request.auth, pk=version_id))
