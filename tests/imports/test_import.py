"""Importing cases from spreadsheets: good files, idempotence, corrections, and broken files refused whole."""

import datetime as dt

import pytest

from sc389.cases.models import Case, GoodsLine, Party, PenaltyDecision
from sc389.core.models import AuditEvent

from .files import csv_bytes, good_row, xlsx_bytes


def counts():
    return Case.objects.count(), AuditEvent.objects.filter(target_type="cases.case").count()


def test_good_csv_creates_cases_with_parts_outcomes_and_audit(run_import, tree):
    # given a file of two cases
    data = csv_bytes(
        [
            good_row(1),
            good_row(
                2,
                participants="BP-LS",
                party_tax_code="0100109106",
                party_kind="Doanh nghiệp",
                party_name="Công ty TNHH Hà Phát",
                party_id_number="",
                party_date_of_birth="",
                party_sex="",
            ),
        ]
    )
    # when it is imported
    result = run_import(data)
    # then both cases exist, numbered, placed, with their parts, status and search text
    assert result.ok and result.written and (result.created, result.updated, result.unchanged) == (2, 0, 0)
    case = Case.objects.get(external_ref="HN-2025-0001")
    assert case.reference.startswith("20-2025-") and case.source_unit == tree.units["customs_huunghi"]
    assert (
        case.lead_unit == tree.units["customs_huunghi"]
        and case.created_by == tree.users["officer_langson_customs"]
    )
    assert case.province == tree.provinces["langson"] and case.commune == tree.communes["dongdang"]
    assert case.status == "sanctioned" and case.handled_on == dt.date(2025, 3, 20)
    line = case.goods.get()
    assert (line.description, line.quantity, line.unit, line.value_vnd) == (
        "Gà thải loại",
        1200,
        "kg",
        45_000_000,
    )
    assert line.description_folded == "ga thai loai"
    person = case.parties.get()
    assert (person.kind, person.id_number, person.sex, person.date_of_birth) == (
        "person",
        "020085001234",
        "male",
        dt.date(1985, 4, 12),
    )
    penalty = case.penalties.get()
    assert (penalty.fine_vnd, penalty.confiscated_value_vnd) == (15_000_000, 45_000_000)
    assert "nguyen van an" in case.search_folded and "xa dong dang" in case.search_folded
    other = Case.objects.get(external_ref="HN-2025-0002")
    assert list(other.participations.values_list("unit__code", flat=True)) == ["BP-LS"]
    company = other.parties.get()
    assert (company.kind, company.tax_code, company.tax_code_kind) == ("company", "0100109106", "mst10")
    event = AuditEvent.objects.get(target_type="cases.case", target_id=str(case.pk))
    assert (event.verb, event.channel, event.actor) == (
        "case.created",
        "import",
        tree.users["officer_langson_customs"],
    )
    assert event.changes["external_ref"] == [None, "HN-2025-0001"] and event.data["row"] == 2


def test_good_xlsx_with_extra_goods_and_parties_sheets(run_import):
    rows = [good_row(1, detected_on=dt.datetime(2025, 3, 5), goods_value_vnd=45_000_000, goods_quantity=1200)]
    goods = [
        {
            "external_ref": "HN-2025-0001",
            "goods_description": "Thuốc lá điếu",
            "goods_quantity": "500",
            "goods_unit": "bao",
            "goods_value_vnd": "12.500.000",
        }
    ]
    parties = [{"external_ref": "HN-2025-0001", "party_kind": "Phương tiện", "party_plate": "12A-123.45"}]
    result = run_import(xlsx_bytes(rows, goods=goods, parties=parties), "vu-viec.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    case = Case.objects.get(external_ref="HN-2025-0001")
    assert case.detected_on == dt.date(2025, 3, 5)
    assert sorted(case.goods.values_list("description", "value_vnd")) == [
        ("Gà thải loại", 45_000_000),
        ("Thuốc lá điếu", 12_500_000),
    ]
    assert sorted(case.parties.values_list("kind", flat=True)) == ["person", "vehicle"]
    assert case.parties.get(kind="vehicle").plate == "12A12345"
    assert "thuoc la dieu" in case.search_folded


def test_machine_keys_and_semicolons_are_accepted(run_import):
    result = run_import(csv_bytes([good_row(1)], machine_keys=True, delimiter=";"))
    assert result.ok and result.created == 1


def test_same_file_twice_creates_nothing_and_writes_no_audit(run_import):
    data = csv_bytes([good_row(1), good_row(2)])
    run_import(data)
    before = counts(), GoodsLine.objects.count(), Party.objects.count(), PenaltyDecision.objects.count()
    result = run_import(data)
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert (
        counts(),
        GoodsLine.objects.count(),
        Party.objects.count(),
        PenaltyDecision.objects.count(),
    ) == before


def test_corrected_file_updates_in_place_with_field_level_audit(run_import):
    run_import(csv_bytes([good_row(1), good_row(2)]))
    case = Case.objects.get(external_ref="HN-2025-0001")
    reference, version = case.reference, case.version
    corrected = [good_row(1, place_text="Mốc 1120", penalty_fine_vnd="20.000.000"), good_row(2)]
    result = run_import(csv_bytes(corrected))
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 1, 1)
    case.refresh_from_db()
    assert (case.reference, case.version, case.place_text) == (reference, version + 1, "Mốc 1120")
    assert case.penalties.get().fine_vnd == 20_000_000 and Case.objects.count() == 2
    event = AuditEvent.objects.get(target_id=str(case.pk), verb="case.updated")
    assert event.changes["place_text"] == ["Mốc 1119", "Mốc 1120"]
    before_penalty, after_penalty = event.changes["penalties"]
    assert before_penalty[0]["fine_vnd"] == 15_000_000 and after_penalty[0]["fine_vnd"] == 20_000_000
    assert event.channel == "import"


def test_file_without_outcome_columns_leaves_outcomes_alone(run_import):
    run_import(csv_bytes([good_row(1)]))
    keys = [k for k in good_row(1) if not k.startswith("penalty_")]
    result = run_import(csv_bytes([good_row(1)], keys=keys))
    assert result.ok and result.unchanged == 1
    assert PenaltyDecision.objects.count() == 1


def test_dry_run_writes_nothing_but_counts(run_import):
    result = run_import(csv_bytes([good_row(1)]), dry_run=True)
    assert result.ok and result.created == 1 and not result.written
    assert counts() == (0, 0)
    assert result.preview[0]["external_ref"] == "HN-2025-0001"


def test_historic_district_for_an_old_case(run_import, tree):
    row = good_row(
        1, detected_on="02/02/2024", province="Hưng Yên", place="Huyện Vũ Thư", penalty_date="10/02/2024"
    )
    result = run_import(csv_bytes([row]), unit="police_hungyen", user="officer_hungyen_police")
    assert result.ok, [str(e) for e in result.errors]
    case = Case.objects.get()
    assert (
        case.place.level == "district" and case.province == tree.provinces["hungyen"] and case.commune is None
    )


def refused(result, *fragments):
    """The file is refused with a message naming row and column, and nothing was written."""
    assert not result.ok and not result.written
    text = "\n".join(str(e) for e in result.errors)
    for fragment in fragments:
        assert fragment in text, text
    assert counts() == (0, 0)
    return text


def test_wrong_types_are_reported_by_row_and_column(run_import):
    rows = [
        good_row(1),
        good_row(2, detected_on="32/01/2025", goods_value_vnd="nhiều", goods_quantity="-3"),
        good_row(3, category="buôn bán"),
    ]
    result = run_import(csv_bytes(rows))
    text = refused(
        result,
        "dòng 3, cột B (Ngày phát hiện)",
        "dòng 3, cột R (Trị giá hàng (đồng))",
        "dòng 3, cột P (Số lượng)",
        "dòng 4, cột C (Lĩnh vực)",
    )
    assert "không có trên lịch" in text and "không được âm" in text
    assert {e.row for e in result.errors} == {3, 4}


def test_missing_required_columns_reported_once_for_the_header(run_import):
    keys = [k for k in good_row(1) if k not in ("detected_on", "place")]
    result = run_import(csv_bytes([good_row(1), good_row(2)], keys=keys))
    refused(
        result,
        "dòng 1, cột Ngày phát hiện: thiếu cột bắt buộc",
        "dòng 1, cột Xã, phường (địa bàn): thiếu cột bắt buộc",
    )
    assert len(result.errors) == 2


def test_bad_tax_codes(run_import):
    row = good_row(
        1,
        party_kind="Doanh nghiệp",
        party_name="Công ty A",
        party_tax_code="0100109107",
        party_id_number="",
        party_date_of_birth="",
        party_sex="",
    )
    result = run_import(csv_bytes([row, good_row(2, party_tax_code="12345")]))
    refused(
        result, "dòng 2, cột Y (Mã số thuế): Mã số thuế 0100109107 không hợp lệ", "dòng 3, cột Y (Mã số thuế)"
    )


def test_bad_cccd_against_birth_year_and_sex(run_import):
    rows = [
        good_row(1, party_sex="Nữ"),
        good_row(2, party_date_of_birth="12/04/1986"),
        good_row(3, party_id_number="12345"),
    ]
    refused(
        run_import(csv_bytes(rows)),
        "dòng 2, cột X (Số CCCD): Số CCCD mã hóa giới tính khác",
        "dòng 3, cột X (Số CCCD): Số CCCD mã hóa năm sinh 1985, khác năm sinh đã nhập 1986",
        "dòng 4, cột X (Số CCCD): Số CCCD phải gồm đúng 12 chữ số",
    )


def test_duplicate_ids_within_the_file(run_import):
    refused(
        run_import(csv_bytes([good_row(1), good_row(2), good_row(1)])),
        "dòng 4, cột A (Mã vụ việc của đơn vị): mã vụ việc “HN-2025-0001” trùng với dòng 2",
    )


def test_unknown_codes_and_places(run_import):
    rows = [
        good_row(1, place="Xã Không Có"),
        good_row(2, participants="XX-1"),
        good_row(3, violation_type="khong-co"),
    ]
    refused(
        run_import(csv_bytes(rows)),
        "dòng 2, cột I",
        "Không tìm thấy địa bàn “Xã Không Có”",
        "dòng 3, cột L",
        "dòng 4, cột D",
    )


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "rong.csv", "trống"),
        (b"\xef\xbb\xbf", "bom.csv", "trống"),
        ("Mã vụ việc của đơn vị,Ngày phát hiện\n".encode(), "tieu-de.csv", "không có dòng vụ việc"),
        (b"%PDF-1.4 not a spreadsheet\x00\x01", "bao-cao.xlsx", "không phải bảng tính Excel (.xlsx) hợp lệ"),
        (b"PK\x03\x04 broken zip", "hong.xlsx", "không phải bảng tính Excel (.xlsx) hợp lệ"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "cu.xls", "Excel 97-2003"),
        ("Mã vụ việc\n".encode("cp1258", errors="replace") + b"\xe3\xe0\n", "latin.csv", "UTF-8"),
    ],
)
def test_broken_files_are_refused_with_a_clear_message(run_import, data, name, message):
    result = run_import(data, name)
    assert not result.ok and len(result.errors) == 1
    assert message in str(result.errors[0]) and not str(result.errors[0]).startswith("dòng")
    assert counts() == (0, 0)


def test_docx_renamed_xlsx_is_refused(run_import):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    result = run_import(buf.getvalue(), "bien-ban.xlsx")
    assert not result.ok and "không phải bảng tính Excel" in str(result.errors[0])


def test_too_large_a_file(run_import, monkeypatch):
    from sc389.cases.imports import reader

    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    result = run_import(csv_bytes([good_row(1)]))
    assert not result.ok and "lớn hơn giới hạn" in str(result.errors[0])


def test_one_bad_row_refuses_the_whole_file_even_on_update(run_import):
    run_import(csv_bytes([good_row(1)]))
    before = counts()
    result = run_import(csv_bytes([good_row(1, place_text="Mốc 2000"), good_row(2, detected_on="hôm qua")]))
    assert not result.ok and counts() == before
    assert Case.objects.get().place_text == "Mốc 1119"


def test_officer_cannot_import_for_another_unit(run_import):
    result = run_import(csv_bytes([good_row(1)]), unit="qltt_langson5")
    refused(
        result, "dòng 2, cột I (Xã, phường (địa bàn)): bạn không có quyền ghi vụ việc của đơn vị QLTT-LS-5"
    )


def test_outcome_before_detection_is_refused(run_import):
    refused(
        run_import(csv_bytes([good_row(1, penalty_date="01/03/2025")])),
        "dòng 2, cột AD (Ngày quyết định xử phạt): ngày 01/03/2025 trước ngày phát hiện",
    )
