"""Correcting a goods line or a party in place: the same checks as adding, audited, optimistic locking."""

import pytest
from django.urls import reverse

from sc389.cases import services
from sc389.core.models import AuditEvent

OFFICER = "officer_langson_customs"


@pytest.fixture
def person(tree, make_case):
    case = make_case()
    party = services.party_add(
        case=case,
        actor=tree.users[OFFICER],
        kind="person",
        role="suspect",
        name="Nguyễn Văn A",
        id_number="020090000001",
        date_of_birth="1990-05-01",
        sex="male",
    )
    case.refresh_from_db()
    return case, party


def person_data(case, **overrides):
    data = {
        "party-kind": "person",
        "party-role": "suspect",
        "party-name": "Nguyễn Văn A",
        "party-id_number": "020090000001",
        "party-date_of_birth": "1990-05-01",
        "party-sex": "male",
        "party-address": "",
        "party-version": case.version,
    }
    data.update({f"party-{k}": v for k, v in overrides.items()})
    return data


def test_party_edit_page_shows_the_saved_values(login, person):
    case, party = person
    response = login(OFFICER).get(reverse("cases:party_edit", args=[case.pk, party.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nguyễn Văn A"' in html and 'value="1990-05-01"' in html and 'type="date"' in html
    assert response.context["form"]["version"].value() == case.version
    # the edit page of the case links to it
    html = login(OFFICER).get(reverse("cases:edit", args=[case.pk])).content.decode()
    assert reverse("cases:party_edit", args=[case.pk, party.pk]) in html


def test_party_edit_saves_and_audits_the_field_change(login, tree, person):
    case, party = person
    url = reverse("cases:party_edit", args=[case.pk, party.pk])
    response = login(OFFICER).post(
        url, person_data(case, address="Đồng Đăng, Lạng Sơn", phone="0912 345 678")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:edit", args=[case.pk]) + "#parties"
    party.refresh_from_db()
    assert party.address == "Đồng Đăng, Lạng Sơn" and party.phone == "0912345678"
    event = AuditEvent.objects.get(verb="case.party_updated")
    assert event.changes["address"] == ["", "Đồng Đăng, Lạng Sơn"]
    assert event.actor == tree.users[OFFICER] and event.channel == "web"
    assert "name" not in event.changes  # only what changed is recorded


@pytest.mark.parametrize(
    ("lang", "field", "value", "message"),
    [
        # the CCCD encodes the birth year and sex: a change to either must still match it
        ("vi", "date_of_birth", "1985-05-01", "Số CCCD mã hóa năm sinh 1990, khác năm sinh đã nhập 1985."),
        (
            "en",
            "date_of_birth",
            "1985-05-01",
            "The CCCD encodes birth year 1990, not the year entered (1985).",
        ),
        ("vi", "sex", "female", "Số CCCD mã hóa giới tính khác giới tính đã nhập."),
        ("vi", "id_number", "02009000000", "CCCD"),
        ("vi", "tax_code", "0100109105", "Mã số thuế 0100109105 không hợp lệ"),
        ("vi", "phone", "12345", "Số điện thoại 12345 không hợp lệ."),
        ("en", "phone", "12345", "Phone number 12345 is not valid."),
    ],
)
def test_party_edit_checks_identifiers_like_adding(login, person, lang, field, value, message):
    case, party = person
    response = login(OFFICER, lang=lang).post(
        reverse("cases:party_edit", args=[case.pk, party.pk]), person_data(case, **{field: value})
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    error_field = "id_number" if field in ("date_of_birth", "sex") else field
    assert message in " ".join(errors[error_field]), errors
    assert not AuditEvent.objects.filter(verb="case.party_updated").exists()


def test_vehicle_plate_is_checked_and_normalised(login, tree, make_case):
    case = make_case()
    party = services.party_add(case=case, actor=tree.users[OFFICER], kind="vehicle", plate="12C-123.45")
    case.refresh_from_db()
    url = reverse("cases:party_edit", args=[case.pk, party.pk])
    data = {"party-kind": "vehicle", "party-role": "related", "party-version": case.version}
    response = login(OFFICER).post(url, {**data, "party-plate": "not a plate"})
    assert response.status_code == 200 and "plate" in response.context["form"].errors
    response = login(OFFICER).post(url, {**data, "party-plate": "12c 678.90"})
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.plate == "12C67890"


def test_clearing_the_tax_code_clears_its_kind(login, tree, make_case):
    case = make_case()
    company = services.party_add(
        case=case,
        actor=tree.users[OFFICER],
        kind="company",
        name="Công ty TNHH Hoà Bình",
        tax_code="0100109106",
    )
    assert company.tax_code_kind
    case.refresh_from_db()
    data = {
        "party-kind": "company",
        "party-role": "suspect",
        "party-name": "Công ty TNHH Hoà Bình",
        "party-tax_code": "",
        "party-version": case.version,
    }
    assert (
        login(OFFICER).post(reverse("cases:party_edit", args=[case.pk, company.pk]), data).status_code == 302
    )
    company.refresh_from_db()
    assert company.tax_code == "" and company.tax_code_kind == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_stale_party_save_is_refused_and_nothing_typed_is_lost(login, tree, person, lang):
    case, party = person
    opened = case.version
    # meanwhile a colleague corrects the same party
    services.party_update(party=party, actor=tree.users["reviewer_langson_customs"], address="Thôn Nà Pàn")
    url = reverse("cases:party_edit", args=[case.pk, party.pk])
    data = person_data(case, address="Địa chỉ tôi vừa gõ", version=opened)
    response = login(OFFICER, lang=lang).post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert ("Vụ việc đã được người khác sửa" if lang == "vi" else "Someone else changed this case") in html
    assert "Địa chỉ tôi vừa gõ" in html  # the user's entry is kept
    assert "Thôn Nà Pàn" in html  # and what is saved now is shown beside it
    assert [label for label, _ in response.context["conflicts"]] == ["Địa chỉ" if lang == "vi" else "Address"]
    party.refresh_from_db()
    assert party.address == "Thôn Nà Pàn"
    # saving the refreshed form overwrites deliberately
    version = int(response.context["form"]["version"].value())
    assert login(OFFICER).post(url, {**data, "party-version": version}).status_code == 302
    party.refresh_from_db()
    assert party.address == "Địa chỉ tôi vừa gõ"


def test_goods_line_edit_saves_audits_and_checks(login, tree, make_case):
    case = make_case()
    line = services.goods_line_add(
        case=case, actor=tree.users[OFFICER], description="Thuốc lá điếu", value_vnd=1_000_000
    )
    url = reverse("cases:goods_edit", args=[case.pk, line.pk])
    client = login(OFFICER)
    page = client.get(url)
    assert page.status_code == 200 and 'value="Thuốc lá điếu"' in page.content.decode()
    version = page.context["form"]["version"].value()
    data = {"goods-description": "Thuốc lá điếu Jet", "goods-value_vnd": "-5", "goods-version": version}
    response = client.post(url, data)
    assert response.status_code == 200 and "value_vnd" in response.context["form"].errors
    response = client.post(url, {**data, "goods-value_vnd": "36000000", "goods-hs_code": "24"})
    assert response.status_code == 200 and "hs_code" in response.context["form"].errors
    response = client.post(url, {**data, "goods-value_vnd": "36000000", "goods-hs_code": "2402"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.description, line.value_vnd, line.hs_code) == ("Thuốc lá điếu Jet", 36_000_000, "2402")
    event = AuditEvent.objects.get(verb="case.goods_updated")
    assert event.changes["value_vnd"] == [1_000_000, 36_000_000]
    # the case's word search follows the correction
    case.refresh_from_db()
    assert "jet" in case.search_folded
    # a second save from the same (now old) read is refused
    response = client.post(url, {**data, "goods-value_vnd": "1", "goods-hs_code": "2402"})
    assert response.status_code == 200 and response.context["conflicts"]
    line.refresh_from_db()
    assert line.value_vnd == 36_000_000


def test_a_part_of_another_case_is_not_found(login, tree, make_case, person):
    case, party = person
    other = make_case()
    line = services.goods_line_add(case=case, actor=tree.users[OFFICER], description="Pháo")
    client = login(OFFICER)
    assert client.get(reverse("cases:party_edit", args=[other.pk, party.pk])).status_code == 404
    assert client.get(reverse("cases:goods_edit", args=[other.pk, line.pk])).status_code == 404


def test_remove_button_on_the_part_page(login, person):
    case, party = person
    html = login(OFFICER).get(reverse("cases:party_edit", args=[case.pk, party.pk])).content.decode()
    remove = reverse("cases:party_remove", args=[case.pk, party.pk])
    assert f'href="{remove}"' in html  # the confirmation page that asks the reason
    assert login(OFFICER).post(remove).status_code == 400  # no reason: refused, nothing removed
    assert case.parties.exists()
    assert login(OFFICER).post(remove, {"reason": "Ghi nhầm"}).status_code == 302
    assert not case.parties.exists()


def test_outcome_correction_is_audited_and_the_status_follows(login, tree, make_case):
    case = make_case()
    penalty = services.outcome_add(
        case=case,
        actor=tree.users[OFFICER],
        kind="penalty",
        number="15/QĐ-XPHC",
        decided_on="2025-03-10",
        fine_vnd=15_000_000,
    )
    case.refresh_from_db()
    assert case.handled_on.isoformat() == "2025-03-10"
    url = reverse("cases:outcome_edit", args=[case.pk, "penalty", penalty.pk])
    client = login(OFFICER, lang="en")
    page = client.get(url)
    assert page.status_code == 200 and 'value="15/QĐ-XPHC"' in page.content.decode()
    data = {
        "penalty-number": "16/QĐ-XPHC",
        "penalty-decided_on": "12/03/2025",
        "penalty-fine_vnd": "-1",
        "penalty-confiscated_value_vnd": "0",
        "penalty-destroyed_value_vnd": "0",
        "penalty-version": page.context["form"]["version"].value(),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors  # a negative fine
    response = client.post(url, {**data, "penalty-fine_vnd": "20000000"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:edit", args=[case.pk]) + "#outcomes"
    penalty.refresh_from_db()
    case.refresh_from_db()
    assert (penalty.number, penalty.fine_vnd) == ("16/QĐ-XPHC", 20_000_000)
    assert case.handled_on.isoformat() == "2025-03-12"  # the handled date follows the corrected decision
    event = AuditEvent.objects.get(verb="case.penalty_updated")
    before, after = event.changes["penalty"]
    assert (before["fine_vnd"], after["fine_vnd"]) == (15_000_000, 20_000_000)
    assert event.changes["handled_on"] == ["2025-03-10", "2025-03-12"]
    # the case page's history says what was corrected, in the user's language
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "16/QĐ-XPHC" in html
    # a stale correction is refused
    response = client.post(url, {**data, "penalty-fine_vnd": "1"})
    assert response.status_code == 200 and "Someone else changed this case" in response.content.decode()


def test_unknown_outcome_kind_is_not_found(login, make_case):
    case = make_case()
    assert login(OFFICER).get(f"/cases/{case.pk}/outcomes/bribe/1/").status_code == 404
