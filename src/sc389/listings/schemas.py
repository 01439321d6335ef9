"""Ninja schemas of the listings API."""

import datetime as dt

from ninja import Schema


class ReasonOut(Schema):
    signal: str
    text: str


class ShopOut(Schema):
    id: int
    platform: str
    seller_id: str
    name: str
    tax_code: str
    province: str | None
    score: float
    flagged: bool
    signals: list[str]
    reasons: list[ReasonOut]
    listing_count: int


class ListingOut(Schema):
    id: int
    shop_id: int
    snapshot_on: dt.date
    platform: str
    listing_id: str
    title: str
    price_vnd: int
    brand: str
    sales_count: int
    url: str
    score: float
    signals: list[str]
    reasons: list[ReasonOut]


class ShopDetailOut(ShopOut):
    listings: list[ListingOut]


class ShopPage(Schema):
    count: int
    items: list[ShopOut]


class ListingPage(Schema):
    count: int
    items: list[ListingOut]
