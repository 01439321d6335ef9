"""Deleting a case (soft, with a reason) and restoring deleted records; who may do which is decided here.

Rule (docs/security.md, "Deleting and restoring"): administrators of the case's scope (role admin of its unit or
a unit above it, admins of the committee over its area, superusers) may delete any case; its officers and
reviewers may delete only a case recorded in error that has no outcome yet (status open, nothing decided, so it
was never counted as handled). Goods, parties, outcomes and attachments are removed by whoever may change the
case (parts.py, outcomes.py). Only administrators of the scope restore, and only they see what was deleted.
A deleted case keeps its reference number and its force's case id: both stay reserved.
"""

from django.db import transaction

from sc389.core import access, audit, softdelete

from ..choices import CaseStatus
from ..errors import CaseErrorCode
from ..models import Attachment, Case, GoodsLine, Party
from .common import AUDITED_CASE_FIELDS, derive_outcome_state, ensure_can_write, ensure_version, error, touch
from .outcomes import OUTCOME_MODELS, Outcome, outcome_kind

Part = GoodsLine | Party | Attachment | Outcome


def may_administer(actor, case: Case) -> bool:
    """Is `actor` an administrator of the case's scope? (Deleted cases included.)"""
    return access.scope(Case.all_objects.filter(pk=case.pk), user=actor, action="administer").exists()


def has_outcomes(case: Case) -> bool:
    return any(
        getattr(case, rel).exists() for rel in ("penalties", "remittances", "prosecutions", "transfers")
    )


def may_delete_case(actor, case: Case) -> bool:
    """The delete button is shown exactly when the service would accept it."""
    if may_administer(actor, case):
        return True
    if not access.can(actor, case, "change"):
        return False
    return case.status == CaseStatus.OPEN and not has_outcomes(case)


@transaction.atomic
def case_delete(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    """Delete a case with a reason: it disappears from lists, pages, the API, search and every report; its
    parts stay with it and come back with it on restore. Audited as `case.deleted` with the reason."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_can_write(actor, case)
    if not may_administer(actor, case) and (case.status != CaseStatus.OPEN or has_outcomes(case)):
        raise error(CaseErrorCode.DELETE_NOT_ALLOWED, status=403)
    ensure_version(case, expected_version)
    data = softdelete.mark_deleted(case, actor=actor, reason=reason)
    audit.record(
        actor=actor,
        verb="case.deleted",
        target=case,
        data={**data, "reference": case.reference, "status": case.status},
    )
    return case


def _ensure_can_restore(actor, case: Case) -> None:
    if not may_administer(actor, case):
        raise error(CaseErrorCode.RESTORE_NOT_ALLOWED, status=403)


@transaction.atomic
def case_restore(*, case: Case, actor) -> Case:
    """Bring a deleted case back exactly as it was (same reference, parts, outcomes, status); administrators only."""
    case = Case.all_objects.select_for_update().get(pk=case.pk)
    _ensure_can_restore(actor, case)
    data = softdelete.mark_restored(case)
    audit.record(actor=actor, verb="case.restored", target=case, data=data)
    return case


PART_NAMES = {GoodsLine: "goods", Party: "party", Attachment: "attachment"}


def part_name(part: Part) -> str:
    """goods, party, attachment, or the outcome's kind (penalty, remittance, prosecution, transfer)."""
    return PART_NAMES.get(type(part)) or outcome_kind(part)


@transaction.atomic
def part_restore(*, part: Part, actor) -> Part:
    """Bring back a removed goods line, party, attachment or outcome; the case's status follows its live outcomes.

    Audited on the case (`case.goods_restored`, `case.penalty_restored` ...), so its history shows it."""
    case = Case.all_objects.select_for_update().get(pk=part.case_id)
    _ensure_can_restore(actor, case)
    part = type(part).all_objects.select_for_update().get(pk=part.pk)
    name = part_name(part)
    data = softdelete.mark_restored(part)
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    fields = None
    if type(part) in OUTCOME_MODELS.values():
        derive_outcome_state(case)
        fields = ["status", "handled_on"]
    touch(case, fields=fields)
    changes = audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS))
    if not isinstance(part, Attachment):
        changes[name] = [None, audit.snapshot(part)]
    audit.record(
        actor=actor,
        verb=f"case.{name}_restored",
        target=case,
        changes=changes,
        data={"part": part.pk, **data},
    )
    return part
