"""Every listings route × every persona (tests/orgtree.py): analysts and admins of a committee see the shops
placed in its province (national: all, including shops whose location names no province), nobody else sees any.
Routes: "/api/v1/listings/shops", "/api/v1/listings/shops/{shop_id}", "/api/v1/listings/items".

The expected outcome of each persona is generated from its role and committee (below), so a persona added to the
tree is checked without editing this file."""

import pytest

from sc389.listings import services
from sc389.listings.models import Listing, Shop

from ..orgtree import PERSONAS

HEADER = "snapshot_date,platform,listing_id,shop,seller_id,title,price,brand,location,sales_count,tax_code\n"
NATIONAL = {
    p
    for p, (role, where) in PERSONAS.items()
    if role in ("analyst", "admin") and where == "committee:national"
}
LANGSON = {
    p
    for p, (role, where) in PERSONAS.items()
    if role in ("analyst", "admin") and where == "committee:langson"
}
ANALYSTS = {p for p, (role, _where) in PERSONAS.items() if role in ("analyst", "admin")}


@pytest.fixture
def shops(tree, store_dir):
    data = (
        HEADER
        + "2026-09-01,Shopee,L1,Shop LS,s-ls,Nike Air Force 1 rep 1:1,300000,Nike,Lạng Sơn,50,\n"
        + "2026-09-01,Shopee,L2,Shop CB,s-cb,Nike Air Force 1,2900000,Nike,Tỉnh Cao Bằng,50,\n"
        + "2026-09-01,Lazada,L3,Shop X,s-x,Nike Air Force 1 fake,400000,Nike,Nước ngoài,50,\n"
    ).encode()
    services.reference_price_set(brand="Nike", product="Air Force 1", price_vnd=2_900_000)
    services.listings_import(data=data, name="m.csv", actor=tree.users["admin_national"])
    return {s.seller_id: s for s in Shop.objects.all()}


def visible(persona: str, tree) -> set[int]:
    if persona in NATIONAL:
        return set(Shop.objects.values_list("pk", flat=True))
    if persona in LANGSON:
        return set(Shop.objects.filter(province=tree.provinces["langson"]).values_list("pk", flat=True))
    return set()


def test_shops_land_in_three_places(shops, tree):
    assert {s.province_id for s in shops.values()} == {
        tree.provinces["langson"].pk,
        tree.provinces["caobang"].pk,
        None,
    }


def test_list_routes(shops, tree, call):
    wrong = []
    for route in ("/api/v1/listings/shops", "/api/v1/listings/items"):
        for persona in [*PERSONAS, "anonymous"]:
            response = call(persona, "GET", route, query={"limit": 200})
            expected = 401 if persona == "anonymous" else 200 if persona in ANALYSTS else 403
            if response.status_code != expected:
                wrong.append(f"{route} {persona}: {response.status_code} != {expected}")
                continue
            if expected == 200:
                items = response.json()["items"]
                got = {i["id"] if route.endswith("shops") else i["shop_id"] for i in items}
                if got != visible(persona, tree) or response.json()["count"] != len(items):
                    wrong.append(f"{route} {persona}: {sorted(got)} != {sorted(visible(persona, tree))}")
    assert wrong == []


def test_detail_route(shops, tree, call):
    wrong = []
    for persona in [*PERSONAS, "anonymous"]:
        mine = visible(persona, tree)
        for shop in shops.values():
            response = call(persona, "GET", f"/api/v1/listings/shops/{shop.pk}")
            expected = 401 if persona == "anonymous" else 200 if shop.pk in mine else 404
            if response.status_code != expected:
                wrong.append(f"{persona} {shop.seller_id}: {response.status_code} != {expected}")
            elif expected == 200:
                body = response.json()
                if body["reasons"] != shop.reasons or len(body["listings"]) != shop.listings.count():
                    wrong.append(f"{persona} {shop.seller_id}: body differs")
    assert wrong == []


def test_filters(shops, call):
    body = call("analyst_national", "GET", "/api/v1/listings/shops", query={"flagged": "true"}).json()
    assert {i["seller_id"] for i in body["items"]} == {"s-ls", "s-x"}
    body = call("analyst_national", "GET", "/api/v1/listings/items", query={"signal": "price"}).json()
    assert (
        {i["listing_id"] for i in body["items"]}
        == {"L1", "L3"}
        == set(Listing.objects.filter(signals__icontains='"price"').values_list("listing_id", flat=True))
    )


def test_lists_take_a_fixed_number_of_queries(shops, call, django_assert_max_num_queries):
    call("analyst_national", "GET", "/api/v1/listings/items")  # warm: token lookup, principal
    with django_assert_max_num_queries(8):
        assert call("analyst_national", "GET", "/api/v1/listings/shops").status_code == 200
    with django_assert_max_num_queries(8):
        assert call("analyst_national", "GET", "/api/v1/listings/items").status_code == 200
