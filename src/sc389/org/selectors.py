"""Reads of the organisation's reference lists: administrative units, forces, units, committees.

These lists are not scoped: every signed-in user may name any unit or place (a joint case lists other forces'
units; a case may be shared with any committee). What a user may see of cases is decided in core.access.
"""

import datetime as dt

from django.db.models import Q, QuerySet

from sc389.core.errors import NotFound
from sc389.core.text import fold, fold_tokens

from .models import AdministrativeUnit, Committee, Force, Unit


def _valid_on(qs: QuerySet, day: dt.date) -> QuerySet:
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _search(qs: QuerySet, q: str | None) -> QuerySet:
    """Words match the folded name ("lang son" finds Lạng Sơn); a bare number also matches the code."""
    if not q:
        return qs
    text = q.strip()
    by_name = qs
    for token in fold_tokens(text):
        by_name = by_name.filter(name_folded__contains=token)
    return by_name | qs.filter(code=text) if text.isdigit() else by_name


def admin_unit_list(
    *,
    q: str | None = None,
    level: str | None = None,
    parent: int | None = None,
    province: int | None = None,
    on: dt.date | None = None,
    include_historic: bool = False,
) -> QuerySet[AdministrativeUnit]:
    """Provinces, districts and communes; today's units unless `on` a past day or `include_historic`."""
    qs = AdministrativeUnit.objects.all()
    if on is not None:
        qs = _valid_on(qs, on)
    elif not include_historic:
        qs = qs.filter(valid_to__isnull=True)
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    if province:
        qs = qs.filter(current_province_id=province)
    return _search(qs, q).select_related("parent", "current_province").order_by("level", "code", "id")


def admin_unit_get(*, pk: int) -> AdministrativeUnit:
    unit = (
        AdministrativeUnit.objects.select_related("parent", "current_province")
        .prefetch_related("predecessors", "successors")
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise NotFound()
    return unit


def force_list() -> QuerySet[Force]:
    return Force.objects.order_by("code")


def unit_list(
    *,
    q: str | None = None,
    force: str | None = None,
    province: int | None = None,
    on: dt.date | None = None,
) -> QuerySet[Unit]:
    """Units of the forces; `province` keeps those whose area or home is in that province."""
    qs = Unit.objects.all()
    if on is not None:
        qs = _valid_on(qs, on)
    if force:
        qs = qs.filter(force__code=force)
    if province:
        qs = qs.filter(
            Q(home_province_id=province)
            | Q(pk__in=Unit.area.through.objects.filter(administrativeunit_id=province).values("unit_id"))
        )
    return _search(qs, q).select_related("force", "parent", "home_province").order_by("code")


def unit_get(*, pk: int) -> Unit:
    unit = Unit.objects.select_related("force", "parent", "home_province").filter(pk=pk).first()
    if unit is None:
        raise NotFound()
    return unit


def committee_list(*, level: str | None = None, q: str | None = None) -> QuerySet[Committee]:
    qs = Committee.objects.select_related("area", "parent").order_by("level", "code")
    if level:
        qs = qs.filter(level=level)
    tokens = fold_tokens(q)
    if tokens:
        # Committees have no folded column; they are a few hundred rows, so fold them here.
        rows = qs.values_list("pk", "code", "name")
        ids = [pk for pk, code, name in rows if all(t in fold(f"{code} {name}") for t in tokens)]
        qs = qs.filter(pk__in=ids)
    return qs


def committee_get(*, pk: int) -> Committee:
    committee = Committee.objects.select_related("area", "parent").filter(pk=pk).first()
    if committee is None:
        raise NotFound()
    return committee
