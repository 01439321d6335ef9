"""Every read of cases a user sees; each starts from access.scope()."""

import datetime as dt
from dataclasses import dataclass, fields

from django.db.models import Q, QuerySet

from sc389.core import access
from sc389.core.errors import NotFound
from sc389.core.models import AuditEvent
from sc389.core.text import fold_tokens

from .models import Case, CaseUnit, GoodsLine


@dataclass
class CaseFilters:
    """The filters of the case list, the same on the web page, the API and exports."""

    date_from: dt.date | None = None  # detected on or after
    date_to: dt.date | None = None
    category: str | None = None
    status: str | None = None
    channel: str | None = None
    unit: int | None = None  # lead or participating unit
    province: int | None = None  # AdministrativeUnit id of today's province
    commune: int | None = None
    place: int | None = None  # any administrative unit, historic ones included
    commodity_group: int | None = None
    goods: str | None = None  # words in the goods descriptions
    q: str | None = None  # words anywhere, diacritics and tone-mark placement ignored
    include_merged: bool = False

    @classmethod
    def from_mapping(cls, data) -> "CaseFilters":
        """From request.GET or a schema: empty strings count as absent."""
        kwargs = {}
        for f in fields(cls):
            value = data.get(f.name) if hasattr(data, "get") else getattr(data, f.name, None)
            if value in (None, ""):
                continue
            kwargs[f.name] = value
        return cls(**kwargs)


def case_list(*, user, filters: CaseFilters | None = None) -> QuerySet[Case]:
    f = filters or CaseFilters()
    qs = access.scope(Case.objects.all(), user=user)
    if not f.include_merged:
        qs = qs.filter(merged_into__isnull=True)
    if f.date_from:
        qs = qs.filter(detected_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(detected_on__lte=f.date_to)
    for name in ("category", "status", "channel"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.unit:
        qs = qs.filter(
            Q(lead_unit_id=f.unit) | Q(pk__in=CaseUnit.objects.filter(unit_id=f.unit).values("case_id"))
        )
    if f.province:
        qs = qs.filter(province_id=f.province)
    if f.commune:
        qs = qs.filter(commune_id=f.commune)
    if f.place:
        qs = qs.filter(Q(place_id=f.place) | Q(place__parent_id=f.place))
    if f.commodity_group:
        qs = qs.filter(
            pk__in=GoodsLine.objects.filter(commodity_group_id=f.commodity_group).values("case_id")
        )
    if f.goods:
        goods = GoodsLine.objects.all()
        for token in fold_tokens(f.goods):
            goods = goods.filter(description_folded__contains=token)
        qs = qs.filter(pk__in=goods.values("case_id"))
    for token in fold_tokens(f.q):
        qs = qs.filter(search_folded__contains=token)
    return qs.select_related("lead_unit", "province", "place", "violation_type").order_by(
        "-detected_on", "-id"
    )


def case_get(*, user, pk: int, action: access.Action = "view") -> Case:
    """A case the user may see (or change); outside scope it does not exist for them."""
    case = (
        access.scope(Case.objects.all(), user=user, action=action)
        .select_related(
            "lead_unit__force", "province", "commune", "place", "violation_type", "merged_into", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def case_get_by_reference(*, user, reference: str) -> Case:
    case = access.scope(Case.objects.all(), user=user).filter(reference=reference).first()
    if case is None:
        raise NotFound()
    return case


def case_history(*, case: Case) -> QuerySet[AuditEvent]:
    """The audit trail of the case and of the records merged into it, newest first."""
    ids = [str(case.pk), *(str(pk) for pk in case.absorbed.values_list("pk", flat=True))]
    return (
        AuditEvent.objects.filter(target_type="cases.case", target_id__in=ids)
        .select_related("actor")
        .order_by("-id")
    )
