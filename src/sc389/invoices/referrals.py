"""Leads reach the competent unit: an analyst (or `sc389 detect_invoices --send-top N`) sends a lead as a task
of the analyst's committee to the unit that can verify the company, with the reasons and the invoices behind it.

The competent unit is the tax unit of the company's province, else its market-surveillance unit (the forces
that audit invoices and inspect traders' goods); the analyst may choose another. A lead is sent once: the
referral is kept by (detector, tax code) across detector runs, which replace the leads themselves.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sc389.core import audit
from sc389.core.errors import DomainError
from sc389.direction import rules as direction_rules
from sc389.direction.services import task_assign
from sc389.org.choices import ForceCode
from sc389.org.models import Committee, Unit

from .models import InvoiceLead, LeadReferral

# The forces that verify an invoice lead, first choice first.
COMPETENT_FORCES = (ForceCode.TAX, ForceCode.MARKET_SURVEILLANCE)
# Days the unit has to verify and report.
VERIFY_DAYS = 30
EVIDENCE_IN_TASK = 20


class ReferralErrorCode:
    ALREADY_SENT = "invoices.lead_already_sent"
    NO_UNIT = "invoices.no_competent_unit"
    NOT_STAFF = "invoices.not_committee_staff"


MESSAGES = {
    ReferralErrorCode.ALREADY_SENT: gettext_lazy("Dấu hiệu này đã được chuyển cho đơn vị."),
    ReferralErrorCode.NO_UNIT: gettext_lazy(
        "Tỉnh của doanh nghiệp không có đơn vị Thuế hay Quản lý thị trường; hãy chọn đơn vị nhận."
    ),
    ReferralErrorCode.NOT_STAFF: gettext_lazy("Chỉ cán bộ của một Ban Chỉ đạo mới chuyển được dấu hiệu."),
}


def _error(code: str, *, status: int = 400, field: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], status=status, field=field)


def _valid_units(day: dt.date) -> QuerySet[Unit]:
    return Unit.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def competent_unit(province_id: int | None, *, today: dt.date | None = None) -> Unit | None:
    """The tax unit covering the province, else its market-surveillance unit; the highest in its force."""
    if province_id is None:
        return None
    units = (
        _valid_units(today or timezone.localdate())
        .filter(force__code__in=COMPETENT_FORCES)
        .filter(Q(area=province_id) | Q(home_province=province_id))
        .select_related("force")
        .distinct()
    )
    ranked = sorted(
        units,
        key=lambda u: (COMPETENT_FORCES.index(u.force.code), u.parent_id is not None, u.code),
    )
    return ranked[0] if ranked else None


def sending_committee(actor, province_id: int | None) -> Committee | None:
    """The committee the task comes from: the actor's committee of the lead's province, else the national one,
    else any committee the actor directs."""
    committees = list(direction_rules.staffed_committees(actor).select_related("area"))
    for test in (
        lambda c: (
            province_id is not None and c.area_id is not None and c.area.current_province_id == province_id
        ),
        lambda c: c.area_id is None,
        lambda c: True,
    ):
        found = sorted((c for c in committees if test(c)), key=lambda c: c.code)
        if found:
            return found[0]
    return None


def referral_of(lead: InvoiceLead) -> LeadReferral | None:
    return (
        LeadReferral.objects.select_related("unit", "task")
        .filter(detector=lead.detector, tax_code=lead.tax_code)
        .first()
    )


def _description(lead: InvoiceLead) -> str:
    lines = [
        _("Dấu hiệu từ hóa đơn điện tử (%(detector)s), điểm %(score).2f, doanh nghiệp %(tax_code)s %(name)s.")
        % {
            "detector": lead.get_detector_display(),
            "score": lead.score,
            "tax_code": lead.tax_code,
            "name": lead.name,
        },
        _("Lý do:"),
        *(f"- {reason}" for reason in lead.reasons),
    ]
    if lead.evidence:
        lines.append(_("Hóa đơn liên quan:"))
        lines += [
            f"- {inv['seller']} {inv['series']} số {inv['number']} ngày {inv['issued_on']} → "
            f"{inv['buyer'] or '—'}: {inv['amount']:,} đồng"
            for inv in lead.evidence[:EVIDENCE_IN_TASK]
        ]
    lines.append(_("Đề nghị xác minh và báo cáo kết quả."))
    return "\n".join(lines)


@transaction.atomic
def lead_send(
    *, lead: InvoiceLead, actor, unit: Unit | None = None, today: dt.date | None = None
) -> LeadReferral:
    """Send `lead` to `unit` (default: the competent unit of its province) as a task of the actor's committee,
    due in VERIFY_DAYS; audited; refused if the lead was sent before."""
    today = today or timezone.localdate()
    if LeadReferral.objects.filter(detector=lead.detector, tax_code=lead.tax_code).exists():
        raise _error(ReferralErrorCode.ALREADY_SENT, status=409)
    committee = sending_committee(actor, lead.province_id)
    if committee is None:
        raise _error(ReferralErrorCode.NOT_STAFF, status=403)
    unit = unit or competent_unit(lead.province_id, today=today)
    if unit is None:
        raise _error(ReferralErrorCode.NO_UNIT, field="unit")
    with translation.override(settings.LANGUAGE_CODE):  # kept texts are in the default language
        title = _("Xác minh doanh nghiệp %(tax_code)s: %(detector)s") % {
            "tax_code": lead.tax_code,
            "detector": lead.get_detector_display(),
        }
        description = _description(lead)
    task = task_assign(
        actor=actor,
        committee=committee,
        assignee=unit,
        title=title[:500],
        due_on=today + dt.timedelta(days=VERIFY_DAYS),
        description=description,
    )
    referral = LeadReferral(
        detector=lead.detector,
        tax_code=lead.tax_code,
        unit=unit,
        task=task,
        sent_by=actor,
        sent_at=timezone.now(),
    )
    referral.full_clean(
        validate_unique=False, validate_constraints=False
    )  # the database's constraint decides a race
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as exc:
        raise _error(ReferralErrorCode.ALREADY_SENT, status=409) from exc
    audit.record(
        actor=actor,
        verb="invoices.lead_sent",
        target=referral,
        data={
            "lead": lead.pk,
            "detector": lead.detector,
            "tax_code": lead.tax_code,
            "unit": unit.pk,
            "committee": committee.pk,
            "task": task.pk,
        },
    )
    return referral


def leads_send_top(*, actor, count: int) -> tuple[list[LeadReferral], list[InvoiceLead]]:
    """Send the `count` highest-scoring leads not sent yet to their competent units. Returns what was sent and
    the leads skipped because their province has no competent unit (an analyst chooses one on the page)."""
    sent: list[LeadReferral] = []
    skipped: list[InvoiceLead] = []
    done = set(LeadReferral.objects.values_list("detector", "tax_code"))
    for lead in InvoiceLead.objects.select_related("province").order_by("-score", "tax_code", "id"):
        if len(sent) >= count:
            break
        if (lead.detector, lead.tax_code) in done:
            continue
        if competent_unit(lead.province_id) is None:
            skipped.append(lead)
            continue
        sent.append(lead_send(lead=lead, actor=actor))
    return sent, skipped
