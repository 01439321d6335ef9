import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sc389.cases import identifiers as ids


def test_cccd_encodes_century_sex_and_year():
    assert ids.check_cccd("001085012345", date_of_birth=dt.date(1985, 4, 2), sex="male") == "001085012345"
    assert ids.check_cccd("020301012345", date_of_birth=dt.date(2001, 1, 1), sex="female")
    with pytest.raises(ids.IdentifierError, match="năm sinh"):
        ids.check_cccd("001085012345", date_of_birth=dt.date(1986, 4, 2))
    with pytest.raises(ids.IdentifierError, match="giới tính"):
        ids.check_cccd("001085012345", sex="female")
    for bad in ("12345", "00108501234X", "000085012345"):
        with pytest.raises(ids.IdentifierError):
            ids.check_cccd(bad)


@given(
    st.integers(1, 96),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["male", "female"]),
    st.integers(0, 999999),
)
def test_any_consistent_cccd_is_accepted(province, dob, sex, serial):
    digit = (dob.year - 1900) // 100 * 2 + (sex == "female")
    number = f"{province:03d}{digit}{dob.year % 100:02d}{serial:06d}"
    assert ids.check_cccd(number, date_of_birth=dob, sex=sex) == number


def test_tax_codes():
    assert ids.check_tax_code("0100109106") == ids.TaxCode("0100109106", "mst10")
    assert ids.check_tax_code("0100109106-001").kind == "mst13"
    assert ids.check_tax_code("001085012345").kind == "personal_id"
    with pytest.raises(ids.IdentifierError):
        ids.check_tax_code("0100109107")  # wrong check digit
    with pytest.raises(ids.IdentifierError):
        ids.check_tax_code("12345")


def test_plates_and_phones_normalise():
    assert ids.normalise_plate("29A-123.45") == ids.normalise_plate("29a 12345") == "29A12345"
    assert ids.check_plate("12C-045.67") == "12C04567"
    assert ids.check_plate("29-B1 123.45") == "29B112345"
    with pytest.raises(ids.IdentifierError):
        ids.check_plate("ABC")
    assert ids.check_phone("+84 912 345 678") == ids.check_phone("0912.345.678") == "0912345678"
    with pytest.raises(ids.IdentifierError):
        ids.check_phone("12345")
