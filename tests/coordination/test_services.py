"""Coordination services: publication and its reach, receipts, requests and their thread, hand-over, escalation."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from sc389.cases.models import Case, CaseUnit
from sc389.coordination import selectors, services
from sc389.coordination.models import CaseHandover, Receipt
from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.notifications.models import Notification

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _titles(user) -> list[str]:
    """The user's notification titles as a Vietnamese reader reads them."""
    with translation.override("vi"):
        return [n.title for n in Notification.objects.filter(recipient=user)]


def test_publishing_reaches_the_distributions_notifies_and_audits(tree):
    u = tree.users
    # given: the Cao Bằng border post sits on the Cao Bằng committee
    from sc389.org import services as org

    org.committee_member_add(
        committee=tree.committees["caobang"], name="Biên phòng", unit=tree.units["bp_caobang"]
    )
    # when
    bulletin = services.bulletin_publish(
        actor=u["officer_langson_bp"],
        author_unit=tree.units["bp_langson"],
        title="Gia cầm qua đường mòn ban đêm",
        body="Đối tượng dùng xe máy chở gà thải qua mốc 1119",
        distributions=[{"kind": "provinces", "province": tree.provinces["caobang"]}, {"kind": "own_unit"}],
        entities=[("vehicle", "12C-123.45"), ("phone", "0912 345 678")],
    )
    # then: the committee and its seated unit are reached, and their people told
    reach = set(bulletin.reach.values_list("unit_id", "committee_id"))
    assert reach == {
        (tree.units["bp_langson"].pk, None),
        (tree.units["bp_caobang"].pk, None),
        (None, tree.committees["caobang"].pk),
    }
    assert any("Gia cầm qua đường mòn" in t for t in _titles(u["leader_caobang"]))
    assert any("Gia cầm qua đường mòn" in t for t in _titles(u["officer_caobang_bp"]))
    assert _titles(u["leader_hungyen"]) == [] and _titles(u["officer_langson_bp"]) == []
    event = AuditEvent.objects.get(verb="bulletin.published", target_id=str(bulletin.pk))
    assert event.actor == u["officer_langson_bp"] and event.data["committees"] == [
        tree.committees["caobang"].pk
    ]
    assert [e.label for e in bulletin.entities.all()] == ["12C-123.45", "0912 345 678"]


def test_restricted_bulletins_tell_only_leaders_and_carry_no_text_by_mail(tree):
    u = tree.users
    services.bulletin_publish(
        actor=u["officer_langson_customs"],
        author_unit=tree.units["customs_huunghi"],
        title="Tên đối tượng cần theo dõi",
        body="Nội dung hạn chế",
        sensitivity="restricted",
        distributions=[{"kind": "own_committee"}],
    )
    told = Notification.objects.filter(kind="bulletin.published")
    assert set(told.values_list("recipient__username", flat=True)) == {"leader_langson", "admin_langson"}
    assert all(n.body == "" and "Tên đối tượng" not in n.title for n in told)
    assert all("Tên đối tượng" not in str(n.params) for n in told)  # not even stored for later


@pytest.mark.parametrize(
    ("persona", "unit", "distributions", "code"),
    [
        ("officer_langson_customs", "customs_huunghi", [], "coordination.no_distribution"),
        ("officer_langson_qltt", "customs_huunghi", [{"kind": "own_unit"}], "coordination.not_allowed"),
        ("leader_langson", "customs_huunghi", [{"kind": "own_unit"}], "coordination.not_allowed"),
        ("officer_hungyen_police", "police_hungyen", [{"kind": "group"}], "coordination.bad_group"),
    ],
)
def test_publishing_is_refused_with_a_code(tree, persona, unit, distributions, code):
    from sc389.coordination.models import SharingGroup

    group = services.sharing_group_create(
        actor=tree.users["admin_langson"], owner_committee=tree.committees["langson"], name="Biên giới"
    )
    for d in distributions:
        if d["kind"] == "group":
            d["group"] = group
    with pytest.raises(DomainError) as err:
        services.bulletin_publish(
            actor=tree.users[persona],
            author_unit=tree.units[unit],
            title="T",
            body="B",
            distributions=distributions,
        )
    assert err.value.code == code
    assert (
        SharingGroup.objects.count() == 1
        and not AuditEvent.objects.filter(verb="bulletin.published").exists()
    )


def test_linked_cases_show_only_to_readers_who_may_see_them(tree, make_case):
    u = tree.users
    case = make_case()  # Hữu Nghị customs, Đồng Đăng
    bulletin = services.bulletin_publish(
        actor=u["officer_langson_customs"],
        author_unit=tree.units["customs_huunghi"],
        title="Thuốc lá lậu",
        body="Liên quan vụ việc",
        distributions=[
            {"kind": "provinces", "province": tree.provinces["caobang"]},
            {"kind": "own_committee"},
        ],
        cases=[case],
    )
    assert list(selectors.bulletin_cases(user=u["leader_langson"], bulletin=bulletin)) == [case]
    assert list(selectors.bulletin_cases(user=u["leader_caobang"], bulletin=bulletin)) == []
    # and a case the author may not see cannot be linked
    other = make_case(officer="officer_caobang_bp", unit="bp_caobang", place=tree.provinces["caobang"])
    with pytest.raises(DomainError) as err:
        services.bulletin_publish(
            actor=u["officer_langson_customs"],
            author_unit=tree.units["customs_huunghi"],
            title="x",
            body="y",
            distributions=[{"kind": "own_unit"}],
            cases=[other],
        )
    assert err.value.code == "coordination.bad_case"


def test_receipts_trace_reading_acknowledging_and_acting(tree):
    u = tree.users
    bulletin = services.bulletin_publish(
        actor=u["officer_langson_customs"],
        author_unit=tree.units["customs_huunghi"],
        title="Cảnh báo",
        body="Nội dung",
        distributions=[{"kind": "provinces", "province": tree.provinces["caobang"]}],
    )
    reader = u["leader_caobang"]
    services.bulletin_read(bulletin=bulletin, actor=reader)
    services.bulletin_read(
        bulletin=bulletin, actor=u["officer_langson_customs"]
    )  # the author leaves no trace
    assert Receipt.objects.filter(bulletin=bulletin).count() == 1
    services.bulletin_acknowledge(bulletin=bulletin, actor=reader)
    services.bulletin_report_action(bulletin=bulletin, actor=reader, action_taken="Đã lập 2 chốt chặn")
    receipt = Receipt.objects.get(bulletin=bulletin, user=reader)
    assert receipt.read_at <= receipt.acknowledged_at <= receipt.action_at
    assert receipt.action_taken == "Đã lập 2 chốt chặn"
    verbs = list(
        AuditEvent.objects.filter(
            target_id=str(bulletin.pk), target_type="coordination.bulletin"
        ).values_list("verb", flat=True)
    )
    assert (
        verbs.count("bulletin.read") == 1
        and "bulletin.acknowledged" in verbs
        and "bulletin.action_reported" in verbs
    )
    assert any("báo cáo kết quả" in t for t in _titles(u["officer_langson_customs"]))
    with pytest.raises(DomainError):
        services.bulletin_acknowledge(bulletin=bulletin, actor=u["officer_langson_customs"])
    with pytest.raises(DomainError) as err:
        services.bulletin_report_action(bulletin=bulletin, actor=reader, action_taken="  ")
    assert err.value.field == "action_taken"


def _handover_request(tree, make_case):
    case = make_case(officer="officer_langson_bp", unit="bp_langson", place=tree.communes["kyla"])
    req = services.request_create(
        actor=tree.users["officer_langson_bp"],
        kind="take_over_case",
        from_unit=tree.units["bp_langson"],
        to_unit=tree.units["qltt_langson5"],
        subject="Chuyển hồ sơ hàng giả để xử lý hành chính",
        deadline=dt.date.today() + dt.timedelta(days=5),
        case=case,
    )
    return case, req


def test_an_accepted_handover_moves_the_case_keeps_its_history_and_counts_it_once(tree, make_case):
    u = tree.users
    case, req = _handover_request(tree, make_case)
    cases_before = Case.objects.count()
    # the receiving unit can read the case to decide
    assert selectors.request_get(user=u["officer_langson_qltt"], pk=req.pk) == req
    from sc389.core import access

    assert access.can(u["officer_langson_qltt"], case) and not access.can(
        u["officer_langson_qltt"], case, "change"
    )
    # when
    services.request_accept_handover(request=req, actor=u["officer_langson_qltt"])
    # then
    case.refresh_from_db()
    req.refresh_from_db()
    assert case.lead_unit == tree.units["qltt_langson5"] and req.status == "answered"
    assert CaseUnit.objects.filter(case=case, unit=tree.units["bp_langson"]).exists()
    assert Case.objects.count() == cases_before
    handover = CaseHandover.objects.get(case=case)
    assert (handover.from_unit, handover.to_unit, handover.request) == (
        tree.units["bp_langson"],
        tree.units["qltt_langson5"],
        req,
    )
    event = AuditEvent.objects.get(verb="case.handed_over", target_id=str(case.pk))
    assert event.changes["lead_unit_id"] == [tree.units["bp_langson"].pk, tree.units["qltt_langson5"].pk]
    assert AuditEvent.objects.filter(verb="case.created", target_id=str(case.pk)).exists()  # history kept
    assert access.can(u["officer_langson_qltt"], case, "change") and access.can(u["officer_langson_bp"], case)
    with pytest.raises(DomainError) as err:
        services.request_accept_handover(request=req, actor=u["officer_langson_qltt"])
    assert err.value.code == "coordination.request_not_open"


def test_only_the_lead_unit_may_ask_for_a_handover_and_only_the_receiver_accepts(tree, make_case):
    u = tree.users
    case = make_case()
    with pytest.raises(DomainError) as err:
        services.request_create(
            actor=u["officer_langson_bp"],
            kind="take_over_case",
            from_unit=tree.units["bp_langson"],
            to_unit=tree.units["qltt_langson5"],
            subject="x",
            deadline=dt.date.today(),
            case=case,
        )
    assert err.value.code in ("coordination.bad_case",)
    case, req = _handover_request(tree, make_case)
    with pytest.raises(DomainError) as err:
        services.request_accept_handover(request=req, actor=u["officer_langson_bp"])
    assert err.value.status == 403


def test_thread_with_attachments_answers_then_closes(tree):
    u = tree.users
    req = services.request_create(
        actor=u["officer_langson_customs"],
        kind="verify_vehicle",
        from_unit=tree.units["customs_huunghi"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh xe 12C-123.45",
        deadline=dt.date.today() + dt.timedelta(days=3),
    )
    assert any("Xác minh xe" in t for t in _titles(u["officer_caobang_bp"]))
    # a file that is not an image, PDF or DOCX is refused and nothing is written
    with pytest.raises(DomainError) as err:
        services.reply_add(
            request=req,
            actor=u["officer_caobang_bp"],
            body="Kết quả",
            files=[SimpleUploadedFile("x.exe", b"MZ\x90\x00")],
        )
    assert "x.exe" in str(err.value.message)
    assert req.replies.count() == 0
    reply = services.reply_add(
        request=req,
        actor=u["officer_caobang_bp"],
        body="Xe thuộc công ty vận tải X",
        files=[SimpleUploadedFile("anh.png", PNG)],
    )
    req.refresh_from_db()
    assert req.status == "answered"
    attachment = reply.attachments.get()
    assert (
        attachment.content_type == "image/png"
        and attachment.size == len(PNG)
        and "anh.png" not in attachment.file.name
    )
    assert any("Trả lời mới" in t for t in _titles(u["officer_langson_customs"]))
    with pytest.raises(DomainError):
        services.request_close(request=req, actor=u["officer_caobang_bp"])
    services.request_close(request=req, actor=u["officer_langson_customs"])
    req.refresh_from_db()
    assert req.status == "closed"
    assert list(
        AuditEvent.objects.filter(target_type="coordination.request", target_id=str(req.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["request.created", "request.replied", "request.closed"]


def test_a_declined_request_keeps_the_reason(tree):
    u = tree.users
    req = services.request_create(
        actor=u["officer_langson_customs"],
        kind="join_operation",
        from_unit=tree.units["customs_huunghi"],
        to_unit=tree.units["bp_langson"],
        subject="Phối hợp chốt chặn",
        deadline=dt.date.today(),
    )
    with pytest.raises(DomainError) as err:
        services.request_decline(request=req, actor=u["officer_langson_bp"], reason=" ")
    assert err.value.field == "reason"
    services.request_decline(
        request=req, actor=u["officer_langson_bp"], reason="Lực lượng đang làm nhiệm vụ khác"
    )
    req.refresh_from_db()
    assert req.status == "declined" and req.replies.get().body == "Lực lượng đang làm nhiệm vụ khác"
    with pytest.raises(DomainError) as err:
        services.request_decline(request=req, actor=u["officer_langson_bp"], reason="lần nữa")
    assert err.value.code == "coordination.request_not_open"


def test_overdue_requests_are_escalated_once_to_the_receivers_committee(tree):
    u = tree.users
    past = dt.date.today() - dt.timedelta(days=5)
    req = services.request_create(
        actor=u["officer_hungyen_police"],
        kind="verify_person",
        from_unit=tree.units["police_hungyen"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh đối tượng",
        deadline=past,
        today=past,
    )
    on_time = services.request_create(
        actor=u["officer_hungyen_police"],
        kind="verify_person",
        from_unit=tree.units["police_hungyen"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh khác",
        deadline=dt.date.today(),
    )
    assert selectors.request_list(user=u["leader_caobang"]).count() == 0
    call_command("escalate_requests")
    req.refresh_from_db()
    on_time.refresh_from_db()
    assert req.escalated_to == tree.committees["caobang"] and on_time.escalated_to is None
    assert list(selectors.request_list(user=u["leader_caobang"])) == [req]
    assert any("quá hạn" in t for t in _titles(u["leader_caobang"]))
    assert any("quá hạn" in t for t in _titles(u["officer_hungyen_police"]))
    assert services.requests_escalate() == 0  # once
    assert AuditEvent.objects.filter(verb="request.escalated").count() == 1


def test_a_request_deadline_cannot_be_in_the_past(tree):
    with pytest.raises(DomainError) as err:
        services.request_create(
            actor=tree.users["officer_langson_customs"],
            kind="verify_company",
            from_unit=tree.units["customs_huunghi"],
            to_unit=tree.units["bp_langson"],
            subject="x",
            deadline=dt.date(2020, 1, 1),
        )
    assert err.value.field == "deadline"


def test_sharing_group_membership_is_managed_by_the_owner_committees_admins_only(tree):
    u = tree.users
    with pytest.raises(DomainError):
        services.sharing_group_create(
            actor=u["leader_langson"], owner_committee=tree.committees["langson"], name="X"
        )
    group = services.sharing_group_create(
        actor=u["admin_langson"],
        owner_committee=tree.committees["langson"],
        name="X",
        units=[tree.units["bp_langson"]],
    )
    with pytest.raises(DomainError):
        services.sharing_group_set_members(actor=u["admin_national"], group=group, units=[])
    services.sharing_group_set_members(
        actor=u["admin_langson"], group=group, units=[tree.units["bp_caobang"]]
    )
    assert list(group.memberships.values_list("unit_id", flat=True)) == [tree.units["bp_caobang"].pk]
    event = AuditEvent.objects.filter(verb="sharing_group.members_set").order_by("id").last()
    assert event.changes["units"] == [[tree.units["bp_langson"].pk], [tree.units["bp_caobang"].pk]]


def test_a_network_links_only_cases_the_actor_may_see(tree, make_case):
    ls = make_case()
    cb = make_case(officer="officer_caobang_bp", unit="bp_caobang", place=tree.provinces["caobang"])
    with pytest.raises(DomainError) as err:
        services.case_network_create(actor=tree.users["leader_langson"], name="N", cases=[ls, cb])
    assert err.value.code == "coordination.bad_case"
    network = services.case_network_create(actor=tree.users["admin_national"], name="N", cases=[ls, cb])
    assert AuditEvent.objects.get(verb="case_network.created").data["cases"] == [ls.pk, cb.pk]
    timeline = selectors.network_timeline(user=tree.users["leader_caobang"], network=network)
    assert [(e.case, e.province) for e in timeline] == [
        (None, tree.provinces["langson"]),
        (cb, tree.provinces["caobang"]),
    ]
