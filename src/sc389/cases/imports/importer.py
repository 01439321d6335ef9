"""Import a spreadsheet of cases for one unit: all rows or none, idempotent by the force's own case id.

Flow: read the file → check every row against cached lists (no query per row) → compare with the unit's cases
already imported (source_unit, external_ref) → if no row was refused and this is not a dry run, write everything
in one transaction with bulk inserts and updates, and one audit row per created or changed case (channel
"import"). Unchanged cases are not touched and get no audit row.

A file manages the parts it has columns for: with goods columns, the goods lines of its cases are the file's;
without penalty columns, penalties recorded on the web stay as they are.
"""

import gc
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sc389.core import access, audit
from sc389.core.models import AuditEvent
from sc389.org.models import Unit

from ..models import Case, CaseUnit
from ..search import case_search_text
from ..services.case import next_references
from ..services.common import AUDITED_CASE_FIELDS
from ..textsearch import word_index_deferred
from . import bulk, pipeline, reader
from .columns import CASE_COLUMNS, GOODS_COLUMNS, PARTY_COLUMNS
from .lookups import Lookups
from .planning import (
    CHUNK,
    PART_KINDS,
    AuditTarget,
    Plan,
    case_view,
    deleted_refusal,
    load_existing,
    load_parts,
    managed_kinds,
    plan_one,
    preview,
)
from .rows import CaseRecord, Header, RowContext, RowError, case_row, extra_goods_row, extra_party_row

Progress = Callable[[str, int, int], None]  # (phase, processed rows, total rows)
PROGRESS_EVERY = 2000


UPDATED_CASE_FIELDS = [
    "category",
    "violation_type",
    "channel",
    "channel_url",
    "channel_shop",
    "detected_on",
    "place",
    "province",
    "commune",
    "place_text",
    "narrative",
    "status",
    "handled_on",
    "search_folded",
    "version",
    "updated_at",
]


@dataclass
class ImportResult:
    """What an import found and did; `errors` empty means every row was accepted."""

    file_name: str
    format: str = ""
    dry_run: bool = False
    total_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_cases(
    *,
    data: bytes,
    file_name: str,
    unit: Unit,
    actor,
    dry_run: bool = False,
    job_id: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check `data` (CSV or XLSX) row by row and, unless `dry_run` or a row was refused, write it whole.

    `actor` needs write rights for `unit` (access.may_record_for); None stands for the operator running the
    command line on the server, who is not checked and is recorded as "system".
    """
    with _gc_paused(), bulk.write_cache():
        return _import(
            data=data,
            file_name=file_name,
            unit=unit,
            actor=actor,
            dry_run=dry_run,
            job_id=job_id,
            progress=progress,
        )


@contextmanager
def _gc_paused():
    """No cyclic garbage collection while a file is checked and written.

    An import keeps a few hundred thousand small objects alive (records, parts, rows to write); every collection
    of the oldest generation walks all of them, which cost a fifth of the checking time. The objects are freed by
    reference counting as usual; collection resumes when the import ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(*, data, file_name, unit, actor, dry_run, job_id, progress) -> ImportResult:
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    report = progress or (lambda phase, done, total: None)
    try:
        book = reader.read(data, file_name)
    except reader.FileError as exc:
        result.errors.append(RowError(0, "", exc.message))
        return result
    result.format = book.format
    result.total_rows = book.total_rows

    def may_record(province) -> bool:
        return actor is None or access.may_record_for(actor, unit_id=unit.pk, province_id=province.pk)

    ctx = RowContext(lookups=Lookups.load(), unit=unit, may_record=may_record)
    if pipeline.usable(book, dry_run=dry_run):

        def write_changed(records: dict[str, CaseRecord], header: Header) -> list[Plan]:
            plans = _plan(records, {"cases": header}, unit=unit, actor=actor, result=result)
            if not result.errors:
                _write(plans, unit=unit, actor=actor, job_id=job_id, file_name=file_name, result=result)
            return plans

        pipeline.run(
            book,
            ctx,
            unit=unit,
            actor=actor,
            job_id=job_id,
            file_name=file_name,
            result=result,
            report=report,
            write_changed=write_changed,
        )
        return result
    records, headers = _validate(book, ctx, result, report)
    if result.errors:
        return result
    plans = _plan(records, headers, unit=unit, actor=actor, result=result)
    result.preview = [preview(p) for p in plans[:10]]
    if result.errors or dry_run:
        return result
    report("writing", result.total_rows, result.total_rows)
    with audit.context(channel="import"), transaction.atomic():
        _write(plans, unit=unit, actor=actor, job_id=job_id, file_name=file_name, result=result)
    result.written = True
    return result


def _validate(book, ctx: RowContext, result: ImportResult, report: Progress):
    sheet = book.sheets["cases"]
    header = Header(sheet.headers, CASE_COLUMNS, sheet=_sheet_label(book, sheet), header_row=sheet.header_row)
    result.unknown_columns = header.unknown
    headers = {"cases": header}
    if header.errors:
        result.errors.extend(header.errors)
        return {}, headers
    records: dict[str, CaseRecord] = {}
    seen_rows: dict[str, int] = {}
    total, done = result.total_rows, 0
    for number, values in sheet.rows:
        record, errors = case_row(values, header=header, row=number, ctx=ctx)
        done += 1
        if done % PROGRESS_EVERY == 0:
            report("validating", done, total)
        if errors:
            result.errors.extend(errors)
            continue
        key = record.external_ref
        if key in seen_rows:
            result.errors.append(
                RowError(
                    number,
                    header.labels["external_ref"],
                    _("mã vụ việc “%(ref)s” trùng với dòng %(row)s.")
                    % {"ref": record.external_ref, "row": seen_rows[key]},
                    header.sheet,
                )
            )
            continue
        seen_rows[key] = number
        records[key] = record
    for key, columns, row_fn in (
        ("goods", GOODS_COLUMNS, lambda v, h, n: extra_goods_row(v, header=h, row=n, lk=ctx.lookups)),
        ("parties", PARTY_COLUMNS, lambda v, h, n: extra_party_row(v, header=h, row=n)),
    ):
        extra = book.sheets.get(key)
        if extra is None:
            continue
        extra_header = Header(extra.headers, columns, sheet=extra.name, header_row=extra.header_row)
        headers[key] = extra_header
        if extra_header.errors:
            result.errors.extend(extra_header.errors)
            continue
        for number, values in extra.rows:
            ref, part, errors = row_fn(values, extra_header, number)
            done += 1
            if errors:
                result.errors.extend(errors)
                continue
            record = records.get(ref)
            if record is None:
                if ref not in seen_rows:  # a refused case row is reported already
                    result.errors.append(
                        RowError(
                            number,
                            extra_header.labels["external_ref"],
                            _("không có vụ việc mã “%(ref)s” ở sheet Vụ việc.") % {"ref": ref},
                            extra.name,
                        )
                    )
                continue
            getattr(record, key).append(part)
    report("validating", done, total)
    return records, headers


def _sheet_label(book, sheet) -> str:
    return sheet.name if book.format == "xlsx" else ""


def _plan(records: dict[str, CaseRecord], headers, *, unit: Unit, actor, result: ImportResult) -> list[Plan]:
    """New, changed or unchanged: each record against the case the unit imported before under that id."""
    managed = managed_kinds(headers)
    manage_participants = headers["cases"].has("participants")
    existing = load_existing(unit, list(records))
    old_parts, old_participants = load_parts([c["id"] for c in existing.values()])
    label = headers["cases"].labels["external_ref"]
    sheet = headers["cases"].sheet
    created_by = actor.pk if getattr(actor, "pk", None) else None
    plans = []
    for key, record in records.items():
        refused = deleted_refusal(record, existing.get(key), headers["cases"])
        if refused is not None:
            result.errors.append(refused)
            continue
        plan = plan_one(
            record,
            existing.get(key),
            old_parts=old_parts,
            old_participants=old_participants,
            managed=managed,
            manage_participants=manage_participants,
            unit=unit,
            created_by=created_by,
        )
        if plan is None:
            result.unchanged += 1
            continue
        if not plan.existing:
            plans.append(plan)
            result.created += 1
            continue
        old = existing[key]
        if old["merged_into_id"]:
            result.errors.append(
                RowError(
                    record.row,
                    label,
                    _("vụ việc “%(ref)s” đã được gộp vào vụ khác; hãy sửa trên vụ việc chính.")
                    % {"ref": record.external_ref},
                    sheet,
                )
            )
            continue
        if actor is not None and not access.may_record_for(
            actor, unit_id=old["lead_unit_id"], province_id=plan.values["province_id"]
        ):
            result.errors.append(
                RowError(
                    record.row,
                    label,
                    _("bạn không có quyền sửa vụ việc “%(ref)s” (%(reference)s).")
                    % {"ref": record.external_ref, "reference": old["reference"]},
                    sheet,
                )
            )
            continue
        plans.append(plan)
        result.updated += 1
    return plans


def _write(plans: list[Plan], *, unit: Unit, actor, job_id, file_name: str, result: ImportResult) -> None:
    now = timezone.now()
    new = [p for p in plans if not p.existing]
    changed = [p for p in plans if p.existing]
    # Case numbers: one reserved block per province and year.
    groups: dict[tuple[int, int], list[Plan]] = defaultdict(list)
    for p in new:
        groups[(p.values["province_id"], p.values["detected_on"].year)].append(p)
    for (_province_id, year), group in groups.items():
        province = group[0].record.province
        for p, reference in zip(group, next_references(province, year, len(group)), strict=True):
            p.values["reference"] = reference
    for p, case_id in zip(new, bulk.reserve_ids(Case, len(new)), strict=True):
        p.values["id"] = case_id
    # Search text as the rows stream to the database: on PostgreSQL the server indexes one row while this folds
    # the next.
    with word_index_deferred([p.values["id"] for p in new]):
        bulk.insert(Case, (_with_search_text(p, unit) for p in new), now=now, with_id=True)
    for p in changed:
        _with_search_text(p, unit)
    if changed:
        objs = []
        for p in changed:
            p.values["version"] += 1
            case = Case(**{k: v for k, v in p.values.items() if k in _CASE_ATTNAMES})
            case.updated_at = now
            objs.append(case)
        Case.objects.bulk_update(objs, UPDATED_CASE_FIELDS, batch_size=500)
    # Parts: a changed kind is replaced whole by the file's.
    for kind in PART_KINDS:
        stale = [p.values["id"] for p in changed if kind.name in p.changed_kinds]
        for start in range(0, len(stale), CHUNK):
            kind.model.objects.filter(case_id__in=stale[start : start + CHUNK]).delete()
        bulk.insert(
            kind.model,
            (
                {**item.values(), "case_id": p.values["id"]}
                for p in plans
                if not p.existing or kind.name in p.changed_kinds
                for item in p.parts[kind.name]
            ),
            now=now,
        )
    stale_units = [p.values["id"] for p in changed if p.participants_changed]
    for start in range(0, len(stale_units), CHUNK):
        CaseUnit.objects.filter(case_id__in=stale_units[start : start + CHUNK]).delete()
    bulk.insert(
        CaseUnit,
        (
            {"case_id": p.values["id"], "unit_id": u.pk}
            for p in plans
            if not p.existing or p.participants_changed
            for u in p.record.participants
        ),
        now=now,
    )
    audit_rows = _audit_rows(new, changed, actor=actor, job_id=job_id, file_name=file_name)
    bulk.insert(AuditEvent, audit.chain_rows(audit_rows, now=now), now=now)
    result.created_ids = [p.values["id"] for p in new]
    result.updated_ids = [p.values["id"] for p in changed]


def _with_search_text(p: Plan, unit: Unit) -> dict[str, Any]:
    view = case_view(p.values, p.record, unit)
    p.values["search_folded"] = case_search_text(view, parties=p.parts["parties"], goods=p.parts["goods"])
    return p.values


def _audit_rows(new: list[Plan], changed: list[Plan], *, actor, job_id, file_name: str):
    """One audit row per created or changed case, as `audit.build` makes them, without a model instance each.

    Who and where (actor, label, channel, address, request id) come from one `audit.build`, so the rule stays in
    core.audit; per case only the target, the changes and the row differ.
    """
    common = vars(audit.build(actor=actor, verb="", target=AuditTarget(0, "")))
    common = {k: common[k] for k in ("actor_id", "actor_label", "channel", "ip", "request_id", "target_type")}
    source = {"import_job": job_id, "file": file_name}
    jsonable = audit.jsonable
    for p in new:
        values = p.values
        data = {**source, "row": p.record.row, "participants": [u.pk for u in p.record.participants]}
        data.update({k.name: len(p.parts[k.name]) for k in PART_KINDS if p.parts[k.name]})
        yield {
            **common,
            "verb": "case.created",
            "target_id": str(values["id"]),
            "target_repr": values["reference"][:255],
            "changes": {
                name: [None, jsonable(values[name])]
                for name in AUDITED_CASE_FIELDS
                if values[name] is not None
            },
            "data": data,
        }
    for p in changed:
        yield {
            **common,
            "verb": "case.updated",
            "target_id": str(p.values["id"]),
            "target_repr": p.values["reference"][:255],
            "changes": jsonable(p.changes),
            "data": {**source, "row": p.record.row},
        }


_CASE_ATTNAMES = {f.attname for f in Case._meta.concrete_fields}
