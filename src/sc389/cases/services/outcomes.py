from typing import Any

from django.db import transaction

from sc389.core import audit, softdelete

from ..models import BudgetRemittance, Case, PenaltyDecision, Prosecution, Transfer
from .common import (
    AUDITED_CASE_FIELDS,
    derive_outcome_state,
    ensure_can_write,
    ensure_version,
    touch,
)

OUTCOME_MODELS = {
    "penalty": PenaltyDecision,
    "remittance": BudgetRemittance,
    "prosecution": Prosecution,
    "transfer": Transfer,
}
Outcome = PenaltyDecision | BudgetRemittance | Prosecution | Transfer


def outcome_kind(outcome: Outcome) -> str:
    return next(k for k, m in OUTCOME_MODELS.items() if isinstance(outcome, m))


@transaction.atomic
def outcome_add(
    *, case: Case, actor, kind: str, values: dict[str, Any] | None = None, **fields: Any
) -> Outcome:
    """Record a penalty decision, a remittance to the budget, a prosecution or a transfer; status follows.

    The outcome's fields come as keywords or in `values` (a remittance's own `kind` cannot be a keyword here).
    """
    fields = {**fields, **(values or {})}
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_can_write(actor, case)
    model = OUTCOME_MODELS[kind]
    outcome = model(case=case, **fields)
    outcome.full_clean()
    outcome.save()
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    derive_outcome_state(case)
    touch(case, fields=["status", "handled_on"])
    changes = audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS))
    changes[kind] = [None, audit.snapshot(outcome)]
    audit.record(actor=actor, verb=f"case.{kind}_added", target=case, changes=changes)
    return outcome


@transaction.atomic
def outcome_update(
    *, outcome: Outcome, actor, values: dict[str, Any], expected_version: int | None = None
) -> Outcome:
    """Correct an outcome recorded with an error (a decision number, a date, an amount); the status follows.

    A correction based on an old read of the case is refused (409), as for the case's own fields.
    """
    case = Case.objects.select_for_update().get(pk=outcome.case_id)
    ensure_can_write(actor, case)
    ensure_version(case, expected_version)
    kind = next(k for k, m in OUTCOME_MODELS.items() if isinstance(outcome, m))
    outcome = type(outcome).objects.get(pk=outcome.pk)
    old = audit.snapshot(outcome)
    for name, value in values.items():
        setattr(outcome, name, value)
    outcome.full_clean()
    outcome.save()
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    derive_outcome_state(case)
    touch(case, fields=["status", "handled_on"])
    changes = audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS))
    changes[kind] = [old, audit.snapshot(outcome)]
    audit.record(actor=actor, verb=f"case.{kind}_updated", target=case, changes=changes)
    return outcome


@transaction.atomic
def outcome_remove(*, outcome: Outcome, actor, reason: str) -> None:
    """Remove an outcome recorded in error, with a reason (soft delete, restorable by an administrator); the
    status is derived again from the live outcomes only."""
    case = Case.objects.select_for_update().get(pk=outcome.case_id)
    ensure_can_write(actor, case)
    kind = outcome_kind(outcome)
    outcome = type(outcome).objects.select_for_update().get(pk=outcome.pk)
    removed = audit.snapshot(outcome)
    data = softdelete.mark_deleted(outcome, actor=actor, reason=reason)
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    derive_outcome_state(case)
    touch(case, fields=["status", "handled_on"])
    changes = audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS))
    changes[kind] = [removed, None]
    audit.record(
        actor=actor,
        verb=f"case.{kind}_removed",
        target=case,
        changes=changes,
        data={"outcome": outcome.pk, **data},
    )
