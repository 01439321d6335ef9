"""What the case services share: the write check, the version check, derived fields."""

import datetime as dt

from sc389.core import access
from sc389.core.errors import DomainError

from ..choices import CaseStatus
from ..errors import MESSAGES, CaseErrorCode
from ..models import Case
from ..search import case_search_text

AUDITED_CASE_FIELDS = [
    "reference",
    "source_unit_id",
    "external_ref",
    "category",
    "violation_type_id",
    "channel",
    "channel_url",
    "channel_shop",
    "detected_on",
    "place_id",
    "province_id",
    "commune_id",
    "place_text",
    "lead_unit_id",
    "narrative",
    "status",
    "handled_on",
    "closed_reason",
    "merged_into_id",
]


def error(code: str, *, field: str | None = None, status: int = 400) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field, status=status)


def ensure_can_write(actor, case: Case) -> None:
    if not access.scope(Case.objects.filter(pk=case.pk), user=actor, action="change").exists():
        raise error(CaseErrorCode.NOT_ALLOWED, status=403)


def ensure_version(case: Case, expected_version: int | None) -> None:
    """Optimistic locking: a save based on an old read is refused, never silently applied."""
    if expected_version is not None and expected_version != case.version:
        raise error(CaseErrorCode.STALE, status=409)


def derive_outcome_state(case: Case) -> None:
    """Status and handled date follow from the outcomes (prosecution > penalty > transfer).

    A case is handled (xử lý) on its first penalty decision, prosecution decision or transfer for handling.
    """
    if case.merged_into_id:
        case.status = CaseStatus.MERGED
        return
    case.status, case.handled_on = outcome_state(
        penalties=list(case.penalties.values_list("decided_on", flat=True)),
        prosecutions=list(case.prosecutions.values_list("decided_on", flat=True)),
        transfers=list(case.transfers.values_list("transferred_on", flat=True)),
        closed_reason=case.closed_reason,
    )


def outcome_state(
    *,
    penalties: list[dt.date],
    prosecutions: list[dt.date],
    transfers: list[dt.date],
    closed_reason: str = "",
) -> tuple[str, dt.date | None]:
    """(status, handled_on) from the outcomes' dates; the rule of `derive_outcome_state`, without queries (bulk import)."""
    decisions = penalties + prosecutions + transfers
    handled_on = min(decisions) if decisions else None
    if prosecutions:
        return CaseStatus.PROSECUTED, handled_on
    if penalties:
        return CaseStatus.SANCTIONED, handled_on
    if transfers:
        return CaseStatus.TRANSFERRED, handled_on
    if closed_reason:
        return CaseStatus.CLOSED, handled_on
    return CaseStatus.OPEN, handled_on


def touch(case: Case, *, fields: list[str] | None = None) -> None:
    """Save the case after a change to it or its parts: search text, version."""
    case.search_folded = case_search_text(case)
    case.version += 1
    case.save(update_fields=[*(fields or []), "search_folded", "version", "updated_at"])
