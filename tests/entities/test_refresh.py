"""entities_refresh: exact links, the person model, judgements kept across runs, alerts, idempotence."""

import datetime as dt

from django.db.models import F

from sc389.cases.models import Case
from sc389.core.models import AuditEvent
from sc389.entities import services
from sc389.entities.choices import EntityKind, JudgementStatus, LinkReason
from sc389.entities.models import Appearance, Entity, EntityAlert, Judgement


def test_refresh_resolves_parties_into_entities(world):
    # when
    result = services.entities_refresh()
    # then: the man written three ways is one entity (CCCD + model), his namesake relative is not
    hung = world.entity("hung_ls")
    assert world.entity("hung_cb") == hung and world.entity("hung_hy") == hung
    assert world.entity("lan") != hung
    assert hung.kind == EntityKind.PERSON and hung.case_count == 3 and hung.province_count == 3
    assert Appearance.objects.get(party=world.parties["hung_cb"]).reason == LinkReason.MODEL
    # exact identifiers: the plate written two ways, the tax code
    assert world.entity("truck_ls") == world.entity("truck_hy")
    assert world.entity("truck_ls").kind == EntityKind.VEHICLE
    assert world.entity("firm_ls") == world.entity("firm_cb")
    assert Appearance.objects.get(party=world.parties["truck_hy"]).reason == LinkReason.IDENTIFIER
    assert result.parties == 10 and result.entities_created == Entity.objects.count()
    assert AuditEvent.objects.filter(verb="entities.refreshed").count() == 1


def test_refresh_is_idempotent_and_incremental(world, make_case):
    first = services.entities_refresh()
    ids = dict(Appearance.objects.values_list("party_id", "entity_id"))
    # when: nothing changed
    second = services.entities_refresh()
    forced = services.entities_refresh(force=True)
    # then
    assert second.skipped and not second.changed
    assert not forced.changed and dict(Appearance.objects.values_list("party_id", "entity_id")) == ids
    assert AuditEvent.objects.filter(verb="entities.refreshed").count() == 1
    # when: a new case names the same truck; the entities keep their ids
    case = make_case()
    from sc389.cases import services as cases

    cases.party_add(
        case=case, actor=world.tree.users["officer_langson_customs"], kind="vehicle", plate="29A12345"
    )
    third = services.entities_refresh()
    assert third.appearances_created == 1 and third.entities_created == 0
    assert Entity.objects.get(pk=ids[world.parties["truck_ls"].pk]).appearances.count() == 3
    assert first.entities_created == Entity.objects.count()


def test_uncertain_pairs_go_to_review_and_judgements_hold(world, django_capture_on_commit_callbacks):
    services.entities_refresh()
    a, b = world.parties["mai_a"], world.parties["mai_b"]
    judgement = Judgement.objects.get(
        party_a=min(a, b, key=lambda p: p.pk), party_b=max(a, b, key=lambda p: p.pk)
    )
    assert judgement.status == JudgementStatus.PENDING and 0.5 <= judgement.probability < 0.97
    assert world.entity("mai_a") != world.entity("mai_b")
    analyst = world.tree.users["analyst_national"]
    # when: confirmed, the two are one entity, and stay so on every later run
    with django_capture_on_commit_callbacks(execute=True):  # the refresh is queued after commit
        services.judgement_decide(judgement=judgement, status=JudgementStatus.CONFIRMED, actor=analyst)
    assert world.entity("mai_a") == world.entity("mai_b")
    services.entities_refresh(force=True)
    assert world.entity("mai_a") == world.entity("mai_b")
    assert Appearance.objects.get(party=a).reason == LinkReason.ANALYST
    # when: rejected, they split and never merge again (no new judgement is raised for the pair either)
    judgement.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.judgement_decide(judgement=judgement, status=JudgementStatus.REJECTED, actor=analyst)
    assert world.entity("mai_a") != world.entity("mai_b")
    services.entities_refresh(force=True)
    assert world.entity("mai_a") != world.entity("mai_b")
    assert Judgement.objects.count() == 1
    events = AuditEvent.objects.filter(verb="entities.judgement_decided", target_id=str(judgement.pk))
    assert [e.changes["status"][1] for e in events.order_by("id")] == ["confirmed", "rejected"]


def test_a_rejected_pair_is_never_joined_through_a_third_record(tree):
    from sc389.entities.registry import group_parties

    rows = [{"id": i, "kind": "person"} for i in (1, 2, 3)]
    # 1~3 and 2~3 are strong, but 1 and 2 were judged different: 3 joins only the stronger side
    grouping = group_parties(
        rows, scored=[(1, 3, 0.99), (2, 3, 0.98)], confirmed=[], rejected=[(2, 1)], threshold=0.97
    )
    assert grouping.find(1) == grouping.find(3) != grouping.find(2)


def test_only_analysts_decide(world):
    services.entities_refresh()
    judgement = Judgement.objects.first()
    import pytest

    from sc389.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.judgement_decide(
            judgement=judgement, status="confirmed", actor=world.tree.users["officer_langson_customs"]
        )


def test_an_entity_in_two_provinces_alerts_the_units_once(world):
    services.entities_refresh()
    hung = world.entity("hung_ls")
    alert = EntityAlert.objects.get(entity=hung)
    cases = [world.cases[n] for n in ("huunghi", "bp_caobang", "hungyen")]
    assert alert.provinces == sorted({c.province_id for c in cases})
    assert alert.units == sorted({c.lead_unit_id for c in cases})
    assert not EntityAlert.objects.filter(entity=world.entity("lan")).exists()
    # the members of the units leading those cases are told, once
    from sc389.notifications.models import Notification

    told = set(
        Notification.objects.filter(kind="entities.multi_province", link=f"/entities/{hung.pk}/").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {
        "officer_langson_customs",
        "reviewer_langson_customs",
        "officer_caobang_bp",
        "officer_hungyen_police",
    }
    services.entities_refresh(force=True)
    assert EntityAlert.objects.filter(entity=hung).count() == 1
    assert (
        Notification.objects.filter(kind="entities.multi_province", link=f"/entities/{hung.pk}/").count() == 4
    )
    assert AuditEvent.objects.filter(verb="entities.alert_raised", target_id=str(alert.pk)).exists()


def test_the_name_shown_is_the_best_visible_spelling_whatever_the_order_of_the_cases(world):
    # given: three spellings of one man in three cases detected on the same day (so no recency decides)
    from sc389.entities import selectors
    from sc389.entities.naming import best_name

    services.entities_refresh()
    hung = world.entity("hung_ls")
    # the unmarked spelling's case is the most recent one: the most recent record does not decide the name
    Case.objects.filter(pk=world.cases["bp_caobang"].pk).update(
        detected_on=F("detected_on") + dt.timedelta(days=1)
    )

    def shown(username: str) -> str:
        return selectors.display_name(selectors.entity_get(user=world.tree.users[username], pk=hung.pk))

    # then: the registry's name where a visible case wrote it so; else the best spelling the viewer may see
    assert hung.name == "Nguyễn Văn Hùng"
    assert shown("analyst_national") == "Nguyễn Văn Hùng"
    assert shown("officer_caobang_bp") == "Nguyen Van Hung"
    # the choice does not depend on the order of the spellings: frequency, then marks, then text
    spellings = ["Nguyen Van Hung", "Hùng Nguyễn Văn", "Nguyễn Văn Hùng"]
    assert {best_name(order) for order in (spellings, spellings[::-1], sorted(spellings))} == {
        "Nguyễn Văn Hùng"
    }
    assert best_name(["Nguyen Van Hung", "Nguyen Van Hung", "Nguyễn Văn Hùng"]) == "Nguyen Van Hung"
    assert best_name(["", ""]) == ""
