"""Value parsers of the import: Vietnamese numbers, money and dates, without a database."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sc389.cases.imports import parsers
from sc389.cases.imports.columns import column_letter
from sc389.core.formats import format_number


@given(st.integers(min_value=0, max_value=10**15))
def test_money_in_vietnamese_format_round_trips(amount):
    assert parsers.parse_money(format_number(amount)) == amount
    assert parsers.parse_money(format_number(amount) + " đ") == amount
    assert parsers.parse_money(str(amount)) == amount


@given(st.integers(min_value=0, max_value=10**15))
def test_money_in_english_format_with_several_groups(amount):
    text = format_number(amount, lang="en")
    if text.count(",") >= 2:  # one comma alone is the Vietnamese decimal mark
        assert parsers.parse_money(text) == amount


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_quantities_with_decimal_comma_round_trip(value):
    text = format_number(value, decimals=3)  # 1.234,500
    assert parsers.parse_quantity(text) == value.quantize(Decimal("0.001"))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_day_first_and_iso(day):
    assert parsers.parse_date(day.strftime("%d/%m/%Y")) == day
    assert parsers.parse_date(day.isoformat()) == day
    assert parsers.parse_date(dt.datetime.combine(day, dt.time())) == day


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.234.567", Decimal(1234567)),
        ("1,5", Decimal("1.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234", Decimal(1234)),
        ("12.5", Decimal("12.5")),
        ("0.125", Decimal("0.125")),
        ("-7", Decimal(-7)),
        (" 45 000 000 ", Decimal(45000000)),
        (2.25, Decimal("2.25")),
        (1200, Decimal(1200)),
    ],
)
def test_decimal_examples(text, value):
    assert parsers.parse_decimal(text) == value


@pytest.mark.parametrize("text", ["1.23.456", "abc", "1,2,3", "12..5", "1.234.56", "", "--1"])
def test_not_numbers(text):
    with pytest.raises(parsers.ParseError):
        parsers.parse_decimal(text)


@pytest.mark.parametrize(
    "text, message",
    [("-1.000", "âm"), ("1,5", "nguyên"), ("abc", "không phải số")],
)
def test_money_refusals_say_why(text, message):
    with pytest.raises(parsers.ParseError) as exc:
        parsers.parse_money(text)
    assert message in str(exc.value)


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13-01", "hôm qua", "5/3", 45000])
def test_bad_dates(text):
    with pytest.raises(parsers.ParseError):
        parsers.parse_date(text)


def test_choices_accept_code_label_and_short_label():
    from sc389.cases.imports.rows import CATEGORIES, CHANNELS

    assert parsers.parse_choice("smuggling", CATEGORIES) == "smuggling"
    assert parsers.parse_choice("Buôn lậu", CATEGORIES) == "smuggling"
    assert parsers.parse_choice("buon lau", CATEGORIES) == "smuggling"
    assert parsers.parse_choice("Hàng giả", CATEGORIES) == "counterfeit_ip"
    assert parsers.parse_choice("Sàn TMĐT", CHANNELS) == "ecommerce"
    with pytest.raises(parsers.ParseError):
        parsers.parse_choice("buôn bán", CATEGORIES)


@pytest.mark.parametrize(
    "position, letter", [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(position, letter):
    assert column_letter(position) == letter
