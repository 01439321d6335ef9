"""Throughput of the case import on generated files, against the database's own bulk load of the same rows.

    .venv/bin/python bench/bench_import.py                      # SQLite var/bench.sqlite3, 100,000 rows
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/bench_import.py

Uses the bench database (bench/datagen.py fills it with a million cases); creates one customs unit and officer if
missing; generates CSV and XLSX files of `--rows` valid new cases (communes of Lạng Sơn and Cao Bằng, a goods line,
a person whose CCCD matches the birth date and sex, a penalty decision on two rows in three; blank cells left out
of the XLSX as Excel leaves them out) and times `import_cases` on each, validation included, `--repeat` times with
new case ids each time (the median is reported). Then the first CSV once more: every row unchanged.

Baseline, after each import: the rows the import wrote (cases, goods lines, parties, outcomes, participations,
audit rows) are read back and loaded into empty copies of their tables (same columns, indexes and, on SQLite,
the FTS triggers and tables) with the database's own bulk path: `executemany` of prepared tuples in one
transaction on SQLite, `COPY ... FROM STDIN` on PostgreSQL. The copies are rolled back. Printed: import time /
bulk-load time. Each run adds cases to the bench database; that is expected.
"""

import argparse
import cProfile
import csv
import datetime as dt
import io
import os
import pstats
import random
import re
import resource
import statistics
import time

from common import machine, process_cpu, setup_django

PART_TABLES = [
    "cases_goodsline",
    "cases_party",
    "cases_penaltydecision",
    "cases_budgetremittance",
    "cases_prosecution",
    "cases_transfer",
    "cases_caseunit",
]
COPY_PREFIX = "bench_copy_"


def generate(rows: int, communes: list[str], prefix: str, seed: int = 389) -> list[list]:
    from sc389.cases.imports.columns import CASE_COLUMNS

    rnd = random.Random(seed)
    keys = [c.key for c in CASE_COLUMNS]
    goods = [
        ("Gà thải loại", "kg"),
        ("Thuốc lá điếu", "bao"),
        ("Đường kính", "kg"),
        ("Mỹ phẩm", "hộp"),
        ("Quần áo giả nhãn hiệu", "chiếc"),
    ]
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]
    given = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà"]
    out = []
    for n in range(rows):
        detected = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(0, 2300))
        born = dt.date(rnd.randrange(1960, 2004), rnd.randrange(1, 13), rnd.randrange(1, 29))
        female = rnd.random() < 0.4
        gender_digit = (0 if born.year < 2000 else 2) + (1 if female else 0)
        cccd = f"020{gender_digit}{born.year % 100:02d}{rnd.randrange(0, 10**6):06d}"
        description, unit = rnd.choice(goods)
        value = rnd.randrange(1, 500) * 100_000
        row = {
            "external_ref": f"{prefix}-{n:07d}",
            "detected_on": detected.strftime("%d/%m/%Y"),
            "category": rnd.choice(["Buôn lậu", "Gian lận thương mại", "Hàng giả"]),
            "channel": rnd.choice(["Đường mòn", "Cửa khẩu", "Chợ", "Kho"]),
            "place": rnd.choice(communes),
            "place_text": f"Km {rnd.randrange(1, 200)}",
            "narrative": f"Phát hiện vận chuyển {description.lower()} không rõ nguồn gốc",
            "goods_description": description,
            "goods_quantity": f"{rnd.randrange(1, 5000):,}".replace(",", "."),
            "goods_unit": unit,
            "goods_value_vnd": f"{value:,}".replace(",", "."),
            "party_name": f"{rnd.choice(families)} {rnd.choice(given)}",
            "party_date_of_birth": born.strftime("%d/%m/%Y"),
            "party_sex": "Nữ" if female else "Nam",
            "party_id_number": cccd,
        }
        if n % 3:
            decided = min(detected + dt.timedelta(days=rnd.randrange(1, 30)), dt.date.today())
            row.update(
                penalty_number=f"{n}/QĐ-XPHC",
                penalty_date=decided.strftime("%d/%m/%Y"),
                penalty_fine_vnd=f"{rnd.randrange(1, 100) * 500_000:,}".replace(",", "."),
                penalty_confiscated_vnd=row["goods_value_vnd"],
            )
        out.append([row.get(k, "") for k in keys])
    return out


def csv_file(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_file(header: list[str], rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Vụ việc")
    ws.append(header)
    for row in rows:
        ws.append([v if v != "" else None for v in row])  # Excel does not store blank cells
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- the baseline: the same rows through the database's own bulk path -------------------------------------


def _written_rows(case_ids: list[int]) -> dict[str, tuple[list[str], list]]:
    """table → (columns, rows) of what the import wrote for these cases, read back as the database stores them."""
    from django.db import connection

    tables: dict[str, tuple[list[str], list]] = {}

    def fetch(table: str, where: str, keys: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table} WHERE 1 = 0")
            columns = [c[0] for c in cursor.description]
            rows = []
            for start in range(0, len(keys), 5000):
                chunk = keys[start : start + 5000]
                select = ", ".join(f"{c}::text" if connection.vendor == "postgresql" else c for c in columns)
                cursor.execute(
                    f"SELECT {select} FROM {table} WHERE {where} IN ({', '.join(['%s'] * len(chunk))})", chunk
                )
                rows.extend(cursor.fetchall())
        tables[table] = (columns, rows)

    fetch("cases_case", "id", case_ids)
    for table in PART_TABLES:
        fetch(table, "case_id", case_ids)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_auditevent WHERE 1 = 0")
        columns = [c[0] for c in cursor.description]
    audit_rows = []
    keys = [str(i) for i in case_ids]
    with connection.cursor() as cursor:
        select = ", ".join(f"{c}::text" if connection.vendor == "postgresql" else c for c in columns)
        for start in range(0, len(keys), 5000):
            chunk = keys[start : start + 5000]
            cursor.execute(
                f"SELECT {select} FROM core_auditevent WHERE target_type = 'cases.case' "
                f"AND target_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            audit_rows.extend(cursor.fetchall())
    tables["core_auditevent"] = (columns, audit_rows)
    return tables


def _sqlite_copies(cursor, tables: list[str]) -> None:
    """Empty copies of the tables with their indexes, triggers and FTS tables, names prefixed."""
    cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    objects = cursor.fetchall()
    fts = [
        name
        for kind, name, _tbl, sql in objects
        if kind == "table" and "VIRTUAL TABLE" in sql.upper() and any(f"'{t}'" in sql for t in tables)
    ]
    names = sorted(tables + fts, key=len, reverse=True)
    pattern = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(re.escape(n) for n in names) + r")(?![A-Za-z0-9_])")

    def renamed(sql: str) -> str:
        return pattern.sub(lambda m: COPY_PREFIX + m.group(1), sql)

    wanted = [o for o in objects if o[0] == "table" and o[1] in tables]
    wanted += [o for o in objects if o[0] == "table" and o[1] in fts]
    wanted += [o for o in objects if o[0] in ("index", "trigger") and o[2] in tables]
    trigger_names = {o[1] for o in objects if o[0] == "trigger"}
    for _kind, name, _tbl, sql in wanted:
        sql = renamed(sql)
        if name in trigger_names:  # trigger names are not table names: prefix them too
            sql = sql.replace(name, COPY_PREFIX + name, 1)
        elif _kind == "index":
            sql = re.sub(r'INDEX\s+"?' + re.escape(name) + '"?', f'INDEX "{COPY_PREFIX}{name}"', sql, count=1)
        cursor.execute(sql)


def bulk_load_seconds(case_ids: list[int]) -> tuple[float, int]:
    """Seconds to load the rows the import wrote into empty copies of their tables; (seconds, rows)."""
    from django.db import connection, transaction

    tables = _written_rows(case_ids)
    total_rows = sum(len(rows) for _cols, rows in tables.values())
    seconds = 0.0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in tables:
                    cursor.execute(f"CREATE TABLE {COPY_PREFIX}{table} (LIKE {table} INCLUDING ALL)")
            else:
                _sqlite_copies(cursor, list(tables))
            start = time.perf_counter()
            for table, (columns, rows) in tables.items():
                if not rows:
                    continue
                column_list = ", ".join(columns)
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {COPY_PREFIX}{table} ({column_list}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["?"] * len(columns))
                    cursor.cursor.executemany(
                        f"INSERT INTO {COPY_PREFIX}{table} ({column_list}) VALUES ({marks})", rows
                    )
            seconds = time.perf_counter() - start
            raise _Rollback
    except _Rollback:
        pass
    return seconds, total_rows


class _Rollback(Exception):
    pass


# --- the runs ---------------------------------------------------------------------------------------------


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children (the import's workers).

    On a machine whose cores are busy with other work, wall time says little about what the import needs; the
    CPU seconds of the writing process and of the workers say what it would take with the cores free.
    """
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _server_cpu() -> float | None:
    """CPU seconds of every PostgreSQL server process on this machine (the import's backend, the WAL writer,
    the checkpointer; read from /proc, as root or as the server's user), or None: with the server on the same two
    cores, what the database does for an import counts as much as what Python does."""
    from django.db import connection

    if connection.vendor != "postgresql" or not os.path.isdir("/proc"):
        return None
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
        except OSError:  # gone meanwhile
            continue
        total += process_cpu(pid) or 0.0  # None: gone meanwhile, or not ours to read
    return total


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2, help="imports per format (median reported)")
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first CSV import")
    parser.add_argument(
        "--workers", type=int, default=None, help="processes checking rows (0: the sequential import)"
    )
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    if args.workers is not None:
        settings.SC389_IMPORT_WORKERS = args.workers
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from sc389.cases.imports.columns import CASE_COLUMNS
    from sc389.cases.imports.importer import import_cases
    from sc389.cases.models import Case
    from sc389.org import services as org
    from sc389.org.models import AdministrativeUnit, Unit

    if not AdministrativeUnit.objects.exists():
        org.admin_units_load_current()
        org.admin_units_load_historic(path=org.HISTORIC_2025_CSV)
    force = org.force_ensure(code="customs", name="Hải quan")
    ls = AdministrativeUnit.objects.get(level="province", code="20", valid_to__isnull=True)
    cb = AdministrativeUnit.objects.get(level="province", code="4", valid_to__isnull=True)
    unit = Unit.objects.filter(code="BENCH-HQ").first() or org.unit_create(
        code="BENCH-HQ",
        name="Chi cục Hải quan khu vực VI (bench)",
        force=force,
        home_province=ls,
        area=[ls, cb],
    )
    user = get_user_model().objects.filter(username="bench_importer").first()
    if user is None:
        user = org.user_create(username="bench_importer", password="bench-password-389")
        org.membership_grant(user=user, role="officer", unit=unit)
    communes = list(
        AdministrativeUnit.objects.filter(
            level="commune", valid_to__isnull=True, parent__in=[ls, cb]
        ).values_list("code", flat=True)
    )
    header = [c.header for c in CASE_COLUMNS]
    from sc389.cases.imports import pipeline

    print(f"machine: {machine()}; load average at start: {load_average()}")
    print(
        f"import: {pipeline.worker_count()} worker processes for files of {pipeline.MIN_ROWS:,} rows or more "
        "(0: sequential)"
    )
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"existing cases: {Case.objects.count():,}; rows per file: {args.rows:,}"
    )

    def run(label: str, data: bytes, name: str, *, profile: bool = False, baseline: bool = True) -> dict:
        profiler = cProfile.Profile() if profile else None
        cpu_self, cpu_workers = _cpu()
        server_before = _server_cpu()
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = import_cases(data=data, file_name=name, unit=unit, actor=user)
        seconds = time.perf_counter() - start
        cpu_self, cpu_workers = (
            after - before for after, before in zip(_cpu(), (cpu_self, cpu_workers), strict=True)
        )
        server = None if server_before is None else _server_cpu() - server_before
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            if os.environ.get("BENCH_PROFILE_OUT"):  # for callers and cumulative times: pstats on this file
                profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])
        assert result.ok, [str(e) for e in result.errors[:5]]
        rate = result.total_rows / seconds
        line = (
            f"{label}: {result.total_rows:,} rows in {seconds:.2f} s = {rate:,.0f} rows/s "
            f"(created {result.created:,}, updated {result.updated:,}, unchanged {result.unchanged:,}); "
            f"CPU s: this process {cpu_self:.1f}, worker processes {cpu_workers:.1f}"
            + (f", database server {server:.1f}" if server is not None else "")
        )
        ratio = None
        if baseline and result.created_ids and not args.skip_baseline:
            bulk, rows = bulk_load_seconds(result.created_ids)
            ratio = seconds / bulk
            line += f"; bulk load of the same {rows:,} rows {bulk:.2f} s; import / bulk load = {ratio:.1f}x"
        print(line + f"; load {load_average()}", flush=True)
        return {"rate": rate, "seconds": seconds, "ratio": ratio}

    stamp = str(int(time.time()))
    summary = {}
    formats = [("CSV", csv_file, "bench.csv")] + (
        [] if args.skip_xlsx else [("XLSX", xlsx_file, "bench.xlsx")]
    )
    first_csv = None
    for label, make, name in formats:
        runs = []
        for n in range(args.repeat):
            rows = generate(args.rows, communes, f"{label}{stamp}R{n}", seed=389 + n)
            data = make(header, rows)
            if label == "CSV" and first_csv is None:
                first_csv = data
            runs.append(
                run(f"{label} new #{n + 1}", data, name, profile=args.profile and label == "CSV" and n == 0)
            )
        ratios = [r["ratio"] for r in runs if r["ratio"] is not None]
        summary[label] = (
            statistics.median(r["rate"] for r in runs),
            statistics.median(ratios) if ratios else None,
        )
    if first_csv is not None:
        again = run("CSV again (all unchanged)", first_csv, "bench.csv", baseline=False)
        summary["CSV again"] = (again["rate"], None)
    print(f"median of {args.repeat} ({connection.vendor}, load average at end {load_average()}):")
    for label, (rate, ratio) in summary.items():
        print(f"  {label}: {rate:,.0f} rows/s" + (f", {ratio:.1f}x the bulk load" if ratio else ""))


if __name__ == "__main__":
    main()
