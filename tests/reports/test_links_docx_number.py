"""The DOCX heading's "Số: .../BC-BCĐ389" and date: blank on a report run at any time (filled by hand when
signed), filled with the version's number and date of issue when exported from an issued version."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from .world import version

pytestmark = pytest.mark.django_db


def heading(content: bytes) -> list[str]:
    return [c.text for c in Document(io.BytesIO(content)).tables[0].rows[0].cells]


def test_a_report_not_issued_keeps_number_and_date_blank(tree, login):
    client = login("analyst_langson")
    query = {"area": "20", "kind": "month", "year": "2025", "n": "1", "compare": "none"}
    response = client.get(reverse("reports:export", kwargs={"fmt": "docx"}), query)
    assert response.status_code == 200
    left, right = heading(response.content)
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-BCĐ389" in left
    today = dt.date.today()
    assert (
        f"ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm {today.year}"
        in right
    )
    assert f"ngày {today.day:02d}" not in right and f"ngày {today.day} " not in right


def test_an_issued_version_exports_with_its_number_date_and_frozen_figures(tree, login, make_case):
    make_case(detected_on=dt.date(2025, 1, 10))
    first = version(tree)
    make_case(detected_on=dt.date(2025, 1, 11))  # recorded after the cut-off
    second = version(tree)
    client = login("analyst_langson")
    response = client.get(reverse("reports:version_export", kwargs={"pk": first.pk, "fmt": "docx"}))
    assert response.status_code == 200
    left, right = heading(response.content)
    issued = timezone.localdate(first.issued_at)
    assert f"Số: {first.number}/BC-BCĐ389" in left and first.number == 1 and second.number == 2
    day = f"{issued.day:02d}" if issued.day < 10 else str(issued.day)
    month = f"{issued.month:02d}" if issued.month < 3 else str(issued.month)
    assert f"Lạng Sơn, ngày {day} tháng {month} năm {issued.year}" in right
    # the figures are the frozen ones: one case detected in the first version, two in the second
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "phát hiện" in text.lower()
    detected = [
        row.cells[1].text
        for t in document.tables[1:]
        for row in t.rows
        if row.cells[0].text == "Số vụ phát hiện"
    ]
    assert detected[0] == "1"
    again = client.get(reverse("reports:version_export", kwargs={"pk": second.pk, "fmt": "docx"}))
    assert f"Số: {second.number}/BC-BCĐ389" in heading(again.content)[0]
    detected = [
        row.cells[1].text
        for t in Document(io.BytesIO(again.content)).tables[1:]
        for row in t.rows
        if row.cells[0].text == "Số vụ phát hiện"
    ]
    assert detected[0] == "2"
    # the version page offers the download; outside the committee's scope the version does not exist
    page = client.get(reverse("reports:version", kwargs={"pk": first.pk}))
    assert reverse("reports:version_export", kwargs={"pk": first.pk, "fmt": "docx"}) in page.content.decode()
    other = login("leader_caobang").get(
        reverse("reports:version_export", kwargs={"pk": first.pk, "fmt": "docx"})
    )
    assert other.status_code == 404
