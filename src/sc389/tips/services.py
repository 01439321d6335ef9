"""Every write of tips: the public submission, triage and routing, turning a tip into a case, closing it.

Each writes its audit row in the same transaction. The public submission has no actor (audit: "system", with
the address from the audit context); the abuse checks run before anything is written.
"""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sc389.cases import services as cases
from sc389.cases.models import Case
from sc389.cases.services.parts import upload_sha256
from sc389.core import audit
from sc389.core.errors import DomainError
from sc389.core.text import fold_words, nfc
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Membership, Unit

from . import abuse, codes, routing, rules
from .choices import TipStatus
from .errors import MESSAGES, TipErrorCode
from .models import Tip, TipPhoto


def _error(code: str, status: int = 400, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code] % params if params else MESSAGES[code]
    return DomainError(code, message, status=status, field=field)


def _locate(place: AdministrativeUnit) -> tuple[AdministrativeUnit, AdministrativeUnit | None]:
    """Today's province and commune of the place a citizen picked (only today's units are offered)."""
    if place.valid_to is not None or place.level not in (AdminLevel.PROVINCE, AdminLevel.COMMUNE):
        raise _error(TipErrorCode.BAD_PLACE, field="place")
    if place.level == AdminLevel.PROVINCE:
        return place, None
    return place.current_province or place.parent, place


def _notify_staff(tip: Tip, *, users, kind: str, title: str) -> None:
    """Tell `users` about the tip; `title` is a message id (gettext_noop) with the receipt code as `code`."""
    from sc389.notifications.services import notify  # lower layer

    notify(
        users,
        kind=kind,
        title=title,
        params={"code": tip.receipt_code},
        link=reverse("tips:detail", args=[tip.pk]),
    )


@transaction.atomic
def tip_submit(
    *,
    category: str,
    place: AdministrativeUnit,
    description: str,
    place_text: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    photos: list[UploadedFile] | None = None,
    honeypot: str = "",
) -> Tip:
    """A citizen's tip, from the public page or the API; returns it with its receipt code.

    The caller has already counted the request against the address's rate limit.
    """
    abuse.check_honeypot(honeypot)
    photos = photos or []
    if len(photos) > abuse.PHOTO_MAX_COUNT:
        raise _error(TipErrorCode.TOO_MANY_PHOTOS, field="photos", count=abuse.PHOTO_MAX_COUNT)
    checked = [(upload, abuse.check_photo(upload)) for upload in photos]
    province, commune = _locate(place)
    tip = Tip(
        category=category,
        place=place,
        province=province,
        commune=commune,
        place_text=nfc(place_text).strip(),
        description=nfc(description).strip(),
        contact_name=nfc(contact_name).strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        receipt_code=codes.new_code(),
    )
    tip.search_folded = fold_words(tip.searchable_text())
    tip.full_clean(exclude=["receipt_code", "search_folded"])
    suggested = routing.suggestions(tip, limit=1)
    tip.suggested_unit = suggested[0] if suggested else None
    for _attempt in range(3):  # a clash of 49-bit codes is next to impossible; retry rather than fail
        try:
            with transaction.atomic():
                tip.save()
            break
        except IntegrityError:
            tip.pk, tip.receipt_code = None, codes.new_code()
    else:
        raise IntegrityError("no free receipt code after 3 attempts")
    for upload, content_type in checked:
        photo = TipPhoto(
            tip=tip,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
            sha256=upload_sha256(upload),
        )
        photo.file.save(upload.name, upload, save=False)
        photo.save()
    audit.record(
        actor=None,
        verb="tip.submitted",
        target=tip,
        data={"category": category, "province": province.pk, "photos": len(checked)},
    )
    staff = [
        m.user
        for m in Membership.objects.filter(
            committee__level="province", committee__area=province, role__in=rules.STAFF_ROLES
        ).select_related("user")
    ]
    _notify_staff(tip, users=staff, kind="tip.submitted", title=gettext_noop("Tin báo mới %(code)s"))
    return tip


def _set_status(tip: Tip, status: str) -> None:
    tip.status = status
    tip.status_changed_at = timezone.now()


@transaction.atomic
def tip_route(*, actor, tip: Tip, unit: Unit, note: str = "") -> Tip:
    """The standing office sends the tip to `unit` (the suggestion or another one) for verification."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if not rules.may_triage(actor, tip):
        raise _error(TipErrorCode.NOT_TRIAGER, status=403)
    if tip.status not in (TipStatus.RECEIVED, TipStatus.ROUTED):
        raise _error(TipErrorCode.WRONG_STATUS, status=409)
    before = audit.snapshot(tip, ["status", "routed_unit_id"])
    tip.routed_unit = unit
    tip.routed_at = timezone.now()
    if note.strip():
        tip.internal_note = "\n".join(filter(None, [tip.internal_note, nfc(note).strip()]))
    _set_status(tip, TipStatus.ROUTED)
    tip.save()
    audit.record(
        actor=actor,
        verb="tip.routed",
        target=tip,
        changes=audit.diff(before, audit.snapshot(tip, ["status", "routed_unit_id"])),
        data={"suggested": tip.suggested_unit_id, "overridden": tip.suggested_unit_id != unit.pk},
    )
    members = [m.user for m in Membership.objects.filter(unit=unit).select_related("user")]
    _notify_staff(
        tip,
        users=members,
        kind="tip.routed",
        title=gettext_noop("Tin báo %(code)s được chuyển đến đơn vị"),
    )
    return tip


@transaction.atomic
def tip_open_case(
    *, actor, tip: Tip, category: str | None = None, detected_on: dt.date | None = None
) -> Case:
    """The unit turns the tip into a case of its own (through the case register's service), linked to the tip."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if not rules.may_handle(actor, tip):
        raise _error(TipErrorCode.NOT_HANDLER, status=403)
    if tip.status != TipStatus.ROUTED:
        raise _error(TipErrorCode.WRONG_STATUS, status=409)
    case = cases.case_create(
        actor=actor,
        lead_unit=tip.routed_unit,
        category=category or tip.category,
        detected_on=detected_on or timezone.localdate(tip.submitted_at),
        place=tip.place,
        place_text=tip.place_text[:255],
        narrative=_("Từ tin báo %(code)s: %(text)s") % {"code": tip.receipt_code, "text": tip.description},
    )
    tip.case = case
    _set_status(tip, TipStatus.CASE_OPENED)
    tip.save(update_fields=["case", "status", "status_changed_at"])
    audit.record(actor=actor, verb="tip.case_opened", target=tip, data={"case": case.pk})
    return case


@transaction.atomic
def tip_close(*, actor, tip: Tip, reason: str) -> Tip:
    """Close a tip without a case (no violation found, duplicate, not enough to act on): the reason is internal."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if not (rules.may_handle(actor, tip) or rules.may_triage(actor, tip)):
        raise _error(TipErrorCode.NOT_HANDLER, status=403)
    if tip.status in (TipStatus.CLOSED, TipStatus.CASE_OPENED):
        raise _error(TipErrorCode.WRONG_STATUS, status=409)
    reason = nfc(reason or "").strip()
    if not reason:
        raise _error(TipErrorCode.REASON_REQUIRED, field="reason")
    before = audit.snapshot(tip, ["status", "close_reason"])
    tip.close_reason = reason[:255]
    _set_status(tip, TipStatus.CLOSED)
    tip.full_clean()
    tip.save(update_fields=["status", "close_reason", "status_changed_at"])
    audit.record(
        actor=actor,
        verb="tip.closed",
        target=tip,
        changes=audit.diff(before, audit.snapshot(tip, ["status", "close_reason"])),
    )
    return tip
