"""Dates in the forms: the browser's picker (ISO) or typed day first (31/12/2025), messages in the user's language."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sc389.cases.forms import CaseFilterForm, DateInput, PartyForm, PenaltyForm, parse_day
from sc389.cases.models import Case

from .test_forms import case_data

OFFICER = "officer_langson_customs"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_accepted_form_reads_the_same_day(day):
    typed = [day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y"), day.strftime("%d.%m.%Y")]
    assert {parse_day(text) for text in typed} == {day}


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13-01", "12/31/2025", "hôm qua", ""])
def test_impossible_or_month_first_dates_are_refused(text):
    assert parse_day(text) is None


def test_date_widgets_are_native_pickers_with_iso_values():
    form = CaseFilterForm({"date_from": "02/03/2025"})
    html = str(form["date_from"])
    # typed day first, shown back in ISO so the picker reads it
    assert 'type="date"' in html and 'value="2025-03-02"' in html
    for form_class, name in ((PartyForm, "date_of_birth"), (PenaltyForm, "decided_on")):
        assert isinstance(form_class().fields[name].widget, DateInput), name


def test_case_form_accepts_day_first(login, tree):
    response = login(OFFICER).post(reverse("cases:create"), case_data(tree, detected_on="02/03/2025"))
    assert response.status_code == 302
    assert Case.objects.get().detected_on == dt.date(2025, 3, 2)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2025."),
        ("en", "Invalid date: enter it as day/month/year, for example 31/12/2025."),
    ],
)
def test_impossible_date_message_in_the_users_language(login, tree, lang, message):
    response = login(OFFICER, lang=lang).post(
        reverse("cases:create"), case_data(tree, detected_on="31/02/2025")
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="31/02/2025"' in response.content.decode()  # what was typed stays to be corrected
    assert not Case.objects.exists()


def test_outcome_and_party_dates_accept_day_first(login, make_case):
    case = make_case()
    client = login(OFFICER)
    response = client.post(
        reverse("cases:outcome_add", args=[case.pk, "penalty"]),
        {
            "penalty-number": "15/QĐ-XPHC",
            "penalty-decided_on": "05/04/2025",
            "penalty-fine_vnd": "1000",
            "penalty-confiscated_value_vnd": "0",
            "penalty-destroyed_value_vnd": "0",
        },
    )
    assert response.status_code == 302
    assert case.penalties.get().decided_on == dt.date(2025, 4, 5)
    response = client.post(
        reverse("cases:party_add", args=[case.pk]),
        {
            "party-kind": "person",
            "party-role": "suspect",
            "party-name": "Nguyễn Văn A",
            "party-id_number": "020090000001",
            "party-date_of_birth": "01/05/1990",
            "party-sex": "male",
        },
    )
    assert response.status_code == 302
    assert case.parties.get().date_of_birth == dt.date(1990, 5, 1)


@pytest.mark.parametrize(
    ("lang", "message"),
    [("vi", "Ngày sinh không được sau ngày hôm nay."), ("en", "The date of birth cannot be after today.")],
)
def test_birth_date_in_the_future_is_refused(login, make_case, lang, message):
    case = make_case()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = login(OFFICER, lang=lang).post(
        reverse("cases:party_add", args=[case.pk]),
        {"party-kind": "person", "party-role": "suspect", "party-name": "A", "party-date_of_birth": tomorrow},
    )
    assert response.status_code == 200 and message in response.content.decode()


def test_list_filter_accepts_day_first(login, make_case):
    early = make_case(detected_on=dt.date(2025, 1, 10))
    late = make_case(detected_on=dt.date(2025, 6, 10))
    response = login(OFFICER).get(reverse("cases:list"), {"date_from": "01/05/2025"})
    assert [c.reference for c in response.context["rows"]] == [late.reference]
    assert early.reference not in response.content.decode()
