"""Leads reach the competent unit as tasks: service, command and page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sc389.core.errors import DomainError
from sc389.core.models import AuditEvent
from sc389.direction.selectors import my_tasks
from sc389.invoices import referrals
from sc389.invoices.leads import invoice_leads_refresh
from sc389.invoices.models import InvoiceLead, LeadReferral
from sc389.org import services as org
from sc389.org.choices import ForceCode


def _langson(leads, tree, detector="ghost"):
    return next(x for x in leads if x.province_id == tree.provinces["langson"].pk and x.detector == detector)


def test_send_writes_a_task_for_the_unit_and_an_audit_row(leads, tree):
    # given
    lead = _langson(leads, tree)
    analyst = tree.users["analyst_langson"]
    # when
    referral = referrals.lead_send(lead=lead, actor=analyst)
    # then: a task of the Lạng Sơn committee in the market-surveillance unit's to-do list
    task = referral.task
    assert task.committee == tree.committees["langson"] and task.assignee == tree.units["qltt_langson5"]
    assert task in my_tasks(user=tree.users["officer_langson_qltt"])
    assert task not in my_tasks(user=tree.users["officer_langson_customs"])
    assert all(reason in task.description for reason in lead.reasons)
    event = AuditEvent.objects.get(verb="invoices.lead_sent")
    assert event.data["tax_code"] == lead.tax_code and event.data["task"] == task.pk
    assert AuditEvent.objects.filter(verb="direction.task_assigned").count() == 1


def test_a_lead_is_not_sent_twice_even_after_the_detectors_run_again(leads, tree):
    lead = _langson(leads, tree)
    referrals.lead_send(lead=lead, actor=tree.users["analyst_langson"])
    invoice_leads_refresh(actor=tree.users["admin_national"])  # the leads are replaced
    again = InvoiceLead.objects.get(detector=lead.detector, tax_code=lead.tax_code)
    with pytest.raises(DomainError) as exc:
        referrals.lead_send(lead=again, actor=tree.users["analyst_national"])
    assert exc.value.code == referrals.ReferralErrorCode.ALREADY_SENT
    assert LeadReferral.objects.count() == 1


def test_the_tax_unit_comes_before_market_surveillance(leads, tree):
    tax = org.force_ensure(code=ForceCode.TAX, name="Thuế")
    langson = tree.provinces["langson"]
    unit = org.unit_create(
        code="T-LS", name="Thuế tỉnh Lạng Sơn", force=tax, home_province=langson, area=[langson]
    )
    assert referrals.competent_unit(langson.pk) == unit
    assert referrals.competent_unit(tree.provinces["caobang"].pk) is None
    assert referrals.competent_unit(None) is None


def test_an_officer_cannot_send(leads, tree):
    with pytest.raises(DomainError) as exc:
        referrals.lead_send(lead=_langson(leads, tree), actor=tree.users["officer_langson_qltt"])
    assert exc.value.status == 403
    assert LeadReferral.objects.count() == 0


def test_send_top_command_sends_what_has_a_competent_unit_once(leads, tree, capsys):
    langson = {(x.detector, x.tax_code) for x in leads if x.province_id == tree.provinces["langson"].pk}
    assert len(langson) == 2  # the Lạng Sơn ghost is flagged as a ghost and for goods without provenance
    call_command("detect_invoices", "--send-top", "50", "--user", "analyst_national")
    assert set(LeadReferral.objects.values_list("detector", "tax_code")) == langson
    assert "Cao" not in capsys.readouterr().out
    call_command("detect_invoices", "--send-top", "50", "--user", "analyst_national")
    assert LeadReferral.objects.count() == 2
    assert AuditEvent.objects.filter(verb="invoices.lead_sent", channel="cli").count() == 2
    with pytest.raises(CommandError):
        call_command("detect_invoices", "--send-top", "1")


def test_lead_page_sends_and_then_shows_where(leads, tree, client):
    lead = _langson(leads, tree)
    url = reverse("invoices:lead", args=[lead.pk])
    client.force_login(tree.users["analyst_langson"])
    assert b'name="unit"' in client.get(url).content
    response = client.post(reverse("invoices:lead_send", args=[lead.pk]), {"unit": ""})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert tree.units["qltt_langson5"].name in page and 'name="unit"' not in page
    client.force_login(tree.users["officer_langson_qltt"])
    other = _langson(leads, tree, "provenance")
    assert client.post(reverse("invoices:lead_send", args=[other.pk])).status_code == 404
    assert not LeadReferral.objects.filter(tax_code=other.tax_code, detector="provenance").exists()
