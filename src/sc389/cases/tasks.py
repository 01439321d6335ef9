"""Background tasks of the cases app (django-tasks: the database backend in production, immediate in tests)."""

from django_tasks import task

from .imports.jobs import import_job_run


@task()
def import_job_task(job_id: int) -> dict:
    """Run one confirmed import job; running it again on a finished job does nothing."""
    job = import_job_run(job_id=job_id)
    return {
        "status": job.status,
        "created": job.created_count,
        "updated": job.updated_count,
        "unchanged": job.unchanged_count,
        "errors": job.error_count,
    }
