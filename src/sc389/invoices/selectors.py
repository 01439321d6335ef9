"""Reads of the invoices app a user sees: leads, scoped to analysts of their area."""

from django.db.models import QuerySet

from sc389.core import access
from sc389.core.errors import NotFound

from .models import InvoiceLead

ANALYST_ROLES = frozenset({"analyst", "admin"})


def may_see_leads(user) -> bool:
    """Leads are for analysts (and admins) of the standing offices; officers see their cases, not these."""
    p = access.principal(user)
    return p.superuser or bool(p.roles & ANALYST_ROLES)


def lead_list(*, user, detector: str = "") -> QuerySet[InvoiceLead]:
    if not may_see_leads(user):
        return InvoiceLead.objects.none()
    qs = access.scope(InvoiceLead.objects.select_related("province"), user=user)
    return qs.filter(detector=detector) if detector else qs


def lead_get(*, user, pk: int) -> InvoiceLead:
    lead = lead_list(user=user).filter(pk=pk).first()
    if lead is None:
        raise NotFound()
    return lead
