"""Reads of the hotspots app: the case activity a user may see (core.access on Case), aggregated per day and
place in the database, then ranked by scoring.rank."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from sc389.cases.models import Case, CommodityGroup
from sc389.core import access
from sc389.org.models import AdministrativeUnit

from . import scoring

BASELINE_DAYS = 365


@dataclass
class Query:
    as_of: dt.date
    window_days: int = 90
    category: str = ""
    commodity: str = ""  # CommodityGroup code
    area: AdministrativeUnit | None = None  # a province or a commune (sc389 hotspots --unit CODE)


def _cases(*, user, q: Query) -> QuerySet[Case]:
    since = q.as_of - dt.timedelta(days=q.window_days + BASELINE_DAYS)
    qs = Case.objects.filter(merged_into__isnull=True, detected_on__gt=since, detected_on__lte=q.as_of)
    if user is not None:  # None: the command line, which answers for the whole country
        qs = access.scope(qs, user=user)
    if q.category:
        qs = qs.filter(category=q.category)
    if q.commodity:
        qs = qs.filter(pk__in=Case.objects.filter(goods__commodity_group__code=q.commodity).values("pk"))
    if q.area is not None:
        qs = qs.filter(province=q.area) if q.area.level == "province" else qs.filter(commune=q.area)
    return qs


def events(*, user, q: Query) -> list[scoring.Event]:
    rows = (
        _cases(user=user, q=q)
        .order_by()
        .values("detected_on", "province_id", "commune_id", "channel", "place_text", "category")
        .annotate(n=Count("id"))
    )
    return [
        scoring.Event(
            r["detected_on"],
            r["province_id"],
            r["commune_id"],
            r["channel"],
            r["place_text"],
            r["category"],
            r["n"],
        )
        for r in rows
    ]


def hotspot_list(*, user, q: Query, limit: int = 100, include_steady: bool = False) -> list[scoring.Hotspot]:
    """The ranked places of the user's area (labels filled in); steady places only when asked."""
    ranked = scoring.rank(
        events(user=user, q=q), as_of=q.as_of, window_days=q.window_days, baseline_days=BASELINE_DAYS
    )
    if not include_steady:
        ranked = [h for h in ranked if h.status != "steady"]
    ranked = ranked[:limit]
    units = AdministrativeUnit.objects.in_bulk(
        {h.province_id for h in ranked} | {h.commune_id for h in ranked if h.commune_id}
    )
    for h in ranked:
        commune = units.get(h.commune_id)
        h.province_name = units[h.province_id].name if h.province_id in units else ""
        h.commune_name = commune.name if commune else ""
        if h.kind == "commune":
            h.label = h.commune_name
    return ranked


def commodity_groups() -> QuerySet[CommodityGroup]:
    return CommodityGroup.objects.filter(active=True)


def unit_by_code(code: str) -> AdministrativeUnit | None:
    return (
        AdministrativeUnit.objects.filter(code=code, valid_to__isnull=True, level__in=["province", "commune"])
        .order_by("level")
        .last()
    )
