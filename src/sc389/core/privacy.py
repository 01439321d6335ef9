"""Personal data masking: CCCD numbers, dates of birth and phone numbers of the people in a case.

Who sees them in full (docs/security.md): administrators (superusers, the admin role) and those who may change
the case (officers and reviewers of its lead or participating units, through access.can(..., "change")).
Everyone else who may see the case (leaders, the standing office's analysts, units it was shared with) sees
them masked. Each time someone is shown them in full, one audit row "case.personal_data_viewed" says so.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models

from . import access, audit

MASK = "•"
# Fields holding personal data, and how each is masked.
PERSONAL_FIELDS = ("id_number", "date_of_birth", "phone")


def mask_id_number(value: str | None) -> str:
    """A CCCD keeps its first 3 digits (province of registration) and last 2: 001•••••••78."""
    if not value:
        return ""
    if len(value) <= 5:
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 5) + value[-2:]


def mask_phone(value: str | None) -> str:
    """A phone number keeps its first 3 digits (the network) and last 2: 091•••••67."""
    if not value:
        return ""
    if len(value) <= 5:
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 5) + value[-2:]


def mask_birth_date(value: dt.date | str | None) -> str:
    """Only the year of birth: ••/••/1985 (from a date, or an ISO date as the audit log keeps it)."""
    if not value:
        return ""
    year = value.year if isinstance(value, dt.date) else str(value)[:4]
    return f"{MASK * 2}/{MASK * 2}/{year}"


_MASKERS = {"id_number": mask_id_number, "phone": mask_phone, "date_of_birth": mask_birth_date}


def _mask_value(name: str, value: Any) -> Any:
    mask = _MASKERS[name]
    if isinstance(value, list):  # an audit change: [before, after]
        return [None if v is None else mask(v) for v in value]
    return None if value is None else mask(value)


def mask_changes(value: Any) -> Any:
    """An audit row's changes/data with personal data masked wherever it appears (parties' fields, nested
    snapshots of admin inlines)."""
    if isinstance(value, dict):
        return {k: _mask_value(k, v) if k in _MASKERS else mask_changes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_changes(v) for v in value]
    return value


def sees_personal_data(user, case: models.Model) -> bool:
    """May `user` see the personal data of the people in `case` in full? (Cached on the case for the request.)"""
    cache = case.__dict__.setdefault("_sc389_personal_data", {})
    key = getattr(user, "pk", None)
    if key not in cache:
        p = access.principal(user)
        if p.is_anonymous:
            cache[key] = False
        elif p.superuser or "admin" in p.roles:
            cache[key] = True
        else:
            cache[key] = bool(p.writer_unit_ids) and access.can(user, case, "change")
    return cache[key]


def _has_personal_data(record: Any) -> bool:
    return any(getattr(record, name, None) for name in PERSONAL_FIELDS)


def reveal(user, case: models.Model, records: Iterable[Any], *, history: bool = False) -> bool:
    """Whether `user` sees the records' personal data in full; logs the view once per case and request."""
    full = sees_personal_data(user, case)
    if not full:
        return False
    logged = case.__dict__.setdefault("_sc389_personal_data_logged", set())
    if history and not records and hasattr(case, "parties"):
        records = case.parties.all()  # the trail names them: log the people of the case (cases.Party)
    shown = [r.pk for r in records if _has_personal_data(r)]
    if (shown or history) and getattr(user, "pk", None) not in logged:
        audit.record(actor=user, verb="case.personal_data_viewed", target=case, data={"parties": shown})
        logged.add(getattr(user, "pk", None))
    return True


def _mentions_personal_data(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            (k in _MASKERS and v not in (None, "", [None, None])) or _mentions_personal_data(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_mentions_personal_data(v) for v in value)
    return False


def history_for(user, case: models.Model, events: Iterable[Any]) -> Any:
    """A case's audit trail as `user` may see it: as it is (the view logged when it holds personal data), or
    with personal data masked in every change (AuditEvent copies in memory; nothing is written)."""
    if sees_personal_data(user, case):
        events = list(events)
        if any(_mentions_personal_data(e.changes) for e in events):
            reveal(user, case, [], history=True)
        return events
    out = []
    for event in events:
        event.changes = mask_changes(event.changes)
        event.data = mask_changes(event.data)
        out.append(event)
    return out


def masked(record: models.Model) -> dict[str, Any]:
    """The record's field values (attname → value) with personal data masked; `masked` says it was.

    The date of birth, a date in the API, becomes None (its year is in `birth_year`).
    """
    values = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
    if "id_number" in values:
        values["id_number"] = mask_id_number(values["id_number"])
    if "phone" in values:
        values["phone"] = mask_phone(values["phone"])
    if "date_of_birth" in values:
        born = values["date_of_birth"]
        values["date_of_birth"] = None
        values["birth_year"] = born.year if born else None
    values["masked"] = True
    return values


def for_user(user, case: models.Model, records: Iterable[models.Model]) -> list[Any]:
    """The records as `user` may see them: as they are (and the view logged), or masked copies."""
    records = list(records)
    if reveal(user, case, records):
        return records
    return [masked(r) for r in records]
