"""Every entities route × every persona: the API shows exactly the appearances whose cases scope allows, and only
analysts (who can read both records) judge pairs. Routes: "/api/v1/entities/", "/api/v1/entities/{entity_id}",
"/api/v1/entities/review", "/api/v1/entities/review/{judgement_id}"."""

from django.db import transaction

from sc389.entities import services
from sc389.entities.models import Judgement

from ..cases.matrix import MATRIX

# entity (by one of its parties) → the matrix cases it appears in
ENTITIES = {
    "hung_ls": {"huunghi", "bp_caobang", "hungyen"},
    "lan": {"qltt"},
    "mai_a": {"joint"},
    "mai_b": {"hungyen_shared"},
    "truck_ls": {"huunghi", "hungyen"},
    "firm_ls": {"qltt", "bp_caobang"},
}
REVIEWERS = {"admin_national", "analyst_national", "admin_langson", "analyst_langson", "staff_commune_a"}


def ready(world):
    services.entities_refresh()
    refs = {world.cases[name].reference: name for name in world.cases}
    return refs


def test_list_route(world, call):
    # "/api/v1/entities/": every persona gets exactly the entities with a case it may see
    ready(world)
    ids = {world.entity(p).pk: p for p in ENTITIES}
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        response = call(persona, "GET", "/api/v1/entities/", query={"limit": 200})
        if persona == "anonymous":
            if response.status_code != 401:
                wrong.append(f"{persona}: {response.status_code}")
            continue
        got = {ids.get(item["id"]) for item in response.json()["items"]}
        want = {p for p, cases in ENTITIES.items() if cases & may_view}
        if response.status_code != 200 or got != want:
            wrong.append(f"{persona}: {response.status_code} {sorted(got)} != {sorted(want)}")
    assert wrong == []


def test_search_by_folded_name_and_identifier(world, call):
    ready(world)
    hung = world.entity("hung_ls").pk
    for q in ("nguyen van hung", "Nguyễn Văn Hùng", "020085001234", "0912 345 678"):
        items = call("admin_national", "GET", "/api/v1/entities/", query={"q": q})
        assert hung in {i["id"] for i in items.json()["items"]}, q
    # the Cao Bằng leader finds him by the name written in the Cao Bằng case, not by the Lạng Sơn CCCD
    assert (
        call("leader_caobang", "GET", "/api/v1/entities/", query={"q": "nguyen van hung"}).json()["count"]
        == 1
    )
    assert (
        call("leader_caobang", "GET", "/api/v1/entities/", query={"q": "020085001234"}).json()["count"] == 0
    )


def test_detail_route(world, call):
    # "/api/v1/entities/{entity_id}": 404 outside scope; inside, only the visible appearances
    refs = ready(world)
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        for party, cases in ENTITIES.items():
            entity = world.entity(party)
            response = call(persona, "GET", f"/api/v1/entities/{entity.pk}")
            visible = cases & may_view
            want = 401 if persona == "anonymous" else (200 if visible else 404)
            if response.status_code != want:
                wrong.append(f"{persona} {party}: {response.status_code} != {want}")
            elif want == 200:
                got = {refs[a["case_reference"]] for a in response.json()["appearances"]}
                if got != visible:
                    wrong.append(f"{persona} {party}: {sorted(got)} != {sorted(visible)}")
    assert wrong == []


def test_review_routes(world, call):
    # "/api/v1/entities/review" and "/api/v1/entities/review/{judgement_id}"
    ready(world)
    judgement = Judgement.objects.get()  # the Trần Thị Mai pair: cases "joint" and "hungyen_shared"
    both = {"joint", "hungyen_shared"}
    wrong = []
    for persona, (may_view, _change) in sorted(MATRIX.items()):
        sees_both = both <= may_view
        response = call(persona, "GET", "/api/v1/entities/review")
        want = 401 if persona == "anonymous" else (200 if persona in REVIEWERS else 403)
        if response.status_code != want:
            wrong.append(f"{persona} GET review: {response.status_code} != {want}")
        elif want == 200 and {j["id"] for j in response.json()} != ({judgement.pk} if sees_both else set()):
            wrong.append(f"{persona} GET review: {response.json()}")
        with transaction.atomic():
            response = call(
                persona, "POST", f"/api/v1/entities/review/{judgement.pk}", {"status": "rejected"}
            )
            transaction.set_rollback(True)
        if persona == "anonymous":
            want = 401
        elif not sees_both:
            want = 404
        else:
            want = 200 if persona in REVIEWERS else 403
        if response.status_code != want:
            wrong.append(f"{persona} POST decide: {response.status_code} != {want}")
    assert wrong == []
    # a decision that is not one of the three is the caller's error
    response = call(
        "analyst_national", "POST", f"/api/v1/entities/review/{judgement.pk}", {"status": "maybe"}
    )
    assert response.status_code == 400 and response.json()["field"] == "status"
