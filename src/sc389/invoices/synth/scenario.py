"""generate(seed): the economy's actors and flows; write(): the files an import reads."""

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

from .catalogue import COMMODITIES
from .economy import YEAR, Economy, _Builder
from .render import invoice_xml, notice_xml


def generate(seed: int = 1, *, scale: int = 1) -> Economy:
    """An economy of roughly 1,000 x scale invoices with planted ghosts, over-selling traders and circles."""
    b = _Builder(seed)
    rng = b.rng
    q = lambda low, high: Decimal(rng.randrange(low, high))  # noqa: E731 (a quantity)
    importers = [b.company("importer") for _ in range(6 * scale)]
    wholesalers = [b.company("wholesaler") for _ in range(20 * scale)]
    retailers = [b.company("retailer") for _ in range(50 * scale)]
    traders = [b.company("trader") for _ in range(3 * scale)]
    ghosts = [
        b.company("ghost", registered_on=dt.date(YEAR, rng.randrange(1, 7), rng.randrange(1, 28)))
        for _ in range(4 * scale)
    ]
    circles = [[b.company("circle") for _ in range(rng.randrange(3, 5))] for _ in range(2 * scale)]

    # Importers: declared imports, sold on to wholesalers and traders (never more than 90 %).
    for imp in importers:
        for commodity in rng.sample(COMMODITIES, 2):
            declared = q(20_000, 60_000)
            b.eco.declarations.append((imp.tax_code, commodity.code, declared))
            left = declared * Decimal("0.9")
            for buyer in rng.sample(wholesalers + traders, 6):
                qty = min(left, q(1_000, 4_000))
                if qty > 0:
                    b.sale(imp, buyer, b.day(1, 4), commodity, qty)
                    left -= qty
    # Some wholesalers hold opening stock and sell into it: a detector ignoring it would flag them.
    for w in rng.sample(wholesalers, len(wholesalers) // 3):
        commodity = rng.choice(COMMODITIES)
        stock = q(2_000, 5_000)
        b.eco.opening_stock.append((w.tax_code, commodity.code, stock))
        b.inputs[(w.tax_code, commodity.code)] += stock
    # Ghost sellers: young, no inputs, a burst to many unrelated buyers, then silence.
    for g in ghosts:
        start = g.registered_on + dt.timedelta(days=rng.randrange(15, 60))
        for buyer in rng.sample(retailers + wholesalers, rng.randrange(15, 30)):
            day = start + dt.timedelta(days=rng.randrange(0, 45))
            b.sale(g, buyer, day, rng.choice(COMMODITIES), q(200, 1_500))
    # Wholesalers sell to retailers at most 90 % of what they sourced.
    for w in wholesalers:
        _sell_down(b, w, retailers, 4, 8)
    # Traders sell 2.5-4x what they sourced: the goods without provenance.
    for t in traders:
        for (holder, code), qty in list(b.inputs.items()):
            if holder != t.tax_code or qty <= 0:
                continue
            commodity = next(c for c in COMMODITIES if c.code == code)
            total = (qty * Decimal(rng.choice(("2.5", "3", "4")))).quantize(Decimal(1))
            for buyer in rng.sample(retailers, 5):
                b.sale(t, buyer, b.day(5, 10), commodity, (total / 5).quantize(Decimal(1)))
    # Retailers sell to consumers at most 90 % of what they sourced.
    for r in retailers:
        _sell_down(b, r, [None], 7, 12)
    # Circles: A -> B -> C -> A, the same goods at near-equal value within days, several rounds.
    for ring in circles:
        commodity = rng.choice(COMMODITIES)
        for _ in range(rng.randrange(3, 6)):
            day = b.day(2, 11)
            qty = q(500, 2_000)
            price = Decimal(rng.randrange(commodity.price_low, commodity.price_high, 100))
            for i, seller in enumerate(ring):
                buyer = ring[(i + 1) % len(ring)]
                markup = Decimal(1) + Decimal(rng.randrange(0, 30)) / 1000  # the same goods, 0-3 % on top
                b.invoice(
                    seller,
                    buyer,
                    day + dt.timedelta(days=i),
                    [(commodity, qty)],
                    price=(price * markup).quantize(Decimal(1)),
                )
    sellers = {inv.seller_tax_code for inv in b.eco.invoices}
    b.eco.truth = {
        # a trader no importer happened to sell to has nothing to over-sell: not a planted case
        "provenance": sorted(c.tax_code for c in traders + ghosts if c.tax_code in sellers),
        "ghost": sorted(c.tax_code for c in ghosts),
        "circular": sorted(c.tax_code for ring in circles for c in ring),
    }
    return b.eco


def _sell_down(b: _Builder, seller, buyers: list, first_month: int, last_month: int) -> None:
    rng = b.rng
    for (holder, code), qty in list(b.inputs.items()):
        if holder != seller.tax_code or qty <= 0:
            continue
        commodity = next(c for c in COMMODITIES if c.code == code)
        left = (qty * Decimal("0.9")).quantize(Decimal(1), rounding="ROUND_FLOOR")
        parts = rng.randrange(2, 5)
        for _ in range(parts):
            qty_part = (left / parts).quantize(Decimal(1), rounding="ROUND_FLOOR")
            if qty_part <= 0:
                break
            buyer = rng.choice(buyers)
            b.sale(seller, buyer, b.day(first_month, last_month), commodity, qty_part)


def write(eco: Economy, directory: Path, *, zip_name: str | None = None) -> Path:
    """Write the invoices and notices (mixed shapes), companies.csv, declarations.csv, opening_stock.csv and
    truth.json; the XML goes into `xml/` or, with zip_name, into one zip archive. Returns the XML location."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = __import__("random").Random(eco.seed)
    files: list[tuple[str, bytes]] = []
    for inv in eco.invoices:
        shape = rng.random()
        xml = invoice_xml(inv, envelope=shape >= 0.6, namespace=0.5 <= shape < 0.6 or shape >= 0.9)
        files.append((f"{inv.seller_tax_code}_{inv.series}_{int(inv.number):08d}.xml", xml))
    for i, notice in enumerate(eco.notices, start=1):
        files.append((f"TB04_{notice.seller_tax_code}_{i:05d}.xml", notice_xml(notice, envelope=i % 2 == 0)))
    if zip_name:
        target = directory / zip_name
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files:
                zf.writestr(name, data)
    else:
        target = directory / "xml"
        target.mkdir(exist_ok=True)
        for name, data in files:
            (target / name).write_bytes(data)
    _csv(
        directory / "companies.csv",
        ["tax_code", "name", "province", "registered_on"],
        [(c.tax_code, c.name, c.province, c.registered_on.isoformat()) for c in eco.companies],
    )
    _csv(directory / "declarations.csv", ["tax_code", "commodity", "quantity"], eco.declarations)
    _csv(directory / "opening_stock.csv", ["tax_code", "commodity", "quantity"], eco.opening_stock)
    (directory / "truth.json").write_text(json.dumps(eco.truth, indent=1))
    return target


def _csv(path: Path, header: list[str], rows) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
