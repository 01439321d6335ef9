"""Word search over tasks (title, text, conclusion, assigned unit; diacritics ignored) within each persona's
rights, on the API and the to-do page; progress reports with attachments through the API (multipart), listed
and downloaded by those who may see the task only."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from sc389.core.models import AuditEvent
from sc389.core.text import fold_words
from sc389.direction import selectors, services
from sc389.direction.models import Task, TaskUpdate

from . import matrix
from .matrix import MATRIX

PREFIX = "/api/v1/direction"
PERSONAS = sorted(MATRIX)
PDF = b"%PDF-1.4\n" + b"0" * 64

# query -> the tasks of the matrix it matches, whoever looks (then cut down to what each persona sees)
QUERIES = {
    "NHIEM VU": set(matrix.TASKS),  # every title, "Nhiệm vụ <key>"
    "cửa khau huu nghi": {"ls_customs"},  # the words of the Lạng Sơn conclusion the task came from
    "tra linh": {"nat_bp_cb"},  # the assigned unit's name, "Đồn Biên phòng Trà Lĩnh"
    "nhiem vu hy": {"hy_police"},
    "khong co tu nay": set(),
}


@pytest.fixture
def world(tree):
    return matrix.build(tree)


@pytest.mark.parametrize("persona", PERSONAS)
def test_task_search_returns_only_what_the_persona_may_see(persona, world, call, login):
    view, _change, _direct = MATRIX[persona]
    names = {t.pk: n for n, t in world.tasks.items()}
    client = login(persona)
    for q, matches in QUERIES.items():
        response = call(persona, "GET", PREFIX + "/tasks", query={"q": q})
        page = client.get(reverse("direction:index"), {"q": q})
        if persona == "anonymous":
            assert response.status_code == 401 and page.status_code == 302
            continue
        assert {names[row["id"]] for row in response.json()} == matches & view, q
        html = page.content.decode()
        shown = {n for n, t in world.tasks.items() if f'href="/direction/tasks/{t.pk}/"' in html}
        # the to-do page lists the unit's own open tasks too; the search section holds the matches
        section = html.split('id="task-search"', 1)[1].split("</section>", 1)[0]
        found = {n for n, t in world.tasks.items() if f'href="/direction/tasks/{t.pk}/"' in section}
        assert found == matches & view, q
        assert found <= shown


def _found(call, persona: str, q: str) -> set[int]:
    response = call(persona, "GET", PREFIX + "/tasks", query={"q": q})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()}


def test_an_edited_task_is_found_by_its_new_words_only(world, call, tree):
    # given the Hưng Yên task, found by its title
    task = world.tasks["hy_police"]
    assert _found(call, "leader_hungyen", "nhiem vu hy") == {task.pk}
    # when its committee rewords it
    services.task_edit(
        actor=tree.users["leader_hungyen"],
        task=task,
        title="Truy xét đường dây pháo nổ",
        description="Phối hợp với Phòng Cảnh sát kinh tế",
    )
    # then the new words of the title and the text find it, the old title no longer does
    assert _found(call, "leader_hungyen", "DUONG DAY PHAO NO") == {task.pk}
    assert _found(call, "leader_hungyen", "phong canh sat kinh te") == {task.pk}
    assert _found(call, "leader_hungyen", "nhiem vu hy") == set()
    assert _found(call, "admin_national", "truy xet") == {task.pk}
    assert _found(call, "leader_langson", "truy xet") == set()  # outside Lạng Sơn's scope still
    event = AuditEvent.objects.get(verb="direction.task_edited", target_id=str(task.pk))
    assert event.changes["title"] == ["Nhiệm vụ hy_police", "Truy xét đường dây pháo nổ"]
    assert "search_folded" not in event.changes


def test_a_search_returns_the_nearest_deadlines_first_up_to_its_limit(world, call, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_MAX", 2)
    nearest = Task.objects.order_by("due_on", "id").values_list("pk", flat=True)[:2]
    assert _found(call, "admin_national", "nhiem vu") == set(nearest)


def test_the_migration_fills_the_words_of_tasks_given_before_it(world, call):
    # given tasks whose folded words are missing, as before the column existed
    Task.objects.update(search_folded="")
    assert _found(call, "admin_national", "hang qua canh") == set()
    # when the data migration runs
    migration = importlib.import_module("sc389.direction.migrations.0002_task_search_folded")
    migration.fill(apps, None)
    # then each task holds the words the services would have stored, and is found again
    for task in Task.objects.select_related("conclusion"):
        assert task.search_folded == fold_words(task.searchable_text()) != ""
    assert _found(call, "admin_national", "hang qua canh") == {world.tasks["ls_customs"].pk}


def _upload(call, persona, task, **fields):
    headers = {"Authorization": f"Bearer {call.tokens[persona]}"} if persona != "anonymous" else {}
    data = {"text": "Đã lập 3 chốt", "percent": 40, **fields}
    return call.client.post(f"{PREFIX}/tasks/{task.pk}/progress/upload", data, headers=headers)


def test_progress_upload_by_persona(world, call):
    # given the five tasks; when every persona posts progress with a PDF on each (rolled back each time)
    wrong = []
    for persona in PERSONAS:
        view, change, _direct = MATRIX[persona]
        for name, task in world.tasks.items():
            want = (
                401 if persona == "anonymous" else 404 if name not in view else 201 if name in change else 403
            )
            with transaction.atomic():
                response = _upload(
                    call, persona, task, attachment=SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf")
                )
                transaction.set_rollback(True)
            if response.status_code != want:
                wrong.append(f"{persona} {name}: {response.status_code} != {want}")
    # then each answer is the matrix's
    assert wrong == []


def test_progress_with_a_file_is_listed_and_downloaded_within_scope(world, call):
    task = world.tasks["ls_customs"]
    response = _upload(
        call, "officer_langson_customs", task, attachment=SimpleUploadedFile("bao-cao.pdf", PDF)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["percent"], body["status"], body["attachment_name"]) == (40, "in_progress", "bao-cao.pdf")
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest() and body["attachment_type"] == "application/pdf"
    stored = TaskUpdate.objects.get()
    assert body["sha256"] in stored.attachment.name and "bao-cao" not in stored.attachment.name
    url = body["attachment_url"]
    assert url == f"{PREFIX}/tasks/{task.pk}/updates/{stored.pk}/attachment"
    detail = call("leader_langson", "GET", f"{PREFIX}/tasks/{task.pk}").json()
    assert detail["updates"][0]["attachment_url"] == url
    # whoever sees the task downloads it; the others do not find it
    for persona in PERSONAS:
        response = call(persona, "GET", url)
        view, _change, _direct = MATRIX[persona]
        want = 401 if persona == "anonymous" else 200 if "ls_customs" in view else 404
        assert response.status_code == want, persona
        if want == 200:
            assert b"".join(response.streaming_content) == PDF
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Disposition"].startswith("attachment")
    # a report without a file has no download
    response = _upload(call, "officer_langson_customs", task, percent=60)
    assert response.json()["attachment_url"] is None
    no_file = TaskUpdate.objects.order_by("-id").first()
    assert (
        call("leader_langson", "GET", f"{PREFIX}/tasks/{task.pk}/updates/{no_file.pk}/attachment").status_code
        == 404
    )


def test_an_executable_or_an_oversized_file_is_refused_and_nothing_written(world, call, settings):
    task = world.tasks["ls_customs"]
    response = _upload(
        call, "officer_langson_customs", task, attachment=SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00")
    )
    assert response.status_code == 400 and response.json()["code"] == "case.bad_attachment"
    settings.ATTACHMENT_MAX_BYTES = 10
    response = _upload(call, "officer_langson_customs", task, attachment=SimpleUploadedFile("lon.pdf", PDF))
    assert response.status_code == 400 and "lon.pdf" in response.json()["message"]
    bad = _upload(call, "officer_langson_customs", task, percent=140)
    assert bad.status_code == 422 or bad.status_code == 400
    task.refresh_from_db()
    assert not TaskUpdate.objects.exists() and task.percent == 0
