"""Reads of the invoices app a user sees: leads, scoped to analysts of their area."""

from django.db.models import QuerySet

from sc389.core import access
from sc389.core.errors import NotFound
from sc389.entities.selectors import may_see_findings

from .models import InvoiceLead


def may_see_leads(user) -> bool:
    """Leads are for analysts (and admins) of the standing offices; officers see their cases, not these. The one
    rule of every detector's findings (the entity registry files them under it too)."""
    return may_see_findings(user)


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


def may_send_leads(user) -> bool:
    """Sending a lead needs a committee the user directs (its task comes from that committee)."""
    from sc389.direction.rules import staffed_committees

    return may_see_leads(user) and staffed_committees(user).exists()


def unit_choices(*, today=None):
    """Units a lead may be sent to: every unit valid today (the analyst may choose outside the competent one)."""
    import datetime as dt

    from django.db.models import Q

    from sc389.org.models import Unit

    day = today or dt.date.today()
    return (
        Unit.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("force")
        .order_by("force__code", "code")
    )


def unit_get(*, pk: int):
    unit = unit_choices().filter(pk=pk).first()
    if unit is None:
        raise NotFound()
    return unit
