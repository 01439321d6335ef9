import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sc389.cases import selectors, services
from sc389.cases.models import Case
from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent

from ..orgtree import historic


def events(case, verb):
    return AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk), verb=verb)


def test_create_derives_place_reference_and_audits(make_case, tree):
    case = make_case(place_text="Mốc 1119", narrative="Vận chuyển gia cầm qua đường mòn")
    assert case.reference == "20-2025-000001"
    assert case.province == tree.provinces["langson"] and case.commune == tree.communes["dongdang"]
    assert case.status == "open"
    event = events(case, "case.created").get()
    assert event.actor == tree.users["officer_langson_customs"]
    assert event.changes["category"] == [None, "smuggling"]
    assert "mốc" not in case.search_folded and "moc 1119" in case.search_folded


def test_historic_place_maps_to_todays_province(make_case, tree):
    case = make_case(
        place=historic("district", "Thái Bình"),
        officer="officer_hungyen_police",
        unit="police_hungyen",
        detected_on=dt.date(2024, 5, 2),
    )
    assert case.province == tree.provinces["hungyen"] and case.commune is None
    assert case.reference.startswith("33-2024-")


def test_officer_cannot_record_for_another_unit(tree):
    with pytest.raises(DomainError) as exc:
        services.case_create(
            actor=tree.users["officer_langson_qltt"],
            lead_unit=tree.units["customs_huunghi"],
            category="smuggling",
            detected_on=dt.date(2025, 1, 1),
            place=tree.communes["dongdang"],
        )
    assert exc.value.status == 403
    assert not Case.objects.exists()


def test_update_records_field_changes_and_refuses_stale_version(make_case, tree):
    case = make_case()
    officer = tree.users["officer_langson_customs"]
    updated = services.case_update(
        case=case, actor=officer, expected_version=case.version, place_text="Chợ Kỳ Lừa"
    )
    assert events(case, "case.updated").get().changes["place_text"] == ["", "Chợ Kỳ Lừa"]
    with pytest.raises(DomainError) as exc:
        services.case_update(case=case, actor=officer, expected_version=case.version, narrative="lost edit")
    assert exc.value.status == 409
    assert Case.objects.get(pk=case.pk).narrative == ""
    assert updated.version > case.version


def test_outcomes_set_status_and_handled_date(make_case, tree):
    case = make_case()
    officer = tree.users["officer_langson_customs"]
    services.outcome_add(
        case=case,
        actor=officer,
        kind="penalty",
        number="12/QĐ-XPHC",
        decided_on=dt.date(2025, 3, 10),
        fine_vnd=15_000_000,
        confiscated_value_vnd=40_000_000,
    )
    case.refresh_from_db()
    assert (case.status, case.handled_on) == ("sanctioned", dt.date(2025, 3, 10))
    prosecution = services.outcome_add(
        case=case,
        actor=officer,
        kind="prosecution",
        decision_number="05/QĐ-KTVA",
        decided_on=dt.date(2025, 4, 1),
        defendants=2,
    )
    case.refresh_from_db()
    assert case.status == "prosecuted"
    services.outcome_remove(outcome=prosecution, actor=officer, reason="Ghi nhầm vụ")
    case.refresh_from_db()
    assert case.status == "sanctioned"
    assert events(case, "case.prosecution_removed").get().changes["status"] == ["prosecuted", "sanctioned"]
    with pytest.raises(ValidationError):
        services.outcome_add(
            case=case, actor=officer, kind="penalty", number="x", decided_on=dt.date(2025, 3, 1), fine_vnd=-1
        )


def test_party_identifiers_are_checked_and_normalised(make_case, tree):
    case = make_case()
    officer = tree.users["officer_langson_customs"]
    person = services.party_add(
        case=case,
        actor=officer,
        kind="person",
        name="Nguyễn Văn Hùng",
        date_of_birth=dt.date(1985, 4, 2),
        sex="male",
        id_number="020085012345",
    )
    assert person.name_folded == "nguyen van hung"
    with pytest.raises(ValidationError) as exc:
        services.party_add(
            case=case,
            actor=officer,
            kind="person",
            name="Trần Thị Lan",
            date_of_birth=dt.date(1990, 1, 1),
            sex="female",
            id_number="020085012345",
        )
    assert "id_number" in exc.value.message_dict
    company = services.party_add(
        case=case, actor=officer, kind="company", name="Công ty TNHH ABC", tax_code="0100109106-001"
    )
    assert company.tax_code_kind == "mst13"
    vehicle = services.party_add(case=case, actor=officer, kind="vehicle", plate="12c-045.67")
    assert vehicle.plate == "12C04567"
    assert case.__class__.objects.get(pk=case.pk).search_folded.count("12c04567") == 1


def test_merge_keeps_both_histories_and_can_be_undone(make_case, tree):
    ours = make_case()
    theirs = make_case(officer="officer_langson_bp", unit="bp_langson")
    admin = tree.users["admin_langson"]
    merge = services.case_merge(survivor=ours, absorbed=theirs, actor=admin, reason="cùng một vụ")
    theirs.refresh_from_db()
    assert theirs.merged_into == ours and theirs.status == "merged"
    assert list(ours.participations.values_list("unit_id", flat=True)) == [tree.units["bp_langson"].pk]
    history = {e.verb for e in selectors.case_history(case=ours)}
    assert {"case.created", "case.merged", "case.merged_into"} <= history
    listed = selectors.case_list(user=admin)
    assert list(listed) == [ours]
    services.case_unmerge(merge=merge, actor=admin)
    theirs.refresh_from_db()
    assert theirs.merged_into is None and theirs.status == "open"
    assert not ours.participations.exists()
    with pytest.raises(DomainError):
        services.case_unmerge(merge=merge, actor=admin)


def test_attachments_checked_by_content(make_case, tree):
    case = make_case()
    officer = tree.users["officer_langson_customs"]
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    attachment = services.attachment_add(case=case, actor=officer, upload=png, kind="photo")
    assert attachment.content_type == "image/png" and len(attachment.sha256) == 64
    assert "anh.png" not in attachment.file.name
    with pytest.raises(DomainError, match="không phải"):
        services.attachment_add(
            case=case, actor=officer, upload=SimpleUploadedFile("x.png", b"MZ\x90\x00exe"), kind="photo"
        )


def test_close_needs_a_reason_in_the_users_language(make_case, tree):
    from django.utils import translation

    case = make_case()
    with pytest.raises(DomainError) as exc:
        services.case_close(case=case, actor=tree.users["officer_langson_customs"], reason="  ")
    assert (exc.value.code, exc.value.field) == ("case.reason_required", "reason")
    # the message is lazy: it reads in the language of whoever shows it
    assert str(exc.value.message) == "Cần ghi lý do."
    with translation.override("en"):
        assert str(exc.value.message) == "A reason is required."


def test_managed_lists_read_in_the_users_language(db):
    from django.utils import translation

    from sc389.cases.models import CommodityGroup, ViolationType

    kind = ViolationType(code="x", name="Vận chuyển hàng cấm", name_en="Transporting prohibited goods")
    group = CommodityGroup(code="y", name="Gia cầm", name_en="")
    assert str(kind) == "Vận chuyển hàng cấm"
    with translation.override("en"):
        assert (str(kind), str(group)) == ("Transporting prohibited goods", "Gia cầm")
