import pytest
from django.contrib.auth import get_user_model

from sc389.core.models import AuditEvent
from sc389.org.models import Committee, Force


@pytest.fixture
def admin_client_logged(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-389-root")
    client.force_login(user)
    return client, user


def test_admin_create_update_delete_are_audited(admin_client_logged):
    client, user = admin_client_logged
    response = client.post("/admin/org/force/add/", {"code": "tax", "name": "Thuế", "name_en": "Tax"})
    assert response.status_code == 302
    force = Force.objects.get(code="tax")
    created = AuditEvent.objects.get(verb="force.created", target_id=str(force.pk))
    assert created.actor == user and created.channel == "admin"
    assert created.changes["name"] == [None, "Thuế"]
    client.post(f"/admin/org/force/{force.pk}/change/", {"code": "tax", "name": "Cục Thuế", "name_en": "Tax"})
    assert AuditEvent.objects.get(verb="force.updated").changes == {"name": ["Thuế", "Cục Thuế"]}
    client.post(f"/admin/org/force/{force.pk}/delete/", {"post": "yes"})
    assert not Force.objects.filter(pk=force.pk).exists()
    assert AuditEvent.objects.get(verb="force.deleted").changes["code"] == ["tax", None]


def test_admin_inline_changes_are_audited(admin_client_logged):
    client, _ = admin_client_logged
    response = client.post(
        "/admin/org/committee/add/",
        {
            "code": "X1",
            "name": "Ban Chỉ đạo thử",
            "level": "national",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-0-name": "Cục Hải quan",
        },
    )
    assert response.status_code == 302, response.content[:500]
    committee = Committee.objects.get(code="X1")
    event = AuditEvent.objects.get(verb="committee.related_updated", target_id=str(committee.pk))
    assert any(k.startswith("committeemember:") for k in event.changes)


def test_audit_log_is_read_only_in_admin(admin_client_logged):
    client, _ = admin_client_logged
    event = AuditEvent.objects.create(verb="x.y")
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
