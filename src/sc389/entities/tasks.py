"""Background tasks of the entity registry (django-tasks: the database backend in production, immediate in
tests). `sc389 db_worker` runs them; `sc389 refresh_entities --enqueue` queues one."""

from dataclasses import asdict

from django_tasks import task


@task()
def entities_refresh_task() -> dict:
    """Refresh the registry from the cases' parties; idempotent (a second run finds nothing to do)."""
    from .services import entities_refresh

    return asdict(entities_refresh())
