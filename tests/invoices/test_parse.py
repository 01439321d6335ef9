import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sc389.invoices.parse import ParseError, parse_document
from sc389.invoices.synth.render import invoice_xml
from sc389.invoices.validate import invoice_problems, tax_code_kind

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<HDon><DLHDon>&lol2;</DLHDon></HDon>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><HDon>&e;</HDon>"""


@pytest.mark.parametrize("data", [BOMB, XXE], ids=["entity-expansion", "external-entity"])
def test_entities_and_dtds_are_refused(data):
    with pytest.raises(ParseError, match="an toàn"):
        parse_document(data)


@pytest.mark.parametrize(
    "data,message",
    [(b"<HDon><DLHDon>", "XML không hợp lệ"), (b"<Invoice/>", "không có hóa đơn"), (b"", "XML không hợp lệ")],
)
def test_unreadable_documents_say_why(data, message):
    with pytest.raises(ParseError, match=message):
        parse_document(data)


def test_amounts_are_decimal_and_exact(economy):
    inv = copy.deepcopy(economy.invoices[0])
    inv.lines[0].price = Decimal("12345.6789")
    inv.lines[0].amount = inv.lines[0].quantity * inv.lines[0].price
    (read,), _ = parse_document(invoice_xml(inv))
    assert read.lines[0].price == Decimal("12345.6789") and isinstance(read.total, Decimal)


def test_a_non_number_amount_names_its_place(economy):
    xml = invoice_xml(economy.invoices[0]).replace(b"<TgTThue>", b"<TgTThue>12a", 1)
    with pytest.raises(ParseError, match="TToan/TgTThue"):
        parse_document(xml)


@settings(max_examples=40, deadline=None)
@given(
    field=st.sampled_from(
        ["total", "total_tax", "total_before_tax", "line_amount", "rate_tax", "rate_amount"]
    ),
    delta=st.integers(min_value=3, max_value=10**9) | st.integers(min_value=-(10**9), max_value=-3),
)
def test_any_broken_figure_is_caught(economy, field, delta):
    # tolerance is one đồng per line (rounding); the invoice has two lines, so 3 đồng off is an error
    inv = copy.deepcopy(economy.invoices[1])
    assert len(inv.lines) == 2
    d = Decimal(delta)
    if field == "line_amount":
        inv.lines[0].amount += d
    elif field == "rate_tax":
        inv.rates[0].tax += d
    elif field == "rate_amount":
        inv.rates[0].amount += d
    else:
        setattr(inv, field, getattr(inv, field) + d)
    assert invoice_problems(inv)


@pytest.mark.parametrize(
    "attr,value,message",
    [
        ("seller_tax_code", "0100109107", "NBan/MST"),
        ("buyer_tax_code", "12345", "NMua/MST"),
        ("series", "C25TA", "KHHDon"),
        ("series", "C19TAA", "năm 19"),
        ("template", "01GTKT0/001", "KHMSHDon"),
        ("number", "123456789", "SHDon"),
    ],
)
def test_validity_checks(economy, attr, value, message):
    inv = copy.deepcopy(economy.invoices[2])
    setattr(inv, attr, value)
    assert any(message in p for p in invoice_problems(inv))


def test_tax_code_kinds():
    assert tax_code_kind("0100109106") == "mst"
    assert tax_code_kind("0100109106-001") == "mst"
    assert tax_code_kind("001085012345") == "cccd"
    assert tax_code_kind("0100109107") is None


def test_rounding_within_one_dong_per_line_is_accepted(economy):
    inv = copy.deepcopy(economy.invoices[1])
    inv.total += 1
    inv.rates[0].tax -= 1
    inv.total_tax -= 1
    assert invoice_problems(inv) == []
