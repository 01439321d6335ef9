"""Hand a case from its lead unit to another unit (police seize goods, market surveillance handles them).

The cases app has no hand-over service yet; this one uses its models and its `touch` (search text, version),
audits on the case itself (so the case history shows it) and keeps a CaseHandover record. The case keeps its
reference and history and still counts once: only its lead unit changes, and the former lead unit stays on it
as a participating unit.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sc389.cases.models import Case, CaseUnit
from sc389.cases.services.common import AUDITED_CASE_FIELDS, touch
from sc389.core import audit
from sc389.org.models import Unit

from .models import CaseHandover, Request

# The case history's name for this event (cases.templatetags.case_history.VERBS); its English is in our catalogue.
HANDED_OVER = _("Chuyển giao đơn vị chủ trì")


@transaction.atomic
def case_hand_over(
    *, case: Case, to_unit: Unit, actor, reason: str = "", request: Request | None = None
) -> CaseHandover:
    """Move the case's lead to `to_unit`; the caller has checked that both sides agreed (a request accepted)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    from_unit_id = case.lead_unit_id
    handover = CaseHandover.objects.create(
        case=case,
        from_unit_id=from_unit_id,
        to_unit=to_unit,
        request=request,
        reason=reason[:255],
        handed_by=actor,
    )
    CaseUnit.objects.filter(case=case, unit=to_unit).delete()  # the new lead is no longer a mere participant
    CaseUnit.objects.get_or_create(case=case, unit_id=from_unit_id)
    case.lead_unit = to_unit
    case.full_clean(exclude=["search_folded"])
    touch(case, fields=["lead_unit"])
    audit.record(
        actor=actor,
        verb="case.handed_over",
        target=case,
        changes=audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS)),
        data={
            "from_unit": from_unit_id,
            "unit": to_unit.pk,
            "request": getattr(request, "pk", None),
            "handover": handover.pk,
        },
    )
    return handover
