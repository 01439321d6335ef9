"""The notifications routes of /api/v1/: a user reads and marks only their own notifications."""

from django.utils.translation import gettext_lazy as _
from ninja import Router

from sc389.core.errors import DomainError

from . import selectors, services
from .models import EmailMode, Language
from .schemas import MarkedOut, MarkReadIn, NotificationOut, SettingIn, SettingOut, UnreadOut

router = Router(tags=["notifications"])
LIMIT = 200


@router.get("", response=list[NotificationOut])
def notification_list(request, unread: bool = False):
    return list(selectors.notification_list(user=request.user, unread_only=unread)[:LIMIT])


@router.get("/unread-count", response=UnreadOut)
def unread_count(request):
    return {"unread": selectors.unread_count(user=request.user)}


@router.post("/read", response=MarkedOut)
def mark_read(request, payload: MarkReadIn):
    return {"marked": services.notification_mark_read(user=request.user, ids=payload.ids)}


@router.post("/{notification_id}/read", response=NotificationOut)
def mark_one_read(request, notification_id: int):
    notification = selectors.notification_get(user=request.user, pk=notification_id)  # 404 if not theirs
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    notification.refresh_from_db()
    return notification


@router.get("/settings", response=SettingOut)
def setting_get(request):
    return {
        "email_mode": selectors.email_mode(user=request.user),
        "language": selectors.language(user=request.user),
    }


@router.put("/settings", response=SettingOut)
def setting_update(request, payload: SettingIn):
    if payload.email_mode is not None and payload.email_mode not in EmailMode.values:
        raise DomainError(
            "invalid_email_mode",
            _("Cách nhận thư phải là một trong: %(values)s.") % {"values": ", ".join(EmailMode.values)},
            field="email_mode",
        )
    if payload.language is not None and payload.language not in Language.values:
        raise DomainError(
            "invalid_language",
            _("Ngôn ngữ phải là một trong: %(values)s.") % {"values": ", ".join(Language.values)},
            field="language",
        )
    return services.notification_setting_update(
        user=request.user, email_mode=payload.email_mode, language=payload.language
    )
