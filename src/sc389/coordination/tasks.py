"""Background tasks of coordination (django-tasks: the database backend in production, immediate in tests)."""

from django_tasks import task

from . import services


@task()
def escalate_overdue_requests() -> int:
    """Escalate the open requests past their deadline; a request is escalated once."""
    return services.requests_escalate()
