"""The invoices routes of /api/v1/ (scoped like the web pages): the detectors' leads and one lead's invoices."""

from django.utils.translation import gettext_lazy as _
from ninja import Router

from sc389.core.errors import PermissionDenied

from . import selectors
from .schemas import LeadDetailOut, LeadPage

router = Router(tags=["invoices"])


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
    return out


@router.get("/leads", response=LeadPage)
def lead_list(request, detector: str = "", limit: int = 50, offset: int = 0):
    if not selectors.may_see_leads(request.user):
        raise PermissionDenied(_("Chỉ cán bộ phân tích mới xem các dấu hiệu từ hóa đơn."))
    qs = selectors.lead_list(user=request.user, detector=detector)
    limit, offset = max(1, min(limit, 200)), max(0, offset)
    return {"count": qs.count(), "items": [_out(lead) for lead in qs[offset : offset + limit]]}


@router.get("/leads/{lead_id}", response=LeadDetailOut)
def lead_detail(request, lead_id: int):
    return _out(selectors.lead_get(user=request.user, pk=lead_id), detail=True)
