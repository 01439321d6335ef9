"""The invoices routes of /api/v1/ (scoped like the web pages): the detectors' leads, one lead's invoices, and
sending a lead to the competent unit."""

from django.utils.translation import gettext_lazy as _
from ninja import Router

from sc389.core.errors import PermissionDenied

from . import referrals, selectors
from .schemas import LeadDetailOut, LeadPage, LeadSendIn, ReferralOut

router = Router(tags=["invoices"])
# Past the database's integer range an offset fails in SQL (a 500); no list comes near a billion rows.
MAX_OFFSET = 1_000_000_000


def _out(lead, *, detail: bool = False) -> dict:
    out = {
        "id": lead.pk,
        "detector": lead.detector,
        "tax_code": lead.tax_code,
        "name": lead.name,
        "province": lead.province.name if lead.province_id else None,
        "score": lead.score,
        "reasons": lead.reasons,
    }
    if detail:
        out["evidence"] = lead.evidence
        sent = referrals.referral_of(lead)
        out["referral"] = _referral(sent) if sent else None
    return out


def _referral(referral) -> dict:
    return {
        "unit": referral.unit_id,
        "unit_name": referral.unit.name,
        "task": referral.task_id,
        "sent_at": referral.sent_at.isoformat(),
    }


@router.get("/leads", response=LeadPage)
def lead_list(request, detector: str = "", limit: int = 50, offset: int = 0):
    if not selectors.may_see_leads(request.user):
        raise PermissionDenied(_("Chỉ cán bộ phân tích mới xem các dấu hiệu từ hóa đơn."))
    qs = selectors.lead_list(user=request.user, detector=detector)
    limit, offset = max(1, min(limit, 200)), min(max(0, offset), MAX_OFFSET)
    return {"count": qs.count(), "items": [_out(lead) for lead in qs[offset : offset + limit]]}


@router.get("/leads/{lead_id}", response=LeadDetailOut)
def lead_detail(request, lead_id: int):
    return _out(selectors.lead_get(user=request.user, pk=lead_id), detail=True)


@router.post("/leads/{lead_id}/send", response=ReferralOut)
def lead_send(request, lead_id: int, payload: LeadSendIn):
    lead = selectors.lead_get(user=request.user, pk=lead_id)  # 404 outside scope
    unit = selectors.unit_get(pk=payload.unit) if payload.unit is not None else None
    referral = referrals.lead_send(lead=lead, actor=request.user, unit=unit)
    return _referral(referral)
