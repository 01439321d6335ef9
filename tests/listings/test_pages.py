"""The listings pages and `sc389 score_listings`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sc389.core.models import AuditEvent
from sc389.listings.models import Listing, Shop

from ..orgtree import PASSWORD

HEADER = "snapshot_date,platform,listing_id,shop,seller_id,title,price,brand,location,sales_count,tax_code\n"
ROWS = (
    "2026-09-01,Shopee,L1,Shop LS,s-ls,Nike Air Force 1 rep 1:1,300000,Nike,Lạng Sơn,50,\n"
    "2026-09-01,Shopee,L2,Shop CB,s-cb,Nike Air Force 1,2900000,Nike,Cao Bằng,50,\n"
)


@pytest.fixture
def listing_file(tmp_path):
    path = tmp_path / "listings.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    prices = tmp_path / "prices.csv"
    prices.write_text("brand,product,price_vnd\nNike,Air Force 1,2900000\n", encoding="utf-8")
    return path, prices


def test_command_scores_without_saving_then_saves(tree, store_dir, listing_file):
    path, prices = listing_file
    out = StringIO()
    call_command("score_listings", str(path), "--prices", str(prices), "--format", "json", stdout=out)
    shops = json.loads(out.getvalue())
    assert [s["seller_id"] for s in shops] == ["s-ls"]
    assert set(shops[0]["signals"]) == {"price", "cover_words", "unregistered"}
    assert not Listing.objects.exists()
    call_command("score_listings", str(path), "--save", "--user", "analyst_national", stdout=StringIO())
    assert Listing.objects.count() == 2 and Shop.objects.filter(flagged=True).count() == 1
    event = AuditEvent.objects.get(verb="listings.imported")
    assert event.channel == "cli" and event.actor_label == "analyst_national"


def test_command_refuses_a_bad_file(tree, store_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-09-01,Shopee,L1,Shop,s,T,abc,,,1,\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("score_listings", str(bad), "--save", stdout=StringIO(), stderr=err)
    assert "price" in err.getvalue() and not Listing.objects.exists()


def test_pages_for_the_analyst_of_the_province(tree, store_dir, listing_file, client):
    path, prices = listing_file
    call_command("score_listings", str(path), "--prices", str(prices), "--save", stdout=StringIO())
    client.login(username="analyst_langson", password=PASSWORD)
    page = client.get("/listings/")
    assert page.status_code == 200
    assert "Shop LS" in page.content.decode() and "Shop CB" not in page.content.decode()
    shop = Shop.objects.get(seller_id="s-ls")
    detail = client.get(f"/listings/shops/{shop.pk}/").content.decode()
    assert "rep 1 1" in detail and "Nike Air Force 1 rep 1:1" in detail
    assert client.get(f"/listings/shops/{Shop.objects.get(seller_id='s-cb').pk}/").status_code == 404
    assert "Shop LS" in client.get("/listings/items/?signal=price").content.decode()
    client.login(username="leader_langson", password=PASSWORD)
    assert client.get("/listings/").status_code == 404
