"""The tips routes of /api/v1/tips/: the public submission and status (no authentication, rate-limited per
address) and the staff routes (scoped like the web pages: outside scope 404, not allowed 403)."""

from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from sc389.core.errors import DomainError, NotFound
from sc389.core.middleware import client_ip
from sc389.org import selectors as org_selectors

from . import abuse, selectors, services
from .schemas import CloseIn, OpenCaseIn, OpenCaseOut, RouteIn, TipIn, TipOut, TipReceiptOut

router = Router(tags=["tips"])

# The public routes are rate-limited per address (abuse.py): they also answer 429, in the API's error schema.
RATE_LIMITED = {
    "responses": {
        429: {
            "description": _("Quá nhiều yêu cầu từ cùng một địa chỉ: thử lại sau"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    }
}


def _place(pk: int):
    try:
        return org_selectors.admin_unit_get(pk=pk)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy địa bàn số %(id)s.") % {"id": pk}, field="place"
        ) from None


# ---- public: no login ---------------------------------------------------------------------------------------


@router.post("/public", auth=None, response={201: TipReceiptOut}, openapi_extra=RATE_LIMITED)
def tip_submit(request, payload: Form[TipIn], photos: File[list[UploadedFile]] = None):
    """Submit a tip without an account; keep the receipt code to follow its status."""
    abuse.rate_limit("submit", client_ip(request), abuse.SUBMIT_LIMIT)
    tip = services.tip_submit(
        category=payload.category,
        place=_place(payload.place),
        description=payload.description,
        place_text=payload.place_text,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        contact_email=payload.contact_email,
        photos=list(photos or []),
        honeypot=payload.website,
    )
    return Status(201, selectors.tip_public_status(code=tip.receipt_code))


@router.get("/public/{code}", auth=None, response=TipReceiptOut, openapi_extra=RATE_LIMITED)
def tip_status(request, code: str):
    """The status of a tip by its receipt code (only the status: never notes, units or reasons)."""
    abuse.rate_limit("status", client_ip(request), abuse.STATUS_LIMIT)
    return selectors.tip_public_status(code=code)


# ---- staff --------------------------------------------------------------------------------------------------


@router.get("", response=list[TipOut])
def tip_list(request, status: str | None = None, province: int | None = None, q: str = ""):
    """`q`: words of the description or the place (diacritics ignored), within the caller's scope."""
    qs = selectors.tip_list(user=request.auth, status=status, province=province, q=q)
    return list(qs[:1000])


@router.get("/{tip_id}", response=TipOut)
def tip_get(request, tip_id: int):
    return selectors.tip_get(user=request.auth, pk=tip_id)


@router.post("/{tip_id}/route", response=TipOut)
def tip_route(request, tip_id: int, payload: RouteIn):
    tip = selectors.tip_get(user=request.auth, pk=tip_id)
    try:
        unit = org_selectors.unit_get(pk=payload.unit)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy đơn vị số %(id)s.") % {"id": payload.unit}, field="unit"
        ) from None
    return services.tip_route(actor=request.auth, tip=tip, unit=unit, note=payload.note)


@router.post("/{tip_id}/case", response={201: OpenCaseOut})
def tip_open_case(request, tip_id: int, payload: OpenCaseIn):
    tip = selectors.tip_get(user=request.auth, pk=tip_id)
    case = services.tip_open_case(
        actor=request.auth, tip=tip, category=payload.category, detected_on=payload.detected_on
    )
    return Status(201, {"case_id": case.pk, "reference": case.reference})


@router.post("/{tip_id}/close", response=TipOut)
def tip_close(request, tip_id: int, payload: CloseIn):
    tip = selectors.tip_get(user=request.auth, pk=tip_id)
    return services.tip_close(actor=request.auth, tip=tip, reason=payload.reason)
