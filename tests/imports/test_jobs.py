"""The import task is idempotent; core.text.fold's word cache folds exactly as the reference."""

import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from hypothesis import given
from hypothesis import strategies as st

from sc389.cases.imports import jobs
from sc389.cases.models import Case, ImportJob
from sc389.cases.tasks import import_job_task
from sc389.core.models import AuditEvent
from sc389.core.text import _fold_slow, fold
from sc389.org.models import Force, Unit

from .files import csv_bytes, good_row


def test_task_runs_a_confirmed_job_once(tree, django_capture_on_commit_callbacks):
    officer = tree.users["officer_langson_customs"]
    upload = SimpleUploadedFile("vu-viec.csv", csv_bytes([good_row(1)]))
    job = jobs.import_job_create(actor=officer, unit=tree.units["customs_huunghi"], upload=upload)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.import_job_confirm(job=job, actor=officer)
    job.refresh_from_db()
    assert job.status == "done" and job.processed_rows == 1 and job.finished_at is not None
    events = AuditEvent.objects.count()
    result = import_job_task.enqueue(job.pk)  # run again: nothing happens
    assert result.return_value["status"] == "done"
    assert Case.objects.count() == 1 and AuditEvent.objects.count() == events


_LETTERS = st.characters(min_codepoint=0x20, max_codepoint=0x1EFF) | st.sampled_from(
    " \t\u00a0\u3000đĐ\u0301\u0323"
)


@given(st.text(alphabet=_LETTERS, max_size=40))
def test_fold_word_cache_matches_the_reference(text):
    for form in ("NFC", "NFD"):
        value = unicodedata.normalize(form, text)
        assert fold(value) == _fold_slow(value)


@pytest.mark.django_db(transaction=True)
def test_progress_written_inside_the_import_transaction_is_seen_at_once_on_postgresql():
    """The pipelined import reports progress from inside its transaction; the page must see it before the end."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: progress shows when the import commits")
    force = Force.objects.create(code="customs", name="Hải quan")
    unit = Unit.objects.create(code="HQ-PROGRESS", name="Hải quan (tiến độ)", force=force)
    job = ImportJob.objects.create(unit=unit, file_name="a.csv", sha256="0", format="csv", status="running")
    side = jobs.ProgressConnection()
    reader = connections.create_connection("default")
    try:
        with transaction.atomic():
            side.update(job.pk, phase="validating", processed_rows=5000, total_rows=100000)
            with reader.cursor() as cursor:  # another session, like the page polling
                cursor.execute("SELECT processed_rows FROM cases_importjob WHERE id = %s", [job.pk])
                assert cursor.fetchone()[0] == 5000
    finally:
        side.close()
        reader.close()
