"""Background tasks of notifications (django-tasks: the database backend in production, immediate in tests)."""

from django_tasks import task

from . import services


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail notifications not yet e-mailed; idempotent."""
    return services.notification_emails_send(notification_ids=notification_ids)


@task()
def send_digests() -> int:
    """Send today's digests; a second run the same day sends nothing."""
    return services.digests_send()
