"""Fast inserts for the import: rows as dicts of attribute values, written the database's own bulk way.

`bulk_create` prepares every value through the field API (about 15 µs a value), which alone would hold a
100,000-row import far under the required 5,000 rows/s. Here each column's adapter is chosen once per model and
the rows go to the database in batches: `executemany` on SQLite, `COPY ... FROM STDIN` on PostgreSQL (several
times faster than INSERT there). Only the import uses it, inside its own transaction, for rows whose values the
import has already checked (cases, their parts and their audit rows).

Case ids are reserved before the rows are written (`reserve_ids`), so the parts and audit rows of a new case can
be prepared with its id in the same pass, without reading the cases back.
"""

import json
import operator
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, models

BATCH = 2000


class RawJSON(str):
    """A JSON field's value already encoded (by an import worker process): written as it is."""


def _adapter(field: models.Field, now) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if field.auto_now or field.auto_now_add:
            fixed = ops.adapt_datetimefield_value(now)
            return lambda value: fixed
        adapted_now = ops.adapt_datetimefield_value(now)  # an audit row's `at` is the import's moment
        return lambda value: (
            adapted_now if value is now else None if value is None else ops.adapt_datetimefield_value(value)
        )
    if isinstance(field, models.DateField):
        if connection.vendor == "postgresql":
            return None  # psycopg writes dates itself
        return lambda value: None if value is None else ops.adapt_datefield_value(value)
    if isinstance(field, models.DecimalField):
        return lambda value: (
            None
            if value is None
            else ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
        )
    if isinstance(field, models.JSONField):
        # What JSONField.get_db_prep_value does with no encoder (json.dumps), as text both databases parse.
        encoder = field.encoder
        return lambda value: (
            None if value is None else value if type(value) is RawJSON else json.dumps(value, cls=encoder)
        )
    if isinstance(field, models.GenericIPAddressField):
        return lambda value: value or None
    return None


@contextmanager
def write_cache() -> Iterator[None]:
    """On SQLite, a page cache large enough for the index pages a big import changes, for its duration.

    New cases land at random places in a dozen indexes; with the 64 MB connection cache their changed pages
    spill to the WAL and are read back again and again, which doubled the CPU of writing a 100,000-row file into
    a million-case database (bench/bench_import.py). settings.SC389_IMPORT_CACHE_MB (default 1024) is an upper
    bound: memory is taken only as pages are touched, and the cache is set back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    megabytes = int(getattr(settings, "SC389_IMPORT_CACHE_MB", 1024))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-megabytes * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def keys_checked_per_statement() -> Iterator[None]:
    """On PostgreSQL, foreign keys checked at the end of each statement of the block, not at commit.

    The work is the same; it is when it runs that changes: a pipelined import's checks then run while the
    workers check the next rows, instead of after the last chunk on one core (15 s of a 100,000-row import's
    commit, bench/bench_import.py). Every constraint of the schema that can be deferred is initially deferred
    (Django's foreign keys), so the block ends by putting them back that way.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield  # on an error the transaction is rolled back, and the setting with it
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, taken from the database's own counter inside the transaction.

    PostgreSQL: nextval() of the id's sequence, safe beside other writers. SQLite: the AUTOINCREMENT counter in
    sqlite_sequence is raised past every id in use by one UPDATE, which also takes the database's write lock, so
    no other connection can insert until this transaction ends.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        qn = connection.ops.quote_name
        highest = f"(SELECT COALESCE(MAX({qn(model._meta.pk.column)}), 0) FROM {qn(table)})"
        cursor.execute(
            f"UPDATE sqlite_sequence SET seq = MAX(seq, {highest}) + %s WHERE name = %s", [count, table]
        )
        if cursor.rowcount == 0:  # no row was ever inserted into the table
            cursor.execute(
                f"INSERT INTO sqlite_sequence (name, seq) SELECT %s, {highest} + %s", [table, count]
            )
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


def insert(model: type[models.Model], rows: Iterable[dict[str, Any]], *, now, with_id: bool = False) -> int:
    """INSERT the rows (attname → value; missing keys take the field's default). Returns the count.

    With `with_id` every row carries its primary key (from `reserve_ids`).
    """
    fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
    defaults = {
        f.attname: f.get_default()
        if f.has_default()
        else (None if f.null or not f.empty_strings_allowed else "")
        for f in fields
    }
    fixed = {}  # auto_now / auto_now_add: the same moment for every row, adapted once
    adapt: list[tuple[int, Callable[[Any], Any]]] = []
    for position, f in enumerate(fields):
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            fixed[f.attname] = connection.ops.adapt_datetimefield_value(now)
            continue
        adapter = _adapter(f, now)
        if adapter is not None:
            adapt.append((position, adapter))
    pick = operator.itemgetter(*(f.attname for f in fields))

    def tuples():
        for row in rows:
            values = pick({**defaults, **row, **fixed})  # one C call for the column order
            if adapt:
                values = list(values)
                for position, adapter in adapt:
                    values[position] = adapter(values[position])
            yield values

    return write_tuples(model._meta.db_table, [f.column for f in fields], tuples())


class Layout:
    """A model's columns in insert order with their adapters, for rows turned into tuples ahead of the insert
    (in the import's worker processes): `tuple(row)` gives the database form, `late` columns left as None for
    the writer to set (`position`). `now` must be the moment the writer inserts with (auto_now fields)."""

    def __init__(self, model: type[models.Model], *, now, with_id: bool = False, late: tuple[str, ...] = ()):
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.table = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.defaults = {
            f.attname: f.get_default()
            if f.has_default()
            else (None if f.null or not f.empty_strings_allowed else "")
            for f in fields
        }
        self.fixed = {
            f.attname: connection.ops.adapt_datetimefield_value(now)
            for f in fields
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)
        }
        self.late = dict.fromkeys(late)
        self.adapt = [
            (position, adapter)
            for position, f in enumerate(fields)
            if f.attname not in self.fixed
            and f.attname not in self.late
            and (adapter := _adapter(f, now)) is not None
        ]
        self._pick = operator.itemgetter(*(f.attname for f in fields))
        self._names = [f.attname for f in fields]

    def position(self, attname: str) -> int:
        return self._names.index(attname)

    def tuple(self, row: dict[str, Any]) -> list:
        values = list(self._pick({**self.defaults, **row, **self.late, **self.fixed}))
        for position, adapter in self.adapt:
            values[position] = adapter(values[position])
        return values


def write_tuples(table: str, columns: list[str], tuples: Iterable[tuple]) -> int:
    """Rows already in database form, in `columns` order: COPY on PostgreSQL, executemany elsewhere."""
    qn = connection.ops.quote_name
    column_list = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({column_list}) FROM STDIN") as copy:
                write = copy.write_row
                for row in tuples:
                    write(row)
                    count += 1
            return count
        sql = f"INSERT INTO {qn(table)} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[tuple] = []
        for row in tuples:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
