"""Every write of schedules and submissions: checked, validated, audited in the same transaction."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.errors import DomainError, PermissionDenied
from sc389.org.models import Unit

from ..choices import Frequency, SubmissionStatus
from ..models import ReportingSchedule, Submission, SubmissionLine
from ..periods import Period
from .figures import SUBMITTED_CODES, TOTAL_KEY, figures_clean, figures_of, mismatches
from .permissions import is_office, may_submit, unit_province_id
from .schedule import schedule_matches


def _denied() -> PermissionDenied:
    return PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


@transaction.atomic
def schedule_create(
    *,
    unit: Unit,
    starts_on: dt.date,
    actor,
    frequency: str = Frequency.MONTH,
    deadline_days: int = 5,
    ends_on: dt.date | None = None,
    indicators: list[str] | None = None,
) -> ReportingSchedule:
    """The standing office of the unit's province (or the national one) asks the unit for period totals."""
    if not is_office(actor, unit_province_id(unit)):
        raise _denied()
    unknown = [c for c in indicators or [] if c not in SUBMITTED_CODES]
    if unknown:
        raise DomainError("unknown_indicator", _("Không có chỉ tiêu %(code)s.") % {"code": unknown[0]})
    schedule = ReportingSchedule(
        unit=unit,
        starts_on=starts_on,
        ends_on=ends_on,
        frequency=frequency,
        deadline_days=deadline_days,
        indicators=list(indicators or []),
    )
    schedule.full_clean()
    schedule.save()
    audit.record(
        actor=actor,
        verb="report.schedule_created",
        target=schedule,
        changes=audit.diff({}, audit.snapshot(schedule)),
    )
    return schedule


def _schedule_for(unit: Unit, period: Period) -> ReportingSchedule | None:
    for schedule in ReportingSchedule.objects.filter(unit=unit, starts_on__lte=period.end):
        if schedule_matches(schedule, period):
            return schedule
    return None


@transaction.atomic
def submission_save(*, unit: Unit, period: Period, figures: dict, actor) -> tuple[Submission, bool]:
    """Create or replace the figures of the unit's submission for `period` (a draft or a returned one).

    Idempotent: saving the same figures again changes nothing and writes no audit row; returns (submission,
    changed).
    """
    if not may_submit(actor, unit):
        raise _denied()
    clean = figures_clean(figures)
    submission = (
        Submission.objects.select_for_update()
        .filter(unit=unit, period_start=period.start, period_end=period.end)
        .first()
    )
    created = submission is None
    if created:
        submission = Submission(
            unit=unit,
            province_id=unit_province_id(unit),
            period_start=period.start,
            period_end=period.end,
            schedule=_schedule_for(unit, period),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        submission.full_clean()
        submission.save()
    elif not submission.can_edit():
        raise DomainError(
            "submission_locked", _("Báo cáo số liệu đã gửi hoặc đã duyệt, không sửa được."), status=409
        )
    before = figures_of(submission)
    if not created and before == clean:
        return submission, False
    submission.lines.all().delete()
    SubmissionLine.objects.bulk_create(
        SubmissionLine(
            submission=submission, indicator=code, category="" if key == TOTAL_KEY else key, value=value
        )
        for code, parts in clean.items()
        for key, value in parts.items()
    )
    submission.inconsistent = bool(mismatches(clean))
    submission.save(update_fields=["inconsistent", "updated_at"])
    audit.record(
        actor=actor,
        verb="report.submission_created" if created else "report.submission_changed",
        target=submission,
        changes={"figures": [before, clean]},
        data={"inconsistent": submission.inconsistent},
    )
    return submission, True


def _move(submission: Submission, *, to: str, actor, verb: str, comment: str = "") -> Submission:
    before = audit.snapshot(submission, ["status", "comment"])
    submission.status = to
    submission.comment = comment
    submission.save(
        update_fields=["status", "comment", "submitted_at", "decided_at", "decided_by", "updated_at"]
    )
    audit.record(
        actor=actor,
        verb=verb,
        target=submission,
        changes=audit.diff(before, audit.snapshot(submission, ["status", "comment"])),
    )
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, actor) -> Submission:
    """Send a draft (or a corrected returned submission) to the standing office."""
    if not may_submit(actor, submission.unit):
        raise _denied()
    if not submission.can_edit():
        raise DomainError("invalid_transition", _("Chỉ gửi được bản nháp hoặc bản bị trả lại."), status=409)
    have = {line.indicator for line in submission.lines.filter(category="")}
    # the schedule's indicators, when it names some; otherwise any figure will do
    wanted = set(submission.schedule.indicators) if submission.schedule_id else set()
    missing = sorted(wanted - have)
    if not have or missing:
        raise DomainError(
            "figures_missing",
            _("Thiếu số liệu: %(codes)s.") % {"codes": ", ".join(missing) or _("mọi chỉ tiêu")},
        )
    submission.submitted_at = timezone.now()
    return _move(submission, to=SubmissionStatus.SUBMITTED, actor=actor, verb="report.submission_submitted")


def _decide(submission: Submission, actor) -> None:
    if not is_office(actor, submission.province_id):
        raise _denied()
    if submission.status != SubmissionStatus.SUBMITTED:
        raise DomainError("invalid_transition", _("Chỉ duyệt hoặc trả lại báo cáo đã gửi."), status=409)
    submission.decided_at = timezone.now()
    submission.decided_by = actor


@transaction.atomic
def submission_approve(*, submission: Submission, actor, comment: str = "") -> Submission:
    """From now on the submission, not the unit's cases, is the source of the unit-period in reports."""
    _decide(submission, actor)
    if submission.inconsistent:
        raise DomainError(
            "parts_do_not_add_up",
            _("Số liệu theo lĩnh vực không khớp với số tổng: trả lại để đơn vị sửa."),
            status=409,
        )
    overlapping = Submission.objects.filter(
        unit_id=submission.unit_id,
        status=SubmissionStatus.APPROVED,
        period_start__lte=submission.period_end,
        period_end__gte=submission.period_start,
    ).exclude(pk=submission.pk)
    if overlapping.exists():
        # two approved periods of one unit that overlap would both count in a report covering them
        raise DomainError(
            "overlapping_submission",
            _("Đơn vị đã có báo cáo số liệu được duyệt cho một kỳ trùng với kỳ này."),
            status=409,
        )
    return _move(
        submission,
        to=SubmissionStatus.APPROVED,
        actor=actor,
        verb="report.submission_approved",
        comment=comment,
    )


@transaction.atomic
def submission_return(*, submission: Submission, actor, comment: str) -> Submission:
    if not comment.strip():
        raise DomainError("comment_required", _("Cần ghi lý do trả lại."), field="comment")
    _decide(submission, actor)
    return _move(
        submission,
        to=SubmissionStatus.RETURNED,
        actor=actor,
        verb="report.submission_returned",
        comment=comment.strip(),
    )


def submission_upload(*, unit: Unit, period: Period, data: bytes, actor) -> tuple[Submission, bool]:
    """An XLSX of figures: every row is checked first; any error keeps nothing (ValidationError lists them)."""
    from .xlsx import read_figures

    return submission_save(unit=unit, period=period, figures=read_figures(data), actor=actor)
