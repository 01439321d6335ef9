"""Taking the case list out of the system (a file or a printout) is recorded: who, which filters, how many cases."""

from typing import Literal

from django.db import transaction

from sc389.core import audit
from sc389.core.models import AuditEvent

from ..selectors import CaseFilters

ExportKind = Literal["csv", "xlsx", "print"]


@transaction.atomic
def case_list_export_record(*, actor, filters: CaseFilters, kind: ExportKind, rows: int) -> AuditEvent:
    """Record that `actor` took `rows` cases of the list, filtered by `filters`, as a file or a printout.

    Written before the first row leaves, so a download broken off half-way is on record too. Only the filters
    that narrow the list are kept (the defaults say nothing)."""
    used = {name: value for name, value in vars(filters).items() if value not in (None, "", False)}
    return audit.record(
        actor=actor, verb="case.list_exported", data={"format": kind, "filters": used, "rows": rows}
    )
