"""E-invoices: import speed (files/s, invoices/s, lines/s) and detector run time on a generated economy.

    .venv/bin/python bench/bench_invoices.py --scale 10
    .venv/bin/python bench/bench_invoices.py --scale 10 --zip

Generates the economy (seed 5 by default, ~1,100 invoices per unit of scale), writes it as a folder of XML files
(or one zip archive with --zip), imports it into a fresh store in a temporary directory (what
`sc389 import_invoices` does, without the Django log), loads the reference CSVs, then runs each detector twice:
as the app runs it (SQL + building the leads and their reasons) and as the bare DuckDB SQL alone, and prints
both with precision and recall against the generator's truth.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from common import machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--zip", action="store_true", help="one zip archive instead of a folder")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sc389.settings.base")
    import django

    django.setup()
    from django.conf import settings

    from sc389.invoices import detectors, reference, store
    from sc389.invoices.importer import import_path
    from sc389.invoices.synth.scenario import generate, write

    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        settings.INVOICES_STORE_DIR = Path(tmp) / "store"
        t0 = time.perf_counter()
        eco = generate(args.seed, scale=args.scale)
        xml = write(eco, Path(tmp) / "eco", zip_name="invoices.zip" if args.zip else None)
        t1 = time.perf_counter()
        lines = sum(len(i.lines) for i in eco.invoices)
        files = len(eco.invoices) + len(eco.notices)
        print(
            f"generated {len(eco.invoices):,} invoices ({lines:,} lines), {len(eco.notices):,} notices, "
            f"{len(eco.companies):,} companies in {t1 - t0:.1f} s"
        )
        started = time.perf_counter()
        results = import_path(xml)
        took = time.perf_counter() - started
        accepted = sum(r.outcome == "accepted" for r in results)
        print(
            f"import ({'zip' if args.zip else 'folder'}): {accepted:,}/{files:,} files in {took:.1f} s = "
            f"{files / took:,.0f} files/s, {len(eco.invoices) / took:,.0f} invoices/s, {lines / took:,.0f} lines/s"
        )
        started = time.perf_counter()
        import_path(xml)
        print(f"re-import (all duplicates): {time.perf_counter() - started:.1f} s")
        con = store.connect()
        reference.companies_load(con, xml.parent / "companies.csv")
        reference.stock_load(con, xml.parent / "declarations.csv", kind="import")
        reference.stock_load(con, xml.parent / "opening_stock.csv", kind="opening")
        bare = {
            "provenance": lambda: con.execute(detectors.PROVENANCE).fetchall(),
            "ghost": lambda: con.execute(detectors.GHOST.format(min_invoices=10, threshold=4)).fetchall(),
            "circular": lambda: con.execute(detectors.CIRCULAR.format(window=14, tolerance=0.1)).fetchall(),
        }
        print("detector\tapp s\tbare SQL s\tratio\tflagged\tprecision\trecall")
        for name, sql in bare.items():
            getattr(detectors, name)(con)  # warm
            started = time.perf_counter()
            leads = getattr(detectors, name)(con)
            app = time.perf_counter() - started
            started = time.perf_counter()
            sql()
            raw = time.perf_counter() - started
            p, r = detectors.precision_recall({x.tax_code for x in leads}, set(eco.truth[name]))
            print(f"{name}\t{app:.3f}\t{raw:.3f}\t{app / raw:.2f}\t{len(leads)}\t{p:.3f}\t{r:.3f}")
        con.close()


if __name__ == "__main__":
    main()
