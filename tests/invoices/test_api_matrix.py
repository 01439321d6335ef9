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
