"""Import jobs on the web: upload and check (preview), confirm, run in the background, with progress.

The check runs while the page waits (it writes nothing); the import itself runs as a task (django-tasks) that
checks the file again, since the database may have changed since the preview, and writes it whole or not at all.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sc389.core import access, audit
from sc389.core.errors import DomainError, PermissionDenied
from sc389.org.models import Unit

from ..models import ImportJob, ImportPhase, ImportStatus
from . import reader, recovery
from .importer import ImportResult, import_cases

logger = logging.getLogger(__name__)
MAX_STORED_ERRORS = 20_000


class ImportErrorCode:
    NOT_ALLOWED = "import.not_allowed"
    NOT_CONFIRMABLE = "import.not_confirmable"
    TOO_LARGE = "import.too_large"


def may_import(actor, unit: Unit) -> bool:
    """Writers of the unit (or admins over its home province, or national admins) may import for it."""
    return access.may_record_for(actor, unit_id=unit.pk, province_id=unit.home_province_id)


def importable_units(actor) -> list[Unit]:
    """The units `actor` may import for: a unit membership's own unit first."""
    p = access.principal(actor)
    if p.is_anonymous:
        return []
    if p.national_writer:
        return list(Unit.objects.order_by("code"))
    qs = Unit.objects.filter(pk__in=p.writer_unit_ids) | Unit.objects.filter(
        home_province_id__in=p.writer_province_ids
    )
    return list(qs.distinct().order_by("code"))


def default_unit(actor) -> Unit | None:
    """The user's own unit: their first writer membership in a unit."""
    membership = (
        actor.memberships.filter(unit__isnull=False, role__in=access.WRITER_ROLES)
        .select_related("unit")
        .first()
    )
    return membership.unit if membership else None


def _store(job: ImportJob, result: ImportResult) -> None:
    job.format = result.format or job.format
    job.total_rows = result.total_rows
    job.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    job.error_count = len(result.errors)
    job.created_count, job.updated_count, job.unchanged_count = (
        result.created,
        result.updated,
        result.unchanged,
    )


def import_job_create(*, actor, unit: Unit, upload: UploadedFile) -> ImportJob:
    """Keep the uploaded file and check it (nothing is written to cases): the preview of an import."""
    if not may_import(actor, unit):
        raise PermissionDenied(
            _("Bạn không có quyền nhập vụ việc cho đơn vị %(unit)s.") % {"unit": unit.code}
        )
    if upload.size > reader.MAX_BYTES:
        raise DomainError(
            ImportErrorCode.TOO_LARGE,
            _("Tệp lớn hơn giới hạn %(limit)s MB; hãy chia thành nhiều tệp.")
            % {"limit": reader.MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    data = b"".join(upload.chunks())
    sha256 = hashlib.sha256(data).hexdigest()
    name = (upload.name or "import")[:255]
    job = ImportJob(
        created_by=actor,
        unit=unit,
        file_name=name,
        sha256=sha256,
        size=len(data),
        format="xlsx" if data.startswith(b"PK") else "csv",
        status=ImportStatus.VALIDATED,
    )
    job.file.save(name, ContentFile(data), save=False)
    result = import_cases(data=data, file_name=name, unit=unit, actor=actor, dry_run=True)
    _store(job, result)
    job.preview = result.preview
    job.processed_rows = result.total_rows
    job.status = ImportStatus.VALIDATED if result.ok else ImportStatus.REJECTED
    job.validated_at = timezone.now()
    with transaction.atomic():
        job.save()
        audit.record(
            actor=actor,
            verb="import.checked",
            target=job,
            data={"file": name, "sha256": sha256, "rows": job.total_rows, "errors": job.error_count},
        )
    return job


def import_job_confirm(*, job: ImportJob, actor) -> ImportJob:
    """Queue a checked file for import; the task runs once the confirmation is committed."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not may_import(actor, job.unit):
            raise PermissionDenied(
                _("Bạn không có quyền nhập vụ việc cho đơn vị %(unit)s.") % {"unit": job.unit.code}
            )
        if not job.can_confirm():
            raise DomainError(
                ImportErrorCode.NOT_CONFIRMABLE, _("Tệp này không thể nhập (đã nhập hoặc có dòng lỗi).")
            )
        job.status = ImportStatus.QUEUED
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows"])
        audit.record(actor=actor, verb="import.confirmed", target=job, data={"file": job.file_name})
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    from ..tasks import import_job_task

    result = import_job_task.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])


class ProgressConnection:
    """Writes a job's progress where the page can see it.

    A large file is written while it is still being checked (imports.pipeline), so progress is reported from
    inside the import's transaction. On PostgreSQL it goes through a second connection, committed at once; on
    SQLite, which has one writer at a time, it stays in the import's transaction and shows when it commits.
    """

    def __init__(self):
        self._side = None

    def update(self, job_id: int, **values) -> None:
        # Only when the import's transaction is the outermost one: a caller's transaction may hold the job's row.
        if connection.vendor != "postgresql" or len(connection.atomic_blocks) != 1:
            ImportJob.objects.filter(pk=job_id).update(**values)
            return
        qn = connection.ops.quote_name
        assignments = ", ".join(f"{qn(name)} = %s" for name in values)
        try:
            if self._side is None:
                self._side = connections.create_connection(DEFAULT_DB_ALIAS)
                with self._side.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '2s'")  # progress must never hold the import up
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {qn(ImportJob._meta.db_table)} SET {assignments} WHERE id = %s",
                    [*values.values(), job_id],
                )
        except DatabaseError:
            logger.warning("import job %s: progress not recorded", job_id, exc_info=True)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a confirmed job: check again, then write all rows or none. Idempotent: a finished job is left alone.

    The job's lease is held while it runs, so `sc389 recover_jobs` can tell a dead run from a live one.
    """
    with recovery.lease(job_id):
        return _run(job_id)


def _run(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return job
    actor = job.created_by
    job.status, job.phase, job.started_at, job.processed_rows = (
        ImportStatus.RUNNING,
        ImportPhase.VALIDATING,
        timezone.now(),
        0,
    )
    job.save(update_fields=["status", "phase", "started_at", "processed_rows"])

    side = ProgressConnection()

    def progress(phase: str, done: int, total: int) -> None:
        side.update(job.pk, phase=phase, processed_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as fh:
            data = fh.read()
        with audit.context(channel="import", request_id=f"import-{job.pk}"):
            result = import_cases(
                data=data,
                file_name=job.file_name,
                unit=job.unit,
                actor=actor,
                job_id=job.pk,
                progress=progress,
            )
    except Exception as exc:  # a fault of ours, not of the file: the job says so instead of hanging
        logger.exception("import job %s failed", job.pk)
        job.status, job.phase, job.finished_at = ImportStatus.FAILED, "", timezone.now()
        job.errors = [
            {"sheet": "", "row": 0, "column": "", "message": _("Lỗi hệ thống: %(error)s") % {"error": exc}}
        ]
        job.error_count = 1
        job.save()
        return job
    finally:
        side.close()
    _store(job, result)
    job.processed_rows = result.total_rows
    job.phase = ""
    job.finished_at = timezone.now()
    job.status = ImportStatus.DONE if result.written else ImportStatus.REJECTED
    job.created_case_ids, job.updated_case_ids = result.created_ids, result.updated_ids
    with transaction.atomic():
        job.save()
        audit.record(
            actor=actor,
            verb="import.done" if result.written else "import.rejected",
            target=job,
            data={
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "errors": len(result.errors),
            },
        )
    return job


def import_job_list(*, user):
    """Import jobs the user may see (those of the units in their scope), newest first."""
    return access.scope(ImportJob.objects.select_related("unit", "created_by"), user=user)


def import_job_get(*, user, pk: int, action: access.Action = "view") -> ImportJob:
    from sc389.core.errors import NotFound

    job = (
        import_job_list(user=user).filter(pk=pk).first()
        if action == "view"
        else (
            access.scope(ImportJob.objects.select_related("unit", "created_by"), user=user, action=action)
            .filter(pk=pk)
            .first()
        )
    )
    if job is None:
        raise NotFound()
    return job
