"""Precision and recall of the detectors on generated economies: python -m sc389.invoices.measure SEED ...

Each seed's economy is written to a temporary folder, imported into a temporary store, its reference CSVs
loaded, and each detector's flagged tax codes compared with the generator's ground truth.
"""

import os
import sys
import tempfile
import time
from pathlib import Path


def main(seeds: list[int], scale: int = 1) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sc389.settings.base")
    import django

    django.setup()
    from django.conf import settings

    from . import detectors, reference, store
    from .importer import import_path
    from .synth.scenario import generate, write

    print("seed\tdetector\tflagged\ttruth\tprecision\trecall\tseconds")
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            settings.INVOICES_STORE_DIR = Path(tmp) / "store"
            eco = generate(seed, scale=scale)
            xml = write(eco, Path(tmp) / "eco")
            import_path(xml)
            con = store.connect()
            reference.companies_load(con, xml.parent / "companies.csv")
            reference.stock_load(con, xml.parent / "declarations.csv", kind="import")
            reference.stock_load(con, xml.parent / "opening_stock.csv", kind="opening")
            for name in ("provenance", "ghost", "circular"):
                started = time.perf_counter()
                flagged = {lead.tax_code for lead in getattr(detectors, name)(con)}
                seconds = time.perf_counter() - started
                truth = set(eco.truth[name])
                p, r = detectors.precision_recall(flagged, truth)
                print(f"{seed}\t{name}\t{len(flagged)}\t{len(truth)}\t{p:.3f}\t{r:.3f}\t{seconds:.3f}")
            con.close()


if __name__ == "__main__":
    args = sys.argv[1:] or ["101", "102", "103"]
    scale = int(os.environ.get("SCALE", "1"))
    main([int(a) for a in args], scale)
