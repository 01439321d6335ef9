"""The template filters follow the active language: Vietnamese 4.365; 66,4 tỷ đồng; 81,27% — English 4,365."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template(
    "{% load sc389_formats %}{{ n|number }}|{{ m|money }}|{{ small|money }}|{{ p|percent }}|{{ q|quantity }}|{{ d|day }}"
)
VALUES = {
    "n": 4365,
    "m": 66_400_000_000,
    "small": 350_000,
    "p": Decimal("81.27"),
    "q": Decimal("1250.500"),
    "d": dt.date(2025, 3, 2),
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "4.365|66,4 tỷ đồng|350.000 đồng|81,27%|1.250,5|02/03/2025"),
        ("en", "4,365|VND 66.4 billion|VND 350,000|81.27%|1,250.5|2 Mar 2025"),
    ],
)
def test_filters_in_each_language(lang, expected):
    with translation.override(lang):
        assert TEMPLATE.render(Context(VALUES)) == expected


def test_empty_values_render_empty():
    with translation.override("vi"):
        assert TEMPLATE.render(Context({})) == "|||||"
