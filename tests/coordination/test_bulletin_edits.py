"""Correcting and withdrawing a bulletin: who may, the new version, the audit, the notices to its recipients,
and what the recipients then see (web and API)."""

import pytest

from sc389.coordination import selectors, services
from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.notifications.models import Notification
from sc389.org import services as org
from sc389.org.choices import Role


@pytest.fixture
def bulletin(tree):
    """Lạng Sơn's border post warns Cao Bằng (the Cao Bằng post sits on its committee)."""
    org.committee_member_add(
        committee=tree.committees["caobang"], name="Biên phòng", unit=tree.units["bp_caobang"]
    )
    return services.bulletin_publish(
        actor=tree.users["officer_langson_bp"],
        author_unit=tree.units["bp_langson"],
        title="Gà thải qua đường mòn",
        body="Đối tượng chở gà thải qua mốc 1119 lúc 2 giờ sáng",
        distributions=[{"kind": "provinces", "province": tree.provinces["caobang"]}],
        entities=[("vehicle", "12C-123.45")],
    )


def _told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_author_corrects_a_new_version_audited_and_recipients_told(tree, bulletin):
    # when
    services.bulletin_update(
        bulletin=bulletin,
        actor=tree.users["officer_langson_bp"],
        title="Gà thải qua đường mòn (đính chính)",
        body="Đối tượng chở lợn qua mốc 1120 lúc 3 giờ sáng",
        entities=[("vehicle", "12C-999.99")],
    )
    # then
    bulletin.refresh_from_db()
    assert bulletin.version == 2 and bulletin.edited_at is not None and bulletin.status == "published"
    assert [e.label for e in bulletin.entities.all()] == ["12C-999.99"]
    event = AuditEvent.objects.get(verb="bulletin.corrected", target_id=str(bulletin.pk))
    assert event.actor == tree.users["officer_langson_bp"]
    assert event.changes["version"] == [1, 2] and event.changes["body"][1].startswith("Đối tượng chở lợn")
    assert event.data["entities"] == [[["vehicle", "12C-123.45"]], [["vehicle", "12C-999.99"]]]
    assert _told("bulletin.corrected") == {"leader_caobang", "officer_caobang_bp"}
    # the search follows the corrected text, not the old one
    reader = tree.users["officer_caobang_bp"]
    assert list(selectors.bulletin_list(user=reader, q="lon 1120")) == [bulletin]
    assert list(selectors.bulletin_list(user=reader, q="ga thai 1119")) == []
    assert list(selectors.bulletin_list(user=reader, q="12C 999")) == [bulletin]


def test_the_author_units_admin_may_correct_a_leader_above_may_not(tree, bulletin):
    admin = org.user_create(username="admin_bp_langson", password="x-389-test", full_name="Quản trị đồn")
    org.membership_grant(user=admin, role=Role.ADMIN, unit=tree.units["bp_langson"])
    services.bulletin_update(bulletin=bulletin, actor=admin, title="Sửa bởi quản trị", body="Nội dung")
    assert AuditEvent.objects.get(verb="bulletin.corrected").actor == admin
    # an officer of the same unit who did not write it, and a reader, may not
    other = org.user_create(username="officer2_bp_langson", password="x-389-test", full_name="Cán bộ khác")
    org.membership_grant(user=other, role=Role.OFFICER, unit=tree.units["bp_langson"])
    for user in (other, tree.users["leader_caobang"], tree.users["admin_langson"]):
        with pytest.raises(DomainError) as err:
            services.bulletin_update(bulletin=bulletin, actor=user, title="x", body="y")
        assert (err.value.code, err.value.status) == ("coordination.not_allowed", 403)
    assert AuditEvent.objects.filter(verb="bulletin.corrected").count() == 1


def test_withdrawal_needs_a_reason_marks_it_and_ends_acknowledgement(tree, bulletin):
    author, reader = tree.users["officer_langson_bp"], tree.users["officer_caobang_bp"]
    assert list(selectors.bulletin_list(user=reader, pending=True)) == [bulletin]
    assert (
        list(selectors.bulletin_list(user=author, pending=True)) == []
    )  # the author's side never acknowledges
    with pytest.raises(DomainError) as err:
        services.bulletin_withdraw(bulletin=bulletin, actor=author, reason="  ")
    assert err.value.code == "coordination.empty_text"
    # when
    services.bulletin_withdraw(bulletin=bulletin, actor=author, reason="Nguồn tin không chính xác")
    # then
    bulletin.refresh_from_db()
    assert bulletin.status == "withdrawn" and bulletin.withdrawn_reason == "Nguồn tin không chính xác"
    event = AuditEvent.objects.get(verb="bulletin.withdrawn", target_id=str(bulletin.pk))
    assert event.changes["status"] == ["published", "withdrawn"]
    assert _told("bulletin.withdrawn") == {"leader_caobang", "officer_caobang_bp"}
    # still seen by its recipients, no longer pending, no longer acknowledged or acted on, nor edited
    assert list(selectors.bulletin_list(user=reader)) == [bulletin]
    assert list(selectors.bulletin_list(user=reader, pending=True)) == []
    for step in (
        lambda: services.bulletin_acknowledge(bulletin=bulletin, actor=reader),
        lambda: services.bulletin_report_action(bulletin=bulletin, actor=reader, action_taken="Đã chốt chặn"),
        lambda: services.bulletin_update(bulletin=bulletin, actor=author, title="x", body="y"),
        lambda: services.bulletin_withdraw(bulletin=bulletin, actor=author, reason="lần hai"),
    ):
        with pytest.raises(DomainError) as err:
            step()
        assert err.value.code == "coordination.bulletin_withdrawn"


def test_pending_ends_with_the_readers_acknowledgement(tree, bulletin, call):
    rows = call("officer_caobang_bp", "GET", "/coordination/bulletins", query={"pending": "true"}).json()
    assert [r["id"] for r in rows] == [bulletin.pk]
    services.bulletin_acknowledge(bulletin=bulletin, actor=tree.users["officer_caobang_bp"])
    rows = call("officer_caobang_bp", "GET", "/coordination/bulletins", query={"pending": "true"}).json()
    assert rows == []
    # the leader of the Cao Bằng committee has still to acknowledge it
    rows = call("leader_caobang", "GET", "/coordination/bulletins", query={"pending": "true"}).json()
    assert [r["id"] for r in rows] == [bulletin.pk]


def test_correction_and_withdrawal_through_the_api(tree, bulletin, call):
    path = f"/coordination/bulletins/{bulletin.pk}"
    body = call(
        "officer_langson_bp",
        "PUT",
        path,
        {"title": "Tiêu đề mới", "body": "Nội dung mới", "entities": [{"kind": "nonsense", "label": "x"}]},
    ).json()
    assert body["code"] == "invalid_choice" and body["field"] == "entities"
    body = call("officer_langson_bp", "PUT", path, {"title": "Tiêu đề mới", "body": "Nội dung mới"}).json()
    assert (body["version"], body["title"], body["status"]) == (2, "Tiêu đề mới", "published")
    assert body["entities"] == [{"kind": "vehicle", "label": "12C-123.45"}]  # kept when not given
    body = call("officer_langson_bp", "POST", f"{path}/withdraw", {"reason": "Trùng bản tin khác"}).json()
    assert (body["status"], body["withdrawn_reason"]) == ("withdrawn", "Trùng bản tin khác")
    reader = call("officer_caobang_bp", "GET", path).json()
    assert reader["status"] == "withdrawn" and reader["version"] == 2
    response = call("officer_caobang_bp", "POST", f"{path}/acknowledge", {})
    assert response.status_code == 400 and response.json()["code"] == "coordination.bulletin_withdrawn"


def test_correction_and_withdrawal_through_the_pages(tree, bulletin, login):
    edit = f"/coordination/bulletins/{bulletin.pk}/edit/"
    detail = f"/coordination/bulletins/{bulletin.pk}/"
    # readers do not find the edit page; the author does, filled with the bulletin
    assert login("officer_caobang_bp").get(edit).status_code == 404
    client = login("officer_langson_bp")
    page = client.get(edit).content.decode()
    assert "Gà thải qua đường mòn" in page and "vehicle: 12C-123.45" in page
    response = client.post(edit, {"title": "", "body": "x", "entities": ""})
    assert response.status_code == 400
    response = client.post(
        edit, {"title": "Gà thải (đính chính)", "body": "Mốc 1120", "entities": "phương tiện: 12C-111.11"}
    )
    assert response.status_code == 302
    html = client.get(detail).content.decode()
    assert "Đính chính lần 2" in html and "Thu hồi bản tin" in html
    # a reader may not withdraw it
    assert login("officer_caobang_bp").post(f"{detail}withdraw/", {"reason": "x"}).status_code == 403
    client = login("officer_langson_bp")
    assert client.post(f"{detail}withdraw/", {"reason": "Tin sai"}).status_code == 302
    # the reader sees it withdrawn, with the reason, and no acknowledgement button
    reader = login("officer_caobang_bp")
    html = reader.get(detail).content.decode()
    assert "Bản tin đã bị thu hồi" in html and "Tin sai" in html and "Xác nhận đã nhận" not in html
    listing = reader.get("/coordination/bulletins/").content.decode()
    assert "bulletin-withdrawn" in listing
    assert "Gà thải (đính chính)" not in reader.get("/coordination/bulletins/?pending=1").content.decode()
