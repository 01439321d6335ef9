"""The public tip page: works without login, rejects the honeypot, enforces the rate limit, refuses what is not
a photo or too large with a clear message; a tip reaches the right unit and its receipt shows only the status."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sc389.cases.models import Case
from sc389.core.models import AuditEvent
from sc389.tips import abuse
from sc389.tips.models import Tip

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64  # a Windows program


def form(tree, **extra):
    data = {
        "category": "smuggling",
        "place": tree.communes["dongdang"].pk,
        "place_q": "Xã Đồng Đăng",
        "place_text": "Đường mòn mốc 1119",
        "description": "Đêm nào cũng có xe máy chở gia cầm qua đường mòn gần mốc 1119.",
        "contact_phone": "0912345678",
        "website": "",
    }
    data.update(extra)
    return data


def test_the_form_opens_without_login(client, tree):
    response = client.get(reverse("tips:submit"))
    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()  # the honeypot is on the page, hidden by CSS


def test_a_tip_reaches_the_right_unit_and_its_code_shows_the_status(client, tree):
    # given a citizen with a photo, no account
    photo = SimpleUploadedFile("xe.png", PNG, content_type="image/png")
    # when they send the tip
    response = client.post(reverse("tips:submit"), {**form(tree), "photos": [photo]})
    # then they get a receipt code
    assert response.status_code == 302 and response.url == reverse("tips:sent")
    tip = Tip.objects.get()
    receipt = client.get(reverse("tips:sent")).content.decode()
    assert tip.receipt_code in receipt
    assert tip.photos.count() == 1 and tip.photos.get().content_type == "image/png"
    # the suggestion is the border post of Lạng Sơn (smuggling on a trail: border guard first)
    assert tip.province == tree.provinces["langson"] and tip.suggested_unit == tree.units["bp_langson"]
    assert AuditEvent.objects.filter(verb="tip.submitted", target_id=str(tip.pk)).exists()

    # when the standing office of Lạng Sơn routes it (overriding the suggestion) and the unit opens a case
    client.force_login(tree.users["analyst_langson"])
    response = client.post(
        reverse("tips:route", args=[tip.pk]), {"unit": tree.units["customs_huunghi"].pk, "note": "NỘI-BỘ-XYZ"}
    )
    assert response.status_code == 302
    client.force_login(tree.users["officer_langson_customs"])
    response = client.post(reverse("tips:open_case", args=[tip.pk]))
    tip.refresh_from_db()
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    assert (
        tip.case == case
        and case.lead_unit == tree.units["customs_huunghi"]
        and tip.receipt_code in case.narrative
    )

    # then the public status page, without login, shows the new status and nothing internal
    client.logout()
    page = client.get(reverse("tips:status"), {"code": tip.receipt_code.lower().replace("-", " ")})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đã lập vụ việc để xử lý" in text
    for secret in (
        "NỘI-BỘ-XYZ",
        tree.units["customs_huunghi"].name,
        case.reference,
        "mốc 1119",
        "0912345678",
    ):
        assert secret not in text


def test_an_unknown_code_is_not_found(client, db):
    response = client.get(reverse("tips:status"), {"code": "AAAAA-BBBBB"})
    assert response.status_code == 404
    assert "Không tìm thấy tin báo" in response.content.decode()


def test_the_honeypot_is_refused(client, tree):
    response = client.post(reverse("tips:submit"), form(tree, website="http://spam.example"))
    assert response.status_code == 400
    assert Tip.objects.count() == 0


def test_the_rate_limit_holds(client, tree):
    count, _seconds = abuse.SUBMIT_LIMIT
    for _ in range(count):
        assert client.post(reverse("tips:submit"), form(tree)).status_code == 302
    response = client.post(reverse("tips:submit"), form(tree))
    assert response.status_code == 429
    assert "quá nhiều" in response.content.decode()
    assert Tip.objects.count() == count
    # another address is not affected
    assert client.post(reverse("tips:submit"), form(tree), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_an_executable_renamed_jpg_is_refused(client, tree):
    fake = SimpleUploadedFile("anh.jpg", EXE, content_type="image/jpeg")
    response = client.post(reverse("tips:submit"), {**form(tree), "photos": [fake]})
    assert response.status_code == 400
    assert "anh.jpg không phải ảnh JPEG, PNG hoặc WebP" in response.content.decode()
    assert Tip.objects.count() == 0


def test_an_oversized_photo_is_refused(client, tree, monkeypatch):
    monkeypatch.setattr(abuse, "PHOTO_MAX_BYTES", 1024 * 1024)
    big = SimpleUploadedFile("lon.png", PNG + b"\x00" * (1024 * 1024), content_type="image/png")
    response = client.post(reverse("tips:submit"), {**form(tree), "photos": [big]})
    assert response.status_code == 400
    assert "lon.png lớn hơn 1 MB" in response.content.decode()
    assert Tip.objects.count() == 0


def test_the_api_refuses_an_executable_and_the_honeypot(client, tree):
    url = "/api/v1/tips/public"
    data = {
        "category": "smuggling",
        "place": tree.communes["dongdang"].pk,
        "description": "Hàng lậu qua đường mòn",
    }
    response = client.post(url, {**data, "photos": [SimpleUploadedFile("a.jpg", EXE)]})
    assert response.status_code == 400 and response.json()["code"] == "tip.bad_photo"
    response = client.post(url, {**data, "website": "x"})
    assert response.status_code == 400 and response.json()["code"] == "tip.rejected"
    assert Tip.objects.count() == 0


@pytest.mark.parametrize("persona", ["anonymous", "officer_langson_qltt", "leader_hungyen"])
def test_photos_are_never_served_to_the_public_or_outside_scope(persona, client, tree, login):
    client.post(reverse("tips:submit"), {**form(tree), "photos": [SimpleUploadedFile("x.png", PNG)]})
    tip = Tip.objects.get()
    url = reverse("tips:photo", args=[tip.pk, tip.photos.get().pk])
    response = login(persona).get(url)
    assert response.status_code == (302 if persona == "anonymous" else 404)
    # the committee of the province gets it, as a download that is never sniffed or rendered
    response = login("analyst_langson").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_public_pages_speak_english_too(client, db):
    client.cookies["django_language"] = "en"
    assert (
        "Report smuggling, counterfeit goods or trade fraud"
        in client.get(reverse("tips:submit")).content.decode()
    )
    assert "Check a tip" in client.get(reverse("tips:status")).content.decode()


def test_tips_sent_before_the_search_field_are_found_after_the_migration(tree):
    """The migration fills the folded words of tips already in the database."""
    import importlib

    from django.apps import apps as django_apps

    from sc389.tips import services
    from sc389.tips.models import Tip

    tip = services.tip_submit(
        category="counterfeit_ip",
        place=tree.communes["kyla"],
        description="Cửa hàng bán sữa bột giả nhãn hiệu",
        place_text="Chợ Đông Kinh",
    )
    Tip.objects.filter(pk=tip.pk).update(search_folded="")
    migration = importlib.import_module("sc389.tips.migrations.0002_tip_search_folded")
    migration.fill(django_apps, None)
    tip.refresh_from_db()
    assert tip.search_folded == "cua hang ban sua bot gia nhan hieu cho dong kinh phuong ky lua lang son"
