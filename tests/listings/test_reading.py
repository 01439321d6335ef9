"""Reading listing files: CSV and JSON, every row error with its row and column, nothing half-read."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sc389.listings.reading import FileRefused, parse_price, read

HEADER = "snapshot_date,platform,listing_id,shop,seller_id,title,price,sales_count,url,tax_code\n"


def test_csv_and_json_read_alike():
    csv_data = (
        HEADER + "2026-09-01,Shopee,L1,Shop A,s-1,Nike Air Force 1,1.250.000 ₫,12,https://x.example/1,\n"
    ).encode()
    rows = read(csv_data, name="a.csv")
    as_json = json.dumps(
        [
            {
                "snapshot_date": "01/09/2026",
                "platform": "Shopee",
                "listing_id": "L1",
                "shop": "Shop A",
                "seller_id": "s-1",
                "title": "Nike Air Force 1",
                "price": 1250000,
                "sales_count": "12",
                "url": "https://x.example/1",
            }
        ]
    ).encode()
    assert read(as_json, name="a.json") == rows
    assert rows[0].snapshot_on == dt.date(2026, 9, 1) and rows[0].price_vnd == 1_250_000


def test_every_row_error_is_reported_and_nothing_is_returned():
    data = (
        HEADER
        + "2026-09-01,Shopee,L1,Shop A,s-1,Ok,100000,1,https://x.example/1,\n"
        + "2026-13-01,Shopee,L2,Shop A,s-1,Bad date,100000,1,,\n"
        + "2026-09-01,Shopee,L3,Shop A,s-1,Bad price,-5,1,ftp://x,123\n"
        + "2026-09-01,Shopee,L1,Shop A,s-1,Twice,100000,1,,\n"
        + "2026-09-01,,L4,Shop A,s-1,No platform,100000,1,,\n"
    ).encode()
    with pytest.raises(FileRefused) as refused:
        read(data, name="bad.csv")
    got = {(e.row, e.column) for e in refused.value.errors}
    assert got == {
        (2, "snapshot_date"),
        (3, "price"),
        (3, "url"),
        (3, "tax_code"),
        (4, "listing_id"),
        (5, "platform"),
    }


def test_missing_columns_refuse_the_file():
    with pytest.raises(FileRefused) as refused:
        read(b"platform,title\nShopee,x\n", name="x.csv")
    assert {e.column for e in refused.value.errors} == {
        "snapshot_date",
        "listing_id",
        "shop",
        "seller_id",
        "price",
    }


@given(st.integers(min_value=0, max_value=10**12))
def test_prices_in_vietnamese_format_parse_back(value):
    dotted = f"{value:,}".replace(",", ".")
    assert parse_price(dotted + " ₫") == value == parse_price(f"{value:,} VND") == parse_price(str(value))
