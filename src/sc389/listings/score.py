"""Scoring listings and rolling them up per shop (pure: rows, reference prices and seller facts in, scores out).

Each signal has a weight, the probability-like strength an analyst gave it; a listing's or a shop's score is
the noisy-or of its distinct signals, 1 − Π(1 − w), so two weak signals make a strong one and a signal seen on
many listings still counts once. A shop is flagged from FLAG_AT. Weights and threshold were set on generator
seeds 1-3 (docs/detection.md); the figures are measured on other seeds.
"""

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sc389.core.text import fold, fold_words

from . import signals
from .choices import Signal
from .reading import ListingRow
from .sellers import SellerFacts

WEIGHTS = {
    Signal.PRICE: 0.35,
    Signal.COVER_WORDS: 0.38,
    Signal.RESTRICTED: 0.4,
    Signal.UNREGISTERED: 0.2,
    Signal.CASE_LINKED: 0.4,
    Signal.NO_PROVENANCE: 0.55,
}
PRICE_VERY_FAR_WEIGHT = 0.5
FLAG_AT = 0.5
RefOf = Callable[[str, str], "signals.Reference | None"]
# The provenance test needs sales to speak of: a shop that sold fewer than this of a brand is not held to it.
MIN_SOLD = 20
# Inputs below this share of the units sold leave the rest without provenance.
COVERED_SHARE = Decimal("0.5")


@dataclass
class Reason:
    signal: str
    text: str
    weight: float

    def as_dict(self) -> dict:
        return {"signal": self.signal, "text": self.text}


@dataclass
class Scored:
    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)

    @property
    def signals(self) -> list[str]:
        return sorted({r.signal for r in self.reasons})


def noisy_or(weights: dict[str, float]) -> float:
    rest = 1.0
    for w in weights.values():
        rest *= 1.0 - w
    return round(1.0 - rest, 4)


def _strongest(reasons: list[Reason]) -> dict[str, float]:
    best: dict[str, float] = {}
    for r in reasons:
        best[r.signal] = max(best.get(r.signal, 0.0), r.weight)
    return best


def shop_key(row: ListingRow) -> tuple[str, str]:
    return (row.platform, row.seller_id)


def _num(value) -> str:
    return f"{int(value):,}".replace(",", ".")


def _vnd(value: int) -> str:
    return _num(value) + " đ"


def listing_reasons(row: ListingRow, ref_of: RefOf) -> list[Reason]:
    """The signals of the listing's own text and price."""
    reasons = []
    ref = ref_of(row.brand, row.title)
    if ref is not None and row.price_vnd > 0:
        ratio = row.price_vnd / ref.price_vnd
        if ratio < signals.PRICE_FAR_BELOW:
            weight = PRICE_VERY_FAR_WEIGHT if ratio < signals.PRICE_VERY_FAR_BELOW else WEIGHTS[Signal.PRICE]
            reasons.append(
                Reason(
                    Signal.PRICE,
                    f"giá {_vnd(row.price_vnd)} bằng {ratio:.0%} giá tham chiếu ({_vnd(ref.price_vnd)} "
                    f"của {ref.brand} {ref.product}".rstrip()
                    + ")",
                    weight,
                )
            )
    text = f"{row.title} {row.description}"
    words = signals.cover_words(text)
    if words:
        reasons.append(
            Reason(
                Signal.COVER_WORDS,
                "từ ngữ che giấu: " + ", ".join(f"“{w}”" for w in words),
                WEIGHTS[Signal.COVER_WORDS],
            )
        )
    goods = signals.restricted(f"{text} {row.category}")
    if goods:
        reasons.append(
            Reason(Signal.RESTRICTED, "hàng cấm/hạn chế: " + ", ".join(goods), WEIGHTS[Signal.RESTRICTED])
        )
    return reasons


def _brand_of(row: ListingRow, ref_of: RefOf) -> str:
    ref = ref_of(row.brand, row.title)
    return ref.brand_folded if ref else fold_words(row.brand)


def reference_lookup(references: dict[str, list[signals.Reference]]) -> RefOf:
    """The reference of a (brand, title), each pair looked up once per run (snapshots repeat them)."""

    @functools.lru_cache(maxsize=200_000)
    def ref_of(brand: str, title: str) -> signals.Reference | None:
        return signals.reference_for(brand=brand, title=title, references=references)

    return ref_of


def shop_reasons(
    rows: list[ListingRow], facts: SellerFacts, ref_of: RefOf
) -> tuple[list[Reason], dict[str, Reason]]:
    """The seller's signals (same for all its listings) and the brands it cannot source (brand -> reason)."""
    first = rows[0]
    tax_code = next((r.tax_code for r in rows if r.tax_code), "")
    name = fold_words(first.shop)
    reasons: list[Reason] = []
    registered = (tax_code and tax_code in facts.registered_codes) or name in facts.registered_names
    if not registered:
        why = (
            f"mã số thuế {tax_code} không có trong sổ doanh nghiệp và kho hóa đơn"
            if tax_code
            else "không khai mã số thuế, tên không khớp doanh nghiệp đã đăng ký"
        )
        reasons.append(Reason(Signal.UNREGISTERED, why, WEIGHTS[Signal.UNREGISTERED]))
    for key in (tax_code, first.seller_id, f"name:{fold(first.shop)}"):
        if key and key in facts.entities:
            entity_id, cases, entity_name = facts.entities[key]
            reasons.append(
                Reason(
                    Signal.CASE_LINKED,
                    f"trùng đối tượng #{entity_id} ({entity_name}) xuất hiện trong {cases} vụ việc",
                    WEIGHTS[Signal.CASE_LINKED],
                )
            )
            break
    unsourced: dict[str, Reason] = {}
    code = tax_code or facts.registered_names.get(name, "")
    if code:
        latest: dict[str, ListingRow] = {}
        for r in rows:  # sales counts are running totals: each listing's latest snapshot counts
            if r.listing_id not in latest or r.snapshot_on > latest[r.listing_id].snapshot_on:
                latest[r.listing_id] = r
        sold: dict[str, int] = defaultdict(int)
        for r in latest.values():
            brand = _brand_of(r, ref_of)
            if brand:
                sold[brand] += r.sales_count
        for brand, units in sorted(sold.items()):
            if units < MIN_SOLD:
                continue
            invoiced, declared = facts.input_quantity(code, brand)
            if invoiced + declared < COVERED_SHARE * units:
                unsourced[brand] = Reason(
                    Signal.NO_PROVENANCE,
                    f"đã bán {_num(units)} sản phẩm “{brand}” nhưng hóa đơn đầu vào chỉ {_num(invoiced)}, "
                    f"tờ khai nhập khẩu và tồn đầu kỳ {_num(declared)} (MST {code})",
                    WEIGHTS[Signal.NO_PROVENANCE],
                )
    return reasons, unsourced


def score(
    rows: list[ListingRow], *, facts: SellerFacts, references: dict[str, list[signals.Reference]]
) -> tuple[dict[tuple, Scored], dict[tuple[str, str], Scored]]:
    """Scores of each listing (by snapshot, platform, listing id) and of each shop (by platform, seller id)."""
    ref_of = reference_lookup(references)
    by_shop: dict[tuple[str, str], list[ListingRow]] = defaultdict(list)
    for row in rows:
        by_shop[shop_key(row)].append(row)
    listings: dict[tuple, Scored] = {}
    shops: dict[tuple[str, str], Scored] = {}
    for key, shop_rows in by_shop.items():
        seller, unsourced = shop_reasons(shop_rows, facts, ref_of)
        shop_all: list[Reason] = list(seller) + list(unsourced.values())
        counts: dict[str, int] = defaultdict(int)
        examples: dict[str, Reason] = {}
        for row in shop_rows:
            own = listing_reasons(row, ref_of)
            brand_reason = unsourced.get(_brand_of(row, ref_of))
            reasons = own + seller + ([brand_reason] if brand_reason else [])
            listings[(row.snapshot_on, row.platform, row.listing_id)] = Scored(
                noisy_or(_strongest(reasons)), reasons
            )
            for r in own:
                counts[r.signal] += 1
                if r.signal not in examples or r.weight > examples[r.signal].weight:
                    examples[r.signal] = r
        for sig, example in examples.items():
            shop_all.append(
                Reason(sig, f"{counts[sig]}/{len(shop_rows)} tin, ví dụ: {example.text}", example.weight)
            )
        shops[key] = Scored(noisy_or(_strongest(shop_all)), sorted(shop_all, key=lambda r: -r.weight))
    return listings, shops
