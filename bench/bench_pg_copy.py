"""PostgreSQL's own cost of the rows an import writes: per table, with and without indexes and foreign-key checks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/bench_pg_copy.py

Run after bench/bench_import.py: the rows of the newest 100,000 cases (the last imported file: cases, parties,
goods lines, penalty decisions, their `case.created` audit rows, their report facts) are read out with COPY TO,
given new ids, and loaded again with COPY FROM STDIN inside transactions that are rolled back, so nothing stays.
For each table: the load as the schema stands (deferred foreign keys: not checked, the transaction never commits);
the same with every foreign key checked at the end of the statement (what a commit would add); and, for the cases,
without the word index, with a word-level (tsvector) GIN index in its place, and without any non-unique index.
Printed: wall seconds and the CPU seconds of the server process that did the load (from /proc, when the server
runs on this machine), which other work on the machine does not inflate.
"""

import argparse
import time

from common import machine, process_cpu, setup_django

SHIFT = 50_000_000  # added to ids so the rows load beside the originals
TABLES = (
    "cases_case",
    "cases_party",
    "cases_goodsline",
    "cases_penaltydecision",
    "core_auditevent",
    "reports_reportfact",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000, help="the newest cases whose rows are loaded")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    assert connection.vendor == "postgresql", "PostgreSQL only (DATABASE_URL=postgres://...)"
    connection.ensure_connection()
    pg = connection.connection  # the psycopg connection
    pg.autocommit = True
    cur = pg.cursor()
    cur.execute("SELECT pg_backend_pid(), max(id) FROM cases_case")
    pid, top = cur.fetchone()
    lowest = top - args.cases

    def cpu() -> float | None:
        return process_cpu(pid)

    def columns(table: str) -> list[str]:
        cur.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cur.fetchall()]

    def shifted(table: str) -> str:
        out = []
        for c in columns(table):
            if c == "id" or (c == "case_id" and table != "core_auditevent"):
                out.append(f'"{c}" + {SHIFT}')
            elif table == "cases_case" and c in ("reference", "external_ref"):
                out.append(f"\"{c}\" || 'x'")
            elif table == "core_auditevent" and c == "target_id":
                out.append(f"(target_id::bigint + {SHIFT})::text")
            else:
                out.append(f'"{c}"')
        where = {
            "cases_case": f"id > {lowest}",
            "core_auditevent": "verb = 'case.created' AND target_type = 'cases.case' "
            f"AND target_id ~ '^[0-9]+$' AND target_id::bigint > {lowest}",
        }.get(table, f"case_id > {lowest}")
        return f"SELECT {', '.join(out)} FROM {table} WHERE {where}"

    data: dict[str, bytes] = {}
    for table in TABLES:
        chunks = []
        with cur.copy(f"COPY ({shifted(table)}) TO STDOUT") as copy:
            for chunk in copy:
                chunks.append(bytes(chunk))
        data[table] = b"".join(chunks)

    def load(
        table: str, prepare: list[str] = (), *, checked: bool = False
    ) -> tuple[float, float | None, int]:
        with pg.transaction(force_rollback=True):
            for sql in prepare:
                cur.execute(sql)
            if table != "cases_case":  # the parts need their cases
                with cur.copy("COPY cases_case FROM STDIN") as copy:
                    copy.write(data["cases_case"])
            if checked:  # the cases' own checks run here, before the timed load
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            before, start = cpu(), time.perf_counter()
            with cur.copy(f"COPY {table} FROM STDIN") as copy:
                copy.write(data[table])
            rows = cur.rowcount
            after = cpu()
            return time.perf_counter() - start, None if before is None else after - before, rows

    def show(label: str, result: tuple) -> None:
        seconds, server, rows = result
        used = f"server CPU {server:6.2f} s" if server is not None else "server CPU unknown"
        print(f"  {label:44s} {rows:>8,} rows  {seconds:6.2f} s  {used}", flush=True)

    cur.execute("SELECT count(*) FROM cases_case")
    print(f"machine: {machine()}; database: {connection.settings_dict['NAME']}, {cur.fetchone()[0]:,} cases")
    print(f"rows of the newest {args.cases:,} cases, loaded again (rolled back):")
    cur.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'cases_case' AND indexdef NOT LIKE '%UNIQUE%'"
    )
    plain_indexes = [row[0] for row in cur.fetchall()]
    word_index = "cases_case_search_folded_trgm"
    for table in TABLES:  # once untimed: the first load of a table reads its index pages from disk
        load(table)
    for table in TABLES:
        show(f"{table}", load(table))
        show(f"{table}, foreign keys checked", load(table, checked=True))
        if table == "cases_case":
            show("cases_case without the word index", load(table, [f"DROP INDEX {word_index}"]))
            tsvector = "CREATE INDEX bench_tsv ON cases_case USING gin (to_tsvector('simple'::regconfig, search_folded))"
            show("cases_case, tsvector GIN instead", load(table, [f"DROP INDEX {word_index}", tsvector]))
            show(
                "cases_case without any non-unique index",
                load(table, [f"DROP INDEX {i}" for i in plain_indexes]),
            )


if __name__ == "__main__":
    main()
