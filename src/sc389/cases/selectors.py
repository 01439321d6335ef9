"""Every read of cases a user sees; each starts from access.scope()."""

import datetime as dt
from dataclasses import dataclass, fields, replace

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from sc389.core import access
from sc389.core.errors import DomainError, NotFound
from sc389.core.models import AuditEvent
from sc389.core.text import fold_tokens

from .models import (
    BudgetRemittance,
    Case,
    CaseMerge,
    CaseUnit,
    CommodityGroup,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    ViolationType,
)
from .textsearch import fts_ids, word_prefix


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
    # The filters that reproduce a report's figures (reports.views_links): each indicator's own date, the lead
    # unit's force, the lead unit alone (a joint case counts for its lead unit), rows "not known".
    handled_from: dt.date | None = None
    handled_to: dt.date | None = None
    penalty_from: dt.date | None = None  # a penalty decision dated in the range
    penalty_to: dt.date | None = None
    penalty_since: dt.date | None = None  # ... and none from this day to penalty_from (its first since then)
    prosecution_from: dt.date | None = None
    prosecution_to: dt.date | None = None
    prosecution_since: dt.date | None = None
    remitted_from: dt.date | None = None  # a budget remittance dated in the range
    remitted_to: dt.date | None = None
    lead_force: int | None = None  # Force id of the lead unit
    lead_only: bool = False  # `unit` matches the lead unit only, not participating units
    no_commune: bool = False  # cases whose place has no commune of today (placed before 2025)
    no_commodity_group: bool = False  # cases without a goods line of any commodity group

    def bounded(self) -> bool:
        """Whether a date range with both ends narrows the list (then an exact count is affordable)."""
        pairs = (
            (self.date_from, self.date_to),
            (self.handled_from, self.handled_to),
            (self.penalty_from, self.penalty_to),
            (self.prosecution_from, self.prosecution_to),
            (self.remitted_from, self.remitted_to),
        )
        return any(start and end for start, end in pairs)

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


def _dated(model, field: str, start: dt.date | None, end: dt.date | None, since: dt.date | None) -> Q:
    """Cases with a `model` row (penalty, prosecution, remittance) dated in [start, end]; with `since`, only
    those with none between `since` and `start`, so the case's first one since `since` falls in the range."""
    rows = model.objects.filter(case_id=OuterRef("pk"))
    if start:
        rows = rows.filter(**{f"{field}__gte": start})
    if end:
        rows = rows.filter(**{f"{field}__lte": end})
    q = Q(Exists(rows))
    if since and start and since < start:
        earlier = model.objects.filter(
            case_id=OuterRef("pk"), **{f"{field}__gte": since, f"{field}__lt": start}
        )
        q &= ~Q(Exists(earlier))
    return q


def _outcome_filters(qs: QuerySet[Case], f: CaseFilters) -> QuerySet[Case]:
    if f.handled_from:
        qs = qs.filter(handled_on__gte=f.handled_from)
    if f.handled_to:
        qs = qs.filter(handled_on__lte=f.handled_to)
    if f.penalty_from or f.penalty_to:
        qs = qs.filter(_dated(PenaltyDecision, "decided_on", f.penalty_from, f.penalty_to, f.penalty_since))
    if f.prosecution_from or f.prosecution_to:
        qs = qs.filter(
            _dated(Prosecution, "decided_on", f.prosecution_from, f.prosecution_to, f.prosecution_since)
        )
    if f.remitted_from or f.remitted_to:
        qs = qs.filter(_dated(BudgetRemittance, "remitted_on", f.remitted_from, f.remitted_to, None))
    return qs


def case_list(*, user, filters: CaseFilters | None = None, text_index: bool = True) -> QuerySet[Case]:
    """The cases the user may see, filtered, newest first. `text_index=False` matches words by scanning only."""
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
    if f.unit and f.lead_only:
        qs = qs.filter(lead_unit_id=f.unit)
    elif f.unit:
        qs = qs.filter(
            Q(lead_unit_id=f.unit) | Q(pk__in=CaseUnit.objects.filter(unit_id=f.unit).values("case_id"))
        )
    if f.lead_force:
        qs = qs.filter(lead_unit__force_id=f.lead_force)
    if f.province:
        qs = qs.filter(province_id=f.province)
    if f.commune:
        qs = qs.filter(commune_id=f.commune)
    if f.no_commune:
        qs = qs.filter(commune__isnull=True)
    qs = _outcome_filters(qs, f)
    if f.place:
        qs = qs.filter(Q(place_id=f.place) | Q(place__parent_id=f.place))
    if f.commodity_group:
        qs = qs.filter(
            pk__in=GoodsLine.objects.filter(commodity_group_id=f.commodity_group).values("case_id")
        )
    if f.no_commodity_group:
        grouped = GoodsLine.objects.filter(case_id=OuterRef("pk"), commodity_group__isnull=False)
        qs = qs.filter(~Exists(grouped))
    if f.goods:
        words = fold_tokens(f.goods)
        goods = GoodsLine.objects.all()
        for word in words:
            goods = goods.filter(word_prefix("description_folded", word))
        # Correlated: a scan in date order stops at the first page instead of reading every goods line.
        qs = qs.filter(Exists(goods.filter(case_id=OuterRef("pk"))))
    words = fold_tokens(f.q)
    for word in words:
        qs = qs.filter(word_prefix("search_folded", word))
    # Goods words are part of the case's text, so the case word index narrows a goods search too.
    ids = fts_ids(words + fold_tokens(f.goods)) if text_index else None
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.select_related("lead_unit", "province", "place", "violation_type").order_by(
        "-detected_on", "-id"
    )


@dataclass
class CasePage:
    rows: list[Case]
    next_cursor: str | None
    prev_cursor: str | None = None  # the newer page's cursor (`before=`); None on the first page


# How many of the newest cases a word search scans before it asks the text index (see case_page).
SEARCH_WINDOW = 5_000


def _cursor_encode(case: Case) -> str:
    return f"{case.detected_on.isoformat()}_{case.pk}"


def _cursor_decode(cursor: str) -> Q:
    try:
        day, pk = cursor.split("_")
        day, pk = dt.date.fromisoformat(day), int(pk)
    except ValueError as exc:
        raise DomainError(
            "invalid_cursor",
            _("Con trỏ trang (cursor) không hợp lệ; hãy bắt đầu lại từ trang đầu."),
            field="cursor",
        ) from exc
    return Q(detected_on__lt=day) | Q(detected_on=day, pk__lt=pk)


def _cursor_newer(cursor: str) -> Q:
    """Rows newer than the cursor: the "previous page" reads the same keyset the other way."""
    _cursor_decode(cursor)  # the same check and message
    day, pk = cursor.split("_")
    day, pk = dt.date.fromisoformat(day), int(pk)
    # The plain range on the date lets the database seek to the cursor in the date index, then walk up it.
    return Q(detected_on__gte=day) & (Q(detected_on__gt=day) | Q(pk__gt=pk))


def _case_page_before(*, user, filters: CaseFilters, before: str, size: int) -> CasePage:
    """The page just newer than `before`, read oldest first from the cursor up the same index, then turned round.

    A word search on SQLite takes the same two steps as going forward (see case_page): the SEARCH_WINDOW cases
    just above the cursor first, the text index only when the page is not full there.
    """
    newer = _cursor_newer(before)
    upward = ("detected_on", "id")
    qs = case_list(user=user, filters=filters, text_index=False).filter(newer).order_by(*upward)
    ids: list[int] = []
    if (filters.q or filters.goods) and connection.vendor == "sqlite":
        plain = replace(filters, q=None, goods=None)
        window = (
            case_list(user=user, filters=plain, text_index=False)
            .filter(newer)
            .order_by(*upward)
            .values("pk")[:SEARCH_WINDOW]
        )
        ids = list(qs.filter(pk__in=window).values_list("pk", flat=True)[: size + 1])
        if len(ids) <= size:
            qs = case_list(user=user, filters=filters, text_index=True).filter(newer).order_by(*upward)
            ids = []
    if not ids:
        ids = list(qs.values_list("pk", flat=True)[: size + 1])
    if len(ids) < size:  # reached the newest cases: the first page, full
        return case_page(user=user, filters=filters, size=size)
    rows = list(
        Case.objects.filter(pk__in=ids[:size])
        .select_related("lead_unit", "province", "place", "violation_type")
        .order_by("-detected_on", "-id")
    )
    # `before` is the first row of an older page that matched, so there is always a next page.
    return CasePage(
        rows=rows,
        next_cursor=_cursor_encode(rows[-1]),
        prev_cursor=_cursor_encode(rows[0]) if len(ids) > size else None,
    )


def case_page(
    *,
    user,
    filters: CaseFilters | None = None,
    cursor: str | None = None,
    size: int = 50,
    before: str | None = None,
) -> CasePage:
    """One page of the case list by keyset (newest first): no OFFSET and no COUNT, so page 1,000 of a million
    cases costs what page 1 does.

    Ids are chosen first on a narrow query, then the rows are read by id. A word search first looks among the
    newest SEARCH_WINDOW matching cases (a common word fills the page there); only when the page is not full does
    it ask the text index, which is fast exactly when the word is rare.
    """
    f = filters or CaseFilters()
    if before:
        return _case_page_before(user=user, filters=f, before=before, size=size)
    after = _cursor_decode(cursor) if cursor else Q()
    qs = case_list(user=user, filters=f, text_index=False).filter(after)
    ids: list[int] = []
    # PostgreSQL's planner weighs its trigram indexes against the date order itself; SQLite needs the window.
    if (f.q or f.goods) and connection.vendor == "sqlite":
        plain = replace(f, q=None, goods=None)
        window = (
            case_list(user=user, filters=plain, text_index=False).filter(after).values("pk")[:SEARCH_WINDOW]
        )
        ids = list(qs.filter(pk__in=window).values_list("pk", flat=True)[: size + 1])
        if len(ids) <= size:
            qs = case_list(user=user, filters=f, text_index=True).filter(after)
            ids = []
    if not ids:
        ids = list(qs.values_list("pk", flat=True)[: size + 1])
    rows = list(
        Case.objects.filter(pk__in=ids[:size])
        .select_related("lead_unit", "province", "place", "violation_type")
        .order_by("-detected_on", "-id")
    )
    return CasePage(
        rows=rows,
        next_cursor=_cursor_encode(rows[-1]) if len(ids) > size else None,
        prev_cursor=_cursor_encode(rows[0]) if cursor and rows else None,
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


# Parts of a case the user already reached through case_get (so they are in scope with it).


def goods_line_get(*, case: Case, pk: int) -> GoodsLine:
    line = case.goods.filter(pk=pk).first()
    if line is None:
        raise NotFound()
    return line


def party_get(*, case: Case, pk: int) -> Party:
    party = case.parties.filter(pk=pk).first()
    if party is None:
        raise NotFound()
    return party


OUTCOME_RELATIONS = {
    "penalty": "penalties",
    "remittance": "remittances",
    "prosecution": "prosecutions",
    "transfer": "transfers",
}


def outcome_get(*, case: Case, kind: str, pk: int):
    """A penalty decision, remittance, prosecution or transfer of the case."""
    outcome = getattr(case, OUTCOME_RELATIONS[kind]).filter(pk=pk).first()
    if outcome is None:
        raise NotFound()
    return outcome


def case_merge_get(*, case: Case, pk: int) -> CaseMerge:
    """A merge into `case` (the surviving record)."""
    merge = CaseMerge.objects.filter(survivor=case, pk=pk).select_related("survivor", "absorbed").first()
    if merge is None:
        raise NotFound()
    return merge


# The managed lists cases draw on (reference data, not scoped).


def violation_type_list(
    *, category: str | None = None, include_inactive: bool = False
) -> QuerySet[ViolationType]:
    qs = ViolationType.objects.order_by("category", "code")
    if category:
        qs = qs.filter(category=category)
    return qs if include_inactive else qs.filter(active=True)


def violation_type_get(*, pk: int) -> ViolationType:
    found = ViolationType.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def commodity_group_list(*, include_inactive: bool = False) -> QuerySet[CommodityGroup]:
    qs = CommodityGroup.objects.order_by("code")
    return qs if include_inactive else qs.filter(active=True)


def commodity_group_get(*, pk: int) -> CommodityGroup:
    found = CommodityGroup.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found
