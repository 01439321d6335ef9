"""Precision and recall of shops flagged, on generated markets: python -m sc389.listings.measure SEED ...

Each seed's market is written to a temporary folder, its invoices imported into a temporary DuckDB store with
the companies and declarations, and the listings scored exactly as `sc389 score_listings` scores them. Sellers
the generator places in cases are given to the scorer as the entity registry would after `resolve_entities`
(the measuring database holds no cases; tests/listings covers that join through real cases). Seeds 1-3 were
used to set the weights; report others.
"""

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def precision_recall(flagged: set[str], truth: set[str]) -> tuple[float, float]:
    hits = len(flagged & truth)
    return (hits / len(flagged) if flagged else 1.0, hits / len(truth) if truth else 1.0)


def measure(seed: int, *, shops: int = 300) -> dict:
    from django.conf import settings

    from sc389.core.text import fold_words
    from sc389.invoices import reference, store
    from sc389.invoices.importer import import_path

    from . import score, sellers, signals, synth
    from .reading import read

    with tempfile.TemporaryDirectory() as tmp:
        settings.INVOICES_STORE_DIR = Path(tmp) / "store"
        market = synth.generate(seed, shops=shops)
        paths = synth.write(market, Path(tmp) / "market")
        import_path(paths["xml"])
        con = store.connect()
        reference.companies_load(con, paths["companies"])
        reference.stock_load(con, paths["declarations"], kind="import")
        con.close()
        started = time.perf_counter()
        rows = read(paths["csv"].read_bytes(), name="listings.csv")
        facts = sellers.facts(
            tax_codes={r.tax_code for r in rows},
            seller_ids={r.seller_id for r in rows},
            names={r.shop for r in rows},
        )
        for i, known in enumerate(market.in_cases, start=1):
            facts.entities[known["seller_id"]] = (-i, 2, known["shop"])
        refs: dict[str, list[signals.Reference]] = {}
        for brand, product, price in synth.references():
            refs.setdefault(fold_words(brand), []).append(
                signals.Reference(brand, fold_words(brand), product, fold_words(product), price)
            )
        _listings, shop_scores = score.score(rows, facts=facts, references=refs)
        seconds = time.perf_counter() - started
    flagged = {seller for (_platform, seller), s in shop_scores.items() if s.score >= score.FLAG_AT}
    truth = market.counterfeit
    p, r = precision_recall(flagged, truth)
    kinds = market.kinds
    return {
        "seed": seed,
        "shops": len(kinds),
        "listings": len(rows),
        "flagged": len(flagged),
        "truth": len(truth),
        "precision": p,
        "recall": r,
        "seconds": seconds,
        "false_positives": Counter(kinds[s] for s in flagged - truth),
        "missed": Counter(kinds[s] for s in truth - flagged),
    }


def main(seeds: list[int], shops: int = 300) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sc389.settings.base")
    import django

    django.setup()
    print("seed\tshops\tlistings\tflagged\ttruth\tprecision\trecall\tseconds\tfalse positives\tmissed")
    for seed in seeds:
        m = measure(seed, shops=shops)
        print(
            f"{m['seed']}\t{m['shops']}\t{m['listings']}\t{m['flagged']}\t{m['truth']}\t{m['precision']:.3f}\t"
            f"{m['recall']:.3f}\t{m['seconds']:.2f}\t{dict(m['false_positives'])}\t{dict(m['missed'])}"
        )


if __name__ == "__main__":
    args = sys.argv[1:] or ["101", "102", "103"]
    main([int(a) for a in args], int(os.environ.get("SHOPS", "300")))
