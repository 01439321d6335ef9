"""Period reports at a million cases, against one hand-written SQL query over the base tables.

    .venv/bin/python bench/datagen.py --cases 1000000 && .venv/bin/python manage.py refresh_report_facts
    .venv/bin/python bench/bench_report.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/bench_report.py

(a) a provincial report: Lạng Sơn, first 10 months of the last generated year, all indicators, compared with the
same period of the year before, by force and by category (two reports, as the page and the CLI build them);
(b) the national report of a year by province, compared with the year before. Each is timed through the engine
the page and the CLI use (`report_build`, reading the report facts) and as ONE hand-written SQL query computing
the same numbers from the cases and outcomes (the truth, not the summary); the bench checks they are equal and
prints the medians (engine: 21 runs after 3 warm-ups; the SQL, seconds a run: 5 after 1) and their ratio. `--page` also times the report page (tables and
charts) through Django's test client.
"""

import argparse
import datetime as dt
import os

from common import machine, median_ms, setup_django, vendor

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

KINDS = ("detected", "handled", "penalty", "prosecution", "remittance")


def _live(model, alias: str) -> str:
    soft = any(f.name == "deleted_at" for f in model._meta.concrete_fields)
    return f" AND {alias}.deleted_at IS NULL" if soft else ""


def hand_sql(*, area_sql: str, group_sql: str, joins: str, now, before) -> str:
    """One query: every indicator of both periods per group, straight from cases and outcomes."""
    from sc389.cases.models import BudgetRemittance, Case, PenaltyDecision, Prosecution

    (a1, b1), (a0, b0) = now, before
    live_case = f"c.merged_into_id IS NULL{_live(Case, 'c')} AND {area_sql}"
    dated = "(x.day BETWEEN '{a}' AND '{b}')"

    def either(col: str) -> str:
        return f"({col} BETWEEN '{a1}' AND '{b1}' OR {col} BETWEEN '{a0}' AND '{b0}')"

    rows = (
        f"SELECT c.id AS case_id, 1 AS k, c.detected_on AS day, 0 AS a, 0 AS b, c.lead_unit_id, c.category, "
        f"c.province_id FROM cases_case c WHERE {live_case} AND {either('c.detected_on')} "
        f"UNION ALL SELECT c.id, 2, c.handled_on, 0, 0, c.lead_unit_id, c.category, c.province_id "
        f"FROM cases_case c WHERE {live_case} AND {either('c.handled_on')} "
        f"UNION ALL SELECT c.id, 3, o.decided_on, o.fine_vnd, o.confiscated_value_vnd, c.lead_unit_id, "
        f"c.category, c.province_id FROM cases_penaltydecision o JOIN cases_case c ON c.id = o.case_id "
        f"WHERE {live_case}{_live(PenaltyDecision, 'o')} AND {either('o.decided_on')} "
        f"UNION ALL SELECT c.id, 4, o.decided_on, o.defendants, 0, c.lead_unit_id, c.category, c.province_id "
        f"FROM cases_prosecution o JOIN cases_case c ON c.id = o.case_id "
        f"WHERE {live_case}{_live(Prosecution, 'o')} AND {either('o.decided_on')} "
        f"UNION ALL SELECT c.id, 5, o.remitted_on, o.amount_vnd, 0, c.lead_unit_id, c.category, c.province_id "
        f"FROM cases_budgetremittance o JOIN cases_case c ON c.id = o.case_id "
        f"WHERE {live_case}{_live(BudgetRemittance, 'o')} AND {either('o.remitted_on')}"
    )
    columns = []
    for a, b in ((a1, b1), (a0, b0)):
        d = dated.format(a=a, b=b)
        columns += [
            f"SUM(CASE WHEN x.k = 1 AND {d} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN x.k = 2 AND {d} THEN 1 ELSE 0 END)",
            f"COUNT(DISTINCT CASE WHEN x.k = 3 AND {d} THEN x.case_id END)",
            f"SUM(CASE WHEN x.k = 3 AND {d} THEN x.a ELSE 0 END)",
            f"SUM(CASE WHEN x.k = 3 AND {d} THEN x.b ELSE 0 END)",
            f"SUM(CASE WHEN x.k = 5 AND {d} THEN x.a ELSE 0 END)",
            f"COUNT(DISTINCT CASE WHEN x.k = 4 AND {d} THEN x.case_id END)",
            f"SUM(CASE WHEN x.k = 4 AND {d} THEN x.a ELSE 0 END)",
        ]
    return f"SELECT {group_sql}, {', '.join(columns)} FROM ({rows}) x {joins} GROUP BY {group_sql}"


ORDER = (
    "cases_detected",
    "cases_handled",
    "admin_penalty_cases",
    "fines_vnd",
    "confiscated_goods_value_vnd",
    "budget_remitted_vnd",
    "prosecuted_cases",
    "defendants",
)


def run_sql(sql: str) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in cursor.fetchall()}


def engine_rows(report) -> dict:
    """{row key: (the 8 values, then the 8 comparison values)} of a report built by the engine."""
    out = {}
    for row in report.rows:
        now = tuple(row.indicators[c].value for c in ORDER)
        before = tuple(row.indicators[c].compare_value or 0 for c in ORDER)
        if any(now + before):
            out[row.key] = now + before
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, help="the report year (default: the last whole generated year)")
    parser.add_argument("--page", action="store_true", help="also time the report page (with its charts)")
    parser.add_argument(
        "--dashboard",
        action="store_true",
        help="also time the national leader's dashboard figures, both engines",
    )
    parser.add_argument("--sql-repeat", type=int, default=5, help="runs of the hand-written SQL (median)")
    args = parser.parse_args()
    setup_django()
    from django.db.models import Max

    from sc389.cases.models import Case
    from sc389.reports import periods
    from sc389.reports.indicators import area_resolve
    from sc389.reports.selectors import report_build

    last = Case.objects.aggregate(last=Max("detected_on"))["last"]
    year = args.year or (last.year if last.month == 12 and last.day >= 30 else last.year - 1)
    ten = periods.first_months(year, 10)
    ten_before = periods.first_months(year - 1, 10)
    whole, whole_before = periods.year(year), periods.year(year - 1)
    lang_son = area_resolve("20")
    national = area_resolve("national")

    def span(p) -> tuple[dt.date, dt.date]:
        return p.start, p.end

    force_joins = "JOIN org_unit u ON u.id = x.lead_unit_id JOIN org_force f ON f.id = u.force_id"
    scenarios = [
        (
            f"(a) Lạng Sơn 1–10/{year} vs {year - 1}, by force",
            lambda: report_build(area=lang_son, period=ten, compare="same-period", by="force"),
            hand_sql(
                area_sql=f"c.province_id = {lang_son.unit.pk}",
                group_sql="f.code",
                joins=force_joins,
                now=span(ten),
                before=span(ten_before),
            ),
        ),
        (
            f"(a) Lạng Sơn 1–10/{year} vs {year - 1}, by category",
            lambda: report_build(area=lang_son, period=ten, compare="same-period", by="category"),
            hand_sql(
                area_sql=f"c.province_id = {lang_son.unit.pk}",
                group_sql="x.category",
                joins="",
                now=span(ten),
                before=span(ten_before),
            ),
        ),
        (
            f"(b) national {year} vs {year - 1}, by province",
            lambda: report_build(area=national, period=whole, compare="same-period", by="province"),
            hand_sql(
                area_sql="1 = 1",
                group_sql="p.code",
                joins="JOIN org_administrativeunit p ON p.id = x.province_id",
                now=span(whole),
                before=span(whole_before),
            ),
        ),
    ]
    print(f"# {vendor()}, {Case.objects.count():,} cases; {machine()}")
    print("| report | engine (report_build) ms | one hand-written SQL ms | ratio | same numbers |")
    print("|---|---:|---:|---:|---|")
    for name, build, sql in scenarios:
        same = engine_rows(build()) == run_sql(sql)
        engine_ms = median_ms(build)
        # the hand-written query scans the base tables for seconds: 5 runs after 1 warm-up (--sql-repeat)
        sql_ms = median_ms(lambda sql=sql: run_sql(sql), repeat=args.sql_repeat, warmup=1)
        print(
            f"| {name} | {engine_ms:,.0f} | {sql_ms:,.0f} | {engine_ms / sql_ms:.2f} | {'yes' if same else 'NO'} |"
        )
    if args.dashboard:
        dashboard(dt.date(year, 10, 31))
    if args.page:
        page(year)


def dashboard(today: dt.date) -> None:
    """The three reports of the leader's home page (year to date; by month; by category), from the facts and
    from the cases (what the dashboard did before the facts)."""
    from django.contrib.auth import get_user_model

    from sc389.reports.dashboard import figures_context, year_to_date
    from sc389.reports.selectors import report_build
    from sc389.reports.views_params import default_area

    user = get_user_model().objects.get(username="bench_admin")
    area, period = default_area(user), year_to_date(today)

    def before():
        for by in (None, "month", "category"):
            report_build(area=area, period=period, compare="same-period", by=by, user=user, engine="cases")

    after = median_ms(lambda: figures_context(user=user, today=today), repeat=5, warmup=1)
    old = median_ms(before, repeat=5, warmup=1)
    print(
        f"| dashboard figures ({area.code}, year to date {today}): facts vs cases | {after:,.0f} | {old:,.0f} | | |"
    )


def page(year: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_admin"))
    url = f"/reports/?area=20&kind=first&year={year}&n=10&compare=same-period&by=force"

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    print(
        f"| report page {url} (national admin, with charts) | {median_ms(get, repeat=5, warmup=1):,.0f} | | | |"
    )


if __name__ == "__main__":
    main()
