"""Issue 6, nothing lost: soft delete with a reason, restore by an administrator, a deleted case counted nowhere."""

import datetime as dt

import pytest
from django.contrib import admin as django_admin
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from sc389.api import services as api_services
from sc389.cases import deleted, selectors, services
from sc389.cases.errors import CaseErrorCode
from sc389.cases.imports import pipeline
from sc389.cases.imports.importer import import_cases
from sc389.cases.models import Attachment, Case, GoodsLine, Party, PenaltyDecision
from sc389.cases.selectors import CaseFilters, case_page
from sc389.core import softdelete
from sc389.core.admin import AuditedAdmin
from sc389.core.errors import DomainError, NotFound
from sc389.core.models import AuditEvent
from sc389.entities import selectors as entity_selectors
from sc389.entities.services import entities_refresh
from sc389.reports import periods
from sc389.reports.indicators import TOTAL, Area, compute

from ..api.conftest import Caller
from ..imports.files import csv_bytes, good_row
from .matrix import MATRIX, build_cases

OFFICER = "officer_langson_customs"
ADMIN = "admin_langson"  # administrator of the Lạng Sơn committee: administers every case placed in Lạng Sơn
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def call(client, tree) -> Caller:
    """The API as a persona, with a bearer token each (tests/api/conftest.py)."""
    names = (OFFICER, ADMIN, "admin_national")
    return Caller(client, {n: api_services.api_token_create(user=tree.users[n], name="t").raw for n in names})


def events(case, verb):
    return AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk), verb=verb)


@pytest.fixture
def full_case(tree, make_case):
    """An open case of the Hữu Nghị customs with goods, a person, a penalty and a photo."""
    officer = tree.users[OFFICER]
    case = make_case(narrative="Vận chuyển thuốc lá điếu nhập lậu")
    services.goods_line_add(case=case, actor=officer, description="Thuốc lá điếu Jet", value_vnd=90_000_000)
    services.party_add(
        case=case,
        actor=officer,
        kind="person",
        name="Nguyễn Văn Hùng",
        date_of_birth=dt.date(1985, 4, 12),
        sex="male",
        id_number="020085001234",
    )
    services.outcome_add(
        case=case,
        actor=officer,
        kind="penalty",
        number="12/QĐ-XPHC",
        decided_on=dt.date(2025, 3, 20),
        fine_vnd=15_000_000,
    )
    upload = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    services.attachment_add(case=case, actor=officer, upload=upload, kind="photo")
    case.refresh_from_db()
    return case


def figures(tree) -> dict:
    found = compute(area=Area("province", tree.provinces["langson"]), period=periods.year(2025))
    return {code: found[code].get(TOTAL, 0) for code in ("cases_detected", "cases_handled", "fines_vnd")}


def visible_everywhere(tree, case) -> dict:
    """Where a user of the case's unit finds it: list, detail, word search, parties' entity appearances."""
    user = tree.users[OFFICER]
    listed = [c.pk for c in case_page(user=user, size=50).rows]
    searched = [c.pk for c in case_page(user=user, filters=CaseFilters(q="thuoc la jet"), size=50).rows]
    try:
        selectors.case_get(user=user, pk=case.pk)
        detail = True
    except NotFound:
        detail = False
    appearances = entity_selectors.appearance_list(user=user).filter(case_id=case.pk).count()
    return {
        "list": case.pk in listed,
        "search": case.pk in searched,
        "detail": detail,
        "appearances": appearances,
    }


def snapshot(case: Case) -> dict:
    """Everything a restore must bring back identically (the version moves on: it counts writes)."""
    case = Case.all_objects.get(pk=case.pk)
    own = {
        k: v for k, v in vars(case).items() if not k.startswith("_") and k not in ("version", "updated_at")
    }
    parts = {
        "goods": list(GoodsLine.objects.filter(case=case).values()),
        "parties": list(Party.objects.filter(case=case).values()),
        "penalties": list(PenaltyDecision.objects.filter(case=case).values()),
        "attachments": list(Attachment.objects.filter(case=case).values()),
    }
    return {"case": own, **parts}


def test_a_deleted_case_is_counted_nowhere_and_restore_brings_it_back_identically(tree, full_case):
    # given: the case is seen everywhere and counted in the province's report
    entities_refresh()
    before_figures = figures(tree)
    assert before_figures == {"cases_detected": 1, "cases_handled": 1, "fines_vnd": 15_000_000}
    assert visible_everywhere(tree, full_case) == {
        "list": True,
        "search": True,
        "detail": True,
        "appearances": 1,
    }
    before = snapshot(full_case)
    # when: the province's administrator deletes it with a reason
    services.case_delete(
        case=full_case, actor=tree.users[ADMIN], reason="  Nhập trùng   với vụ 20-2025-000099 "
    )
    # then: it is gone from every read and every figure, but kept, with who, when and why
    assert visible_everywhere(tree, full_case) == {
        "list": False,
        "search": False,
        "detail": False,
        "appearances": 0,
    }
    assert figures(tree) == {"cases_detected": 0, "cases_handled": 0, "fines_vnd": 0}
    assert not Case.objects.filter(pk=full_case.pk).exists()
    kept = Case.all_objects.get(pk=full_case.pk)
    assert kept.deleted_by == tree.users[ADMIN] and kept.deletion_reason == "Nhập trùng với vụ 20-2025-000099"
    event = events(full_case, "case.deleted").get()
    assert event.data["reason"] == "Nhập trùng với vụ 20-2025-000099" and event.actor == tree.users[ADMIN]
    # its reference number stays reserved: the next case takes another one
    other = services.case_create(
        actor=tree.users[OFFICER],
        lead_unit=tree.units["customs_huunghi"],
        category="smuggling",
        detected_on=dt.date(2025, 3, 1),
        place=tree.communes["dongdang"],
    )
    assert other.reference != full_case.reference
    services.case_delete(
        case=other, actor=tree.users[OFFICER], reason="Ghi thử"
    )  # leave the figures as before
    # when: the administrator restores it
    services.case_restore(case=kept, actor=tree.users[ADMIN])
    # then: everything is back as it was, and audited
    assert snapshot(full_case) == before
    assert figures(tree) == before_figures
    assert visible_everywhere(tree, full_case) == {
        "list": True,
        "search": True,
        "detail": True,
        "appearances": 1,
    }
    restored = events(full_case, "case.restored").get()
    assert restored.data["reason"] == "Nhập trùng với vụ 20-2025-000099"


@pytest.mark.parametrize(
    ("lang", "button", "entry"), [("en", "Delete case", "Case deleted"), ("vi", "Xóa vụ việc", "Xóa vụ việc")]
)
def test_the_delete_button_and_the_history_entry_say_each_their_own_words(
    tree, full_case, client, lang, button, entry
):
    # given a case deleted and restored by the province's administrator
    admin = tree.users[ADMIN]
    services.case_delete(case=full_case, actor=admin, reason="Nhập trùng")
    services.case_restore(case=Case.all_objects.get(pk=full_case.pk), actor=admin)
    # when the administrator opens the case page and its edit page
    client.force_login(admin)
    client.cookies["django_language"] = lang
    detail = client.get(reverse("cases:detail", args=[full_case.pk])).content.decode()
    edit = client.get(reverse("cases:edit", args=[full_case.pk])).content.decode()
    # then the button reads as an action, the history row as what happened
    head, rest = detail.split('<div class="page-head">', 1)[1].split("</div>", 1)
    history = rest.split('id="history"', 1)[1].split("</section>", 1)[0]
    assert f">{button}</a>" in head and f">{button}</a>" in edit
    assert f"<td>{entry}</td>" in history
    if lang == "en":
        assert "Case deleted" not in head + edit and "Delete case" not in history


def test_the_api_answers_404_for_a_deleted_case(tree, full_case, call):
    services.case_delete(case=full_case, actor=tree.users[ADMIN], reason="Nhập trùng")
    for persona in (OFFICER, ADMIN, "admin_national"):
        assert call(persona, "GET", f"/cases/{full_case.pk}").status_code == 404
        assert call(persona, "GET", f"/cases/{full_case.pk}/history").status_code == 404
    items = call(ADMIN, "GET", "/cases", query={"limit": 500}).json()["items"]
    assert full_case.pk not in [i["id"] for i in items]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_reason_is_required(tree, full_case, reason):
    with pytest.raises(DomainError) as caught:
        services.case_delete(case=full_case, actor=tree.users[ADMIN], reason=reason)
    assert (caught.value.code, caught.value.field) == ("reason_required", "reason")
    line = full_case.goods.get()
    with pytest.raises(DomainError):
        services.goods_line_remove(line=line, actor=tree.users[OFFICER], reason=reason)
    assert Case.objects.filter(pk=full_case.pk).exists() and full_case.goods.exists()
    assert not AuditEvent.objects.filter(verb__in=["case.deleted", "case.goods_removed"]).exists()


def test_the_api_refuses_a_deletion_without_reason_in_the_error_schema(tree, full_case, call):
    line = full_case.goods.get()
    response = call(OFFICER, "DELETE", f"/cases/{full_case.pk}/goods/{line.pk}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "reason_required" and body["field"] == "reason" and body["message"]
    assert (
        call(OFFICER, "DELETE", f"/cases/{full_case.pk}/goods/{line.pk}", {"reason": "Ghi nhầm"}).status_code
        == 204
    )
    response = call(ADMIN, "DELETE", f"/cases/{full_case.pk}?reason=")
    assert response.status_code == 400 and response.json()["field"] == "reason"
    assert call(ADMIN, "DELETE", f"/cases/{full_case.pk}?reason=Nh%E1%BA%ADp%20tr%C3%B9ng").status_code == 204
    assert events(full_case, "case.deleted").get().data["reason"] == "Nhập trùng"


def test_officers_delete_only_an_open_case_without_outcomes(tree, make_case, full_case):
    officer = tree.users[OFFICER]
    # a case with a penalty decision: officers are refused, its administrator may
    with pytest.raises(DomainError) as caught:
        services.case_delete(case=full_case, actor=officer, reason="Nhập nhầm")
    assert (caught.value.code, caught.value.status) == (CaseErrorCode.DELETE_NOT_ALLOWED, 403)
    assert not services.may_delete_case(officer, full_case)
    assert services.may_delete_case(tree.users[ADMIN], full_case)
    # an open case recorded in error: its officer may delete it
    fresh = make_case()
    assert services.may_delete_case(officer, fresh)
    services.case_delete(case=fresh, actor=officer, reason="Nhập nhầm đơn vị")
    # a closed case: administrators only
    closed = make_case()
    services.case_close(case=closed, actor=officer, reason="Hàng có hóa đơn hợp lệ")
    with pytest.raises(DomainError):
        services.case_delete(case=closed, actor=officer, reason="Nhập nhầm")
    # restoring: administrators only, even the officer who deleted it
    with pytest.raises(DomainError) as caught:
        services.case_restore(case=Case.all_objects.get(pk=fresh.pk), actor=officer)
    assert caught.value.code == CaseErrorCode.RESTORE_NOT_ALLOWED


def test_deleting_with_a_stale_version_is_refused(tree, full_case):
    opened = full_case.version
    services.case_update(case=full_case, actor=tree.users["reviewer_langson_customs"], narrative="Sửa")
    with pytest.raises(DomainError) as caught:
        services.case_delete(case=full_case, actor=tree.users[ADMIN], reason="Trùng", expected_version=opened)
    assert (caught.value.code, caught.value.status) == (CaseErrorCode.STALE, 409)
    assert Case.objects.filter(pk=full_case.pk).exists()


# --- roles × actions: delete, see deleted, restore -------------------------------------------------------


ADMINISTERS = {
    "admin_national": set(MATRIX["admin_national"][1]),
    "admin_langson": set(MATRIX["admin_langson"][1]),
}


@pytest.mark.parametrize("persona", sorted(set(MATRIX) - {"anonymous"}))
def test_who_may_delete_see_deleted_and_restore(tree, persona):
    # given: the matrix cases, each with a penalty (so only administrators may delete it) and a removed goods line
    cases = build_cases(tree)
    root = tree.users["admin_national"]
    removed = {}
    for name, case in cases.items():
        services.outcome_add(
            case=case, actor=root, kind="penalty", number="1/QĐ", decided_on=dt.date(2025, 8, 2)
        )
        line = services.goods_line_add(case=case, actor=root, description="Hàng thử")
        services.goods_line_remove(line=line, actor=root, reason="Thử")
        removed[name] = line
    user = tree.users[persona]
    administers = ADMINISTERS.get(persona, set())
    # see deleted: administrators only, within their scope
    assert deleted.may_see_deleted(user) == (persona in ADMINISTERS)
    seen = set(deleted.deleted_list(user=user, kind="goods").values_list("pk", flat=True))
    assert seen == {removed[n].pk for n in administers}
    # delete and restore, on each case
    wrong = []
    for name, case in cases.items():
        if services.may_delete_case(user, case) != (name in administers):
            wrong.append(f"may_delete {name}")
        try:
            services.part_restore(part=removed[name], actor=user)
            restored = True
        except DomainError:
            restored = False
        if restored != (name in administers):
            wrong.append(f"restore {name}")
    assert wrong == []


# --- parts: goods, parties, outcomes, attachments ------------------------------------------------------


def test_removing_an_outcome_derives_the_status_from_live_outcomes_and_restore_follows(tree, full_case):
    officer = tree.users[OFFICER]
    penalty = full_case.penalties.get()
    services.outcome_remove(outcome=penalty, actor=officer, reason="Ghi nhầm số quyết định")
    full_case.refresh_from_db()
    assert (full_case.status, full_case.handled_on) == ("open", None)
    assert figures(tree)["fines_vnd"] == 0
    event = events(full_case, "case.penalty_removed").get()
    assert event.data["reason"] == "Ghi nhầm số quyết định" and event.changes["status"] == [
        "sanctioned",
        "open",
    ]
    kept = PenaltyDecision.all_objects.get(pk=penalty.pk)
    assert kept.deleted_by == officer
    services.part_restore(part=kept, actor=tree.users[ADMIN])
    full_case.refresh_from_db()
    assert (full_case.status, full_case.handled_on) == ("sanctioned", dt.date(2025, 3, 20))
    assert figures(tree)["fines_vnd"] == 15_000_000
    assert events(full_case, "case.penalty_restored").get().changes["status"] == ["open", "sanctioned"]


def test_a_removed_goods_line_and_party_leave_the_case_and_its_search_text(tree, full_case):
    officer = tree.users[OFFICER]
    services.goods_line_remove(line=full_case.goods.get(), actor=officer, reason="Ghi trùng dòng")
    services.party_remove(party=full_case.parties.get(), actor=officer, reason="Không liên quan")
    full_case.refresh_from_db()
    assert not full_case.goods.exists() and not full_case.parties.exists()
    assert "jet" not in full_case.search_folded and "hung" not in full_case.search_folded
    assert events(full_case, "case.goods_removed").get().data["reason"] == "Ghi trùng dòng"
    assert events(full_case, "case.party_removed").get().data["reason"] == "Không liên quan"
    for part in (GoodsLine.all_objects.get(case=full_case), Party.all_objects.get(case=full_case)):
        services.part_restore(part=part, actor=tree.users[ADMIN])
    full_case.refresh_from_db()
    assert full_case.goods.count() == 1 and full_case.parties.count() == 1
    assert "jet" in full_case.search_folded and "hung" in full_case.search_folded


def test_a_removed_attachment_keeps_its_file_until_restored(tree, full_case, call):
    attachment = full_case.attachments.get()
    path = attachment.file.path
    response = call(
        OFFICER, "DELETE", f"/cases/{full_case.pk}/attachments/{attachment.pk}", {"reason": "Ảnh nhầm"}
    )
    assert response.status_code == 204
    assert not full_case.attachments.exists()
    with open(path, "rb") as stored:  # never purged
        assert stored.read() == PNG
    event = events(full_case, "case.attachment_removed").get()
    assert event.data["reason"] == "Ảnh nhầm" and event.data["name"] == "anh.png"
    services.part_restore(part=Attachment.all_objects.get(pk=attachment.pk), actor=tree.users[ADMIN])
    assert full_case.attachments.get().file.read() == PNG


# --- imports, unique values, the Django admin -----------------------------------------------------------


@pytest.mark.parametrize("pipelined", [False, True])
def test_reimporting_the_id_of_a_deleted_case_is_refused(tree, monkeypatch, settings, pipelined):
    if pipelined:  # the forked workers' path, with tiny chunks
        monkeypatch.setattr(pipeline, "MIN_ROWS", 1)
        monkeypatch.setattr(pipeline, "CHUNK_ROWS", 1)
        settings.SC389_IMPORT_WORKERS = 2
    else:
        settings.SC389_IMPORT_WORKERS = 0
    unit, officer = tree.units["customs_huunghi"], tree.users[OFFICER]
    data = csv_bytes([good_row(1), good_row(2)])
    assert import_cases(data=data, file_name="a.csv", unit=unit, actor=officer).created == 2
    case = Case.objects.get(external_ref="HN-2025-0001")
    services.case_delete(case=case, actor=tree.users[ADMIN], reason="Nhập trùng")
    # the same file again, the deleted case's row changed
    changed = csv_bytes([good_row(1, narrative="Sửa lại"), good_row(2)])
    result = import_cases(data=changed, file_name="a.csv", unit=unit, actor=officer)
    assert not result.ok and not result.written
    message = str(result.errors[0])
    assert "đã bị xóa, đề nghị quản trị khôi phục" in message and case.reference in message
    assert Case.all_objects.filter(external_ref="HN-2025-0001").count() == 1  # no duplicate
    kept = Case.all_objects.get(pk=case.pk)
    assert kept.deleted_at is not None and kept.narrative == case.narrative  # not resurrected, not changed


def test_the_force_case_id_of_a_deleted_case_stays_taken(tree, make_case):
    case = make_case(source_unit=tree.units["customs_huunghi"], external_ref="HN-7")
    services.case_delete(case=case, actor=tree.users[ADMIN], reason="Nhập trùng")
    with pytest.raises(ValidationError) as caught:
        make_case(source_unit=tree.units["customs_huunghi"], external_ref="HN-7")
    assert "đề nghị quản trị viên khôi phục" in str(caught.value)


def test_the_django_admin_soft_deletes_and_restores(tree, full_case):
    superuser = tree.users["admin_national"]
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    request = RequestFactory().post("/admin/")
    request.user = superuser
    request._messages = CookieStorage(request)
    model_admin = AuditedAdmin(Case, django_admin.site)
    # delete through the admin: marked, never removed
    model_admin.delete_model(request, full_case)
    kept = Case.all_objects.get(pk=full_case.pk)
    assert kept.deletion_reason == softdelete.ADMIN_REASON and kept.deleted_by == superuser
    assert AuditEvent.objects.filter(verb="case.deleted", target_id=str(full_case.pk)).exists()
    # the admin still lists it, and its confirmation names nothing else
    assert model_admin.get_queryset(request).filter(pk=full_case.pk).exists()
    names, counts, _perms, protected = model_admin.get_deleted_objects([kept], request)
    assert names == [str(kept)] and protected == []
    # restore through the admin action
    model_admin.restore_selected(request, Case.all_objects.filter(pk=full_case.pk))
    assert Case.objects.filter(pk=full_case.pk).exists()
    # a queryset delete is soft too
    model_admin.delete_queryset(request, Case.objects.filter(pk=full_case.pk))
    assert Case.all_objects.filter(pk=full_case.pk, deleted_at__isnull=False).exists()
