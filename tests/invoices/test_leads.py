import json

import pytest
from django.core.management import call_command

from sc389.core.models import AuditEvent
from sc389.invoices.models import InvoiceLead


def test_refresh_saves_every_lead_with_reasons_evidence_and_audit(leads, economy):
    by_detector = {}
    for lead in InvoiceLead.objects.all():
        by_detector.setdefault(lead.detector, set()).add(lead.tax_code)
        assert lead.reasons and lead.evidence
        assert all(inv["status"] not in ("replaced", "cancelled") for inv in lead.evidence)
    for name in ("provenance", "ghost", "circular"):
        assert by_detector[name] == set(economy.truth[name])
    assert AuditEvent.objects.filter(verb="invoices.lead_found").count() == len(leads)
    run = AuditEvent.objects.get(verb="invoices.leads_refreshed")
    assert run.data["found"] == len(leads)


def test_circular_lead_shows_the_ring_invoices(leads, economy):
    lead = InvoiceLead.objects.filter(detector="circular").first()
    ring_sellers = {inv["seller"] for inv in lead.evidence}
    assert lead.tax_code in ring_sellers and ring_sellers <= set(economy.truth["circular"])


def test_refresh_replaces_the_previous_leads(leads, tree):
    from sc389.invoices.leads import invoice_leads_refresh

    again = invoice_leads_refresh(actor=tree.users["admin_national"])
    assert InvoiceLead.objects.count() == len(again) == len(leads)
    assert AuditEvent.objects.filter(verb="invoices.leads_refreshed").order_by("pk").last().data[
        "removed"
    ] == len(leads)


@pytest.mark.django_db
def test_detect_command_json(store_dir, economy, economy_dir, capsys):
    call_command("import_invoices", str(economy_dir))
    capsys.readouterr()
    eco = economy_dir.parent
    call_command(
        "detect_invoices",
        "--format",
        "json",
        "--load-companies",
        str(eco / "companies.csv"),
        "--load-imports",
        str(eco / "declarations.csv"),
        "--load-opening",
        str(eco / "opening_stock.csv"),
    )
    out = json.loads(capsys.readouterr().out)
    flagged = {(x["detector"], x["tax_code"]) for x in out}
    assert {t for d, t in flagged if d == "ghost"} == set(economy.truth["ghost"])
    assert all(x["reasons"] and x["score"] > 0 for x in out)
    assert InvoiceLead.objects.count() == 0  # without --save nothing is written


def test_every_lead_is_a_sighting_of_its_company_in_the_entity_registry(leads, tree):
    """The registry is fed by the detectors: each lead a sighting of the company entity of its tax code (one
    entity per tax code, however many detectors flag it), kept across runs without duplicates."""
    from sc389.entities.models import Entity, Sighting
    from sc389.invoices.leads import invoice_leads_refresh

    sightings = Sighting.objects.select_related("entity")
    assert {(s.detector, s.identifier, s.source_id) for s in sightings} == {
        (x.detector, x.tax_code, x.pk) for x in leads
    }
    assert all(s.entity.kind == "company" and s.entity.identifier == s.identifier for s in sightings)
    codes = {x.tax_code for x in leads}
    assert Entity.objects.count() == len(codes)
    entities = dict(Sighting.objects.values_list("identifier", "entity_id"))
    # when: the detectors run again
    again = invoice_leads_refresh(actor=tree.users["admin_national"])
    # then: the same entities, the sightings now point at the new leads
    assert Entity.objects.count() == len(codes)
    assert dict(Sighting.objects.values_list("identifier", "entity_id")) == entities
    assert set(Sighting.objects.values_list("source_id", flat=True)) == {x.pk for x in again}
