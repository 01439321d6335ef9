import datetime as dt
from typing import Any

from django.db import transaction

from sc389.core import access, audit, sequences
from sc389.core.text import nfc
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Committee, Unit

from ..errors import CaseErrorCode
from ..models import Case, CaseShare, CaseUnit
from .common import AUDITED_CASE_FIELDS, derive_outcome_state, ensure_can_write, ensure_version, error, touch

EDITABLE_FIELDS = {
    "category",
    "violation_type",
    "channel",
    "channel_url",
    "channel_shop",
    "detected_on",
    "place",
    "place_text",
    "lead_unit",
    "narrative",
    "external_ref",
}


def locate(place: AdministrativeUnit) -> tuple[AdministrativeUnit, AdministrativeUnit | None]:
    """Today's province and commune for a place (a historic district or commune maps to today's province)."""
    province = (
        place if place.level == AdminLevel.PROVINCE and place.valid_to is None else place.current_province
    )
    if province is None:
        raise error(CaseErrorCode.BAD_PLACE, field="place")
    commune = place if place.level == AdminLevel.COMMUNE and place.valid_to is None else None
    return province, commune


def next_references(province: AdministrativeUnit, year: int, count: int = 1) -> list[str]:
    """Case numbers read by people: province code, year, sequence (20-2020-000123)."""
    first = sequences.reserve(f"case:{province.code}:{year}", count)
    return [f"{int(province.code):02d}-{year}-{n:06d}" for n in range(first, first + count)]


def _validated(case: Case) -> Case:
    case.full_clean(exclude=["reference", "search_folded"] if not case.reference else ["search_folded"])
    return case


@transaction.atomic
def case_create(
    *,
    actor,
    lead_unit: Unit,
    category: str,
    detected_on: dt.date,
    place: AdministrativeUnit,
    participants: list[Unit] | None = None,
    **fields: Any,
) -> Case:
    """Record a new case for `lead_unit`; the actor must be able to write for that unit."""
    province, commune = locate(place)
    if not access.may_record_for(actor, unit_id=lead_unit.pk, province_id=province.pk):
        raise error(CaseErrorCode.NOT_ALLOWED, status=403)
    unknown = set(fields) - EDITABLE_FIELDS - {"source_unit"}
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    case = Case(
        lead_unit=lead_unit,
        category=category,
        detected_on=detected_on,
        place=place,
        province=province,
        commune=commune,
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    case.place_text = nfc(case.place_text)
    case.narrative = (case.narrative or "").strip()
    _validated(case)
    case.reference = next_references(province, detected_on.year)[0]
    case.save()
    for unit in participants or []:
        if unit.pk != lead_unit.pk:
            CaseUnit.objects.create(case=case, unit=unit)
    touch(case)
    audit.record(
        actor=actor,
        verb="case.created",
        target=case,
        changes=audit.diff({}, audit.snapshot(case, AUDITED_CASE_FIELDS)),
        data={"participants": [u.pk for u in participants or []]},
    )
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    actor,
    expected_version: int | None = None,
    participants: list[Unit] | None = None,
    **changes: Any,
) -> Case:
    """Change a case's own fields; a stale `expected_version` is refused (409) so no edit is lost silently."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_can_write(actor, case)
    ensure_version(case, expected_version)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    before_units = sorted(case.participations.values_list("unit_id", flat=True))
    for name, value in changes.items():
        setattr(case, name, nfc(value) if name in ("place_text", "channel_shop") else value)
    if "place" in changes:
        case.province, case.commune = locate(case.place)
    if "lead_unit" in changes and not access.may_record_for(
        actor, unit_id=case.lead_unit_id, province_id=case.province_id
    ):
        raise error(CaseErrorCode.NOT_ALLOWED, status=403)
    _validated(case)
    if participants is not None:
        wanted = {u.pk for u in participants} - {case.lead_unit_id}
        case.participations.exclude(unit_id__in=wanted).delete()
        for unit_id in wanted - set(before_units):
            CaseUnit.objects.create(case=case, unit_id=unit_id)
    touch(
        case, fields=[f.attname for f in Case._meta.concrete_fields if f.attname in {*before, "province_id"}]
    )
    after_units = sorted(case.participations.values_list("unit_id", flat=True))
    diff = audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS))
    if before_units != after_units:
        diff["participants"] = [before_units, after_units]
    audit.record(actor=actor, verb="case.updated", target=case, changes=diff)
    return case


@transaction.atomic
def case_close(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    """Close a case found to be no violation; a case with outcomes cannot be closed so."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_can_write(actor, case)
    ensure_version(case, expected_version)
    if case.penalties.exists() or case.prosecutions.exists():
        raise error(CaseErrorCode.HAS_OUTCOMES)
    if not reason.strip():
        raise error(CaseErrorCode.REASON_REQUIRED, field="reason")
    before = audit.snapshot(case, AUDITED_CASE_FIELDS)
    case.closed_reason = nfc(reason)
    derive_outcome_state(case)
    touch(case, fields=["closed_reason", "status", "handled_on"])
    audit.record(
        actor=actor,
        verb="case.closed",
        target=case,
        changes=audit.diff(before, audit.snapshot(case, AUDITED_CASE_FIELDS)),
    )
    return case


@transaction.atomic
def case_share(
    *, case: Case, actor, unit: Unit | None = None, committee: Committee | None = None, note: str = ""
) -> CaseShare:
    """Let another unit or committee read a case (coordination between forces and provinces)."""
    if not access.can(actor, case, "view"):
        raise error(CaseErrorCode.NOT_ALLOWED, status=403)
    share = CaseShare(case=case, unit=unit, committee=committee, shared_by=actor, note=nfc(note))
    share.full_clean()
    share.save()
    audit.record(
        actor=actor,
        verb="case.shared",
        target=case,
        data={
            "unit": getattr(unit, "pk", None),
            "committee": getattr(committee, "pk", None),
            "note": share.note,
        },
    )
    return share
