"""Personal data (CCCD, date of birth, phone) masked except for those who need it, on the case page and in the
API, as a generated matrix; every full view audited."""

import datetime as dt
import json

import pytest

from sc389.cases import services
from sc389.core import privacy
from sc389.core.models import AuditEvent

CCCD, PHONE, BORN = "020085012345", "0912345678", dt.date(1985, 4, 2)

# persona -> what they get for a case led by the Hữu Nghị customs unit, shared with the Lạng Sơn market
# surveillance unit: "full", "masked" or 404 (outside their scope).
EXPECTED = {
    "officer_langson_customs": "full",  # officer of the lead unit
    "reviewer_langson_customs": "full",  # reviewer of the lead unit
    "admin_national": "full",
    "admin_langson": "full",
    "leader_national": "masked",
    "analyst_national": "masked",
    "leader_langson": "masked",
    "analyst_langson": "masked",
    "leader_customs_region": "masked",  # leader of the force above the lead unit
    "officer_langson_qltt": "masked",  # an officer of a unit the case was shared with
    "officer_hungyen_police": 404,
}
ROUTES = ["web", "api", "api_history"]


@pytest.fixture
def case_with_person(tree, make_case):
    case = make_case()
    services.party_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        kind="person",
        name="Nguyễn Văn Hùng",
        date_of_birth=BORN,
        sex="male",
        id_number=CCCD,
        phone=PHONE,
    )
    services.case_share(
        case=case, actor=tree.users["officer_langson_customs"], unit=tree.units["qltt_langson5"]
    )
    return case


def _fetch(client, route: str, case) -> tuple[int, str]:
    if route == "web":
        response = client.get(f"/cases/{case.pk}/")
        return response.status_code, response.content.decode()
    suffix = "/history" if route == "api_history" else ""
    response = client.get(f"/api/v1/cases/{case.pk}{suffix}")
    if response.status_code != 200:
        return response.status_code, ""
    return 200, json.dumps(response.json(), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_personal_data_matrix(client, tree, case_with_person, name, route):
    user = tree.users[name]
    client.force_login(user)
    before = AuditEvent.objects.filter(verb="case.personal_data_viewed", actor=user).count()
    status, body = _fetch(client, route, case_with_person)
    expected = EXPECTED[name]
    viewed = AuditEvent.objects.filter(verb="case.personal_data_viewed", actor=user).count() - before
    if expected == 404:
        assert status == 404 and viewed == 0
        return
    assert status == 200
    assert "Nguyễn Văn Hùng" in body  # the name is not masked: the case is about this person
    if expected == "full":
        assert CCCD in body and PHONE in body
        assert ("02/04/1985" in body) if route == "web" else ("1985-04-02" in body)
        if route == "web":
            assert CCCD in body.split('id="parties"', 1)[1].split("</section>", 1)[0]  # the parties table
        assert viewed == 1
    else:
        for secret in (CCCD, PHONE, "02/04/1985", "1985-04-02"):
            assert secret not in body
        assert privacy.mask_id_number(CCCD) in body and privacy.mask_phone(PHONE) in body
        assert ("••/••/1985" in body) if route != "api" else ('"birth_year":1985' in body)
        assert viewed == 0


@pytest.mark.django_db
def test_the_view_event_names_the_people_shown(client, tree, case_with_person):
    client.force_login(tree.users["admin_national"])
    client.get(f"/cases/{case_with_person.pk}/")
    event = AuditEvent.objects.filter(verb="case.personal_data_viewed").latest("id")
    party = case_with_person.parties.get()
    assert (event.target_id, event.data["parties"], event.channel) == (
        str(case_with_person.pk),
        [party.pk],
        "web",
    )


def test_masks():
    assert privacy.mask_id_number("020085012345") == "020•••••••45"
    assert privacy.mask_phone("0912345678") == "091•••••78"
    assert privacy.mask_birth_date(dt.date(1985, 4, 2)) == "••/••/1985"
    assert privacy.mask_id_number("") == privacy.mask_phone(None) == privacy.mask_birth_date(None) == ""
    assert privacy.mask_phone("1234") == "••••"
