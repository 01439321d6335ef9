"""E-invoice detectors at 10,000,000 lines: each detector through the app's code path against a bare DuckDB SQL
hand-written here for the same computation, and all four together (`leads.run_all`).

    .venv/bin/python bench/bench_invoices_10m.py                       # 10,000,000 lines, 2 threads, 4 GB
    .venv/bin/python bench/bench_invoices_10m.py --lines 1000000 --keep /tmp/inv1m

The store's tables are generated directly (synth/bulk.py: vectorised DuckDB SQL, same schema as the importer
writes, the same planted schemes as the XML generator, ground truth included); XML writing and parsing are not
part of what is measured (bench_invoices.py measures the importer). Each detector and its bare SQL run five times,
alternately, and the better time of each is kept; their outputs are compared (tax codes and scores) and the
run fails if they differ. The legalised-goods detector gets planted seizures (no case register here).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import machine, setup_django

# Seizures planted for the legalised-goods detector: (registry province code, commodity group).
SEIZURES = {
    ("20", "fuel"): ["LS-2025-001"],
    ("4", "cigarettes"): ["CB-2025-007"],
    ("79", "electronics"): ["HCM-1"],
}

# Hand-written, on the base tables (no views, no Python): the figures each detector's leads show (the flagged
# tax codes and scores, and for rings and legalised goods the rows its reasons quote: members, invoices, amounts).
EFFECTIVE = """
gone AS (SELECT related_id AS invoice_id FROM invoices WHERE related_kind = 1
         UNION SELECT invoice_id FROM notices WHERE action = 1),
eff AS (SELECT * FROM invoices i WHERE i.invoice_id NOT IN (SELECT invoice_id FROM gone)
        AND NOT (coalesce(i.related_kind, 0) = 2 AND i.related_id IN (SELECT invoice_id FROM gone)))"""
BARE = {
    "provenance": f"""
WITH {EFFECTIVE},
g AS (SELECT e.seller_tax_code AS s, e.buyer_tax_code AS b, l.code, l.quantity AS q
      FROM lines l JOIN eff e USING (invoice_id) WHERE l.kind = 1 AND l.code IN (SELECT code FROM commodities)),
sold AS (SELECT s, code, sum(q) AS q FROM g GROUP BY ALL),
bought AS (SELECT b AS s, code, sum(q) AS q FROM g WHERE b <> '' GROUP BY ALL),
decl AS (SELECT tax_code AS s, commodity AS code, sum(quantity) AS q FROM declared_stock GROUP BY ALL)
SELECT s, max((sold.q - coalesce(bought.q, 0) - coalesce(decl.q, 0)) / sold.q)
FROM sold LEFT JOIN bought USING (s, code) LEFT JOIN decl USING (s, code)
WHERE sold.q - coalesce(bought.q, 0) - coalesce(decl.q, 0) > 0.01 * sold.q GROUP BY s""",
    "ghost": f"""
WITH {EFFECTIVE},
o AS (SELECT seller_tax_code AS s, min(issued_on) AS f, max(issued_on) AS l, count(*) AS n,
             count(DISTINCT buyer_tax_code) FILTER (WHERE buyer_tax_code <> '') AS buyers,
             count(DISTINCT buyer_tax_code[1:2]) FILTER (WHERE buyer_tax_code <> '') AS provinces,
             sum(total_before_tax) AS sales FROM eff GROUP BY 1 HAVING count(*) >= 10),
i AS (SELECT buyer_tax_code AS s, sum(total_before_tax) AS p FROM eff WHERE buyer_tax_code <> '' GROUP BY 1),
x AS (SELECT o.s, (c.registered_on IS NOT NULL AND o.f - c.registered_on <= 180)::INT
                 + (o.l - o.f <= 90)::INT
                 + (coalesce(i.p, 0) <= o.sales / 10 AND o.s NOT IN (SELECT tax_code FROM declared_stock))::INT
                 + (o.buyers >= 10 AND o.provinces >= 3)::INT
                 + ((SELECT max(issued_on) FROM eff) - o.l >= 60)::INT AS signs
      FROM o LEFT JOIN i USING (s) LEFT JOIN companies c ON c.tax_code = o.s)
SELECT s, signs / 5 FROM x WHERE signs >= 4""",
    "circular": f"""
WITH {EFFECTIVE},
e0 AS (SELECT invoice_id AS id, seller_tax_code AS s, buyer_tax_code AS b, issued_on AS d, total_before_tax AS v
       FROM eff WHERE buyer_tax_code <> '' AND buyer_tax_code <> seller_tax_code AND total_before_tax > 0),
e AS (SELECT * FROM e0 WHERE b IN (SELECT s FROM e0) AND s IN (SELECT b FROM e0))
SELECT e1.s, e2.s, e3.s, NULL, e1.id, e2.id, e3.id, NULL, e1.d, e1.v
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.d BETWEEN e1.d AND e1.d + 14
JOIN e e3 ON e3.s = e2.b AND e3.b = e1.s AND e3.d BETWEEN e2.d AND e1.d + 14
WHERE e2.b <> e1.s AND greatest(e1.v, e2.v, e3.v) <= least(e1.v, e2.v, e3.v) * 1.1
UNION ALL
SELECT e1.s, e2.s, e3.s, e4.s, e1.id, e2.id, e3.id, e4.id, e1.d, e1.v
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.d BETWEEN e1.d AND e1.d + 14
JOIN e e3 ON e3.s = e2.b AND e3.d BETWEEN e2.d AND e1.d + 14
JOIN e e4 ON e4.s = e3.b AND e4.b = e1.s AND e4.d BETWEEN e3.d AND e1.d + 14
WHERE e2.b NOT IN (e1.s, e1.b) AND e3.b <> e1.b
  AND greatest(e1.v, e2.v, e3.v, e4.v) <= least(e1.v, e2.v, e3.v, e4.v) * 1.1""",
    "legalised": f"""
WITH {EFFECTIVE}
SELECT e.buyer_tax_code, e.seller_tax_code, c.commodity_group, l.code, co.province, sum(l.quantity),
       count(DISTINCT e.invoice_id), list(DISTINCT e.invoice_id)
FROM eff e JOIN lines l USING (invoice_id) JOIN commodities c ON c.code = l.code
JOIN bench_flagged f ON f.tax_code = e.seller_tax_code
JOIN companies co ON co.tax_code = e.buyer_tax_code
JOIN bench_seizures z ON z.province = co.province AND z.commodity_group = c.commodity_group
WHERE e.buyer_tax_code <> '' AND l.kind = 1 GROUP BY ALL""",
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument(
        "--keep", type=Path, help="folder for the store, kept and reused (else a temporary one)"
    )
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from sc389.invoices import detectors, leads, legalised, store
    from sc389.invoices.synth import bulk

    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        settings.INVOICES_STORE_DIR = folder
        fresh = not (folder / "invoices.duckdb").exists()
        con = store.connect()
        con.execute(f"SET threads = {int(args.threads)}")
        con.execute(f"SET memory_limit = '{args.memory_limit}'")
        con.execute(f"SET temp_directory = '{folder / 'spill'}'")
        started = time.perf_counter()
        if fresh:
            truth = bulk.generate(con, lines=args.lines, seed=args.seed)
            con.execute(
                "CREATE TABLE bench_truth AS SELECT unnest(map_keys(m)) AS k, unnest(map_values(m)) AS v "
                "FROM (SELECT MAP(?, ?) AS m)",
                [list(truth), [truth[k] for k in truth]],
            )
            con.execute("CHECKPOINT")
        truth = dict(con.execute("SELECT k, v FROM bench_truth").fetchall())
        counts = con.execute(
            "SELECT (SELECT count(*) FROM lines), (SELECT count(*) FROM invoices), (SELECT count(*) FROM notices),"
            " (SELECT count(*) FROM companies)"
        ).fetchone()
        print(
            f"store: {counts[0]:,} lines, {counts[1]:,} invoices, {counts[2]:,} notices, {counts[3]:,} companies "
            f"({'generated' if fresh else 'reused'} in {time.perf_counter() - started:.1f} s; "
            f"threads={args.threads}, memory_limit={args.memory_limit})"
        )
        flagged: list = []

        def app(name: str):
            if name == "legalised":
                return legalised.legalised(con, flagged=flagged, seizures=SEIZURES)
            return getattr(detectors, name)(con)

        def same(name: str, found: list, bare: list) -> bool:
            if name in ("legalised", "circular"):  # a lead per buyer (ring member), a point per row (cycle)
                points: dict[str, int] = {}
                for row in bare:
                    for member in [row[0]] if name == "legalised" else [m for m in row[:4] if m]:
                        points[member] = points.get(member, 0) + 1
                return {(x.tax_code, int(x.score)) for x in found} == set(points.items())
            return {(x.tax_code, round(x.score, 6)) for x in found} == {
                (r[0], round(float(r[1]), 6)) for r in bare
            }

        # CPU seconds (all threads) beside the wall clock: on a machine others share, the wall clock measures
        # the others too.
        print(
            "detector\tapp s\tbare SQL s\tratio\tapp CPU s\tbare CPU s\tCPU ratio\tleads\tsame\tprecision\trecall"
        )
        total_app = 0.0
        for name in ("provenance", "ghost", "legalised", "circular"):

            def bare_sql(name: str = name, flagged: list = flagged) -> list:
                if name == "legalised":  # its inputs, as the app's code path registers them too
                    sellers = sorted({x.tax_code for x in flagged})
                    con.execute(
                        "CREATE OR REPLACE TEMP TABLE bench_flagged AS SELECT unnest(?) AS tax_code",
                        [sellers],
                    ).fetchall()
                    con.execute(
                        "CREATE OR REPLACE TEMP TABLE bench_seizures AS SELECT * FROM (VALUES "
                        + ", ".join(f"('{p}', '{g}')" for p, g in SEIZURES)
                        + ") t(province, commodity_group)"
                    ).fetchall()
                return con.execute(BARE[name]).fetchall()

            app_s, bare_s, app_cpu, bare_cpu = [], [], [], []
            for _ in range(5):  # sub-second timings: the best of five of each
                t, c = time.perf_counter(), time.process_time()
                found = app(name)
                app_s.append(time.perf_counter() - t)
                app_cpu.append(time.process_time() - c)
                t, c = time.perf_counter(), time.process_time()
                bare = bare_sql()
                bare_s.append(time.perf_counter() - t)
                bare_cpu.append(time.process_time() - c)
            if name in ("provenance", "ghost"):
                flagged += found
            ok = same(name, found, bare)
            p, r = (
                detectors.precision_recall({x.tax_code for x in found}, set(truth[name]))
                if name in truth
                else (float("nan"), float("nan"))
            )
            total_app += min(app_s)
            print(
                f"{name}\t{min(app_s):.2f}\t{min(bare_s):.2f}\t{min(app_s) / min(bare_s):.2f}\t"
                f"{min(app_cpu):.2f}\t{min(bare_cpu):.2f}\t{min(app_cpu) / min(bare_cpu):.2f}\t{len(found):,}\t"
                f"{'yes' if ok else 'NO'}\t{p:.3f}\t{r:.3f}"
            )
            if not ok:
                sys.exit(f"{name}: the app's leads differ from the bare SQL's")
        print(f"sum of the four detectors: {total_app:.1f} s; load average {os.getloadavg()[0]:.1f}")
        t, c = time.perf_counter(), time.process_time()
        every = leads.run_all(con, seizures=SEIZURES)
        print(
            f"all detectors (leads.run_all, with each lead's evidence invoices): {time.perf_counter() - t:.1f} s "
            f"({time.process_time() - c:.1f} CPU s), "
            f"{len(every):,} leads; peak RSS {_rss_mb():,.0f} MB"
        )
        con.close()


if __name__ == "__main__":
    main()
