"""Keeping the report facts (models/facts.py) equal to the cases, under every write.

Every write in SC389 is audited through `core.audit`, and every audit row names its target. `install()` (from
ReportsConfig.ready) registers a hook there: the cases named by the audit rows of a write have their fact rows
rebuilt from the base tables, and the monthly rollup buckets they leave or enter are summed again, in the same
transaction and under the audit chain's lock (so two writers never refresh one bucket at once, and no reader
sees a case without its facts). A case that is gone, merged away or no longer counted simply has no rows. A bulk
write that created cases hands over the rows it inserted (`audit.Inserted`): their facts are built from those
(`add_inserted`), not read back.

`rebuild_all()` rebuilds everything (`sc389 refresh_report_facts --all`); `check()` compares the stored rows
with a fresh build without keeping it (`--check`).
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from sc389.cases.imports.bulk import write_tuples
from sc389.cases.models import BudgetRemittance, Case, PenaltyDecision, Prosecution
from sc389.core import audit

from .models import FactKind, ReportFact, ReportFactMonth

CASE_TARGET = Case._meta.label_lower
CHUNK = 10000  # case ids per statement (SQLite allows 32,766 bound variables; the detected/handled SQL binds them twice)
COLUMNS = (
    "case_id",
    "kind",
    "on",
    "prev_on",
    "lead_unit_id",
    "province_id",
    "commune_id",
    "place_id",
    "category",
    "channel",
    "amount",
    "amount2",
)


def counted_cases():
    """The cases the reports count at all (indicators.live_cases narrows these to an area and a scope)."""
    return Case.objects.filter(merged_into__isnull=True)


def install() -> None:
    audit.on_write(_on_audit)


def _on_audit(targets: list[tuple[str, str]], inserted: audit.Inserted | None = None) -> None:
    ids = {int(target_id) for kind, target_id in targets if kind == CASE_TARGET and target_id.isdigit()}
    if inserted and Case._meta.db_table in inserted:
        ids -= add_inserted(inserted)
    if ids:
        refresh(ids)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


OUTCOMES = (  # kind, model, its date, the amount summed into `amount` and into `amount2`
    (FactKind.PENALTY, PenaltyDecision, "decided_on", "fine_vnd", "confiscated_value_vnd"),
    (FactKind.PROSECUTION, Prosecution, "decided_on", "defendants", None),
    (FactKind.REMITTANCE, BudgetRemittance, "remitted_on", "amount_vnd", None),
)
DIMENSIONS = ("lead_unit_id", "province_id", "commune_id", "place_id", "category", "channel")


def _insert_sql(case_filter: str) -> list[str]:
    """INSERT ... SELECT statements building the fact rows of the cases matching `case_filter` (SQL on `c`)."""
    q = connection.ops.quote_name
    facts, cases = _table(ReportFact), _table(Case)
    cols = ", ".join(q(ReportFact._meta.get_field(n).column) for n in COLUMNS)
    dims = "c.lead_unit_id, c.province_id, c.commune_id, c.place_id, c.category, c.channel"
    out = [
        f"INSERT INTO {facts} ({cols}) SELECT c.id, {FactKind.DETECTED}, c.detected_on, NULL, {dims}, 0, 0 "
        f"FROM {cases} c WHERE {case_filter}",
        f"INSERT INTO {facts} ({cols}) SELECT c.id, {FactKind.HANDLED}, c.handled_on, NULL, {dims}, 0, 0 "
        f"FROM {cases} c WHERE c.handled_on IS NOT NULL AND {case_filter}",
    ]
    for kind, model, date, amount, amount2 in OUTCOMES:
        second = f"SUM(o.{_col(model, amount2)})" if amount2 else "0"
        live = f"o.{_col(model, 'deleted_at')} IS NULL AND " if _soft(model) else ""
        # one row per case and day; LAG gives the case's previous day of this kind (see ReportFact)
        out.append(
            f"INSERT INTO {facts} ({cols}) "
            f"SELECT c.id, {kind}, d.day, LAG(d.day) OVER (PARTITION BY d.case_id ORDER BY d.day), {dims}, "
            f"d.a, d.b FROM (SELECT o.case_id AS case_id, o.{_col(model, date)} AS day, "
            f"SUM(o.{_col(model, amount)}) AS a, {second} AS b FROM {_table(model)} o "
            f"WHERE {live}o.case_id IN (SELECT c.id FROM {cases} c WHERE {case_filter}) "
            f"GROUP BY o.case_id, o.{_col(model, date)}) d JOIN {cases} c ON c.id = d.case_id"
        )
    return out


def _soft(model) -> bool:
    """A soft-deletable outcome (core.softdelete): its deleted rows count nowhere."""
    return any(f.name == "deleted_at" for f in model._meta.concrete_fields)


def _ids_filter(column: str, ids: list[int]) -> tuple[str, list]:
    """SQL: `column` is one of `ids`. On PostgreSQL one array parameter: Django binds parameters on the client,
    and psycopg took ~30 ms to split a statement holding 10,000 placeholders (3 s of a 100,000-case import)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _counted_filter(ids: list[int] | None) -> tuple[str, list]:
    """SQL on alias `c` selecting the counted cases (among `ids`), from the ORM so the rule lives in one place."""
    qs = counted_cases().order_by()  # no ORDER BY in the subquery (the default order sorted every chunk)
    if ids is not None:
        among, among_params = _ids_filter(f"{_table(Case)}.{connection.ops.quote_name('id')}", ids)
        qs = qs.extra(where=[among], params=among_params)
    sql, params = qs.values("pk").query.sql_with_params()
    return f"c.id IN ({sql})", list(params)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def refresh(case_ids: Iterable[int]) -> None:
    """Rebuild the facts of these cases and move the monthly rollup by what they changed (inside the caller's
    transaction).

    A rollup row is a sum over the fact rows of its bucket, and every fact row belongs to one case, so the
    rollup changes by exactly (these cases' sums after) − (their sums before): summing only these cases' rows
    keeps a write's cost independent of how many cases its province already has.
    """
    ids = sorted(set(case_ids))
    if not ids:
        return
    # no savepoint: on SQLite each one makes the FTS5 word index of the cases flush its pending words
    with transaction.atomic(savepoint=False):
        delta: dict[tuple, dict] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                of_chunk = _ids_filter(f"f.{_col(ReportFact, 'case_id')}", chunk)
                before = _month_sums(*of_chunk)
                if before:  # new cases (an import) have no rows yet: nothing to take away
                    _add(delta, before, -1)
                    ReportFact.objects.filter(case_id__in=chunk).delete()
                where, params = _counted_filter(chunk)
                for sql in _insert_sql(where):
                    cursor.execute(sql, params * sql.count(where))
                _add(delta, _month_sums(*of_chunk), 1)
        _apply(delta)


def add_inserted(inserted: audit.Inserted) -> set[int]:
    """The facts of cases a bulk write has just created, built from the rows it inserted (audit.Inserted: the
    cases' rows and every outcome row of theirs, in database form), and the rollup moved by them. Returns the ids
    of the cases handled. The same rows as `_insert_sql` would build, without reading a file's cases back (23 s
    of a 109 s import of 100,000 rows on PostgreSQL, docs/benchmarks.md; tests compare the two through check())."""
    case_columns, case_rows = inserted[Case._meta.db_table]
    id_at, merged_at, detected_at, handled_at = (
        case_columns.index(Case._meta.get_field(name).column)
        for name in ("id", "merged_into", "detected_on", "handled_on")
    )
    dims_at = [case_columns.index(Case._meta.get_field(name).column) for name in DIMENSIONS]
    dims: dict[int, tuple] = {}
    facts: list[tuple] = []
    for row in case_rows:
        if row[merged_at] is not None:  # not counted (counted_cases)
            continue
        case_id = row[id_at]
        dims[case_id] = case_dims = tuple(row[i] for i in dims_at)
        facts.append((case_id, FactKind.DETECTED, row[detected_at], None, *case_dims, 0, 0))
        if row[handled_at] is not None:
            facts.append((case_id, FactKind.HANDLED, row[handled_at], None, *case_dims, 0, 0))
    for kind, model, date, amount, amount2 in OUTCOMES:
        if model._meta.db_table not in inserted:
            continue
        columns, rows = inserted[model._meta.db_table]
        where = [columns.index(model._meta.get_field(n).column) for n in ("case", date, amount)]
        second = columns.index(model._meta.get_field(amount2).column) if amount2 else None
        deleted = columns.index(model._meta.get_field("deleted_at").column) if _soft(model) else None
        days: dict[int, dict] = {}  # case → day → [amount, amount2]
        for row in rows:
            case_id, day, value = (row[i] for i in where)
            if case_id not in dims or (deleted is not None and row[deleted] is not None):
                continue
            sums = days.setdefault(case_id, {}).setdefault(day, [0, 0])
            sums[0] += value or 0
            sums[1] += (row[second] or 0) if second is not None else 0
        for case_id, by_day in days.items():
            previous = None
            for day in sorted(by_day):
                facts.append((case_id, kind, day, previous, *dims[case_id], *by_day[day]))
                previous = day
    write_tuples(ReportFact._meta.db_table, [ReportFact._meta.get_field(n).column for n in COLUMNS], facts)
    _apply(_fact_sums(facts))
    return {row[id_at] for row in case_rows}


def _fact_sums(facts: list[tuple]) -> dict[tuple, dict]:
    """What _month_sums gives for these fact rows (in COLUMNS order), summed here."""
    out: dict[tuple, dict] = {}
    for (
        _case,
        kind,
        on,
        prev_on,
        unit_id,
        province_id,
        _commune,
        _place,
        category,
        _channel,
        amount,
        amount2,
    ) in facts:
        day = _as_date(on)
        key = (dt.date(day.year, day.month, 1), province_id, unit_id, category)
        sums = out.get(key)
        if sums is None:
            sums = out[key] = dict.fromkeys(SUM_FIELDS, 0)
        if kind == FactKind.DETECTED:
            sums["detected"] += 1
        elif kind == FactKind.HANDLED:
            sums["handled"] += 1
        elif kind == FactKind.PENALTY:
            sums["penalty_cases"] += prev_on is None
            sums["fines"] += amount
            sums["confiscated"] += amount2
        elif kind == FactKind.PROSECUTION:
            sums["prosecuted_cases"] += prev_on is None
            sums["defendants"] += amount
        elif kind == FactKind.REMITTANCE:
            sums["remitted"] += amount
    return out


def _add(into: dict[tuple, dict], sums: dict[tuple, dict], sign: int) -> None:
    for key, values in sums.items():
        total = into.setdefault(key, dict.fromkeys(values, 0))
        for name, value in values.items():
            total[name] += sign * value


def _apply(delta: dict[tuple, dict]) -> None:
    """Add `delta` to the rollup rows; a bucket left with no fact row at all loses its row, as a rebuild would."""
    if not delta:
        return
    by_key = {}
    for province_id in {key[1] for key in delta}:
        months = {key[0] for key in delta if key[1] == province_id}
        rows = ReportFactMonth.objects.filter(province_id=province_id, month__in=months)
        by_key.update({(r.month, r.province_id, r.lead_unit_id, r.category): r for r in rows})
    created, changed, emptied = [], [], []
    for key, values in delta.items():
        row = by_key.get(key)
        if row is None:
            month, province_id, unit_id, category = key
            row = ReportFactMonth(
                month=month, province_id=province_id, lead_unit_id=unit_id, category=category
            )
            created.append(row)
        else:
            changed.append(row)
        for name, value in values.items():
            setattr(row, name, getattr(row, name) + value)
        if not any(getattr(row, name) for name in values) and not _bucket_has_facts(key):
            emptied.append(row)
    emptied_ids = {id(row) for row in emptied}
    ReportFactMonth.objects.bulk_create([r for r in created if id(r) not in emptied_ids], batch_size=2000)
    kept = [r for r in changed if id(r) not in emptied_ids]
    if kept:
        # one prepared UPDATE for all rows (bulk_update builds a CASE per field and row: 1 s of a 100,000-case import)
        q = connection.ops.quote_name
        sets = ", ".join(f"{_col(ReportFactMonth, name)} = %s" for name in SUM_FIELDS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {_table(ReportFactMonth)} SET {sets} WHERE {q('id')} = %s",
                [[getattr(r, name) for name in SUM_FIELDS] + [r.pk] for r in kept],
            )
    gone = [r.pk for r in emptied if r.pk is not None]
    if gone:
        ReportFactMonth.objects.filter(pk__in=gone).delete()


def _bucket_has_facts(key: tuple) -> bool:
    month, province_id, unit_id, category = key
    return ReportFact.objects.filter(
        province_id=province_id,
        lead_unit_id=unit_id,
        category=category,
        on__gte=month,
        on__lt=_next_month(month),
    ).exists()


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


SUM_FIELDS = (
    "detected",
    "handled",
    "penalty_cases",
    "fines",
    "confiscated",
    "prosecuted_cases",
    "defendants",
    "remitted",
)


def _month_sums(where: str, params: list) -> dict[tuple, dict]:
    """(month, province, lead unit, category) → the rollup's sums over the facts matching `where` (SQL on alias
    `f`), summed per month in SQL: a large write's chunk returns a few hundred buckets, not a row per day (ORM's
    TruncMonth is a Python function per row on SQLite)."""
    on = f"f.{_col(ReportFact, 'on')}"
    month = (
        f"date({on}, 'start of month')"
        if connection.vendor == "sqlite"
        else f"CAST(date_trunc('month', {on}) AS date)"
    )
    kind, first = f"f.{_col(ReportFact, 'kind')}", f"f.{_col(ReportFact, 'prev_on')} IS NULL"
    amount, amount2 = f"f.{_col(ReportFact, 'amount')}", f"f.{_col(ReportFact, 'amount2')}"
    sums = {
        "detected": f"SUM(CASE WHEN {kind} = {FactKind.DETECTED} THEN 1 ELSE 0 END)",
        "handled": f"SUM(CASE WHEN {kind} = {FactKind.HANDLED} THEN 1 ELSE 0 END)",
        "penalty_cases": f"SUM(CASE WHEN {kind} = {FactKind.PENALTY} AND {first} THEN 1 ELSE 0 END)",
        "fines": f"SUM(CASE WHEN {kind} = {FactKind.PENALTY} THEN {amount} ELSE 0 END)",
        "confiscated": f"SUM(CASE WHEN {kind} = {FactKind.PENALTY} THEN {amount2} ELSE 0 END)",
        "prosecuted_cases": f"SUM(CASE WHEN {kind} = {FactKind.PROSECUTION} AND {first} THEN 1 ELSE 0 END)",
        "defendants": f"SUM(CASE WHEN {kind} = {FactKind.PROSECUTION} THEN {amount} ELSE 0 END)",
        "remitted": f"SUM(CASE WHEN {kind} = {FactKind.REMITTANCE} THEN {amount} ELSE 0 END)",
    }
    assert tuple(sums) == SUM_FIELDS
    dims = ", ".join(f"f.{_col(ReportFact, name)}" for name in ("province_id", "lead_unit_id", "category"))
    sql = (
        f"SELECT {month}, {dims}, {', '.join(sums.values())} FROM {_table(ReportFact)} f "
        f"WHERE {where} GROUP BY {month}, {dims}"
    )
    months: dict[tuple, dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for day, province_id, unit_id, category, *values in cursor.fetchall():
            key = (_as_date(day), province_id, unit_id, category)
            months[key] = {name: int(value or 0) for name, value in zip(SUM_FIELDS, values, strict=True)}
    return months


def _sums(province_id: int) -> list[ReportFactMonth]:
    where = f"f.{_col(ReportFact, 'province_id')} = %s"
    return [
        ReportFactMonth(month=month, province_id=province, lead_unit_id=unit, category=category, **sums)
        for (month, province, unit, category), sums in _month_sums(where, [province_id]).items()
    ]


@transaction.atomic
def rebuild_all() -> int:
    """Every fact and rollup row again from the base tables; returns the number of fact rows.

    The secondary indexes are dropped for the load and built again after it: a million cases' rows inserted
    into four indexes at once make SQLite rewrite index pages at random, twenty times slower.
    """
    ReportFactMonth.objects.all().delete()
    ReportFact.objects.all().delete()
    where, params = _counted_filter(None)
    editor = connection.schema_editor(collect_sql=True)  # only to render the index SQL; never entered
    editor.deferred_sql = []
    indexes = ReportFact._meta.indexes
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB for this connection's load
        for index in indexes:
            cursor.execute(str(index.remove_sql(ReportFact, editor)))
        for sql in _insert_sql(where):
            cursor.execute(sql, params * sql.count(where))
        for index in indexes:
            cursor.execute(str(index.create_sql(ReportFact, editor)))
    provinces = ReportFact.objects.order_by().values_list("province_id", flat=True).distinct()
    for province_id in list(provinces):
        ReportFactMonth.objects.bulk_create(_sums(province_id), 2000)
    with connection.cursor() as cursor:  # fresh statistics, so the planners pick the indexes above
        cursor.execute(f"ANALYZE {_table(ReportFact)}")
        cursor.execute(f"ANALYZE {_table(ReportFactMonth)}")
    return ReportFact.objects.count()


def fingerprint() -> dict:
    """What check() compares: per kind, province and month, the rows and their sums; and the whole rollup."""
    facts = {
        (r["kind"], r["province_id"], _as_date(r["m"])): (r["n"], r["a"], r["b"], r["ids"], r["repeats"])
        for r in ReportFact.objects.annotate(m=TruncMonth("on"))
        .values("kind", "province_id", "m")
        .annotate(
            n=Count("id"),
            a=Sum("amount"),
            b=Sum("amount2"),
            ids=Sum("case_id"),
            repeats=Count("prev_on"),
        )
        .order_by()
    }
    fields = [f.attname for f in ReportFactMonth._meta.concrete_fields if f.attname != "id"]
    months = {tuple(row) for row in ReportFactMonth.objects.values_list(*fields)}
    return {"facts": facts, "months": months}


def check() -> list[str]:
    """Differences between the stored facts and a fresh build (the fresh build is rolled back)."""
    stored = fingerprint()
    with transaction.atomic():
        rebuild_all()
        fresh = fingerprint()
        transaction.set_rollback(True)
    out = []
    for key in sorted(set(stored["facts"]) | set(fresh["facts"]), key=str):
        if stored["facts"].get(key) != fresh["facts"].get(key):
            out.append(f"facts {key}: stored {stored['facts'].get(key)} != fresh {fresh['facts'].get(key)}")
    for row in sorted(stored["months"] ^ fresh["months"], key=str):
        where = "stored only" if row in stored["months"] else "fresh only"
        out.append(f"rollup {where}: {row}")
    return out
