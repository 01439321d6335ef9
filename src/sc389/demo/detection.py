"""The demo's detection data, so the analysts' pages have something to show: a generated e-invoice economy and an
e-commerce market (the generators the precision and recall are measured on, docs/detection.md), loaded through
the product's own paths (invoice import with its log and audit, the reference registers, the detectors, the
listings import and its scores), then the entity registry resolved from the demo cases and fed by those findings.

Deterministic; a second run does nothing. Companies keep the generators' provinces (GSO codes of today's
provinces), so the Lạng Sơn and Hưng Yên analysts see the leads of their own province and national analysts all."""

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sc389.core import audit
from sc389.entities.services import entities_refresh
from sc389.invoices import reference, store
from sc389.invoices.leads import invoice_leads_refresh
from sc389.invoices.models import InvoiceImport
from sc389.invoices.services import invoices_import
from sc389.invoices.synth import scenario
from sc389.listings import synth as market_synth
from sc389.listings.models import ListingImport, Shop
from sc389.listings.services import listings_import, reference_prices_load

SEED = 389
SHOPS = 80


@dataclass
class DetectionSeed:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def detection_seeded() -> bool:
    return InvoiceImport.objects.exists() or ListingImport.objects.exists()


def detection_seed(*, actor=None) -> DetectionSeed:
    """Load the demo's invoices and listings and run the detectors; nothing when either was loaded before."""
    if detection_seeded():
        return DetectionSeed(created=False)
    with tempfile.TemporaryDirectory(prefix="sc389-demo-") as tmp, audit.context(channel="cli"):
        root = Path(tmp)
        economy = scenario.write(scenario.generate(SEED), root / "economy")
        market = market_synth.write(market_synth.generate(SEED + 1, shops=SHOPS), root / "market")
        for xml in (economy, market["xml"]):
            invoices_import(path=xml, actor=actor)
        _registers(root, [economy.parent, market["companies"].parent])
        leads = invoice_leads_refresh(actor=actor)
        reference_prices_load(path=market["references"], actor=actor)
        listings_import(data=market["csv"].read_bytes(), name="demo-listings.csv", actor=actor)
        registry = entities_refresh(actor=actor)
    return DetectionSeed(
        created=True,
        counts={
            "leads": len(leads),
            "shops": Shop.objects.count(),
            "flagged": Shop.objects.filter(flagged=True).count(),
            "entities": registry.entities_created,
        },
    )


def _registers(root: Path, folders: list[Path]) -> None:
    """The company register, declared imports and opening stock of both generated populations, loaded as one (each
    load replaces its register)."""
    con = store.connect()
    try:
        for name, load in (
            ("companies.csv", lambda path: reference.companies_load(con, path)),
            ("declarations.csv", lambda path: reference.stock_load(con, path, kind="import")),
            ("opening_stock.csv", lambda path: reference.stock_load(con, path, kind="opening")),
        ):
            parts = [folder / name for folder in folders if (folder / name).exists()]
            if parts:
                load(_concatenated(parts, root / f"all-{name}", unique=name == "companies.csv"))
    finally:
        con.close()


def _concatenated(paths: list[Path], out: Path, *, unique: bool) -> Path:
    """The CSVs as one; with `unique`, a key (first column) seen in an earlier file is left out (the two
    generators may draw the same tax code)."""
    seen: set[str] = set()
    with out.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        for n, path in enumerate(paths):
            with path.open(newline="", encoding="utf-8") as source:
                rows = csv.reader(source)
                header = next(rows)
                if n == 0:
                    writer.writerow(header)
                for row in rows:
                    if unique and row[0] in seen:
                        continue
                    seen.add(row[0])
                    writer.writerow(row)
    return out
