"""The sharing group pages: created and edited by the owner committee's admins only, audited; the member list
stays hidden from everyone else."""

import pytest

from sc389.coordination.models import SharingGroup
from sc389.core.models import AuditEvent

NEW = "/coordination/groups/new/"


@pytest.mark.parametrize(
    "persona",
    ["leader_langson", "analyst_langson", "officer_langson_customs", "leader_national", "staff_commune_a"],
)
def test_only_committee_admins_may_open_the_new_group_page(tree, login, persona):
    client = login(persona)
    assert client.get(NEW).status_code == 403
    response = client.post(NEW, {"owner_committee": tree.committees["langson"].pk, "name": "Nhóm"})
    assert response.status_code == 403 and not SharingGroup.objects.exists()
    assert "Tạo nhóm chia sẻ" not in client.get("/coordination/groups/").content.decode()


def test_a_committee_admin_creates_a_group_across_provinces(tree, login):
    client = login("admin_langson")
    assert "Tạo nhóm chia sẻ" in client.get("/coordination/groups/").content.decode()
    page = client.get(NEW).content.decode()
    # only the committees the user administers may own the group
    assert tree.committees["langson"].name in page and tree.committees["caobang"].name not in page
    units = [tree.units["customs_huunghi"].pk, tree.units["bp_caobang"].pk]
    refused = client.post(
        NEW, {"owner_committee": tree.committees["caobang"].pk, "name": "Nhóm", "units": units}
    )
    assert refused.status_code == 400 and not SharingGroup.objects.exists()
    # when
    response = client.post(
        NEW,
        {
            "owner_committee": tree.committees["langson"].pk,
            "name": "Các tỉnh biên giới phía Bắc",
            "description": "Lạng Sơn, Cao Bằng",
            "units": units,
        },
    )
    # then
    group = SharingGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/coordination/groups/{group.pk}/"
    assert set(group.memberships.values_list("unit_id", flat=True)) == set(units)
    verbs = list(
        AuditEvent.objects.filter(target_id=str(group.pk), verb__startswith="sharing_group")
        .order_by("id")
        .values_list("verb", "actor__username")
    )
    assert verbs == [
        ("sharing_group.created", "admin_langson"),
        ("sharing_group.members_set", "admin_langson"),
    ]
    # the same name twice for one committee is refused with the model's message
    again = client.post(
        NEW, {"owner_committee": tree.committees["langson"].pk, "name": "Các tỉnh biên giới phía Bắc"}
    )
    assert again.status_code == 400 and "cùng tên" in again.content.decode()


def test_editing_a_group_renames_it_changes_members_and_hides_them_from_members(tree, login):
    client = login("admin_langson")
    client.post(
        NEW,
        {
            "owner_committee": tree.committees["langson"].pk,
            "name": "Biên giới",
            "units": [tree.units["customs_huunghi"].pk],
        },
    )
    group = SharingGroup.objects.get()
    edit = f"/coordination/groups/{group.pk}/edit/"
    # a member unit sees the group's name but neither its members nor the edit page; others do not find it
    member = login("officer_langson_customs")
    html = member.get(f"/coordination/groups/{group.pk}/").content.decode()
    assert "members-hidden" in html and "Hải quan cửa khẩu Hữu Nghị" not in html
    assert member.get(edit).status_code == 403
    assert member.post(edit, {"name": "Đổi", "units": []}).status_code == 403
    assert login("officer_hungyen_police").get(edit).status_code == 404
    # the admin renames it and adds the Cao Bằng post
    client = login("admin_langson")
    assert "Biên giới" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "name": "Biên giới phía Bắc",
            "description": "Tuyến Lạng Sơn – Cao Bằng",
            "units": [tree.units["customs_huunghi"].pk, tree.units["bp_caobang"].pk],
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Biên giới phía Bắc" and group.memberships.count() == 2
    event = AuditEvent.objects.get(verb="sharing_group.updated", target_id=str(group.pk))
    assert (
        event.changes["name"] == ["Biên giới", "Biên giới phía Bắc"]
        and event.actor.username == "admin_langson"
    )
    # the new member reads the name, not the list
    html = login("officer_caobang_bp").get(f"/coordination/groups/{group.pk}/").content.decode()
    assert "Biên giới phía Bắc" in html and "members-hidden" in html
