"""Large files on two cores: rows are checked in worker processes while this process writes the checked ones.

The sequential import (importer.py) checks every row, then writes: on one core the two add up. Here the case
sheet is cut into chunks; forked workers check and compare them (`case_row`, `plan_one`: no database) and prepare
what a new case needs (values, parts, search words, audit changes) while this process, inside the import's one
transaction, numbers, writes and audits the chunks already checked. All or nothing still holds: after the first
refused row nothing more is written, every row is still checked so the report lists all of them, and the
transaction is rolled back. Changed cases (a corrected file) are rare: they are re-checked here and written by
the sequential code at the end, in the same transaction.

Workers never touch the database (a guard refuses any query there): what they compare against (the unit's
cases with these ids, their parts, the actor's rights per province) is read before they fork, and inherited.
"""

import multiprocessing
import os
import re
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sc389.core import access, audit, chain
from sc389.core.models import AuditEvent
from sc389.core.text import fold_words, nfc
from sc389.org.models import Unit

from ..models import Case, CaseUnit
from ..search import case_search_text
from ..services.case import next_references
from ..services.common import AUDITED_CASE_FIELDS
from ..textsearch import index_words, word_index_deferred
from . import bulk, parsers
from .columns import CASE_COLUMNS
from .planning import (
    PART_KINDS,
    AuditTarget,
    case_view,
    deleted_refusal,
    load_existing,
    load_parts,
    plan_one,
    preview,
)
from .rows import CaseRecord, Header, RowContext, RowError, case_row

MIN_ROWS = 5000  # below this, forking costs more than it saves
CHUNK_ROWS = 5000  # rows a worker checks at a time, and the writer writes (case numbers: one query per group)
NEW, UNCHANGED, CHANGED, REFUSED = "new", "unchanged", "changed", "refused"


def worker_count() -> int:
    """Processes that check rows (settings.SC389_IMPORT_WORKERS; 0 turns the pipeline off)."""
    default = min(2, os.cpu_count() or 1)
    return int(getattr(settings, "SC389_IMPORT_WORKERS", default))


def usable(book, *, dry_run: bool) -> bool:
    """A real import of a large case sheet without extra sheets (their rows add parts to any case)."""
    return (
        not dry_run
        and set(book.sheets) == {"cases"}
        and len(book.sheets["cases"].rows) >= MIN_ROWS
        and worker_count() > 0
        and "fork" in multiprocessing.get_all_start_methods()
    )


@dataclass
class _Job:
    """What the forked workers read (inherited, never pickled)."""

    rows: list[tuple[int, tuple]]
    header: Header
    ctx: RowContext
    existing: dict[str, dict[str, Any]]
    old_parts: dict[str, dict[int, list]]
    old_participants: dict[int, set[int]]
    managed: dict[str, bool]
    manage_participants: bool
    unit: Unit
    created_by: int | None
    source: dict[str, Any]
    now: Any = None
    layouts: "_Layouts | None" = None


_JOB: _Job | None = None


class _Refused(Exception):
    """A row was refused after writing began: roll the transaction back."""


def run(
    book,
    ctx: RowContext,
    *,
    unit: Unit,
    actor,
    job_id: int | None,
    file_name: str,
    result,
    report: Callable[[str, int, int], None],
    write_changed: Callable[[dict[str, CaseRecord], Header], list],
) -> None:
    """Check and write the case sheet; fills `result` as importer._import would. `write_changed(records, header)`
    plans and writes changed cases (importer's sequential code) inside this transaction, adding errors to
    `result`, and returns their plans.
    """
    global _JOB
    sheet = book.sheets["cases"]
    label = sheet.name if book.format == "xlsx" else ""
    header = Header(sheet.headers, CASE_COLUMNS, sheet=label, header_row=sheet.header_row)
    result.unknown_columns = header.unknown
    if header.errors:
        result.errors.extend(header.errors)
        return
    existing = load_existing(unit, _raw_refs(sheet.rows, header))
    old_parts, old_participants = load_parts([c["id"] for c in existing.values()])
    _warm_rights(ctx, actor)
    _JOB = _Job(
        rows=sheet.rows,
        header=header,
        ctx=ctx,
        existing=existing,
        old_parts=old_parts,
        old_participants=old_participants,
        managed={
            kind.name: header.has(*kind.columns) or (bool(kind.sheet) and kind.sheet in book.sheets)
            for kind in PART_KINDS
        },
        manage_participants=header.has("participants"),
        unit=unit,
        created_by=actor.pk if getattr(actor, "pk", None) else None,
        source={"import_job": job_id, "file": file_name},
        now=timezone.now(),
    )
    _JOB.layouts = _Layouts(_JOB.now)
    total = len(sheet.rows)
    changed_plans: list = []
    try:
        with ProcessPoolExecutor(
            max_workers=worker_count(),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_no_database,
        ) as pool:
            futures = [
                pool.submit(_check, start, min(start + CHUNK_ROWS, total))
                for start in range(0, total, CHUNK_ROWS)
            ]
            try:
                with audit.context(channel="import"), transaction.atomic():
                    writer = _Writer(unit=unit, actor=actor, lookups=ctx.lookups, job=_JOB)
                    with bulk.keys_checked_per_statement():
                        _consume(futures, writer, header=header, result=result, report=report, total=total)
                    if not result.errors and writer.changed:
                        changed_plans = write_changed(writer.changed, header)
                    if result.errors:
                        raise _Refused
            except _Refused:
                pass  # every chunk was checked, the report is complete; nothing stays written
            except BaseException:
                for future in futures:  # a fault of ours: the workers need not check the rest
                    future.cancel()
                raise
    finally:
        _JOB = None
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        result.created_ids, result.updated_ids = [], []
        return
    result.created, result.unchanged = len(writer.ids), writer.unchanged
    result.created_ids = writer.ids
    shown = writer.previews + [(p.record.row, preview(p)) for p in changed_plans]
    result.preview = [p for _row, p in sorted(shown, key=lambda item: item[0])][:10]
    result.written = True


def _consume(futures, writer: "_Writer", *, header: Header, result, report, total: int) -> None:
    """Chunks in file order: refused rows and duplicate ids into the report, new cases to the writer."""
    seen: dict[str, int] = {}
    label = header.labels["external_ref"]
    done = 0
    with word_index_deferred([]):  # the writer keeps each case's words; they are indexed at the end
        for future in futures:
            items = future.result()
            new = []
            for kind, number, ref, payload in items:
                if kind == REFUSED:
                    result.errors.extend(payload)
                    continue
                if ref in seen:
                    result.errors.append(
                        RowError(
                            number,
                            label,
                            _("mã vụ việc “%(ref)s” trùng với dòng %(row)s.")
                            % {"ref": ref, "row": seen[ref]},
                            header.sheet,
                        )
                    )
                    continue
                seen[ref] = number
                if kind == NEW:
                    new.append(payload)
                elif kind == CHANGED:
                    writer.changed[ref] = payload
                else:
                    writer.unchanged += 1
            if not result.errors:
                writer.write(new)
            done += len(items)
            report("validating", done, total)
        if not result.errors:
            # The word index last: once SQLite's FTS5 table holds pending words in a transaction, every later
            # statement that opens a statement journal (INSERT ... SELECT, multi-row UPDATE) makes it flush them,
            # ~6 ms each; written before the hooks (each chunk's), the words cost the report summary seconds.
            index_words(writer.words)
    # Changed rows are checked again here: their records hold model instances, not worth pickling for a few.
    for ref, index in list(writer.changed.items()):
        number, values = _JOB.rows[index]
        record, _errors = case_row(values, header=header, row=number, ctx=_JOB.ctx)  # accepted by a worker
        writer.changed[ref] = record
    report("writing", total, total)


# --- in the workers ---------------------------------------------------------------------------------------


def _no_database() -> None:
    """A worker shares the parent's database socket: any query from it would corrupt the parent's session."""
    for conn in connections.all(initialized_only=True):
        conn.execute_wrappers.append(_refuse_query)


def _refuse_query(execute, sql, params, many, context):
    raise RuntimeError("an import worker must not query the database")


def _check(start: int, stop: int) -> list[tuple]:
    """Rows [start, stop) of the case sheet: (kind, row number, case id, payload) each."""
    job = _JOB
    out = []
    previews = 0
    for index in range(start, stop):
        number, values = job.rows[index]
        record, errors = case_row(values, header=job.header, row=number, ctx=job.ctx)
        if errors:
            out.append((REFUSED, number, None, errors))
            continue
        refused = deleted_refusal(record, job.existing.get(record.external_ref), job.header)
        if refused is not None:
            out.append((REFUSED, number, None, [refused]))
            continue
        plan = plan_one(
            record,
            job.existing.get(record.external_ref),
            old_parts=job.old_parts,
            old_participants=job.old_participants,
            managed=job.managed,
            manage_participants=job.manage_participants,
            unit=job.unit,
            created_by=job.created_by,
        )
        if plan is None:
            out.append((UNCHANGED, number, record.external_ref, None))
        elif plan.existing:
            out.append((CHANGED, number, record.external_ref, index))
        else:
            shown = preview(plan) if previews < 10 else None
            previews += 1
            out.append((NEW, number, record.external_ref, _prepared(plan, job, shown)))
    return out


def _prepared(plan, job: _Job, shown: dict | None) -> tuple:
    """A new case as rows in database form, but for what needs the database (number, id, chaining)."""
    values = plan.values
    record = plan.record
    parts = plan.parts
    layouts = job.layouts
    # The reference is not known yet: it comes first in the search text and is added by the writer.
    words = case_search_text(
        case_view(values, record, job.unit), parties=parts["parties"], goods=parts["goods"]
    )
    jsonable = audit.jsonable
    changes = {
        name: [None, jsonable(values[name])]
        for name in AUDITED_CASE_FIELDS
        if name != "reference" and values[name] is not None
    }
    participants = [u.pk for u in record.participants]
    data = {**job.source, "row": record.row, "participants": participants}
    data.update({k.name: len(parts[k.name]) for k in PART_KINDS if parts[k.name]})
    part_rows = [
        (kind.name, [layouts.parts[kind.name].tuple(item.values()) for item in parts[kind.name]])
        for kind in PART_KINDS
        if parts[kind.name]
    ]
    # The audit row's changes and data in the chain's canonical JSON, which is also what is stored: the writer
    # puts the case number in between and hashes (core.chain.canonical_head).
    # Each side as one object encoded at once (sorted keys, no spaces), braces cut off: the same text as its
    # items encoded one by one, with two encoder calls instead of two per field.
    encode = chain.encode
    before = encode({k: v for k, v in changes.items() if k < "reference"})[1:-1]
    after = encode({k: v for k, v in changes.items() if k > "reference"})[1:-1]
    return (
        record.row,
        values["province_id"],
        values["detected_on"].year,
        layouts.case.tuple(values),
        words,
        part_rows,
        participants,
        (before, after, encode(data)),
        shown,
    )


class _Layouts:
    """Column orders and adapters of the rows a new case writes, built before the workers fork."""

    def __init__(self, now):
        self.case = bulk.Layout(Case, now=now, with_id=True, late=("id", "reference", "search_folded"))
        self.parts = {k.name: bulk.Layout(k.model, now=now, late=("case_id",)) for k in PART_KINDS}
        self.case_unit = bulk.Layout(CaseUnit, now=now)
        self.audit = bulk.Layout(
            AuditEvent, now=now, late=("target_id", "target_repr", "changes", "data", "prev_hash", "hash")
        )


# --- in this process --------------------------------------------------------------------------------------


def _raw_refs(rows: list[tuple[int, tuple]], header: Header) -> list[str]:
    """Each row's case id as `Cells.text` reads it, to find the unit's earlier imports before the workers fork."""
    position = header.positions.get("external_ref")
    if position is None:
        return []
    refs = {}
    for _number, values in rows:
        if position >= len(values) or values[position] is None:
            continue
        value = values[position]
        value = value.strip() if type(value) is str else parsers.text(value)
        if value:
            refs[nfc(value)] = None
    return list(refs)


def _warm_rights(ctx: RowContext, actor) -> None:
    """The actor's rights per province, asked once here: workers must not query."""
    if actor is not None:
        access.principal(actor)
    for province in {id(p): p for p in ctx.lookups.provinces.values()}.values():
        ctx.allowed(province)


_REFERENCE = re.compile(r"\d+-\d+-\d+")


def _reference_words(reference: str) -> str:
    """fold_words of a case number: "20-2020-000123" → "20 2020 000123" without the general folding."""
    return reference.replace("-", " ") if _REFERENCE.fullmatch(reference) else fold_words(reference)


class _Writer:
    """Writes checked new cases chunk by chunk inside the import's transaction."""

    def __init__(self, *, unit: Unit, actor, lookups, job: _Job):
        self.unit = unit
        self.now = job.now
        self.layouts = job.layouts
        self.ids: list[int] = []
        self.changed: dict[str, Any] = {}
        self.unchanged = 0
        self.previews: list[tuple[int, dict]] = []
        self.provinces = {p.pk: p for p in lookups.provinces.values()}
        common = vars(audit.build(actor=actor, verb="case.created", target=AuditTarget(0, "")))
        common = {
            k: common[k]
            for k in ("actor_id", "actor_label", "channel", "ip", "request_id", "target_type", "verb")
        }
        self.target_type = common["target_type"]
        self.words: list[tuple[int, str]] = []  # (case id, folded words) for the word index, written last
        self.audit_base = self.layouts.audit.tuple({**common, "at": self.now})
        self.audit_head = chain.canonical_head({**common, "at": self.now})
        audit_layout = self.layouts.audit
        self.audit_at = [
            audit_layout.position(n)
            for n in ("target_id", "target_repr", "changes", "data", "prev_hash", "hash")
        ]
        case_layout = self.layouts.case
        self.case_at = [case_layout.position(n) for n in ("id", "reference", "search_folded")]
        self.part_at = {name: layout.position("case_id") for name, layout in self.layouts.parts.items()}

    def write(self, new: list[tuple]) -> None:
        if not new:
            return
        groups: dict[tuple[int, int], list[tuple]] = defaultdict(list)
        for item in new:
            groups[(item[1], item[2])].append(item)
        references = {}
        for (province_id, year), group in groups.items():
            numbers = next_references(self.provinces[province_id], year, len(group))
            for item, reference in zip(group, numbers, strict=True):
                references[id(item)] = reference
        ids = bulk.reserve_ids(Case, len(new))
        self.ids.extend(ids)
        encode = chain.encode
        head = self.audit_head
        at_id, at_ref, at_search = self.case_at
        cases, texts, audit_rows = [], [], []
        words = self.words
        parts: dict[str, list] = defaultdict(list)
        case_units = []
        for item, case_id in zip(new, ids, strict=True):
            row, _province, _year, case_row_, search, part_rows, participants, pieces, shown = item
            reference = references[id(item)]
            folded = f"{_reference_words(reference)} {search}"
            case_row_[at_id], case_row_[at_ref], case_row_[at_search] = case_id, reference, folded
            cases.append(case_row_)
            words.append((case_id, folded))
            for name, rows in part_rows:
                position = self.part_at[name]
                for part in rows:
                    part[position] = case_id
                parts[name].extend(rows)
            case_units.extend((case_id, unit_id) for unit_id in participants)
            before, after, data = pieces
            reference_item = f'"reference":[null,{encode(reference)}]'
            changes = "{" + ",".join(x for x in (before, reference_item, after) if x) + "}"
            target_id, target_repr = str(case_id), reference[:255]
            texts.append(f"{head}{encode(target_id)},{encode(target_repr)},{changes},{data}]".encode())
            audit_rows.append((target_id, target_repr, changes, data))
            if shown is not None:
                self.previews.append((row, shown))
        layouts = self.layouts
        bulk.write_tuples(layouts.case.table, layouts.case.columns, cases)
        inserted = {layouts.case.table: (layouts.case.columns, cases)}
        for name, rows in parts.items():
            layout = layouts.parts[name]
            bulk.write_tuples(layout.table, layout.columns, rows)
            inserted[layout.table] = (layout.columns, rows)
        unit_layout = layouts.case_unit
        bulk.write_tuples(
            unit_layout.table,
            unit_layout.columns,
            (unit_layout.tuple({"case_id": c, "unit_id": u}) for c, u in case_units),
        )
        base, positions = self.audit_base, self.audit_at
        out = []
        links = audit.chain_canonical(texts)
        for values, (prev, digest) in zip(audit_rows, links, strict=True):
            audit_row = base.copy()
            for position, value in zip(positions, (*values, prev, digest), strict=True):
                audit_row[position] = value
            out.append(audit_row)
        bulk.write_tuples(layouts.audit.table, layouts.audit.columns, out)
        # the hooks (the reports' summary of the cases) per chunk, from the rows as written: nothing read back
        audit.written([(self.target_type, values[0]) for values in audit_rows], inserted)
