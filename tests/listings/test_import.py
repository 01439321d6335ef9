"""listings_import: all-or-nothing, idempotent on (snapshot date, platform, listing id), audited; reference
prices audited."""

import pytest

from sc389.core.models import AuditEvent
from sc389.entities.models import Entity, Sighting
from sc389.listings import services
from sc389.listings.models import Listing, ListingImport, ReferencePrice, Shop
from sc389.listings.reading import FileRefused

HEADER = "snapshot_date,platform,listing_id,shop,seller_id,title,price,brand,location,sales_count,tax_code\n"


def test_import_is_idempotent_and_a_corrected_file_updates_in_place(tree, store_dir, prices):
    # given
    data = (
        HEADER
        + "2026-09-01,Shopee,L1,Shop Gucci,s-1,Gucci GG Marmont rep 1:1,4.000.000,Gucci,Lạng Sơn,50,\n"
        + "2026-09-01,Shopee,L2,Shop Gucci,s-1,Gucci GG Marmont,38.000.000,Gucci,Lạng Sơn,3,\n"
    ).encode()
    actor = tree.users["analyst_national"]
    # when: the same file twice
    first = services.listings_import(data=data, name="a.csv", actor=actor)
    second = services.listings_import(data=data, name="a.csv", actor=actor)
    # then
    assert (first.created, first.updated) == (2, 0) and (second.created, second.updated) == (0, 0)
    assert Listing.objects.count() == 2 and Shop.objects.count() == 1
    shop = Shop.objects.get()
    assert shop.province == tree.provinces["langson"] and shop.flagged
    assert set(shop.signals) == {"price", "cover_words", "unregistered"}
    events = AuditEvent.objects.filter(verb="listings.imported")
    assert events.count() == 2 and events.first().data["sha256"] == first.sha256
    assert AuditEvent.objects.filter(verb="listings.shop_flagged", target_id=str(shop.pk)).count() == 1
    # the flagged shop is a sighting in the entity registry, once, however often the file is loaded
    finding = Sighting.objects.get()
    assert (finding.source, finding.source_id, finding.platform, finding.identifier) == (
        "shop",
        shop.pk,
        "Shopee",
        "s-1",
    )
    assert finding.entity.kind == "online_shop" and finding.province == tree.provinces["langson"]
    assert AuditEvent.objects.filter(verb="entities.sightings_synced").count() == 1
    # when: a corrected file (the cheap listing was a typo) and a later snapshot
    fixed = (
        HEADER
        + "2026-09-01,Shopee,L1,Shop Gucci,s-1,Gucci GG Marmont,40.000.000,Gucci,Lạng Sơn,50,\n"
        + "2026-10-01,Shopee,L1,Shop Gucci,s-1,Gucci GG Marmont,39.000.000,Gucci,Lạng Sơn,55,\n"
    ).encode()
    third = services.listings_import(data=fixed, name="b.csv", actor=actor)
    # then: updated in place, the new snapshot added, the shop cleared (only unregistered is left)
    assert (third.created, third.updated) == (1, 1) and Listing.objects.count() == 3
    shop.refresh_from_db()
    assert not shop.flagged and shop.signals == ["unregistered"] and shop.listing_count == 2
    assert AuditEvent.objects.filter(verb="listings.shop_cleared", target_id=str(shop.pk)).count() == 1
    # a cleared shop is no longer a finding; the entity it alone made is gone
    assert not Sighting.objects.exists() and not Entity.objects.exists()


def test_a_file_with_an_error_loads_nothing(tree, store_dir):
    data = (
        HEADER
        + "2026-09-01,Shopee,L1,Shop A,s-1,Ok,100000,,,1,\n"
        + "2026-09-01,Shopee,L2,Shop A,s-1,Bad,abc,,,1,\n"
    ).encode()
    with pytest.raises(FileRefused) as refused:
        services.listings_import(data=data, name="bad.csv", actor=tree.users["analyst_national"])
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "price")]
    assert not Listing.objects.exists() and not Shop.objects.exists() and not ListingImport.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="listings.").exists()


def test_reference_price_set_is_audited_with_the_old_price(tree):
    actor = tree.users["analyst_national"]
    services.reference_price_set(brand="Chanel", product="No 5", price_vnd=3_900_000, actor=actor)
    ref = services.reference_price_set(brand="CHANEL", product="no 5", price_vnd=4_100_000, actor=actor)
    assert ReferencePrice.objects.count() == 1 and ref.price_vnd == 4_100_000
    changes = [
        e.changes for e in AuditEvent.objects.filter(verb="listings.reference_price_set").order_by("id")
    ]
    assert changes == [{"price_vnd": [None, 3_900_000]}, {"price_vnd": [3_900_000, 4_100_000]}]
