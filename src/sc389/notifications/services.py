"""Every write to notifications: send (in the app and by e-mail through a task), mark read, settings, digests.

Other apps call `notify(users, kind=..., title=gettext_noop("..."), params={...})`: message ids and their values,
rendered in each reader's language when read (see notifications.wording). It is safe inside their transaction
(the e-mail task is queued on commit, so a rolled-back write sends nothing).
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.text import nfc

from . import wording
from .models import EmailMode, Language, Notification, NotificationSetting


def _base_url() -> str:
    """Where the links in e-mails point (SC389_BASE_URL, e.g. https://sc389.gov.vn); relative when unset."""
    return getattr(settings, "SC389_BASE_URL", "").rstrip("/")


def _mode(user) -> str:
    row = NotificationSetting.objects.filter(user=user).first()
    return row.email_mode if row else EmailMode.IMMEDIATE


def _languages(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's language for e-mails (Vietnamese, the default, for those who never chose)."""
    chosen = dict(NotificationSetting.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))
    return {pk: chosen.get(pk, settings.LANGUAGE_CODE) for pk in user_ids}


def _clean(params: Mapping | None) -> dict:
    return {key: nfc(value) if isinstance(value, str) else value for key, value in (params or {}).items()}


@transaction.atomic
def notify(
    users: Iterable,
    *,
    kind: str,
    title: str,
    body: str = "",
    params: Mapping | None = None,
    labels: Mapping[str, str] | None = None,
    body_text: str = "",
    link: str = "",
    actor=None,
) -> list[Notification]:
    """Tell each of `users` (inactive ones and repeats skipped) something; e-mail those who want it at once.

    `title` and `body` are message ids (Vietnamese msgids marked with gettext_noop), filled with `params` (as they
    are) and `labels` (msgids translated for each reader); `body_text` is a user's own words, never translated.
    """
    params, labels = _clean(params), dict(labels or {})
    wording.check(title, params=params, labels=labels)
    wording.check(body, params=params, labels=labels)
    seen: set[int] = set()
    rows = []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                title_msgid=title,
                body_msgid=body,
                params=params,
                labels=labels,
                body_text=body_text.strip(),
                link=link,
            )
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
        data={"kind": kind, "title": title, "params": params, "labels": labels, "recipients": sorted(seen)},
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
    pending = list(pending.select_related("recipient"))
    languages = _languages({n.recipient_id for n in pending})
    for n in pending:
        if not n.recipient.email:
            continue
        with translation.override(languages[n.recipient_id]):  # the recipient's language, not the sender's
            subject, text = f"[SC389] {n.title}", _email_text(n)
        send_mail(
            subject=subject,
            message=text,
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
def notification_setting_update(
    *, user, email_mode: str | None = None, language: str | None = None
) -> NotificationSetting:
    """The user's own choice of e-mail (at once, daily digest, none) and of its language; None keeps it."""
    row = NotificationSetting.objects.filter(user=user).first() or NotificationSetting(user=user)
    before = {"email_mode": row.email_mode, "language": row.language}
    if email_mode is not None:
        row.email_mode = EmailMode(email_mode)
    if language is not None:
        row.language = Language(language)
    changes = {
        field: [was, getattr(row, field)] for field, was in before.items() if was != getattr(row, field)
    }
    if not changes:
        return row  # nothing to write (a user who keeps the defaults gets no row)
    row.full_clean()
    row.save(update_fields=list(changes) if row.pk else None)
    audit.record(actor=user, verb="notification.setting_updated", target=row, changes=changes)
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
        with translation.override(row.language):  # the recipient's language, not the server's
            subject = _("[SC389] Tổng hợp %(count)s thông báo") % {"count": len(items)}
            lines = [f"- {n.title}" + (f" ({_base_url()}{n.link})" if n.link else "") for n in items]
        send_mail(
            subject=subject,
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
