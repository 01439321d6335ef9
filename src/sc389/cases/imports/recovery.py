"""Import jobs whose worker died: found by a lease the dead process can no longer hold, and queued again.

django-tasks-db marks a task "running" when a worker claims it and only a live worker marks it finished: a worker
killed mid-task (SIGKILL, power loss, out of memory) leaves the task "running" for ever, with nothing to say it is
dead. So the process running an import holds a lease for the job while it runs: a PostgreSQL advisory lock on its
own connection, or on SQLite (one machine by nature) an flock on a file next to the database. The server or the
kernel releases it when the process dies, however it dies. A running job whose lease can be taken is therefore
orphaned; since an import writes all or nothing, its file is simply run again.

`sc389 recover_jobs` runs this; the worker's systemd unit runs it before each start (deploy/sc389-worker.service).
It is safe while other workers run: a live job's lease is held, so it is left alone.
"""

import datetime as dt
import fcntl
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from sc389.core import audit

from ..models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)
LEASE_CLASS = 389_001  # first key of the PostgreSQL advisory lock; the second is the job id
TASK_PATH = "sc389.cases.tasks.import_job_task"
CLAIM_GRACE = dt.timedelta(seconds=60)  # a worker claims a task a moment before it takes the job's lease


class LeaseHeld(Exception):
    """Another live process runs this job."""


def _lock_dir() -> Path:
    name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    if name.startswith(":memory:") or "mode=memory" in name:
        return Path(tempfile.gettempdir()) / f"sc389-locks-{os.getpid()}"
    return Path(f"{name}.locks")


@contextmanager
def lease(job_id: int, *, wait: bool = True) -> Iterator[None]:
    """Hold job `job_id`'s lease for the block; without `wait`, raise LeaseHeld if a live process holds it."""
    if connection.vendor == "postgresql":
        side = connections.create_connection(DEFAULT_DB_ALIAS)  # its own session: commits never release it
        try:
            with side.cursor() as cursor:
                if wait:
                    cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LEASE_CLASS, job_id])
                else:
                    cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LEASE_CLASS, job_id])
                    if not cursor.fetchone()[0]:
                        raise LeaseHeld(job_id)
            yield
        finally:
            side.close()  # closing the session releases the lock
        return
    directory = _lock_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"import-{job_id}.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LeaseHeld(job_id) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _tasks_table_exists() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult._meta.db_table in connection.introspection.table_names()


def _close_dead_task(task_id: str) -> None:
    """The task row of a dead run says failed, so it does not show as running for ever."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task_id or not _tasks_table_exists():
        return
    DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="sc389.cases.imports.recovery.WorkerLost",
        traceback="The worker running this task stopped before it finished; the import job was queued again.",
    )


def _requeue(job: ImportJob, *, reason: str) -> bool:
    """Mark the job queued again (audited); the caller enqueues it once the lease is let go."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status not in (ImportStatus.RUNNING, ImportStatus.QUEUED):
            return False  # finished meanwhile
        dead_task = job.task_id
        _close_dead_task(dead_task)
        job.status, job.phase, job.processed_rows, job.task_id = ImportStatus.QUEUED, "", 0, ""
        job.save(update_fields=["status", "phase", "processed_rows", "task_id"])
        audit.record(
            actor=None,
            verb="import.requeued",
            target=job,
            data={"file": job.file_name, "reason": reason, "task": dead_task},
        )
    return True


def import_jobs_recover() -> list[int]:
    """Queue again every import job whose worker died; return their ids."""
    from .jobs import enqueue

    recovered: list[int] = []
    for job in ImportJob.objects.filter(status=ImportStatus.RUNNING).order_by("pk"):
        recovered += _recover_one(job, reason="worker_lost")
    recovered += _recover_claimed_not_started()
    for job_id in recovered:  # outside the lease: a task run at once (tests) takes the lease itself
        enqueue(job_id)
        logger.warning("import job %s: its worker died; queued again", job_id)
    return recovered


def _recover_one(job: ImportJob, *, reason: str) -> list[int]:
    try:
        with lease(job.pk, wait=False):
            return [job.pk] if _requeue(job, reason=reason) else []
    except LeaseHeld:
        return []


def _recover_claimed_not_started() -> list[int]:
    """A worker that died between claiming the task and starting the job left the job queued, its task running."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not _tasks_table_exists():
        return []
    recovered = []
    stale = DBTaskResult.objects.filter(
        task_path=TASK_PATH, status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - CLAIM_GRACE
    )
    for task in stale:
        job = ImportJob.objects.filter(task_id=str(task.pk)[:64], status=ImportStatus.QUEUED).first()
        if job is None:
            continue
        recovered += _recover_one(job, reason="worker_lost_before_start")
    return recovered
