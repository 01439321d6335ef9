"""Every invoices route × every persona (tests/orgtree.py): analysts and admins of a committee see the leads of
its area (national: all), nobody else sees any. Routes: "/api/v1/invoices/leads", "/api/v1/invoices/leads/{lead_id}"."""

from sc389.invoices.models import InvoiceLead

from ..orgtree import PERSONAS

NATIONAL = {"admin_national", "analyst_national"}
LANGSON = {"admin_langson", "analyst_langson"}
ANALYSTS = NATIONAL | LANGSON | {"staff_commune_a"}  # a commune committee's analyst: no province, no leads


def visible(persona: str, tree) -> set[int]:
    if persona in NATIONAL:
        return set(InvoiceLead.objects.values_list("pk", flat=True))
    if persona in LANGSON:
        return set(
            InvoiceLead.objects.filter(province=tree.provinces["langson"]).values_list("pk", flat=True)
        )
    return set()


def test_leads_land_in_three_areas(leads, tree):
    provinces = {lead.province_id for lead in leads}
    assert provinces == {tree.provinces["langson"].pk, tree.provinces["caobang"].pk, None}


def test_list_route(leads, tree, call):
    wrong = []
    for persona in [*PERSONAS, "anonymous"]:
        response = call(persona, "GET", "/api/v1/invoices/leads", query={"limit": 200})
        if persona == "anonymous":
            expected = 401
        elif persona in ANALYSTS:
            expected = 200
        else:
            expected = 403
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code} != {expected}")
            continue
        if expected == 200:
            got = {item["id"] for item in response.json()["items"]}
            if got != visible(persona, tree) or response.json()["count"] != len(got):
                wrong.append(f"{persona}: {sorted(got)} != {sorted(visible(persona, tree))}")
    assert wrong == []


def test_detail_route(leads, tree, call):
    wrong = []
    for persona in [*PERSONAS, "anonymous"]:
        mine = visible(persona, tree)
        for lead in leads:
            response = call(persona, "GET", f"/api/v1/invoices/leads/{lead.pk}")
            expected = 401 if persona == "anonymous" else 200 if lead.pk in mine else 404
            if response.status_code != expected:
                wrong.append(
                    f"{persona} {lead.tax_code}/{lead.detector}: {response.status_code} != {expected}"
                )
            elif expected == 200:
                body = response.json()
                if body["reasons"] != lead.reasons or len(body["evidence"]) != len(lead.evidence):
                    wrong.append(f"{persona} {lead.pk}: body differs")
    assert wrong == []


def test_filter_by_detector(leads, call):
    body = call("analyst_national", "GET", "/api/v1/invoices/leads", query={"detector": "ghost"}).json()
    assert body["count"] == 4 and {i["detector"] for i in body["items"]} == {"ghost"}


def _langson_lead(leads, tree, detector: str = "ghost") -> InvoiceLead:
    return next(x for x in leads if x.province_id == tree.provinces["langson"].pk and x.detector == detector)


def test_send_route(leads, tree, call):
    """Route "/api/v1/invoices/leads/{lead_id}/send": only who sees the lead sends it, once; the competent unit
    (Lạng Sơn market surveillance: the tree has no tax unit) gets it in its to-do list, no other unit sees it."""
    lead = _langson_lead(leads, tree)
    url = f"/api/v1/invoices/leads/{lead.pk}/send"
    senders = ["analyst_langson", "analyst_national", "admin_langson", "admin_national"]
    wrong = []
    for persona in [*(p for p in PERSONAS if p not in senders), "anonymous"]:
        expected = 401 if persona == "anonymous" else 404
        if (status := call(persona, "POST", url, {}).status_code) != expected:
            wrong.append(f"{persona}: {status} != {expected}")
    first = call(senders[0], "POST", url, {})
    assert first.status_code == 200, first.content
    for persona in senders[1:]:  # sent once: the others are told so
        response = call(persona, "POST", url, {})
        if response.status_code != 409 or response.json()["code"] != "invoices.lead_already_sent":
            wrong.append(f"{persona} second send: {response.status_code}")
    assert wrong == []
    body = first.json()
    assert body["unit"] == tree.units["qltt_langson5"].pk
    # the receiving unit sees the task with the reasons; the other units do not
    task_url = f"/api/v1/direction/tasks/{body['task']}"
    units = {p for p, (_role, where) in PERSONAS.items() if where.startswith("unit:")}
    seen = {p for p in units if call(p, "GET", task_url).status_code == 200}
    assert seen == {"officer_langson_qltt"}
    task = call("officer_langson_qltt", "GET", task_url).json()
    assert lead.tax_code in task["title"] and lead.reasons[0] in task["description"]
    # the lead page says where it went
    detail = call("analyst_langson", "GET", f"/api/v1/invoices/leads/{lead.pk}").json()
    assert detail["referral"]["task"] == body["task"]


def test_send_route_without_a_competent_unit_asks_for_one(leads, tree, call):
    lead = next(x for x in leads if x.province_id == tree.provinces["caobang"].pk)
    url = f"/api/v1/invoices/leads/{lead.pk}/send"
    response = call("analyst_national", "POST", url, {})
    assert response.status_code == 400 and response.json()["field"] == "unit"
    chosen = tree.units["bp_caobang"].pk
    assert call("analyst_national", "POST", url, {"unit": chosen}).json()["unit"] == chosen
    assert call("analyst_national", "POST", f"{url}", {"unit": 999_999}).status_code == 404
