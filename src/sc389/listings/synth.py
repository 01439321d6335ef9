"""A labelled synthetic marketplace: shops with listing snapshots, the invoice store behind their sellers, and
the truth (which shops sell counterfeit or smuggled goods).

Honest shops are registered companies that buy what they sell on invoices (or import it on declarations) at
prices near the reference. Counterfeit shops carry various subsets of the signals (cheap + cover words, a
registered company selling a brand it never bought, a seller known from cases, restricted goods, cover words
alone). Hard negatives: genuine discount sellers (clearance at 40-80 % of the reference), hand-carry and "fake"
words used innocently ("túi xách tay" is a handbag, "nói không với hàng fake"), small unregistered sellers.
`generate(seed)` is deterministic; `write()` lays out the files `sc389 score_listings` and the invoice import read.
"""

import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sc389.invoices.synth.catalogue import Commodity
from sc389.invoices.synth.economy import Economy, _Builder
from sc389.invoices.synth.scenario import write as write_economy


@dataclass(frozen=True)
class Product:
    brand: str
    product: str
    price: int  # reference retail price, VND
    category: str
    code: str  # goods code on invoices and declarations

    @property
    def commodity(self) -> Commodity:
        low = int(self.price * 0.55)
        return Commodity(self.code, f"{self.brand} {self.product}", "chiếc", low, low + 100, "10%", "")


PRODUCTS: tuple[Product, ...] = (
    Product("Chanel", "No 5 Eau de Parfum 100ml", 3_900_000, "Nước hoa", "CHANEL-N5"),
    Product("Dior", "Sauvage EDT 100ml", 3_200_000, "Nước hoa", "DIOR-SAUVAGE"),
    Product("Nike", "Air Force 1 07", 2_900_000, "Giày dép", "NIKE-AF1"),
    Product("Adidas", "Ultraboost 22", 4_200_000, "Giày dép", "ADIDAS-UB22"),
    Product("Apple", "AirPods Pro 2", 6_000_000, "Điện tử", "APPLE-APP2"),
    Product("Samsung", "Galaxy Buds2 Pro", 3_500_000, "Điện tử", "SAMSUNG-BUDS2"),
    Product("Louis Vuitton", "Neverfull MM", 45_000_000, "Túi xách", "LOUIS-VUITTON-NEVERFULL"),
    Product("Gucci", "GG Marmont", 38_000_000, "Túi xách", "GUCCI-MARMONT"),
    Product("Casio", "G-Shock GA-2100", 3_000_000, "Đồng hồ", "CASIO-GA2100"),
    Product("La Roche-Posay", "Effaclar Duo+ 40ml", 450_000, "Mỹ phẩm", "LA-ROCHE-POSAY-EFFACLAR"),
    Product("Ohui", "The First Cream 50ml", 2_800_000, "Mỹ phẩm", "OHUI-FIRST"),
    Product("Sulwhasoo", "First Care Serum 90ml", 2_600_000, "Mỹ phẩm", "SULWHASOO-FCS"),
)
RESTRICTED_GOODS = (
    "Thuốc lá điện tử pod system 2ml",
    "Tinh dầu vape vị bạc hà 30ml",
    "Thuốc lá nung nóng IQOS kèm 10 gói",
    "Thuốc lá ngoại Esse nhập khẩu cây 10 bao",
)
PLATFORMS = ("Shopee", "Lazada", "TikTok Shop", "Facebook")
LOCATIONS = (
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Lạng Sơn",
    "Cao Bằng",
    "Hưng Yên",
    "Đà Nẵng",
    "Hải Phòng",
    "Quảng Ninh",
)
COVERS = ("Rep 1:1", "hàng xách tay", "Like Auth", "hàng F1", "Super Fake", "nội địa Trung", "hàng tuồn")
HONEST_TEXT = (
    "Hàng chính hãng, có hóa đơn VAT đầy đủ.",
    "Nhà phân phối chính thức tại Việt Nam, bảo hành 12 tháng.",
    "Sản phẩm nhập khẩu chính ngạch, tem phụ tiếng Việt.",
)
INNOCENT_TEXT = (
    "Cam kết chính hãng, nói không với hàng fake.",
    "Shop không bán hàng xách tay không rõ nguồn gốc, đầy đủ hóa đơn.",
    "Hoàn tiền 200% nếu phát hiện hàng fake.",
)
# kind -> share of shops; the counterfeit kinds are the positives
KINDS = {
    "honest": 0.26,
    "importer": 0.05,
    "discount": 0.12,
    "innocent_words": 0.10,
    "small_seller": 0.08,
    "cheap_cover": 0.10,
    "unsourced": 0.10,
    "case_linked": 0.06,
    "restricted": 0.05,
    "very_cheap": 0.04,
    "cover_only": 0.04,
}
COUNTERFEIT = frozenset({"cheap_cover", "unsourced", "case_linked", "restricted", "very_cheap", "cover_only"})
FIRST_SNAPSHOT = dt.date(2026, 9, 1)


@dataclass
class Market:
    seed: int
    rows: list[dict] = field(default_factory=list)  # listing records as in a CSV/JSON snapshot file
    economy: Economy | None = None
    kinds: dict[str, str] = field(default_factory=dict)  # seller id -> kind
    in_cases: list[dict] = field(default_factory=list)  # sellers known from cases: seller_id, shop, platform

    @property
    def counterfeit(self) -> set[str]:
        return {s for s, k in self.kinds.items() if k in COUNTERFEIT}


def references() -> list[tuple[str, str, int]]:
    """(brand, product, price) of the reference list: each product, and each brand at its product's price."""
    out = [(p.brand, p.product, p.price) for p in PRODUCTS]
    return out + [(p.brand, "", p.price) for p in PRODUCTS]


class _Market:
    def __init__(self, seed: int, shops: int, snapshots: int):
        self.rng = random.Random(seed)
        self.eco_builder = _Builder(seed)
        self.market = Market(seed=seed, economy=self.eco_builder.eco)
        self.snapshots = [FIRST_SNAPSHOT + dt.timedelta(days=30 * i) for i in range(snapshots)]
        self.shops = shops
        self.distributors = [self.eco_builder.company("importer") for _ in range(4)]

    def build(self) -> Market:
        kinds = list(KINDS)
        weights = [KINDS[k] for k in kinds]
        for n in range(self.shops):
            kind = self.rng.choices(kinds, weights)[0]
            self.shop(n, kind)
        return self.market

    def shop(self, n: int, kind: str) -> None:
        rng = self.rng
        platform = rng.choice(PLATFORMS)
        seller_id = f"{platform.split()[0].lower()}-{self.market.seed}-{n:05d}"
        self.market.kinds[seller_id] = kind
        products = rng.sample(PRODUCTS, rng.randint(1, 3))
        registered = kind in {"honest", "importer", "discount", "innocent_words", "unsourced"}
        company = self.eco_builder.company("retailer") if registered else None
        tax_code = company.tax_code if company else ""
        if kind == "very_cheap" and rng.random() < 0.5:
            tax_code = f"0{rng.randrange(10**8, 10**9)}"  # claims a tax code nobody registered
        name = (
            company.name
            if company and rng.random() < 0.5
            else f"{rng.choice(('Shop', 'Store', 'House'))} {products[0].brand} {n}"
        )
        location = rng.choice(LOCATIONS)
        if kind == "case_linked":
            self.market.in_cases.append({"seller_id": seller_id, "shop": name, "platform": platform})
        if kind == "restricted":
            self.restricted_shop(platform, seller_id, name, location)
            return
        small = kind == "small_seller"
        self.quirk = rng.random()  # one draw per shop: the odd honest shop is odd throughout
        for product in products:
            for copy in range(rng.randint(1, 3)):
                listing_id = f"{seller_id}-{product.code}-{copy}"
                ratio, title, text = self.pricing(kind, product)
                sales = rng.randint(2, 15) if small else rng.randint(20, 300)
                for i, day in enumerate(self.snapshots):
                    sales += 0 if i == 0 else (rng.randint(0, 3) if small else rng.randint(5, 60))
                    self.market.rows.append(
                        {
                            "snapshot_date": day.isoformat(),
                            "platform": platform,
                            "listing_id": listing_id,
                            "shop": name,
                            "seller_id": seller_id,
                            "tax_code": tax_code,
                            "title": title,
                            "description": text,
                            "price": int(product.price * ratio) // 1000 * 1000,
                            "brand": product.brand if rng.random() < 0.8 else "",
                            "category": product.category,
                            "location": location,
                            "sales_count": sales,
                            "url": f"https://{platform.split()[0].lower()}.example/{listing_id}",
                        }
                    )
            if company is not None:
                self.source(kind, company, product, seller_id)

    def pricing(self, kind: str, product: Product) -> tuple[float, str, str]:
        rng = self.rng
        title = f"{product.brand} {product.product}"
        if product.category == "Túi xách" and rng.random() < 0.5:
            title = f"Túi xách tay nữ {title}"
        if kind == "small_seller" and self.quirk < 0.15:  # really carried home from abroad, a few pieces
            return rng.uniform(0.85, 1.0), f"{title} hàng xách tay Nhật", "Có bill mua tại cửa hàng."
        if kind in ("honest", "importer", "small_seller"):
            return rng.uniform(0.85, 1.1), title, rng.choice(HONEST_TEXT)
        if kind == "innocent_words":
            return rng.uniform(0.85, 1.05), title, rng.choice(INNOCENT_TEXT)
        if kind == "discount":
            roll = rng.random()
            if self.quirk < 0.05 and roll < 0.3:
                ratio = rng.uniform(0.22, 0.3)  # a shop clearing old stock for almost nothing
            else:
                ratio = rng.uniform(0.4, 0.49) if roll < 0.3 else rng.uniform(0.55, 0.8)
            return ratio, f"[Xả kho] {title} giảm giá", "Thanh lý hàng trưng bày, còn hóa đơn chính hãng."
        if kind == "cheap_cover":
            if rng.random() < 0.2:  # a misspelt brand: no reference price to compare with
                title = title.replace(product.brand, product.brand + product.brand[-1].lower(), 1)
            return rng.uniform(0.12, 0.45), f"{title} {rng.choice(COVERS)}", "Hàng đẹp như auth, full box."
        if kind == "very_cheap":
            return rng.uniform(0.08, 0.28), title, "Giá sốc, số lượng có hạn."
        if kind == "cover_only":
            return rng.uniform(0.8, 1.0), f"{title} {rng.choice(COVERS)}", "Hàng về số lượng ít."
        if kind == "case_linked":
            return rng.uniform(0.6, 0.95), f"{title} {rng.choice(COVERS)}", "Nhận ship COD toàn quốc."
        return rng.uniform(0.65, 0.85), title, rng.choice(HONEST_TEXT)  # unsourced: looks like a real shop

    def restricted_shop(self, platform: str, seller_id: str, name: str, location: str) -> None:
        rng = self.rng
        for copy, goods in enumerate(rng.sample(RESTRICTED_GOODS, rng.randint(1, 3))):
            sales = rng.randint(20, 300)
            for i, day in enumerate(self.snapshots):
                sales += 0 if i == 0 else rng.randint(5, 60)
                self.market.rows.append(
                    {
                        "snapshot_date": day.isoformat(),
                        "platform": platform,
                        "listing_id": f"{seller_id}-R{copy}",
                        "shop": name,
                        "seller_id": seller_id,
                        "tax_code": "",
                        "title": goods,
                        "description": "Giao hàng kín đáo, nhận hàng kiểm tra.",
                        "price": rng.randrange(150_000, 900_000, 1000),
                        "brand": "",
                        "category": "Thiết bị điện tử" if rng.random() < 0.5 else "Khác",
                        "location": location,
                        "sales_count": sales,
                        "url": f"https://{platform.split()[0].lower()}.example/{seller_id}-R{copy}",
                    }
                )

    def source(self, kind: str, company, product: Product, seller_id: str) -> None:
        """The invoices (or declarations) behind a registered shop's sales of one product."""
        sold = sum(
            r["sales_count"]
            for r in self.market.rows
            if r["seller_id"] == seller_id
            and r["listing_id"].startswith(f"{seller_id}-{product.code}-")
            and r["snapshot_date"] == self.snapshots[-1].isoformat()
        )
        rng = self.rng
        if kind == "unsourced":
            cover = rng.choice((0.0, 0.0, 0.1, 0.3, 0.6))  # nothing, a token purchase, or bought invoices
        elif self.quirk > 0.97:  # bought before the period the store holds
            cover = rng.uniform(0.3, 0.5)
        else:
            cover = rng.uniform(1.0, 1.4)
        quantity = int(sold * cover)
        if quantity <= 0:
            return
        if kind == "importer":
            self.market.economy.declarations.append((company.tax_code, product.code, Decimal(quantity)))
            return
        parts = rng.randint(1, 3)
        for k in range(parts):
            share = quantity // parts + (quantity % parts if k == 0 else 0)
            day = dt.date(2026, rng.randint(1, 8), rng.randint(1, 28))
            self.eco_builder.invoice(
                rng.choice(self.distributors), company, day, [(product.commodity, Decimal(share))]
            )


def generate(seed: int = 1, *, shops: int = 300, snapshots: int = 2) -> Market:
    return _Market(seed, shops, snapshots).build()


def write(market: Market, directory: Path) -> dict[str, Path]:
    """listings.csv and listings.json (the same rows), references.csv, truth.json and the invoice economy
    (xml/, companies.csv, declarations.csv, opening_stock.csv)."""
    directory.mkdir(parents=True, exist_ok=True)
    columns = list(market.rows[0]) if market.rows else []
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    writer.writerows(market.rows)
    (directory / "listings.csv").write_text(buf.getvalue(), encoding="utf-8")
    (directory / "listings.json").write_text(json.dumps(market.rows, ensure_ascii=False), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["brand", "product", "price_vnd"])
    w.writerows(references())
    (directory / "references.csv").write_text(buf.getvalue(), encoding="utf-8")
    truth = {"kinds": market.kinds, "counterfeit": sorted(market.counterfeit), "in_cases": market.in_cases}
    (directory / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    xml = write_economy(market.economy, directory / "invoices")
    return {
        "csv": directory / "listings.csv",
        "json": directory / "listings.json",
        "references": directory / "references.csv",
        "truth": directory / "truth.json",
        "xml": xml,
        "companies": xml.parent / "companies.csv",
        "declarations": xml.parent / "declarations.csv",
    }
