"""Every write to notifications: send (in the app and by e-mail through a task), mark read, settings, digests.

Other apps call `notify(users, kind=..., title=...)`; it is safe inside their transaction (the e-mail task is
queued on commit, so a rolled-back write sends nothing).
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.text import nfc

from .models import EmailMode, Notification, NotificationSetting


def _base_url() -> str:
    """Where the links in e-mails point (SC389_BASE_URL, e.g. https://sc389.gov.vn); relative when unset."""
    return getattr(settings, "SC389_BASE_URL", "").rstrip("/")


def _mode(user) -> str:
    row = NotificationSetting.objects.filter(user=user).first()
    return row.email_mode if row else EmailMode.IMMEDIATE


@transaction.atomic
def notify(
    users: Iterable, *, kind: str, title: str, body: str = "", link: str = "", actor=None
) -> list[Notification]:
    """Tell each of `users` (inactive ones and repeats skipped) something; e-mail those who want it at once."""
    seen: set[int] = set()
    rows = []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(recipient=user, kind=kind, title=nfc(title)[:255], body=body.strip(), link=link)
        )
    if not rows:
        return []
    for n in rows:  # one by one: ids on every database (a handful of rows)
        n.save()
    created = rows
    audit.record(
        actor=actor,
        verb="notification.sent",
        target=None,
        data={"kind": kind, "title": created[0].title, "recipients": sorted(seen)},
    )
    immediate = [n.pk for n in created if n.recipient.email and _mode(n.recipient) == EmailMode.IMMEDIATE]
    if immediate:
        from .tasks import send_notification_emails  # the task module imports this one

        transaction.on_commit(lambda: send_notification_emails.enqueue(notification_ids=immediate))
    return created


@transaction.atomic
def notification_emails_send(*, notification_ids: list[int]) -> int:
    """E-mail the given notifications not yet e-mailed; running it twice sends nothing more."""
    sent = 0
    pending = Notification.objects.select_for_update().filter(
        pk__in=notification_ids, emailed_at__isnull=True
    )
    for n in pending.select_related("recipient"):
        if not n.recipient.email:
            continue
        send_mail(
            subject=f"[SC389] {n.title}",
            message=_email_text(n),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[n.recipient.email],
        )
        n.emailed_at = timezone.now()
        n.save(update_fields=["emailed_at"])
        sent += 1
    if sent:
        audit.record(actor=None, verb="notification.emailed", data={"notifications": notification_ids})
    return sent


def _email_text(n: Notification) -> str:
    link = f"\n{_base_url()}{n.link}" if n.link else ""
    return f"{n.body}{link}".strip()


@transaction.atomic
def notification_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None); returns how many."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    marked = list(qs.values_list("pk", flat=True))
    if marked:
        Notification.objects.filter(pk__in=marked).update(read_at=timezone.now())
        audit.record(actor=user, verb="notification.read", data={"notifications": marked})
    return len(marked)


@transaction.atomic
def notification_setting_update(*, user, email_mode: str) -> NotificationSetting:
    """The user's own choice of e-mail (at once, daily digest, none)."""
    row, _created = NotificationSetting.objects.get_or_create(user=user)
    before = row.email_mode
    row.email_mode = EmailMode(email_mode)
    row.full_clean()
    row.save(update_fields=["email_mode"])
    audit.record(
        actor=user,
        verb="notification.setting_updated",
        target=row,
        changes={"email_mode": [before, row.email_mode]},
    )
    return row


@transaction.atomic
def digests_send(*, now: dt.datetime | None = None) -> int:
    """One e-mail per digest user with what they received since their last digest (at most one a day)."""
    now = now or timezone.now()
    sent = 0
    rows = NotificationSetting.objects.select_for_update().filter(email_mode=EmailMode.DIGEST)
    for row in rows.select_related("user"):
        since = row.last_digest_at or now - dt.timedelta(days=1)
        if row.last_digest_at and timezone.localdate(row.last_digest_at) >= timezone.localdate(now):
            continue  # today's digest went out already: the command may run twice
        items = list(
            Notification.objects.filter(
                recipient=row.user, created_at__gt=since, created_at__lte=now
            ).order_by("created_at")
        )
        row.last_digest_at = now
        row.save(update_fields=["last_digest_at"])
        if not items or not row.user.email or not row.user.is_active:
            continue
        lines = [f"- {n.title}" + (f" ({_base_url()}{n.link})" if n.link else "") for n in items]
        send_mail(
            subject=_("[SC389] Tổng hợp %(count)s thông báo") % {"count": len(items)},
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[row.user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in items], emailed_at__isnull=True).update(
            emailed_at=now
        )
        sent += 1
    audit.record(actor=None, verb="notification.digests_sent", data={"digests": sent})
    return sent
