"""The import pages: upload → preview → confirm → background task → result; templates; access."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sc389.cases.imports.columns import CASE_COLUMNS, CASE_SHEET, GUIDE_SHEET, LISTS_SHEET
from sc389.cases.models import Case, ImportJob
from sc389.core.models import AuditEvent

from ..orgtree import PASSWORD
from .files import csv_bytes, good_row


@pytest.fixture
def login(client, tree):
    def as_(name):
        assert client.login(username=name, password=PASSWORD)
        return client

    return as_


def upload(client, unit, data, name="vu-viec.csv"):
    return client.post(reverse("imports:index"), {"unit": unit.pk, "file": SimpleUploadedFile(name, data)})


def test_upload_preview_confirm_result(login, tree, django_capture_on_commit_callbacks):
    client = login("officer_langson_customs")
    # given the upload page
    page = client.get(reverse("imports:index"))
    assert page.status_code == 200 and "Tải mẫu Excel" in page.content.decode()
    # when a good file is sent: a preview, nothing written yet
    response = upload(client, tree.units["customs_huunghi"], csv_bytes([good_row(1), good_row(2)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:detail", args=[job.pk])
    preview = client.get(response["Location"]).content.decode()
    assert job.status == "validated" and job.created_count == 2 and not Case.objects.exists()
    assert "HN-2025-0001" in preview and "Xác nhận nhập" in preview
    # and when confirmed, the task runs (immediate backend in tests) and the result shows
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(reverse("imports:confirm", args=[job.pk]))
    assert confirm.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.task_id and Case.objects.count() == 2
    assert sorted(job.created_case_ids) == sorted(Case.objects.values_list("pk", flat=True))
    result = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Đã nhập xong: 2 vụ việc mới" in result
    assert (
        AuditEvent.objects.filter(
            verb="case.created", channel="import", request_id=f"import-{job.pk}"
        ).count()
        == 2
    )
    # a confirmed job cannot be confirmed again
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 400
    assert Case.objects.count() == 2


def test_rejected_file_shows_every_error_and_cannot_be_confirmed(login, tree):
    client = login("officer_langson_customs")
    rows = [good_row(1, party_tax_code="0100109107"), good_row(2, detected_on="ngày mai")]
    response = upload(client, tree.units["customs_huunghi"], csv_bytes(rows))
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert job.status == "rejected" and job.error_count == 2
    assert "Y (Mã số thuế)" in page and "B (Ngày phát hiện)" in page and "Xác nhận nhập" not in page
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 400
    assert not Case.objects.exists()


def test_non_spreadsheet_renamed_xlsx(login, tree):
    client = login("officer_langson_customs")
    upload(client, tree.units["customs_huunghi"], b"%PDF-1.7 ...", "bao-cao.xlsx")
    job = ImportJob.objects.get()
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert job.status == "rejected" and "không phải bảng tính Excel (.xlsx) hợp lệ" in page


def test_progress_block_polls_while_running_and_reloads_when_done(login, tree):
    client = login("officer_langson_customs")
    upload(client, tree.units["customs_huunghi"], csv_bytes([good_row(1)]))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", phase="validating", total_rows=10, processed_rows=4
    )
    block = client.get(reverse("imports:progress", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in block.content.decode() and "4/10" in block.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    done = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_officer_cannot_import_for_another_unit(login, tree):
    client = login("officer_langson_qltt")
    response = upload(client, tree.units["customs_huunghi"], csv_bytes([good_row(1)]))
    assert response.status_code == 400  # not among the units offered
    assert not ImportJob.objects.exists() and not Case.objects.exists()


def test_jobs_of_other_units_are_not_found(login, tree, client):
    login("officer_langson_customs")
    upload(client, tree.units["customs_huunghi"], csv_bytes([good_row(1)]))
    job = ImportJob.objects.get()
    client.logout()
    other = login("officer_langson_qltt")
    assert other.get(reverse("imports:detail", args=[job.pk])).status_code == 404
    assert other.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    assert job.file_name not in other.get(reverse("imports:index")).content.decode()
    other.logout()
    reader = login("leader_national")  # may see, may not import
    assert reader.get(reverse("imports:detail", args=[job.pk])).status_code == 200
    assert reader.post(reverse("imports:confirm", args=[job.pk])).status_code == 403
    assert not Case.objects.exists()


def test_pages_need_login(client, tree):
    response = client.get(reverse("imports:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_templates_download(login, tree):
    client = login("officer_langson_customs")
    response = client.get(reverse("imports:template", args=["xlsx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:1] == [CASE_SHEET] and GUIDE_SHEET in wb.sheetnames and LISTS_SHEET in wb.sheetnames
    headers = [c.value for c in wb[CASE_SHEET][1]]
    assert headers == [c.header for c in CASE_COLUMNS]
    validations = wb[CASE_SHEET].data_validations.dataValidation
    assert any(LISTS_SHEET in (dv.formula1 or "") for dv in validations)
    csv_response = client.get(reverse("imports:template", args=["csv"]))
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines()[0].split(",")[0] == "Mã vụ việc của đơn vị"
    assert client.get("/cases/import/template.pdf").status_code == 404


def test_filled_in_xlsx_template_imports(login, tree):
    """The downloaded template, filled in by hand, goes through."""
    client = login("officer_langson_customs")
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("imports:template", args=["xlsx"])).content))
    ws = wb[CASE_SHEET]
    row = good_row(7)
    for position, column in enumerate(CASE_COLUMNS, start=1):
        ws.cell(row=2, column=position, value=row.get(column.key))
    buf = io.BytesIO()
    wb.save(buf)
    upload(client, tree.units["customs_huunghi"], buf.getvalue(), "mau.xlsx")
    job = ImportJob.objects.get()
    assert job.status == "validated" and job.format == "xlsx" and job.created_count == 1, job.errors
