"""Issue 6 on the pages: deleting asks why, administrators restore; two people editing one record at once never
overwrite each other silently (two signed-in sessions, and two API tokens)."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sc389.api import services as api_services
from sc389.cases import services
from sc389.cases.models import Case, GoodsLine

from .test_forms import case_data

OFFICER = "officer_langson_customs"
REVIEWER = "reviewer_langson_customs"  # the same unit as OFFICER
ADMIN = "admin_langson"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def session(tree):
    """A separate signed-in browser session per call (its own cookies)."""

    def open_as(persona: str) -> Client:
        client = Client()
        client.force_login(tree.users[persona])
        client.cookies["django_language"] = "vi"
        return client

    return open_as


# --- two sessions, one record -----------------------------------------------------------------------------


def test_two_sessions_edit_one_case_the_second_save_is_refused_and_shows_the_first(tree, make_case, session):
    case = make_case(narrative="Nội dung ban đầu")
    first, second = session(OFFICER), session(REVIEWER)
    url = reverse("cases:edit", args=[case.pk])
    # both open the edit form of the same version
    opened = [int(c.get(url).context["form"]["version"].value()) for c in (first, second)]
    assert opened[0] == opened[1] == case.version
    # the first saves
    saved = first.post(url, case_data(tree, version=opened[0], narrative="Sửa của người thứ nhất"))
    assert saved.status_code == 302
    # the second saves from the form it opened: refused, the first one's change shown, its own text kept
    refused = second.post(url, case_data(tree, version=opened[1], narrative="Sửa của người thứ hai"))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Vụ việc đã được người khác sửa" in html
    assert ("Tóm tắt vụ việc", "Sửa của người thứ nhất") in [
        (str(a), b) for a, b in refused.context["conflicts"]
    ]
    assert "Sửa của người thứ nhất" in html and "Sửa của người thứ hai" in html
    # nothing overwritten
    case.refresh_from_db()
    assert case.narrative == "Sửa của người thứ nhất"


def test_two_sessions_correct_one_goods_line(tree, make_case, session):
    case = make_case()
    line = services.goods_line_add(
        case=case, actor=tree.users[OFFICER], description="Thuốc lá", value_vnd=100
    )
    first, second = session(OFFICER), session(REVIEWER)
    url = reverse("cases:goods_edit", args=[case.pk, line.pk])
    versions = [c.get(url).context["form"]["version"].value() for c in (first, second)]

    def data(description: str, value: int, version) -> dict:
        return {"goods-description": description, "goods-value_vnd": value, "goods-version": version}

    assert first.post(url, data("Thuốc lá điếu Jet", 900, versions[0])).status_code == 302
    refused = second.post(url, data("Thuốc lá điếu Hero", 500, versions[1]))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Thuốc lá điếu Jet" in html  # the first one's value, shown beside the form
    assert 'value="Thuốc lá điếu Hero"' in html  # the second one's typing kept
    line = GoodsLine.objects.get(pk=line.pk)
    assert (line.description, line.value_vnd) == ("Thuốc lá điếu Jet", 900)


def test_two_sessions_correct_one_outcome(tree, make_case, session):
    case = make_case()
    penalty = services.outcome_add(
        case=case,
        actor=tree.users[OFFICER],
        kind="penalty",
        number="15/QĐ-XPHC",
        decided_on=dt.date(2025, 3, 10),
        fine_vnd=15_000_000,
    )
    first, second = session(OFFICER), session(REVIEWER)
    url = reverse("cases:outcome_edit", args=[case.pk, "penalty", penalty.pk])
    versions = [c.get(url).context["form"]["version"].value() for c in (first, second)]

    def data(number: str, fine: str, version) -> dict:
        return {
            "penalty-number": number,
            "penalty-decided_on": "10/03/2025",
            "penalty-fine_vnd": fine,
            "penalty-confiscated_value_vnd": "0",
            "penalty-destroyed_value_vnd": "0",
            "penalty-version": version,
        }

    assert first.post(url, data("16/QĐ-XPHC", "20000000", versions[0])).status_code == 302
    refused = second.post(url, data("17/QĐ-XPHC", "30000000", versions[1]))
    assert refused.status_code == 200
    shown = dict((str(a), b) for a, b in refused.context["conflicts"])
    assert "16/QĐ-XPHC" in shown.values()
    penalty.refresh_from_db()
    assert (penalty.number, penalty.fine_vnd) == ("16/QĐ-XPHC", 20_000_000)


def test_two_api_tokens_a_stale_version_answers_409_with_the_current_case(tree, make_case, client):
    case = make_case(narrative="Ban đầu")
    tokens = {p: api_services.api_token_create(user=tree.users[p], name="t").raw for p in (OFFICER, REVIEWER)}

    def patch(persona: str, body: dict):
        return client.patch(
            f"/api/v1/cases/{case.pk}",
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {tokens[persona]}"},
        )

    opened = [
        client.get(f"/api/v1/cases/{case.pk}", headers={"Authorization": f"Bearer {tokens[p]}"}).json()[
            "version"
        ]
        for p in (OFFICER, REVIEWER)
    ]
    assert patch(OFFICER, {"version": opened[0], "narrative": "Của người thứ nhất"}).status_code == 200
    refused = patch(REVIEWER, {"version": opened[1], "narrative": "Của người thứ hai"})
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "case.stale_version"
    assert body["current"]["narrative"] == "Của người thứ nhất" and body["current"]["version"] > opened[1]
    case.refresh_from_db()
    assert case.narrative == "Của người thứ nhất"
    # deleting from a stale read is refused the same way
    stale = client.delete(
        f"/api/v1/cases/{case.pk}?reason=Tr%C3%B9ng&version={opened[1]}",
        headers={"Authorization": f"Bearer {tokens[OFFICER]}"},
    )
    assert stale.status_code == 409 and stale.json()["current"]["narrative"] == "Của người thứ nhất"
    assert Case.objects.filter(pk=case.pk).exists()


# --- deleting with a reason, restoring -------------------------------------------------------------------


def test_delete_page_asks_a_reason_and_the_administrator_restores(tree, make_case, session):
    case = make_case(narrative="Vụ nhập nhầm")
    officer, admin = session(OFFICER), session(ADMIN)
    detail = reverse("cases:detail", args=[case.pk])
    url = reverse("cases:delete", args=[case.pk])
    assert f'href="{url}"' in officer.get(detail).content.decode()  # an open case without outcomes
    page = officer.get(url)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    # no reason: refused, nothing deleted
    refused = officer.post(url, {"reason": "  "})
    assert refused.status_code == 400 and refused.context["form"].errors["reason"]
    assert Case.objects.filter(pk=case.pk).exists()
    # with a reason: gone for everyone, the administrator included
    done = officer.post(url, {"reason": "Nhập nhầm đơn vị", "version": case.version})
    assert done.status_code == 302 and done["Location"] == reverse("cases:list")
    for client in (officer, admin):
        assert client.get(detail).status_code == 404
        assert case.reference not in client.get(reverse("cases:list")).content.decode()
    # the deleted records: administrators only, with who, when and why
    assert officer.get(reverse("cases:deleted")).status_code == 403
    listing = admin.get(reverse("cases:deleted"))
    html = listing.content.decode()
    assert listing.status_code == 200 and "Dữ liệu đã xóa" in html
    who = tree.users[OFFICER].get_full_name() or OFFICER
    assert case.reference in html and "Nhập nhầm đơn vị" in html and who in html
    restore = reverse("cases:restore", args=["case", case.pk])
    assert officer.post(restore).status_code == 403
    assert admin.post(restore).status_code == 302
    page = officer.get(detail)
    assert page.status_code == 200
    history = page.content.decode()
    assert "Xóa vụ việc" in history and "Lý do xóa: Nhập nhầm đơn vị" in history
    assert "Khôi phục vụ việc" in history


def test_an_officer_has_no_delete_button_on_a_case_with_outcomes(tree, make_case, session):
    case = make_case()
    services.outcome_add(
        case=case, actor=tree.users[OFFICER], kind="penalty", number="1/QĐ", decided_on=dt.date(2025, 3, 2)
    )
    url = reverse("cases:delete", args=[case.pk])
    officer = session(OFFICER)
    assert f'href="{url}"' not in officer.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert officer.post(url, {"reason": "Nhập nhầm"}).status_code == 403
    admin = session(ADMIN)
    assert f'href="{url}"' in admin.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert admin.post(url, {"reason": "Nhập trùng"}).status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()


def test_removing_an_attachment_on_the_web(tree, make_case, session):
    case = make_case()
    upload = SimpleUploadedFile("bien-ban.png", PNG, content_type="image/png")
    attachment = services.attachment_add(case=case, actor=tree.users[OFFICER], upload=upload, kind="photo")
    officer = session(OFFICER)
    download = reverse("cases:attachment", args=[case.pk, attachment.pk])
    remove = reverse("cases:attachment_remove", args=[case.pk, attachment.pk])
    assert f'href="{remove}"' in officer.get(reverse("cases:edit", args=[case.pk])).content.decode()
    assert officer.post(remove, {"reason": "Ảnh của vụ khác"}).status_code == 302
    assert officer.get(download).status_code == 404
    admin = session(ADMIN)
    html = admin.get(reverse("cases:deleted")).content.decode()
    assert "bien-ban.png" in html and "Ảnh của vụ khác" in html
    assert admin.post(reverse("cases:restore", args=["attachment", attachment.pk])).status_code == 302
    response = officer.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG


def test_a_deletion_based_on_an_old_read_is_refused_then_confirmed(tree, make_case, session):
    case = make_case(narrative="Ban đầu")
    deleter, editor = session(OFFICER), session(REVIEWER)
    url = reverse("cases:delete", args=[case.pk])
    opened = deleter.get(url).context["form"]["version"].value()
    edit = reverse("cases:edit", args=[case.pk])
    assert editor.post(edit, case_data(tree, version=case.version, narrative="Đã sửa")).status_code == 302
    refused = deleter.post(url, {"reason": "Nhập nhầm", "version": opened})
    assert refused.status_code == 400 and "Vụ việc đã được người khác sửa" in refused.content.decode()
    assert Case.objects.filter(pk=case.pk).exists()
    current = refused.context["form"]["version"].value()
    assert int(current) == Case.objects.get(pk=case.pk).version
    assert deleter.post(url, {"reason": "Nhập nhầm", "version": current}).status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
