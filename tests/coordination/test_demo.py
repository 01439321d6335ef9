"""The coordination part of `sc389 seed_demo` (coordination/demo.py): what it holds, and who sees it.

The whole demo is seeded once for this module inside a transaction rolled back at the end (as tests/demo does,
which checks that the published figures are still reproduced exactly).
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from sc389.cases.models import Case
from sc389.coordination import selectors
from sc389.coordination.models import Bulletin, CaseHandover, CaseNetwork, Receipt, Request, SharingGroup
from sc389.core.models import AuditEvent
from sc389.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_the_group_bulletins_and_their_receipts(seeded):
    group = SharingGroup.objects.get(name="Các tỉnh biên giới phía Bắc")
    assert group.owner_committee.code == "BCD389-20" and group.memberships.count() == 6
    provinces = set(group.memberships.values_list("unit__home_province__name", flat=True))
    assert provinces == {"Lạng Sơn", "Cao Bằng", "Quảng Ninh"}
    trail = Bulletin.objects.get(title__startswith="Gia cầm nhập lậu")
    assert trail.author_unit.code == "BP-LS-CHIMA"
    assert sorted(trail.distributions.values_list("kind", flat=True)) == ["group", "provinces"]
    milk = Bulletin.objects.get(title__contains="Sữa bột trẻ em giả")
    assert milk.author_unit.code == "QLTT-HN-TMDT"
    acknowledged = Receipt.objects.filter(acknowledged_at__isnull=False)
    assert set(acknowledged.values_list("bulletin__title", "user__username")) >= {
        (trail.title, "lanhdao.caobang"),
        (milk.title, "lanhdao.langson"),
    }
    assert Receipt.objects.filter(bulletin=trail).exclude(action_taken="").count() == 1
    # Cao Bằng's leader reads the trail warning and finds it without diacritics; Hưng Yên's does not
    assert trail in selectors.bulletin_list(user=_user("lanhdao.caobang"), q="gia cam duong mon")
    assert trail not in selectors.bulletin_list(user=_user("lanhdao.hungyen"))
    assert milk in selectors.bulletin_list(user=_user("lanhdao.hungyen"), q="sua bot")
    # the internal note stays within the Lạng Sơn committee
    internal = Bulletin.objects.get(sensitivity="internal")
    assert internal in selectors.bulletin_list(user=_user("lanhdao.langson"))
    assert internal not in selectors.bulletin_list(user=_user("lanhdao.caobang"))


def test_the_request_thread_the_handover_and_the_network(seeded):
    verify = Request.objects.get(kind="verify_vehicle")
    assert (verify.from_unit.code, verify.to_unit.code, verify.status) == (
        "HQ-HUUNGHI",
        "BP-CB-TRALINH",
        "closed",
    )
    assert verify.replies.count() == 2
    handover = CaseHandover.objects.get()
    case = Case.objects.get(pk=handover.case_id)
    assert (handover.from_unit.code, handover.to_unit.code) == ("CA-LS-KT", "QLTT-LS-1")
    assert (
        case.lead_unit.code == "QLTT-LS-1" and case.detected_on.year == 2025 and case.detected_on.month == 11
    )
    assert case.participations.filter(unit=Unit.objects.get(code="CA-LS-KT")).exists()
    assert AuditEvent.objects.filter(verb="case.handed_over", target_id=str(case.pk)).count() == 1
    assert handover.request.status == "answered"
    network = CaseNetwork.objects.get()
    cases = Case.objects.filter(pk__in=network.members.values("case_id"))
    assert set(cases.values_list("province__name", flat=True)) == {"Lạng Sơn", "Cao Bằng"}
    # Cao Bằng's leader sees their case in full and Lạng Sơn's as "a case of another province"
    timeline = selectors.network_timeline(user=_user("lanhdao.caobang"), network=network)
    shown = {e.province.name for e in timeline if e.case is not None}
    hidden = {e.province.name for e in timeline if e.case is None}
    assert shown == {"Cao Bằng"} and hidden == {"Lạng Sơn"}
