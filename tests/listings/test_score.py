"""The seller signals against real data: the invoice store (registered, input invoices, declared imports) and
the entity registry (a shop seen in a case); and the precision and recall on a generated market."""

import datetime as dt

from sc389.cases import services as cases
from sc389.entities.services import entities_refresh
from sc389.listings import services
from sc389.listings.measure import measure
from sc389.listings.models import Shop
from sc389.listings.score import FLAG_AT

HEADER = "snapshot_date,platform,listing_id,shop,seller_id,title,price,brand,location,sales_count,tax_code\n"


def _companies(market, kind: str) -> list[str]:
    return [s for s, k in market.kinds.items() if k == kind]


def test_registered_seller_without_inputs_for_the_brand_is_flagged(tree, sourced, prices, market):
    # given: the generated market imported, its invoices and declarations in the store
    run = services.listings_import(
        data=sourced["csv"].read_bytes(), name="listings.csv", actor=tree.users["analyst_national"]
    )
    assert run.created == len(market.rows)
    shops = {s.seller_id: s for s in Shop.objects.all()}
    # then: every shop selling a brand it holds no invoices or declarations for carries the strongest signal,
    # honest shops (invoices) and importers (declarations) do not
    unsourced = [s for s in _companies(market, "unsourced") if "no_provenance" in shops[s].signals]
    assert unsourced and all(shops[s].flagged for s in unsourced)
    for kind in ("honest", "importer"):
        clean = [s for s in _companies(market, kind) if "no_provenance" not in shops[s].signals]
        assert len(clean) >= len(_companies(market, kind)) - 1, kind
        assert all("unregistered" not in shops[s].signals for s in _companies(market, kind))
    reason = next(r["text"] for r in shops[unsourced[0]].reasons if r["signal"] == "no_provenance")
    assert "hóa đơn đầu vào" in reason and shops[unsourced[0]].tax_code in reason


def test_seller_seen_in_a_case_is_linked(tree, store_dir, prices, make_case):
    # given: a case with the shop's account as a party, resolved into the registry
    case = make_case(channel="ecommerce", detected_on=dt.date(2026, 5, 1))
    cases.party_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        kind="online_account",
        name="Kho Hàng Hiệu 88",
        platform="Shopee",
        account="khohanghieu88",
    )
    entities_refresh()
    data = (
        HEADER
        + "2026-09-01,Shopee,L1,Kho Hàng Hiệu 88,khohanghieu88,Nike Air Force 1 hàng F1,2.000.000,Nike,Hà Nội,5,\n"
        + "2026-09-01,Shopee,L9,Shop Khác,other,Nike Air Force 1,2.900.000,Nike,Hà Nội,5,\n"
    ).encode()
    # when
    services.listings_import(data=data, name="a.csv", actor=tree.users["analyst_national"])
    # then
    linked, other = Shop.objects.get(seller_id="khohanghieu88"), Shop.objects.get(seller_id="other")
    assert "case_linked" in linked.signals and "case_linked" not in other.signals
    assert linked.flagged and linked.score > other.score
    assert other.signals == ["unregistered"] and other.score < FLAG_AT  # no tax code alone is not enough


def test_precision_and_recall_on_a_held_out_seed(db):
    m = measure(41, shops=150)
    assert m["precision"] >= 0.85 and m["recall"] >= 0.9, m
