"""The direction pages: every persona × every task, session, directive and board shows exactly what the
matrix allows (signed out: to the login page), and the main flows work through the forms."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sc389.direction.models import Task, WorkingSession

from . import matrix
from .matrix import MATRIX

PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture
def world(tree):
    return matrix.build(tree)


def _want(persona: str, visible: bool) -> int:
    return 302 if persona == "anonymous" else (200 if visible else 404)


def test_pages_by_persona(world, tree, login):
    wrong = []
    for persona in sorted(MATRIX):
        view, change, direct = MATRIX[persona]
        client = login(persona)
        pages = [
            (reverse("direction:task", args=[t.pk]), name in view, name) for name, t in world.tasks.items()
        ]
        pages += [
            (reverse("direction:session", args=[s.pk]), name in matrix.sessions_visible(persona), name)
            for name, s in world.sessions.items()
        ]
        pages += [
            (reverse("direction:directive", args=[d.pk]), name in matrix.directives_visible(persona), name)
            for name, d in world.directives.items()
        ]
        pages += [
            (reverse("direction:board", args=[c.pk]), key in direct, key)
            for key, c in tree.committees.items()
        ]
        for url, visible, name in pages:
            response = client.get(url)
            want = _want(persona, visible)
            if response.status_code != want:
                wrong.append(f"{persona} {url} [{name}]: {response.status_code} != {want}")
            elif want == 200 and "/tasks/" in url:
                # the progress form is offered exactly to those who may report
                offered = "Gửi báo cáo tiến độ" in response.content.decode()
                if offered != (name in change):
                    wrong.append(f"{persona} {url}: progress form offered={offered}")
    assert wrong == []


def test_todo_lists_the_units_tasks(world, login):
    text = login("officer_langson_customs").get(reverse("direction:index")).content.decode()
    assert "Nhiệm vụ ls_customs" in text
    assert "Nhiệm vụ ls_qltt" not in text and "Nhiệm vụ hy_police" not in text


def test_a_session_its_tasks_and_progress_through_the_pages(tree, login):
    # given the standing office of Lạng Sơn records a session with two conclusions
    client = login("analyst_langson")
    response = client.post(
        reverse("direction:session_create"),
        {
            "committee": tree.committees["langson"].pk,
            "kind": "briefing",
            "held_on": "02/10/2025",
            "title": "Giao ban tháng 10/2025",
            "participant_units": [tree.units["customs_huunghi"].pk],
            "conclusions": "Kiểm soát chặt đường mòn\nKiểm tra kho hàng",
        },
    )
    session = WorkingSession.objects.get()
    assert response.status_code == 302 and session.conclusions.count() == 2
    # when it turns the first conclusion into a task for the Hữu Nghị customs
    conclusion = session.conclusions.first()
    response = client.post(
        reverse("direction:conclusion_task", args=[session.pk, conclusion.pk]),
        {"assignee": tree.units["customs_huunghi"].pk, "title": "Tuần tra", "due_on": "2025-12-01"},
    )
    task = Task.objects.get()
    assert response.status_code == 302 and task.conclusion == conclusion
    # and the unit reports progress with a PDF
    officer = login("officer_langson_customs")
    response = officer.post(
        reverse("direction:task", args=[task.pk]),
        {
            "text": "Đã lập chốt",
            "percent": 50,
            "status": "in_progress",
            "attachment": SimpleUploadedFile("bc.pdf", PDF),
        },
    )
    assert response.status_code == 302
    update = task.updates.get()
    # then the committee downloads the file, a unit of another force may not
    url = reverse("direction:update_file", args=[task.pk, update.pk])
    assert login("leader_langson").get(url)["Content-Disposition"].startswith("attachment")
    assert login("officer_langson_qltt").get(url).status_code == 404


def test_a_unit_cannot_post_progress_on_a_task_it_only_sees(world, login):
    task = world.tasks["ls_customs"]
    response = login("leader_customs_region").post(
        reverse("direction:task", args=[task.pk]), {"text": "x", "percent": 10, "status": "in_progress"}
    )
    assert response.status_code == 404
    assert task.updates.count() == 0


def test_directive_with_document_and_campaign_forms(tree, login):
    client = login("leader_hungyen")
    response = client.post(
        reverse("direction:directives"),
        {
            "committee": tree.committees["hungyen"].pk,
            "kind": "plan",
            "number": "45/KH-BCĐ389",
            "issued_on": "17/05/2025",
            "title": "Kế hoạch cao điểm",
            "document": SimpleUploadedFile("kh.pdf", PDF),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("direction:campaigns"),
        {
            "committee": tree.committees["hungyen"].pk,
            "name": "Cao điểm",
            "starts_on": "17/05/2025",
            "ends_on": "15/10/2025",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("direction:campaigns")).content.decode()
    assert "17/05/2025" in page and "15/10/2025" in page
    # a unit cannot record for a committee
    response = login("officer_hungyen_police").post(
        reverse("direction:campaigns"),
        {
            "committee": tree.committees["hungyen"].pk,
            "name": "X",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2025, 2, 1),
        },
    )
    assert response.status_code == 404
