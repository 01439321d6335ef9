"""Writes of the invoices app: each run of an import is logged in the Django database and audited."""

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sc389.core import audit

from .importer import ACCEPTED, DUPLICATE, REJECTED, import_path
from .models import InvoiceImport, InvoiceImportFile


def invoices_import(*, path: Path, actor=None, progress=None) -> InvoiceImport:
    """Import the e-invoices and 04/SS-HĐĐT notices under path (file, folder or zip) into the store.

    The DuckDB store commits file by file batch (a refused file is never half-loaded); the run's log and its
    audit row are then written in one Django transaction. The audit row carries the counts and the SHA-256 of
    every refused file; the per-file rows are the run's detail, written with it.
    """
    started = timezone.now()
    results = import_path(path, progress=progress)
    with transaction.atomic():
        run = InvoiceImport.objects.create(
            source=str(path)[:1000],
            actor=actor,
            started_at=started,
            finished_at=timezone.now(),
            files_accepted=sum(r.outcome == ACCEPTED for r in results),
            files_duplicate=sum(r.outcome == DUPLICATE for r in results),
            files_rejected=sum(r.outcome == REJECTED for r in results),
            invoices_loaded=sum(r.invoices for r in results if r.outcome == ACCEPTED),
            notices_loaded=sum(r.notices for r in results if r.outcome == ACCEPTED),
        )
        InvoiceImportFile.objects.bulk_create(
            [
                InvoiceImportFile(
                    run=run,
                    name=r.name[-1000:],
                    sha256=r.sha256,
                    size=r.size,
                    outcome=r.outcome,
                    invoices=r.invoices,
                    notices=r.notices,
                    reasons=r.reasons,
                )
                for r in results
            ],
            batch_size=1000,
        )
        audit.record(
            actor=actor,
            verb="invoices.imported",
            target=run,
            data={
                "source": run.source,
                "accepted": run.files_accepted,
                "duplicate": run.files_duplicate,
                "rejected": run.files_rejected,
                "invoices": run.invoices_loaded,
                "notices": run.notices_loaded,
                "rejected_sha256": [r.sha256 for r in results if r.outcome == REJECTED][:1000],
            },
        )
    return run
