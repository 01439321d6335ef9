"""Reads of notifications: a user only ever sees their own."""

from django.conf import settings
from django.db.models import QuerySet

from sc389.core.errors import NotFound

from .models import EmailMode, Notification, NotificationSetting


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(*, user) -> int:
    return notification_list(user=user, unread_only=True).count()


def notification_get(*, user, pk: int) -> Notification:
    found = notification_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def email_mode(*, user) -> str:
    row = NotificationSetting.objects.filter(user=user).first()
    return row.email_mode if row else EmailMode.IMMEDIATE


def language(*, user) -> str:
    """The language of the user's e-mails and digests (the default language until they choose)."""
    row = NotificationSetting.objects.filter(user=user).first()
    return row.language if row else settings.LANGUAGE_CODE
