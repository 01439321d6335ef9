"""Writes of the listings app: reference prices, and the import of listing snapshots with their scores.

An import is all-or-nothing (a file with any row error loads nothing) and idempotent: a listing is keyed by
snapshot date, platform and listing id, so loading the same file twice changes nothing and a corrected file
updates its rows in place. Every import rescored the shops it touched, from all their listings.
"""

import csv
import hashlib
import io
from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from sc389.core import audit
from sc389.core.text import fold_words
from sc389.entities.choices import EntityKind, SightingSource
from sc389.entities.sightings import Found, sightings_sync
from sc389.org.models import AdministrativeUnit

from . import score as scoring
from . import sellers, signals
from .models import Listing, ListingImport, ReferencePrice, Shop
from .reading import FileRefused, ListingRow, RowError, parse_price, read


def references() -> dict[str, list[signals.Reference]]:
    out: dict[str, list[signals.Reference]] = defaultdict(list)
    for r in ReferencePrice.objects.all():
        out[r.brand_folded].append(
            signals.Reference(r.brand, r.brand_folded, r.product, r.product_folded, r.price_vnd)
        )
    return dict(out)


@transaction.atomic
def reference_price_set(*, brand: str, product: str = "", price_vnd: int, actor=None) -> ReferencePrice:
    """Set the reference price of a brand (product "") or of one of its products; audited with the old price."""
    probe = ReferencePrice(brand=brand, product=product, price_vnd=price_vnd)
    probe.clean()
    current = ReferencePrice.objects.filter(
        brand_folded=probe.brand_folded, product_folded=probe.product_folded
    ).first()
    before = current.price_vnd if current else None
    if current is None:
        current = probe
    else:
        current.brand, current.product, current.price_vnd = probe.brand, probe.product, price_vnd
    current.full_clean()
    current.save()
    audit.record(
        actor=actor,
        verb="listings.reference_price_set",
        target=current,
        changes={"price_vnd": [before, price_vnd]},
    )
    return current


def reference_prices_load(*, path: Path, actor=None) -> int:
    """brand,product,price_vnd rows (CSV with header); all checked before any is written."""
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    errors, parsed = [], []
    for i, rec in enumerate(rows, start=1):
        try:
            price = parse_price(rec.get("price_vnd") or "")
        except ValueError:
            errors.append(RowError(i, "price_vnd", "giá tham chiếu phải là số tiền nguyên (đồng)"))
            continue
        if not (rec.get("brand") or "").strip() or price <= 0:
            errors.append(RowError(i, "brand", "thiếu nhãn hiệu hoặc giá bằng 0"))
            continue
        parsed.append((rec["brand"], rec.get("product") or "", price))
    if errors:
        raise FileRefused(errors)
    with transaction.atomic():
        for brand, product, price in parsed:
            reference_price_set(brand=brand, product=product, price_vnd=price, actor=actor)
    return len(parsed)


def _province_keys() -> list[tuple[str, int]]:
    """(folded name without its kind, id) of today's provinces, longest first."""
    keys = []
    for pk, name in (
        AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True)
        .values_list("pk", "name")
        .iterator()
    ):
        folded = fold_words(name)
        for prefix in ("thanh pho ", "tinh ", "tp "):
            folded = folded.removeprefix(prefix)
        keys.append((folded, pk))
    return sorted(keys, key=lambda k: -len(k[0]))


def province_of(location: str, keys: list[tuple[str, int]]) -> int | None:
    """The province a seller's location names ("TP. Hồ Chí Minh", "Lạng Sơn", "Q.1, Hà Nội"), if any."""
    folded = f" {fold_words(location)} "
    if " hcm " in folded or " tphcm " in folded or " sai gon " in folded:
        folded += " ho chi minh "
    return next((pk for name, pk in keys if f" {name} " in folded), None)


def score_rows(rows: list[ListingRow]):
    """Scores of rows as they stand (nothing written): listings by key, shops by (platform, seller id)."""
    facts = sellers.facts(
        tax_codes={r.tax_code for r in rows},
        seller_ids={r.seller_id for r in rows},
        names={r.shop for r in rows},
    )
    return scoring.score(rows, facts=facts, references=references())


def listings_import(*, data: bytes, name: str, actor=None) -> ListingImport:
    """Load one CSV/JSON file of listing snapshots (raises FileRefused with every row error), scoring the
    shops it touches from all their listings; one audit row for the file and one per shop whose flag changed."""
    rows = read(data, name=name)
    with transaction.atomic():
        run = ListingImport.objects.create(
            source=name[-1000:],
            sha256=hashlib.sha256(data).hexdigest(),
            actor=actor,
            imported_at=timezone.now(),
            rows=len(rows),
        )
        shops = _shops_upsert(rows)
        stored = _stored(list(shops.values()))
        scored, shop_scores = _score_all(rows, stored, shops)
        run.created, run.updated = _listings_upsert(rows, shops, run, stored, scored)
        run.save(update_fields=["created", "updated"])
        changed = _shops_score(list(shops.values()), shop_scores, stored, rows)
        sightings_sync(
            source=SightingSource.SHOP,
            found=[_finding(s) for s in shops.values() if s.flagged],
            covering=[s.pk for s in shops.values()],
            actor=actor,
        )
        audit.record(
            actor=actor,
            verb="listings.imported",
            target=run,
            data={
                "source": run.source,
                "sha256": run.sha256,
                "rows": run.rows,
                "created": run.created,
                "updated": run.updated,
                "shops": len(shops),
                "flagged": sum(s.flagged for s in shops.values()),
            },
        )
        audit.record_many(
            [
                audit.build(
                    actor=actor,
                    verb="listings.shop_flagged" if s.flagged else "listings.shop_cleared",
                    target=s,
                    data={"score": s.score, "signals": s.signals},
                )
                for s in changed
            ]
        )
    return run


def _finding(shop: Shop) -> Found:
    """A flagged shop as the entity registry files it: a sighting of the online shop (platform, seller id)."""
    return Found(
        source=SightingSource.SHOP,
        source_id=shop.pk,
        detector="listings",
        label=gettext_noop("Chấm điểm tin đăng thương mại điện tử"),
        kind=EntityKind.ONLINE_SHOP,
        identifier=shop.seller_id,
        platform=shop.platform,
        name=shop.name,
        province_id=shop.province_id,
        score=shop.score,
        reasons=tuple(r["text"] for r in shop.reasons),
        seen_at=shop.scored_at or timezone.now(),
    )


def _key(x) -> tuple:
    return (x.snapshot_on, x.platform, x.listing_id)


def _stored(shops: list[Shop]) -> dict[tuple, Listing]:
    """Every stored listing of these shops, by (snapshot date, platform, listing id)."""
    return {_key(x): x for x in Listing.objects.filter(shop__in=shops)}


def _score_all(rows: list[ListingRow], stored: dict[tuple, Listing], shops: dict) -> tuple[dict, dict]:
    """Scores of the shops' listings as they will stand: the stored ones, replaced by the file's rows."""
    by_id = {s.pk: s for s in shops.values()}
    merged = {k: _row_of(x, by_id[x.shop_id]) for k, x in stored.items() if x.shop_id in by_id}
    merged.update({_key(r): r for r in rows})
    return score_rows(list(merged.values()))


def _shops_upsert(rows: list[ListingRow]) -> dict[tuple[str, str], Shop]:
    latest: dict[tuple[str, str], ListingRow] = {}
    for r in rows:
        key = scoring.shop_key(r)
        if key not in latest or r.snapshot_on >= latest[key].snapshot_on:
            latest[key] = r
    tax_codes = {scoring.shop_key(r): r.tax_code for r in rows if r.tax_code}
    existing = {
        (s.platform, s.seller_id): s
        for s in Shop.objects.filter(
            seller_id__in={k[1] for k in latest}, platform__in={k[0] for k in latest}
        )
    }
    keys = _province_keys()
    new, changed = [], []
    for key, r in latest.items():
        shop = existing.get(key)
        province = province_of(r.location, keys) if r.location else None
        if shop is None:
            new.append(
                Shop(
                    platform=r.platform,
                    seller_id=r.seller_id,
                    name=r.shop,
                    tax_code=tax_codes.get(key, ""),
                    province_id=province,
                )
            )
            continue
        shop.name = r.shop
        shop.tax_code = tax_codes.get(key) or shop.tax_code
        shop.province_id = province or shop.province_id
        changed.append(shop)
    Shop.objects.bulk_create(new, batch_size=500)
    Shop.objects.bulk_update(changed, ["name", "tax_code", "province"], batch_size=500)
    found = {
        (s.platform, s.seller_id): s
        for s in Shop.objects.filter(
            seller_id__in={k[1] for k in latest}, platform__in={k[0] for k in latest}
        )
    }
    return {k: found[k] for k in latest}


FIELDS = ("title", "description", "price_vnd", "brand", "category", "location", "sales_count", "url")
SCORED = ("score", "signals", "reasons")


def _scored_fields(s: scoring.Scored) -> dict:
    return {"score": s.score, "signals": s.signals, "reasons": [r.as_dict() for r in s.reasons]}


def _listings_upsert(
    rows: list[ListingRow], shops: dict, run: ListingImport, stored: dict[tuple, Listing], scored: dict
) -> tuple[int, int]:
    """Create the new listings and update the changed ones, scores included; a stored listing the file does
    not name is written only when its score moved (its shop's other listings changed). Returns (created,
    updated by the file)."""
    new, changed, rescored = [], [], []
    in_file = set()
    # a listing of the file stored under another seller id (the platform re-assigned it)
    moved = {
        _key(x): x
        for x in Listing.objects.filter(
            snapshot_on__in={r.snapshot_on for r in rows},
            platform__in={r.platform for r in rows},
            listing_id__in={r.listing_id for r in rows},
        ).exclude(shop_id__in=[s.pk for s in shops.values()])
    }
    for r in rows:
        key = _key(r)
        in_file.add(key)
        values = {f: getattr(r, f) for f in FIELDS} | _scored_fields(scored[key])
        shop = shops[scoring.shop_key(r)]
        x = stored.get(key) or moved.get(key)
        if x is None:
            new.append(
                Listing(
                    shop=shop,
                    run=run,
                    snapshot_on=r.snapshot_on,
                    platform=r.platform,
                    listing_id=r.listing_id,
                    **values,
                )
            )
            continue
        if any(getattr(x, f) != v for f, v in values.items()) or x.shop_id != shop.pk:
            content = any(getattr(x, f) != getattr(r, f) for f in FIELDS) or x.shop_id != shop.pk
            for f, v in values.items():
                setattr(x, f, v)
            if content:
                x.shop, x.run = shop, run
                changed.append(x)
            else:
                rescored.append(x)
    for key, x in stored.items():
        if key not in in_file and key in scored:
            values = _scored_fields(scored[key])
            if any(getattr(x, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(x, f, v)
                rescored.append(x)
    Listing.objects.bulk_create(new, batch_size=1000)
    Listing.objects.bulk_update(changed, [*FIELDS, *SCORED, "shop", "run"], batch_size=1000)
    Listing.objects.bulk_update(rescored, list(SCORED), batch_size=1000)
    return len(new), len(changed)


def _shops_score(shops: list[Shop], shop_scores: dict, stored: dict, rows: list[ListingRow]) -> list[Shop]:
    """Roll the scores up on the shops; returns those whose flag changed."""
    distinct: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_id = {s.pk: s for s in shops}
    for x in stored.values():
        if x.shop_id in by_id:
            distinct[(x.platform, by_id[x.shop_id].seller_id)].add(x.listing_id)
    for r in rows:
        distinct[scoring.shop_key(r)].add(r.listing_id)
    now, changed = timezone.now(), []
    for shop in shops:
        s = shop_scores.get((shop.platform, shop.seller_id), scoring.Scored())
        flagged = s.score >= scoring.FLAG_AT
        if flagged != shop.flagged:
            changed.append(shop)
        shop.score, shop.flagged, shop.signals = s.score, flagged, s.signals
        shop.reasons = [r.as_dict() for r in s.reasons]
        shop.listing_count = len(distinct[(shop.platform, shop.seller_id)])
        shop.scored_at = now
    Shop.objects.bulk_update(
        shops, ["score", "flagged", "signals", "reasons", "listing_count", "scored_at"], batch_size=500
    )
    return changed


def _row_of(x: Listing, shop: Shop) -> ListingRow:
    return ListingRow(
        row=0,
        snapshot_on=x.snapshot_on,
        platform=x.platform,
        listing_id=x.listing_id,
        shop=shop.name,
        seller_id=shop.seller_id,
        title=x.title,
        price_vnd=x.price_vnd,
        description=x.description,
        brand=x.brand,
        category=x.category,
        location=x.location,
        sales_count=x.sales_count,
        url=x.url,
        tax_code=shop.tax_code,
    )
