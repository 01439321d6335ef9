"""A deterministic synthetic economy: normal supply chains plus planted schemes, with its ground truth.

Normal firms never sell more of a commodity than they sourced (imports + purchases + opening stock), so every
flag of the provenance detector on a normal firm is a false positive. Status noise is planted so that an
importer which counted replaced, adjusted-away or cancelled invoices would see false excesses:
replaced originals carry 1.5x the quantity, adjusted originals carry an excess the adjustment takes back,
cancelled invoices are an extra sale that never happened.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from stdnum.vn import mst

from ..records import Invoice, InvoiceLine, Notice, NoticeItem, RateTotal, RelatedInvoice
from .catalogue import TRANSPORT, Commodity, rate_fraction

YEAR = 2025
# Today's provinces by their GSO code (AdministrativeUnit.code); the MST's two-digit prefix is the tax
# authority's own province numbering, which the synthetic economy simply takes from the same number.
PROVINCES = ("1", "4", "8", "15", "20", "22", "24", "31", "33", "38", "40", "48", "79", "92")
FAMILY = ("Minh Phát", "Thành Đạt", "Hoàng Long", "An Khang", "Phú Quý", "Hưng Thịnh", "Đại Việt", "Tân Tiến")


@dataclass
class Company:
    tax_code: str
    name: str
    province: str
    registered_on: dt.date
    role: str  # importer, wholesaler, retailer, ghost, trader, circle


@dataclass
class Economy:
    seed: int
    companies: list[Company] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    declarations: list[tuple[str, str, Decimal]] = field(default_factory=list)  # tax code, commodity, qty
    opening_stock: list[tuple[str, str, Decimal]] = field(default_factory=list)
    truth: dict[str, list[str]] = field(default_factory=dict)  # detector -> tax codes that should be flagged


def tax_code(rng: random.Random, province: str, used: set[str]) -> str:
    """A 10-digit MST valid under stdnum.vn.mst (prefixes whose check would be 10 are never issued)."""
    while True:
        prefix = f"{int(province):02d}"[-2:] + f"{rng.randrange(1, 10_000_000):07d}"
        check = mst.calc_check_digit(prefix)
        if len(check) == 1 and prefix + check not in used:
            used.add(prefix + check)
            return prefix + check


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.eco = Economy(seed=seed)
        self.used: set[str] = set()
        self.numbers: dict[str, int] = defaultdict(int)
        self.series: dict[str, str] = {}
        self.inputs: dict[tuple[str, str], Decimal] = defaultdict(Decimal)  # effective sourced qty

    def company(self, role: str, *, registered_on: dt.date | None = None) -> Company:
        rng = self.rng
        province = rng.choice(PROVINCES)
        code = tax_code(rng, province, self.used)
        born = registered_on or dt.date(rng.randrange(2005, 2022), rng.randrange(1, 13), rng.randrange(1, 28))
        kind = {"importer": "Xuất nhập khẩu", "retailer": "Thương mại dịch vụ"}.get(role, "Thương mại")
        name = f"Công ty TNHH {kind} {rng.choice(FAMILY)} {code[-4:]}"
        c = Company(code, name, province, born, role)
        self.eco.companies.append(c)
        letters = "ABCDEFGHKLMNPQRSTUVXY"
        self.series[code] = rng.choice(letters) + rng.choice(letters)
        return c

    def invoice(
        self,
        seller: Company,
        buyer: Company | None,
        day: dt.date,
        goods: list[tuple[Commodity, Decimal]],
        *,
        related: RelatedInvoice | None = None,
        transport: bool = False,
        price: Decimal | None = None,
    ) -> Invoice:
        rng = self.rng
        self.numbers[seller.tax_code] += 1
        lines = []
        for position, (commodity, qty) in enumerate(goods, start=1):
            each = price or Decimal(rng.randrange(commodity.price_low, commodity.price_high, 100))
            lines.append(
                InvoiceLine(
                    1,
                    position,
                    commodity.code,
                    commodity.name,
                    commodity.unit,
                    qty,
                    each,
                    Decimal(0),
                    qty * each,
                    commodity.rate,
                )
            )
        if transport:
            price = Decimal(rng.randrange(TRANSPORT.price_low, TRANSPORT.price_high, 1000))
            lines.append(
                InvoiceLine(
                    1,
                    len(lines) + 1,
                    TRANSPORT.code,
                    TRANSPORT.name,
                    TRANSPORT.unit,
                    Decimal(1),
                    price,
                    Decimal(0),
                    price,
                    TRANSPORT.rate,
                )
            )
        rates: dict[str, Decimal] = defaultdict(Decimal)
        for line in lines:
            rates[line.rate] += line.amount
        totals = [
            RateTotal(rate, amount, (amount * (rate_fraction(rate) or 0)).quantize(Decimal(1), ROUND_HALF_UP))
            for rate, amount in sorted(rates.items())
        ]
        before = sum((r.amount for r in totals), Decimal(0))
        tax = sum((r.tax for r in totals), Decimal(0))
        inv = Invoice(
            template="1",
            series=f"C{day.year % 100:02d}T{self.series[seller.tax_code]}",
            number=str(self.numbers[seller.tax_code]),
            issued_on=day,
            currency="VND",
            seller_tax_code=seller.tax_code,
            seller_name=seller.name,
            seller_address=f"Số {rng.randrange(1, 300)} đường {rng.randrange(1, 40)}, tỉnh mã {seller.province}",
            buyer_tax_code=buyer.tax_code if buyer else "",
            buyer_name=buyer.name if buyer else "Khách lẻ không lấy hóa đơn",
            buyer_address=f"Tỉnh mã {buyer.province}" if buyer else "",
            lines=lines,
            rates=totals,
            total_before_tax=before,
            total_tax=tax,
            total=before + tax,
            related=related,
        )
        self.eco.invoices.append(inv)
        return inv

    def sale(
        self, seller: Company, buyer: Company | None, day: dt.date, commodity: Commodity, qty: Decimal
    ) -> None:
        """One effective sale, sometimes with planted status noise around it."""
        rng = self.rng
        if buyer is not None:
            self.inputs[(buyer.tax_code, commodity.code)] += qty
        roll = rng.random()
        transport = rng.random() < 0.15
        if roll < 0.04:  # issued with 1.5x the quantity, then replaced by the right invoice
            wrong = self.invoice(seller, buyer, day, [(commodity, (qty * 3 / 2).quantize(Decimal(1)))])
            self.invoice(
                seller,
                buyer,
                day + dt.timedelta(days=2),
                [(commodity, qty)],
                transport=transport,
                related=RelatedInvoice(1, wrong.template, wrong.series, wrong.number, wrong.issued_on),
            )
        elif roll < 0.07:  # issued with an excess, adjusted down by a negative adjustment invoice
            excess = max(Decimal(1), (qty / 2).quantize(Decimal(1)))
            first = self.invoice(seller, buyer, day, [(commodity, qty + excess)], transport=transport)
            self.invoice(
                seller,
                buyer,
                day + dt.timedelta(days=3),
                [(commodity, -excess)],
                related=RelatedInvoice(2, first.template, first.series, first.number, first.issued_on),
            )
        else:
            self.invoice(seller, buyer, day, [(commodity, qty)], transport=transport)
        if rng.random() < 0.03:  # an extra invoice issued by mistake and cancelled by a 04/SS-HĐĐT notice
            bogus = self.invoice(seller, buyer, day, [(commodity, qty)])
            self.eco.notices.append(
                Notice(
                    seller.tax_code,
                    day + dt.timedelta(days=1),
                    [
                        NoticeItem(
                            bogus.template, bogus.series, bogus.number, bogus.issued_on, 1, "Hủy do lập trùng"
                        )
                    ],
                )
            )

    def day(self, first_month: int, last_month: int) -> dt.date:
        return dt.date(YEAR, self.rng.randrange(first_month, last_month + 1), self.rng.randrange(1, 29))
