"""Create and edit forms: input validated with messages in vi and en, writes through the services."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sc389.cases import services
from sc389.cases.models import Case
from sc389.core.models import AuditEvent


def case_data(tree, **overrides):
    data = {
        "lead_unit": tree.units["customs_huunghi"].pk,
        "category": "smuggling",
        "detected_on": "2025-03-02",
        "place": tree.communes["dongdang"].pk,
        "place_q": "",
        "place_text": "Mốc 1119",
        "channel": "trail",
        "narrative": "Bắt giữ 300 kg gia cầm không rõ nguồn gốc",
    }
    data.update(overrides)
    return data


def test_create_records_through_the_service(login, tree):
    response = login("officer_langson_customs").post(reverse("cases:create"), case_data(tree))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.commune == tree.communes["dongdang"] and case.reference.startswith("20-2025-")
    event = AuditEvent.objects.get(verb="case.created")
    assert event.channel == "web" and event.actor == tree.users["officer_langson_customs"]


def test_place_typed_in_full_works_without_the_picker(login, tree):
    data = case_data(tree, place="", place_q="Xã Đồng Đăng")
    assert login("officer_langson_customs").post(reverse("cases:create"), data).status_code == 302
    assert Case.objects.get().place == tree.communes["dongdang"]


def test_historic_district_is_a_valid_place(login, tree):
    data = case_data(
        tree,
        lead_unit=tree.units["police_hungyen"].pk,
        place="",
        place_q="Thái Bình",
        detected_on="2024-05-02",
    )
    response = login("officer_hungyen_police").post(reverse("cases:create"), data)
    assert response.status_code == 200  # ambiguous: several units are named Thái Bình
    assert "Có nhiều địa bàn khớp" in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        (
            "vi",
            ["Cần chọn địa bàn", "Ngày phát hiện không được sau ngày hôm nay.", "Trường này là bắt buộc."],
        ),
        (
            "en",
            ["Choose a place", "The date detected cannot be later than today.", "This field is required."],
        ),
    ],
)
def test_create_form_errors_in_the_users_language(login, tree, lang, messages):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    data = case_data(tree, place="", detected_on=future, category="")
    response = login("officer_langson_customs", lang=lang).post(reverse("cases:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    for message in messages:
        assert message in html
    assert not Case.objects.exists()


def test_lead_unit_choices_are_the_units_the_user_may_record_for(login, tree):
    response = login("officer_langson_qltt").get(reverse("cases:create"))
    assert list(response.context["form"].fields["lead_unit"].queryset) == [tree.units["qltt_langson5"]]
    data = case_data(tree)  # Hữu Nghị customs: not theirs
    response = login("officer_langson_qltt").post(reverse("cases:create"), data)
    assert "lead_unit" in response.context["form"].errors and not Case.objects.exists()


def test_provincial_admin_may_record_for_units_of_the_province(login, tree):
    response = login("admin_langson").get(reverse("cases:create"))
    units = set(response.context["form"].fields["lead_unit"].queryset)
    assert tree.units["customs_huunghi"] in units and tree.units["police_hungyen"] not in units


def test_reader_may_not_open_the_create_form(login, tree):
    assert login("leader_langson").get(reverse("cases:create")).status_code == 403


def test_edit_saves_and_audits_field_changes(login, tree, make_case):
    case = make_case()
    data = case_data(
        tree, version=case.version, place_text="Chợ Đông Kinh", participants=[tree.units["bp_langson"].pk]
    )
    response = login("officer_langson_customs").post(reverse("cases:edit", args=[case.pk]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.place_text == "Chợ Đông Kinh"
    assert list(case.participations.values_list("unit_id", flat=True)) == [tree.units["bp_langson"].pk]
    event = AuditEvent.objects.filter(verb="case.updated").get()
    assert event.changes["place_text"] == ["", "Chợ Đông Kinh"]
    html = login("officer_langson_customs").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Chợ Đông Kinh" in html and "Sửa vụ việc" in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_stale_save_is_refused_shown_and_nothing_typed_is_lost(login, tree, make_case, lang):
    case = make_case()
    opened_version = case.version
    # someone else saves first
    services.case_update(
        case=case, actor=tree.users["reviewer_langson_customs"], narrative="Sửa của người khác"
    )
    data = case_data(tree, version=opened_version, narrative="Nội dung tôi vừa gõ")
    response = login("officer_langson_customs", lang=lang).post(reverse("cases:edit", args=[case.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    expected = "Vụ việc đã được người khác sửa" if lang == "vi" else "Someone else changed this case"
    assert expected in html
    assert "Nội dung tôi vừa gõ" in html  # the user's text is still in the form
    assert "Sửa của người khác" in html  # what was saved meanwhile is shown
    case.refresh_from_db()
    assert case.narrative == "Sửa của người khác"
    # saving again from the refreshed form overwrites deliberately
    form = response.context["form"]
    assert int(form["version"].value()) == case.version
    response = login("officer_langson_customs").post(
        reverse("cases:edit", args=[case.pk]),
        case_data(tree, version=case.version, narrative="Nội dung tôi vừa gõ"),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.narrative == "Nội dung tôi vừa gõ"


def test_goods_and_parties_add_and_remove(login, tree, make_case):
    case = make_case()
    client = login("officer_langson_customs")
    response = client.post(
        reverse("cases:goods_add", args=[case.pk]),
        {
            "goods-description": "Thuốc lá điếu",
            "goods-quantity": "1200",
            "goods-unit": "bao",
            "goods-value_vnd": "36000000",
        },
    )
    assert response.status_code == 302
    line = case.goods.get()
    response = client.post(
        reverse("cases:party_add", args=[case.pk]),
        {
            "party-kind": "person",
            "party-role": "suspect",
            "party-name": "Nguyễn Văn A",
            "party-id_number": "020090000001",
            "party-date_of_birth": "1990-05-01",
            "party-sex": "male",
        },
    )
    assert response.status_code == 302, response.context["party_form"].errors
    party = case.parties.get()
    client.post(reverse("cases:goods_remove", args=[case.pk, line.pk]), {"reason": "Ghi nhầm"})
    client.post(reverse("cases:party_remove", args=[case.pk, party.pk]), {"reason": "Ghi nhầm"})
    assert not case.goods.exists() and not case.parties.exists()
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"case.goods_added", "case.goods_removed", "case.party_added", "case.party_removed"} <= verbs


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Số CCCD mã hóa năm sinh 1990, khác năm sinh đã nhập 1985."),
        ("en", "The CCCD encodes birth year 1990, not the year entered (1985)."),
    ],
)
def test_party_identifier_errors_in_the_users_language(login, tree, make_case, lang, message):
    case = make_case()
    response = login("officer_langson_customs", lang=lang).post(
        reverse("cases:party_add", args=[case.pk]),
        {
            "party-kind": "person",
            "party-role": "suspect",
            "party-name": "Nguyễn Văn A",
            "party-id_number": "020090000001",
            "party-date_of_birth": "1985-05-01",
            "party-sex": "male",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not case.parties.exists()


def test_outcomes_set_the_status_and_can_be_removed(login, tree, make_case):
    case = make_case()
    client = login("officer_langson_customs")
    response = client.post(
        reverse("cases:outcome_add", args=[case.pk, "penalty"]),
        {
            "penalty-number": "15/QĐ-XPHC",
            "penalty-decided_on": "2025-03-10",
            "penalty-fine_vnd": "15000000",
            "penalty-confiscated_value_vnd": "0",
            "penalty-destroyed_value_vnd": "0",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "sanctioned" and case.handled_on == dt.date(2025, 3, 10)
    client.post(
        reverse("cases:outcome_add", args=[case.pk, "remittance"]),
        {
            "remittance-remitted_on": "2025-03-20",
            "remittance-kind": "fine",
            "remittance-amount_vnd": "15000000",
        },
    )
    assert case.remittances.count() == 1
    penalty = case.penalties.get()
    client.post(
        reverse("cases:outcome_remove", args=[case.pk, "penalty", penalty.pk]), {"reason": "Ghi nhầm"}
    )
    case.refresh_from_db()
    assert case.status == "open"


def test_outcome_with_negative_amount_is_refused(login, tree, make_case):
    case = make_case()
    response = login("officer_langson_customs", lang="en").post(
        reverse("cases:outcome_add", args=[case.pk, "remittance"]),
        {"remittance-remitted_on": "2025-03-20", "remittance-kind": "fine", "remittance-amount_vnd": "-5"},
    )
    assert response.status_code == 200 and not case.remittances.exists()
    assert "The amount remitted to the budget must be greater than 0." in response.content.decode()


def test_close_needs_a_reason(login, tree, make_case):
    case = make_case()
    client = login("officer_langson_customs")
    response = client.post(reverse("cases:close", args=[case.pk]), {"reason": " ", "version": case.version})
    assert response.status_code == 200
    client.post(
        reverse("cases:close", args=[case.pk]), {"reason": "Hàng có hóa đơn hợp lệ", "version": case.version}
    )
    case.refresh_from_db()
    assert case.status == "closed"


def test_merge_by_reference_and_undo(login, tree, make_case):
    survivor = make_case()
    absorbed = make_case(officer="officer_langson_bp", unit="bp_langson")
    client = login("admin_langson")
    response = client.post(
        reverse("cases:merge", args=[survivor.pk]), {"reference": absorbed.reference, "reason": "Cùng một vụ"}
    )
    assert response.status_code == 302
    absorbed.refresh_from_db()
    assert absorbed.merged_into == survivor
    html = client.get(reverse("cases:detail", args=[survivor.pk])).content.decode()
    assert absorbed.reference in html
    merge = survivor.merges_in.get()
    client.post(reverse("cases:unmerge", args=[survivor.pk, merge.pk]))
    absorbed.refresh_from_db()
    assert absorbed.merged_into is None
    assert {"case.merged", "case.unmerged"} <= set(AuditEvent.objects.values_list("verb", flat=True))


def test_merge_with_unknown_or_same_reference(login, tree, make_case):
    case = make_case()
    client = login("officer_langson_customs", lang="en")
    html = client.post(
        reverse("cases:merge", args=[case.pk]), {"reference": "99-2025-999999"}
    ).content.decode()
    assert "Case 99-2025-999999 was not found." in html
    html = client.post(reverse("cases:merge", args=[case.pk]), {"reference": case.reference}).content.decode()
    assert "A case cannot be merged into itself." in html


def test_share_with_a_unit(login, tree, make_case):
    case = make_case()
    client = login("leader_langson")
    response = client.post(reverse("cases:share", args=[case.pk]), {"unit": tree.units["police_hungyen"].pk})
    assert response.status_code == 302
    assert login("officer_hungyen_police").get(reverse("cases:detail", args=[case.pk])).status_code == 200
    html = login("leader_langson").post(reverse("cases:share", args=[case.pk]), {}).content.decode()
    assert "Chọn đúng một đơn vị hoặc một Ban Chỉ đạo" in html


@pytest.mark.parametrize(("lang", "message"), [("vi", "không phải ảnh"), ("en", "is not a photo")])
def test_attachment_type_is_checked(login, tree, make_case, lang, message):
    case = make_case()
    client = login("officer_langson_customs", lang=lang)
    fake = SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(reverse("cases:attachment_add", args=[case.pk]), {"kind": "photo", "file": fake})
    assert response.status_code == 200 and message in response.content.decode()
    pdf = SimpleUploadedFile("qd.pdf", b"%PDF-1.7 decision", content_type="application/octet-stream")
    response = client.post(reverse("cases:attachment_add", args=[case.pk]), {"kind": "decision", "file": pdf})
    assert response.status_code == 302
    assert case.attachments.get().content_type == "application/pdf"
