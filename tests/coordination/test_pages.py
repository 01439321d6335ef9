"""The coordination forms through the web: publish, ask, reply with a file, take over; English labels."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sc389.coordination.models import Bulletin, Request
from sc389.coordination.tasks import escalate_overdue_requests
from sc389.notifications.tasks import send_digests


def test_publishing_without_a_distribution_says_what_to_do(tree, login):
    client = login("officer_langson_bp")
    response = client.post(
        "/coordination/bulletins/new/",
        {"author_unit": tree.units["bp_langson"].pk, "title": "T", "body": "B", "sensitivity": "normal"},
    )
    assert response.status_code == 200
    assert "Cần chọn ít nhất một nơi nhận bản tin." in response.content.decode()
    assert not Bulletin.objects.exists()


def test_publishing_with_an_unknown_entity_kind_or_case_is_refused(tree, login):
    client = login("officer_langson_bp")
    data = {
        "author_unit": tree.units["bp_langson"].pk,
        "title": "T",
        "body": "B",
        "sensitivity": "normal",
        "kinds": ["own_unit"],
        "entities": "tàu thuyền: ABC",
        "case_refs": "20-2025-999999",
    }
    html = client.post("/coordination/bulletins/new/", data).content.decode()
    assert "chưa rõ loại đối tượng" in html and "20-2025-999999" in html
    data.update(entities="Số điện thoại: 0912345678\nphương tiện: 12C-123.45", case_refs="")
    response = client.post("/coordination/bulletins/new/", data)
    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    assert [(e.kind, e.label) for e in bulletin.entities.all()] == [
        ("phone", "0912345678"),
        ("vehicle", "12C-123.45"),
    ]


def test_a_handover_through_the_pages(tree, login, make_case):
    case = make_case(officer="officer_langson_bp", unit="bp_langson", place=tree.communes["kyla"])
    client = login("officer_langson_bp")
    response = client.post(
        "/coordination/requests/new/",
        {
            "kind": "take_over_case",
            "from_unit": tree.units["bp_langson"].pk,
            "to_unit": tree.units["qltt_langson5"].pk,
            "subject": "Chuyển vụ mỹ phẩm giả",
            "deadline": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
            "case_ref": case.reference,
        },
    )
    req = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/coordination/requests/{req.pk}/"
    client = login("officer_langson_qltt")
    png = SimpleUploadedFile("bienban.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    reply = client.post(f"/coordination/requests/{req.pk}/", {"body": "Đã nhận hồ sơ", "files": [png]})
    assert reply.status_code == 302
    bad = client.post(
        f"/coordination/requests/{req.pk}/",
        {"body": "Tệp lạ", "files": [SimpleUploadedFile("x.html", b"<script>")]},
    )
    assert bad.status_code == 400 and "x.html" in bad.content.decode()
    page = client.get(f"/coordination/requests/{req.pk}/").content.decode()
    assert "bienban.png" in page and "Tiếp nhận vụ việc" in page
    assert client.post(f"/coordination/requests/{req.pk}/accept/").status_code == 302
    case.refresh_from_db()
    assert case.lead_unit == tree.units["qltt_langson5"]


def test_pages_read_in_english(tree, login):
    client = login("officer_langson_bp", lang="en")
    html = client.get("/coordination/bulletins/").content.decode()
    assert "Warning and intelligence bulletins" in html and "Publish a bulletin" in html
    assert "Notifications" in client.get("/notifications/").content.decode()


def test_the_background_tasks_run(tree):
    from sc389.coordination import services

    past = dt.date.today() - dt.timedelta(days=2)
    services.request_create(
        actor=tree.users["officer_langson_customs"],
        kind="verify_company",
        from_unit=tree.units["customs_huunghi"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh công ty",
        deadline=past,
        today=past,
    )
    assert escalate_overdue_requests.enqueue().return_value == 1
    assert send_digests.enqueue().return_value == 0


def test_notifications_are_read_in_the_readers_language_whatever_the_actors(tree, login):
    from django.utils import translation

    from sc389.notifications.models import Notification

    client = login("officer_langson_bp", lang="en")
    response = client.post(
        "/coordination/bulletins/new/",
        {
            "author_unit": tree.units["bp_langson"].pk,
            "title": "Gà thải",
            "body": "Qua đường mòn",
            "sensitivity": "normal",
            "kinds": ["own_committee"],
        },
    )
    assert response.status_code == 302
    told = list(Notification.objects.all())
    assert told and {n.title_msgid for n in told} == {"Bản tin mới từ %(unit)s: %(title)s"}
    with translation.override("vi"):
        assert {n.title for n in told} == {"Bản tin mới từ Đồn Biên phòng Đồng Đăng: Gà thải"}
    with translation.override("en"):
        assert {n.title for n in told} == {"New bulletin from Đồn Biên phòng Đồng Đăng: Gà thải"}
