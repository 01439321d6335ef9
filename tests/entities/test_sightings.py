"""The detectors' findings in the registry: a flagged tax code or shop joins the case entity with the same exact
identifier or becomes an entity of its own; every persona sees exactly the findings of its area (analysts and
admins; national: all) and the entities they make visible, on the web and in the API."""

import datetime as dt
import re

from django.urls import reverse

from sc389.cases import services as cases
from sc389.core.models import AuditEvent
from sc389.entities import services
from sc389.entities.models import Appearance, Entity, Sighting
from sc389.entities.sightings import Found, relink, sightings_sync
from sc389.org import services as org

from ..cases.matrix import MATRIX
from .test_api_matrix import ENTITIES
from .test_pages import client_for

NATIONAL = {"admin_national", "analyst_national"}
LANGSON = {"admin_langson", "analyst_langson"}  # the commune committee's analyst has no province: no findings
SEEN = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def _found(source_id, identifier, province, *, kind="company", source="invoice_lead", **extra) -> Found:
    return Found(
        source=source,
        source_id=source_id,
        detector=extra.pop("detector", "ghost"),
        label=extra.pop("label", "Doanh nghiệp ma bán hóa đơn"),
        kind=kind,
        identifier=identifier,
        province_id=province.pk if province else None,
        score=extra.pop("score", 0.8),
        reasons=extra.pop("reasons", (f"lý do {source_id}",)),
        seen_at=SEEN,
        **extra,
    )


def findings(world) -> dict[str, tuple[Found, str]]:
    """name → (finding, the party whose entity it must join, or "" for an entity of its own)."""
    p = world.tree.provinces
    return {
        # the Hữu Nghị company of the Lạng Sơn and Cao Bằng cases, flagged twice: from Cao Bằng and from Lạng Sơn
        "firm_cb": (_found(1, "0100109106", p["caobang"], name="CTY HUU NGHI"), "firm_ls"),
        "firm_ls": (_found(2, "0100-109-106", p["langson"], detector="circular", name="Hữu Nghị"), "firm_ls"),
        # companies no case names
        "ghost_ls": (_found(3, "0312345673", p["langson"], name="Công ty Ma Lạng Sơn"), ""),
        "ghost_cb": (_found(4, "0109876557", p["caobang"], name="Công ty Ma Cao Bằng"), ""),
        # a shop whose location matches no province: national analysts only
        "shop_x": (
            _found(
                5, "SELLER-77", None, kind="online_shop", source="shop", platform="Shopee", name="Hàng xịn 77"
            ),
            "",
        ),
    }


def ready(world) -> dict[str, tuple[Found, str]]:
    services.entities_refresh()
    found = findings(world)
    invoice = [f for f, _p in found.values() if f.source == "invoice_lead"]
    shops = [f for f, _p in found.values() if f.source == "shop"]
    sightings_sync(source="invoice_lead", found=invoice)
    sightings_sync(source="shop", found=shops)
    return found


def sighting(name: str, found) -> Sighting:
    f, _party = found[name]
    return Sighting.objects.get(source=f.source, source_id=f.source_id)


def visible(persona: str, world, found) -> set[str]:
    p = world.tree.provinces
    if persona in NATIONAL:
        return set(found)
    if persona in LANGSON:
        return {n for n, (f, _party) in found.items() if f.province_id == p["langson"].pk}
    return set()


def test_findings_join_the_case_entity_or_make_their_own(world):
    found = ready(world)
    firm = world.entity("firm_ls")
    assert sighting("firm_cb", found).entity == firm and sighting("firm_ls", found).entity == firm
    assert sighting("firm_ls", found).key == "tax:0100109106"  # the dashes of a branch-style code fold away
    own = {n: sighting(n, found).entity for n in ("ghost_ls", "ghost_cb", "shop_x")}
    assert len({e.pk for e in own.values()}) == 3
    assert not Appearance.objects.filter(entity__in=own.values()).exists()
    assert own["ghost_ls"].kind == "company" and own["ghost_ls"].identifier == "0312345673"
    assert own["shop_x"].kind == "online_shop" and own["shop_x"].name == "Hàng xịn 77"
    # a refresh of the registry keeps the findings' entities (they hold sightings) and changes nothing
    result = services.entities_refresh()
    assert result.skipped and Entity.objects.filter(pk__in=[e.pk for e in own.values()]).count() == 3


def test_a_second_run_changes_nothing_and_a_finding_gone_takes_its_entity(world):
    found = ready(world)
    ids = set(Sighting.objects.values_list("pk", flat=True))
    events = AuditEvent.objects.count()
    invoice = [f for f, _p in found.values() if f.source == "invoice_lead"]
    result = sightings_sync(source="invoice_lead", found=invoice)
    assert not result.changed and AuditEvent.objects.count() == events
    assert set(Sighting.objects.values_list("pk", flat=True)) == ids
    ghost = sighting("ghost_ls", found).entity_id
    firm = world.entity("firm_ls").pk
    # the next run no longer finds the Lạng Sơn ghost nor the Cao Bằng flag of the firm
    keep = [found[n][0] for n in ("firm_ls", "ghost_cb")]
    result = sightings_sync(source="invoice_lead", found=keep)
    assert (result.removed, result.entities_deleted) == (2, 1)
    assert not Entity.objects.filter(pk=ghost).exists() and Entity.objects.filter(pk=firm).exists()
    assert (
        AuditEvent.objects.filter(verb="entities.sightings_synced").order_by("pk").last().data["removed"] == 2
    )
    # the shop's own run did not touch the invoice findings' entities, nor they the shop
    assert Sighting.objects.filter(source="shop").count() == 1


def test_a_case_that_names_the_company_takes_over_its_entity(world):
    found = ready(world)
    ghost = sighting("ghost_cb", found).entity
    admin = world.tree.users["admin_national"]
    cases.party_add(
        case=world.cases["bp_caobang"], actor=admin, kind="company", name="Công ty Ma Cao Bằng",
        tax_code="0109876557", role="owner",
    )  # fmt: skip
    services.entities_refresh()
    ghost.refresh_from_db()  # the same entity, address kept: the case joined it
    assert ghost.case_count == 1 and ghost.appearances.get().case == world.cases["bp_caobang"]
    assert sighting("ghost_cb", found).entity == ghost
    # the party's tax code was a typo: corrected, the finding leaves the case entity for one of its own
    party = ghost.appearances.get().party
    cases.party_update(party=party, actor=admin, tax_code="0100109106")
    services.entities_refresh()
    moved = sighting("ghost_cb", found).entity
    assert moved != world.entity("firm_ls") and not moved.appearances.exists()
    assert moved.identifier == "0109876557"
    assert relink() == 0  # settled


def test_api_by_persona(world, call):
    """Routes "/api/v1/entities/" and "/api/v1/entities/{entity_id}" with findings: each persona gets the entities
    of its cases and of its findings, and on each entity exactly the findings of its area."""
    found = ready(world)
    ids = {world.entity(p).pk: p for p in ENTITIES}
    own = {sighting(n, found).entity_id: n for n, (_f, party) in found.items() if not party}
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        if persona == "anonymous":
            continue
        mine = visible(persona, world, found)
        body = call(persona, "GET", "/api/v1/entities/", query={"limit": 200}).json()
        got = {ids.get(i["id"]) or own.get(i["id"]) for i in body["items"]}
        want = {p for p, c in ENTITIES.items() if c & may_view} | {n for n in own.values() if n in mine}
        want |= {"firm_ls"} if {"firm_cb", "firm_ls"} & mine else set()
        if got != want:
            wrong.append(f"{persona} list: {sorted(got)} != {sorted(want)}")
        on_entity = {}
        for n in mine:
            on_entity[sighting(n, found).entity_id] = on_entity.get(sighting(n, found).entity_id, 0) + 1
        counts = {i["id"]: i["findings"] for i in body["items"]}
        if any(counts[e] != on_entity.get(e, 0) for e in counts):
            wrong.append(f"{persona} list findings: {counts} vs {on_entity}")
        flagged = call(persona, "GET", "/api/v1/entities/", query={"limit": 200, "flagged": True}).json()
        if {i["id"] for i in flagged["items"]} != set(on_entity):
            wrong.append(f"{persona} flagged: {flagged['items']} vs {on_entity}")
        for name, (_f, party) in found.items():
            entity = sighting(name, found).entity_id
            response = call(persona, "GET", f"/api/v1/entities/{entity}")
            shown = party and ENTITIES[party] & may_view
            on_entity = {n for n in mine if sighting(n, found).entity_id == entity}
            expected = 200 if (shown or on_entity) else 404
            if response.status_code != expected:
                wrong.append(f"{persona} {name}: {response.status_code} != {expected}")
            elif expected == 200:
                detail = response.json()
                keys = {(s["source"], s["source_id"]) for s in detail["sightings"]}
                want_keys = {(found[n][0].source, found[n][0].source_id) for n in on_entity}
                if keys != want_keys or detail["findings"] != len(want_keys):
                    wrong.append(f"{persona} {name}: {sorted(keys)} != {sorted(want_keys)}")
    assert wrong == []


def test_pages_by_persona(world):
    found = ready(world)
    wrong = []
    for persona in sorted(MATRIX):
        if persona == "anonymous":
            continue
        client = client_for(world, persona)
        mine = visible(persona, world, found)
        listing = client.get(reverse("entities:list")).content.decode()
        links = set(re.findall(r'href="/entities/(\d+)/"', listing))
        for name, (_f, party) in found.items():
            entity = sighting(name, found).entity_id
            if not party and (str(entity) in links) != (name in mine):
                wrong.append(f"{persona} list {name}")
            page = client.get(reverse("entities:detail", args=[entity]))
            if page.status_code != 200:
                continue
            rows = set(re.findall(r'<td class="identifier">([^<]+)</td>', page.content.decode()))
            want = {
                (f"{found[n][0].platform}: " if found[n][0].platform else "") + found[n][0].identifier
                for n in mine
                if sighting(n, found).entity_id == entity
            }
            if rows != want:
                wrong.append(f"{persona} {name}: {sorted(rows)} != {sorted(want)}")
        # a hidden finding's name never shows, even in the list
        for name, (f, party) in found.items():
            if not party and name not in mine and f.name in listing:
                wrong.append(f"{persona} list shows {f.name}")
    assert wrong == []


def test_search_finds_a_finding_by_seller_id_tax_code_and_folded_name(world, call):
    found = ready(world)
    shop = sighting("shop_x", found).entity_id
    ghost = sighting("ghost_ls", found).entity_id
    for q, entity in (
        ("seller-77", shop),
        ("hang xin 77", shop),
        ("0312345673", ghost),
        ("cong ty ma lang", ghost),
    ):
        items = call("analyst_national", "GET", "/api/v1/entities/", query={"q": q}).json()["items"]
        assert entity in {i["id"] for i in items}, q
    # the Lạng Sơn analyst finds the Lạng Sơn ghost, not the shop of no province; a leader finds neither
    assert call("analyst_langson", "GET", "/api/v1/entities/", query={"q": "0312345673"}).json()["count"] == 1
    assert call("analyst_langson", "GET", "/api/v1/entities/", query={"q": "seller-77"}).json()["count"] == 0
    assert call("leader_national", "GET", "/api/v1/entities/", query={"q": "0312345673"}).json()["count"] == 0


def test_a_bulletin_drafted_from_a_finding_names_it(world):
    # an analyst of the Lạng Sơn committee who also works for a unit (publishes for it)
    analyst = world.tree.users["analyst_langson"]
    org.membership_grant(user=analyst, role="officer", unit=world.tree.units["qltt_langson5"])
    found = ready(world)
    entity = sighting("ghost_ls", found).entity_id
    page = client_for(world, "analyst_langson").get(reverse("entities:bulletin", args=[entity]))
    assert page.status_code == 200
    body = page.context["form"].initial["body"]
    assert "0312345673" in body and "lý do 3" in body and "Doanh nghiệp ma bán hóa đơn" in body
    assert page.context["form"].initial["provinces"] == [str(world.tree.provinces["langson"].pk)]
