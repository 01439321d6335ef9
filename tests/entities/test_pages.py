"""The entity pages × every persona: list, entity page (only the visible cases), review queue and decisions."""

import re

from django.test import Client
from django.urls import reverse

from sc389.entities import services
from sc389.entities.models import Judgement

from ..cases.matrix import MATRIX
from .test_api_matrix import ENTITIES, REVIEWERS


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.tree.users[persona])
    return client


def test_pages_by_persona(world):
    services.entities_refresh()
    refs = {world.cases[name].reference: name for name in world.cases}
    judgement = Judgement.objects.get()
    both = {"joint", "hungyen_shared"}
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        client = client_for(world, persona)
        listing = client.get(reverse("entities:list"))
        if persona == "anonymous":
            assert (
                listing.status_code == 302
                and "/login" in listing["Location"]
                or "next=" in listing["Location"]
            )
            continue
        links = set(re.findall(r'href="/entities/(\d+)/"', listing.content.decode()))
        want = {str(world.entity(p).pk) for p, cases in ENTITIES.items() if cases & may_view}
        if listing.status_code != 200 or links != want:
            wrong.append(f"{persona} list: {sorted(links)} != {sorted(want)}")
        # no name from a case the persona may not see, even when the entity is listed
        case_of = {party.pk: name for name, case in world.cases.items() for party in case.parties.all()}
        visible_names = {p.name for p in world.parties.values() if case_of[p.pk] in may_view}
        for p in world.parties.values():
            hidden = p.name and case_of[p.pk] not in may_view and p.name not in visible_names
            if hidden and p.name in listing.content.decode():
                wrong.append(f"{persona} list shows {p.name}")
        for party, cases in ENTITIES.items():
            page = client.get(reverse("entities:detail", args=[world.entity(party).pk]))
            visible = cases & may_view
            if page.status_code != (200 if visible else 404):
                wrong.append(f"{persona} {party}: {page.status_code}")
            elif visible:
                shown = {refs[r] for r in re.findall(r'class="ref"><a [^>]*>([^<]+)<', page.content.decode())}
                if shown != visible:
                    wrong.append(f"{persona} {party}: {sorted(shown)} != {sorted(visible)}")
        queue = client.get(reverse("entities:review"))
        if queue.status_code != (200 if persona in REVIEWERS else 404):
            wrong.append(f"{persona} review: {queue.status_code}")
        elif persona in REVIEWERS and (f'id="pair-{judgement.pk}"' in queue.content.decode()) != (
            both <= may_view
        ):
            wrong.append(f"{persona} review content")
    assert wrong == []


def test_analyst_decides_from_the_page(world, django_capture_on_commit_callbacks):
    services.entities_refresh()
    judgement = Judgement.objects.get()
    officer = client_for(world, "officer_hungyen_police")
    assert (
        officer.post(reverse("entities:decide", args=[judgement.pk]), {"status": "confirmed"}).status_code
        == 404
    )
    analyst = client_for(world, "analyst_national")
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post(reverse("entities:decide", args=[judgement.pk]), {"status": "confirmed"})
    assert response.status_code == 302
    judgement.refresh_from_db()
    assert judgement.status == "confirmed" and judgement.decided_by == world.tree.users["analyst_national"]
    assert world.entity("mai_a") == world.entity("mai_b")
    page = analyst.get(reverse("entities:detail", args=[world.entity("mai_a").pk]))
    assert "Cán bộ phân tích xác nhận" in page.content.decode()


def test_an_entity_becomes_a_bulletin_draft_naming_only_what_the_author_may_see(world):
    # given: the man recorded in three provinces
    from sc389.coordination.forms import acting_units

    services.entities_refresh()
    hung = world.entity("hung_ls")
    draft_url = reverse("entities:bulletin", args=[hung.pk])
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        if persona == "anonymous":
            continue
        user = world.tree.users[persona]
        client = client_for(world, persona)
        page = client.get(reverse("entities:detail", args=[hung.pk])).content.decode()
        draft = client.get(draft_url)
        seen = ENTITIES["hung_ls"] & may_view
        publishes = acting_units(user).exists()
        # then: a draft for those who see him and publish for a unit, naming exactly the cases they may see
        if (f'href="{draft_url}"' in page, draft.status_code) != (
            publishes and bool(seen),
            200 if publishes and seen else 404,
        ):
            wrong.append((persona, draft.status_code))
            continue
        if draft.status_code != 200:
            continue
        initial = draft.context["form"].initial
        named = {ref.strip() for ref in initial["case_refs"].split(",")}
        provinces = {str(world.cases[c].province_id) for c in seen}
        if named != {world.cases[c].reference for c in seen} or set(initial["provinces"]) != provinces:
            wrong.append((persona, named, initial["provinces"]))
        hidden = {world.cases[c].reference for c in ENTITIES["hung_ls"] - seen}
        if any(ref in initial["body"] for ref in hidden):
            wrong.append((persona, "hidden case in the body"))
        if not initial["entities"].startswith("person: ") or initial["sensitivity"] != "internal":
            wrong.append((persona, initial["entities"], initial["sensitivity"]))
    assert not wrong


def test_the_drafted_bulletin_is_published_as_the_author_checked_it(world):
    # given: the Lạng Sơn customs officer drafts a bulletin from the entity page
    from sc389.coordination.models import Bulletin

    services.entities_refresh()
    hung = world.entity("hung_ls")
    client = client_for(world, "officer_langson_customs")
    form = client.get(reverse("entities:bulletin", args=[hung.pk]))
    # then: title, case and entity are filled in, the hidden cases are not, and the form sends to coordination
    body = form.content.decode()
    ref = world.cases["huunghi"].reference
    assert form.status_code == 200 and "Thông tin về đối tượng Nguyễn Văn Hùng" in body and ref in body
    assert world.cases["hungyen"].reference not in body and "person: Nguyễn Văn Hùng" in body
    assert f'action="{reverse("coordination:bulletin_new")}"' in body
    # when: the officer sends it to Cao Bằng's committee as it was drafted
    initial = form.context["form"].initial
    sent = client.post(
        reverse("coordination:bulletin_new"),
        {
            "author_unit": world.tree.units["customs_huunghi"].pk,
            "title": initial["title"],
            "body": initial["body"],
            "sensitivity": initial["sensitivity"],
            "provinces": [world.tree.provinces["caobang"].pk],
            "case_refs": initial["case_refs"],
            "entities": initial["entities"],
        },
    )
    # then: the bulletin carries the case and the entity
    bulletin = Bulletin.objects.get()
    assert sent.status_code == 302 and bulletin.sensitivity == "internal"
    assert [link.case.reference for link in bulletin.case_links.all()] == [ref]
    assert [(e.kind, e.label) for e in bulletin.entities.all()] == [("person", "Nguyễn Văn Hùng")]
