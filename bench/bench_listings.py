"""E-commerce listings and hotspots: import and scoring time of a generated market; hotspot ranking time.

    .venv/bin/python bench/bench_listings.py --shops 2000
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_listings.py --shops 2000

Generates the market (seed 301 by default), imports its invoices into a store in a temporary directory, loads
the reference prices, then times `listings_import` of the CSV (a first load and a re-load of the same file,
which changes nothing) and `score_rows` (what `sc389 score_listings FILE` does without --save). The bench
database (bench/common.py) is migrated first; the listings of earlier runs are removed. Then ranks hotspots over
generated case events (`scoring.rank`, no database: the part that grows with the cases counted).
"""

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from common import machine, setup_django, vendor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=301)
    parser.add_argument("--events", type=int, default=1_000_000, help="case-day events ranked for hotspots")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sc389.hotspots.scoring import Event, rank
    from sc389.invoices import reference, store
    from sc389.invoices.importer import import_path
    from sc389.listings import services, synth
    from sc389.listings.models import Listing, ListingImport, Shop
    from sc389.listings.reading import read

    print(machine(), vendor())
    Listing.objects.all().delete()
    ListingImport.objects.all().delete()
    Shop.objects.all().delete()
    with tempfile.TemporaryDirectory() as tmp:
        settings.INVOICES_STORE_DIR = Path(tmp) / "store"
        market = synth.generate(args.seed, shops=args.shops)
        paths = synth.write(market, Path(tmp) / "market")
        import_path(paths["xml"])
        con = store.connect()
        reference.companies_load(con, paths["companies"])
        reference.stock_load(con, paths["declarations"], kind="import")
        con.close()
        services.reference_prices_load(path=paths["references"])
        data = paths["csv"].read_bytes()
        rows = len(market.rows)
        for label in ("import (first)", "import (same file again)"):
            started = time.perf_counter()
            run = services.listings_import(data=data, name="listings.csv")
            seconds = time.perf_counter() - started
            print(
                f"{label}: {rows} rows, {args.shops} shops in {seconds:.2f} s ({rows / seconds:,.0f} rows/s);"
                f" created {run.created}, updated {run.updated}"
            )
        started = time.perf_counter()
        _listings, shops = services.score_rows(read(data, name="listings.csv"))
        seconds = time.perf_counter() - started
        print(
            f"score only: {rows} rows in {seconds:.2f} s ({rows / seconds:,.0f} rows/s), {len(shops)} shops"
        )
    rng = random.Random(args.seed)
    as_of = dt.date(2026, 6, 30)
    events = [
        Event(
            as_of - dt.timedelta(days=rng.randrange(455)),
            rng.randrange(34),
            rng.randrange(3321),
            rng.choice(("road", "trail", "inland_market")),
            f"Địa điểm {rng.randrange(50)}",
            "smuggling",
        )
        for _ in range(args.events)
    ]
    started = time.perf_counter()
    spots = rank(events, as_of=as_of)
    print(
        f"hotspots: {args.events:,} events ranked into {len(spots):,} places in {time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main()
