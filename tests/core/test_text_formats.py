from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sc389.core.formats import format_number, format_percent, format_vnd
from sc389.core.text import fold, fold_tokens, nfc


def test_fold_ignores_diacritics_case_and_tone_placement():
    assert fold("Lạng Sơn") == fold("lang son") == fold("LANG SON") == "lang son"
    assert fold("Hoà") == fold("Hòa") == "hoa"  # old and new tone placement
    assert fold("Thuỷ") == fold("Thủy")
    assert fold("Đồng Đăng") == "dong dang"
    assert fold_tokens("Xã Đồng-Đăng, 2020") == ["xa", "dong", "dang", "2020"]


def test_nfc_unifies_composed_and_decomposed():
    decomposed = "Lạng Sơn".encode().decode()  # composed
    import unicodedata

    assert nfc(unicodedata.normalize("NFD", decomposed)) == unicodedata.normalize("NFC", decomposed)
    assert nfc("  a   b ") == "a b"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)


def test_vietnamese_number_formats():
    assert format_number(4365) == "4.365"
    assert format_number(4365, lang="en") == "4,365"
    assert format_percent(81.27) == "81,27%"
    assert format_percent(Decimal("84.70")) == "84,7%"
    assert format_percent(81.27, lang="en") == "81.27%"
    assert format_vnd(66_400_000_000) == "66,4 tỷ đồng"
    assert format_vnd(27_000_000_000) == "27 tỷ đồng"
    assert format_vnd(66_400_000_000, lang="en") == "VND 66.4 billion"
    assert format_vnd(350_000) == "350.000 đồng"
    assert format_number(-1234567) == "-1.234.567"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_grouped_number_reads_back(n):
    assert int(format_number(n).replace(".", "")) == n
