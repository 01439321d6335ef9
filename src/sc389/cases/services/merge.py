from django.db import transaction
from django.utils import timezone

from sc389.core import audit

from ..choices import CaseStatus
from ..errors import CaseErrorCode
from ..models import Case, CaseMerge, CaseUnit
from .common import derive_outcome_state, ensure_can_write, error, touch


@transaction.atomic
def case_merge(*, survivor: Case, absorbed: Case, actor, reason: str = "") -> CaseMerge:
    """One event recorded by two forces becomes one joint case: `absorbed` points to `survivor`.

    Nothing is copied or deleted: each record keeps its parts and history, the survivor shows both, reports count
    the survivor once, and the absorbed unit joins as a participant. `case_unmerge` restores both.
    """
    survivor, absorbed = (Case.objects.select_for_update().get(pk=c.pk) for c in (survivor, absorbed))
    if survivor.pk == absorbed.pk:
        raise error(CaseErrorCode.MERGE_SELF)
    if not absorbed.can_merge() or not survivor.can_merge():
        raise error(CaseErrorCode.ALREADY_MERGED)
    ensure_can_write(actor, survivor)
    ensure_can_write(actor, absorbed)
    existing = set(survivor.participations.values_list("unit_id", flat=True)) | {survivor.lead_unit_id}
    incoming = {absorbed.lead_unit_id, *absorbed.participations.values_list("unit_id", flat=True)}
    added = sorted(incoming - existing)
    CaseUnit.objects.bulk_create([CaseUnit(case=survivor, unit_id=u) for u in added])
    merge = CaseMerge.objects.create(
        survivor=survivor,
        absorbed=absorbed,
        added_unit_ids=added,
        absorbed_status=absorbed.status,
        reason=reason,
        merged_by=actor,
    )
    absorbed.merged_into = survivor
    absorbed.status = CaseStatus.MERGED
    touch(absorbed, fields=["merged_into", "status"])
    touch(survivor)
    data = {
        "merge": merge.pk,
        "survivor": survivor.pk,
        "absorbed": absorbed.pk,
        "added_units": added,
        "reason": reason,
    }
    audit.record(actor=actor, verb="case.merged", target=survivor, data=data)
    audit.record(
        actor=actor,
        verb="case.merged_into",
        target=absorbed,
        data=data,
        changes={"merged_into_id": [None, survivor.pk], "status": [merge.absorbed_status, CaseStatus.MERGED]},
    )
    return merge


@transaction.atomic
def case_unmerge(*, merge: CaseMerge, actor) -> None:
    """Undo a merge: the absorbed case stands alone again, the participations it brought are removed."""
    merge = CaseMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise error(CaseErrorCode.MERGE_UNDONE)
    survivor, absorbed = merge.survivor, merge.absorbed
    ensure_can_write(actor, survivor)
    survivor.participations.filter(unit_id__in=merge.added_unit_ids).delete()
    absorbed.merged_into = None
    derive_outcome_state(absorbed)
    touch(absorbed, fields=["merged_into", "status", "handled_on"])
    touch(survivor)
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    data = {"merge": merge.pk, "survivor": survivor.pk, "absorbed": absorbed.pk}
    audit.record(actor=actor, verb="case.unmerged", target=survivor, data=data)
    audit.record(
        actor=actor,
        verb="case.unmerged_from",
        target=absorbed,
        data=data,
        changes={"merged_into_id": [survivor.pk, None], "status": [CaseStatus.MERGED, absorbed.status]},
    )
