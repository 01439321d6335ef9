"""The national standing office in requests: it reads every request, speaks in a thread once the request is
escalated (the committees are then a party), and escalates by hand with the asking unit and the committee the
request went to."""

import datetime as dt

import pytest
from django.utils import translation

from sc389.coordination import rules, services
from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.notifications.models import Notification

TODAY = dt.date.today()


@pytest.fixture
def request_(tree):
    """Hưng Yên's police asks the Cao Bằng post; the deadline passed yesterday."""
    return services.request_create(
        actor=tree.users["officer_hungyen_police"],
        kind="verify_person",
        from_unit=tree.units["police_hungyen"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh đối tượng Nguyễn Văn A",
        deadline=TODAY - dt.timedelta(days=1),
        today=TODAY - dt.timedelta(days=5),
    )


def _escalations(req) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(verb="request.escalated", target_id=str(req.pk))
        .order_by("id")
        .values_list("actor__username", "changes")
    )


def test_national_office_reads_but_speaks_only_once_escalated(tree, request_):
    national = tree.users["leader_national"]
    assert rules.request_sides(national, request_) == set()
    with pytest.raises(DomainError) as err:
        services.reply_add(request=request_, actor=national, body="Đề nghị khẩn trương")
    assert err.value.status == 403
    # when the daily run escalates it to the Cao Bằng committee
    services.requests_escalate()
    request_.refresh_from_db()
    # then the national office is a party; its reply does not answer the request for the receiving unit
    assert rules.request_sides(national, request_) == {"committee"}
    services.reply_add(request=request_, actor=national, body="Đề nghị Đồn Trà Lĩnh trả lời trước 17 giờ")
    request_.refresh_from_db()
    assert request_.status == "open"
    event = AuditEvent.objects.filter(verb="request.replied", target_id=str(request_.pk)).get()
    assert event.actor == national
    told = set(
        Notification.objects.filter(kind="request.replied").values_list("recipient__username", flat=True)
    )
    assert told == {"officer_hungyen_police", "officer_caobang_bp"}
    # a commune committee's staff are no party to it
    assert rules.request_sides(tree.users["staff_commune_a"], request_) == set()


def test_escalation_by_hand_goes_one_level_up_then_stops(tree, request_):
    u = tree.users
    # the receiving unit may not escalate what it has to answer
    with pytest.raises(DomainError) as err:
        services.request_escalate(request=request_, actor=u["officer_caobang_bp"])
    assert err.value.status == 403
    # the asking unit escalates its overdue request to the committee over the receiver's province
    services.request_escalate(request=request_, actor=u["officer_hungyen_police"], reason="Chưa có trả lời")
    request_.refresh_from_db()
    assert request_.escalated_to == tree.committees["caobang"]
    with translation.override("vi"):
        assert "Yêu cầu quá hạn chuyển" in Notification.objects.get(recipient=u["leader_caobang"]).title
    # that committee takes it on to the national committee
    services.request_escalate(request=request_, actor=u["leader_caobang"])
    request_.refresh_from_db()
    assert request_.escalated_to == tree.committees["national"]
    assert _escalations(request_) == [
        ("officer_hungyen_police", {"escalated_to_id": [None, tree.committees["caobang"].pk]}),
        (
            "leader_caobang",
            {"escalated_to_id": [tree.committees["caobang"].pk, tree.committees["national"].pk]},
        ),
    ]
    # nothing above the national committee
    with pytest.raises(DomainError) as err:
        services.request_escalate(request=request_, actor=u["admin_national"])
    assert err.value.code == "coordination.request_at_top"


def test_national_office_takes_an_overdue_request_up_itself_not_an_early_one(tree, request_):
    u = tree.users
    early = services.request_create(
        actor=u["officer_langson_customs"],
        kind="verify_vehicle",
        from_unit=tree.units["customs_huunghi"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh xe 12C-123.45",
        deadline=TODAY + dt.timedelta(days=3),
    )
    for actor in (u["analyst_national"], u["officer_langson_customs"]):
        with pytest.raises(DomainError) as err:
            services.request_escalate(request=early, actor=actor)
        assert err.value.code == "coordination.request_not_overdue"
    services.request_escalate(request=request_, actor=u["analyst_national"])
    request_.refresh_from_db()
    assert request_.escalated_to == tree.committees["national"]
    assert _escalations(request_)[0][0] == "analyst_national"
    # a closed request is escalated by nobody
    services.request_close(request=early, actor=u["officer_langson_customs"])
    with pytest.raises(DomainError) as err:
        services.request_escalate(request=early, actor=u["admin_national"])
    assert err.value.code == "coordination.request_not_open"


def test_escalate_and_reply_through_the_page(tree, request_, login):
    page = f"/coordination/requests/{request_.pk}/"
    client = login("leader_national")
    html = client.get(page).content.decode()
    assert "Báo cáo lên Ban Chỉ đạo" in html and "Gửi trả lời" not in html
    response = client.post(f"{page}escalate/", {"reason": "Theo dõi trực tiếp"})
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.escalated_to == tree.committees["national"]
    html = client.get(page).content.decode()
    assert "Gửi trả lời" in html and "Báo cáo lên Ban Chỉ đạo" not in html  # at the top: nothing to escalate
    assert client.post(page, {"body": "Văn phòng thường trực đề nghị trả lời ngay"}).status_code == 302
    assert request_.replies.get().author == tree.users["leader_national"]
    # the receiving unit sees no escalation button
    html = login("officer_caobang_bp").get(page).content.decode()
    assert "Báo cáo lên Ban Chỉ đạo" not in html
