"""The one place that decides what a user may see or change.

A user's scope is the union of their memberships: a unit membership covers that unit and the units under it
in its force; a committee membership covers the committee's area (the whole country for the national
committee). A record is also visible where it was shared with one of the user's units or committees.

Models say how they are reached through a `scope_spec` (a ScopeSpec). Lists, details, exports, search and the
API all start from `scope()`; an object outside scope answers 404.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.apps import apps
from django.db.models import Model, Q, QuerySet

Action = Literal["view", "change", "administer"]  # administer: admins of the scope (restore, delete any case)

WRITER_ROLES = frozenset({"officer", "reviewer", "admin"})  # org.choices.Role values that may write cases
INLINE_IDS = 5000  # to-many scope branches with at most this many rows are inlined as id lists


@dataclass(frozen=True)
class ScopeSpec:
    """How rows of a model map to units, places and shares (lookups relative to the model)."""

    units: tuple[str, ...] = ()  # unit foreign keys: lead unit, participating units ...
    province: str | None = None  # lookup to the current province (AdministrativeUnit)
    commune: str | None = None  # lookup to the commune
    shared_units: str | None = None  # lookup to units the row was shared with
    shared_committees: str | None = None  # lookup to committees the row was shared with
    change_units: tuple[str, ...] = ()  # who may change: these unit lookups (default: `units`)


@dataclass(frozen=True)
class Principal:
    """What one user covers, computed once per request from their memberships."""

    user_id: int | None
    superuser: bool = False
    national: bool = False
    national_writer: bool = False
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    writer_unit_ids: frozenset[int] = field(default_factory=frozenset)
    admin_unit_ids: frozenset[int] = field(default_factory=frozenset)
    province_ids: frozenset[int] = field(default_factory=frozenset)
    writer_province_ids: frozenset[int] = field(default_factory=frozenset)
    commune_ids: frozenset[int] = field(default_factory=frozenset)
    writer_commune_ids: frozenset[int] = field(default_factory=frozenset)
    committee_ids: frozenset[int] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def can_write(self) -> bool:
        return bool(self.roles & WRITER_ROLES) or self.superuser


def _descendants(unit_ids: set[int]) -> set[int]:
    Unit = apps.get_model("org", "Unit")
    found = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def principal(user, *, on: dt.date | None = None) -> Principal:
    """The scope of `user` (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Principal(user_id=None)
    cached = getattr(user, "_sc389_principal", None)
    if cached is not None:
        return cached
    Membership = apps.get_model("org", "Membership")
    day = on or dt.date.today()
    rows = (
        Membership.objects.filter(user_id=user.pk)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("committee__area")
    )
    units, writer_units, admin_units = set(), set(), set()
    provinces, writer_provinces, communes, writer_communes, committees = set(), set(), set(), set(), set()
    national = national_writer = False
    roles = set()
    for m in rows:
        roles.add(m.role)
        writer = m.role in WRITER_ROLES
        if m.unit_id:
            units.add(m.unit_id)
            if writer:
                writer_units.add(m.unit_id)
            if m.role == "admin":
                admin_units.add(m.unit_id)
            continue
        committees.add(m.committee_id)
        committee = m.committee
        if committee.area_id is None:
            national = True
            national_writer = national_writer or m.role == "admin"
        elif committee.area.level == "province":
            provinces.add(committee.area_id)
            if m.role == "admin":
                writer_provinces.add(committee.area_id)
        else:
            communes.add(committee.area_id)
            if m.role == "admin":
                writer_communes.add(committee.area_id)
    result = Principal(
        user_id=user.pk,
        superuser=bool(user.is_superuser),
        national=national or bool(user.is_superuser),
        national_writer=national_writer or bool(user.is_superuser),
        unit_ids=frozenset(_descendants(units)),
        writer_unit_ids=frozenset(_descendants(writer_units)),
        admin_unit_ids=frozenset(_descendants(admin_units)),
        province_ids=frozenset(provinces),
        writer_province_ids=frozenset(writer_provinces),
        commune_ids=frozenset(communes),
        writer_commune_ids=frozenset(writer_communes),
        committee_ids=frozenset(committees),
        roles=frozenset(roles),
    )
    user._sc389_principal = result
    return result


def _in(model, lookup: str, ids: frozenset[int]) -> Q:
    """`lookup IN ids`; across a to-many relation as `pk IN (subquery)`, so rows never repeat."""
    head, _, rest = lookup.partition("__")
    field = model._meta.get_field(head)
    if not rest or not (field.one_to_many or field.many_to_many):
        return Q(**{f"{lookup}__in": ids})
    if field.one_to_many:
        related = field.related_model._default_manager.filter(**{f"{rest}__in": ids}).values_list(
            field.field.attname, flat=True
        )
        # A short list of ids lets both databases combine this branch with the others on their indexes (an OR
        # with a subquery makes them scan the list in date order); an empty branch disappears altogether.
        listed = list(related[: INLINE_IDS + 1])
        if len(listed) <= INLINE_IDS:
            return Q(pk__in=listed)
        return Q(pk__in=related)
    return Q(pk__in=model._default_manager.filter(**{f"{lookup}__in": ids}).values("pk"))


def _scope_q(model, spec: ScopeSpec, p: Principal, action: Action) -> Q | None:
    """None means everything; an empty Q() is never returned for 'nothing' (see scope)."""
    if action == "view":
        if p.national:
            return None
        unit_ids, province_ids, commune_ids = p.unit_ids, p.province_ids, p.commune_ids
    else:
        if p.national_writer:
            return None
        unit_ids, province_ids, commune_ids = p.writer_unit_ids, p.writer_province_ids, p.writer_commune_ids
        if action == "administer":  # committee writers are already admins only; units narrow to admins
            unit_ids = p.admin_unit_ids
    q = Q(pk__in=[])
    unit_lookups = spec.units if action == "view" else (spec.change_units or spec.units)
    if unit_ids:
        for lookup in unit_lookups:
            q |= _in(model, lookup, unit_ids)
    if province_ids and spec.province:
        q |= _in(model, spec.province, province_ids)
    if commune_ids and spec.commune:
        q |= _in(model, spec.commune, commune_ids)
    if action == "view":
        if spec.shared_units and p.unit_ids:
            q |= _in(model, spec.shared_units, p.unit_ids)
        if spec.shared_committees and p.committee_ids:
            q |= _in(model, spec.shared_committees, p.committee_ids)
    return q


def scope(qs: QuerySet, *, user, action: Action = "view") -> QuerySet:
    """Rows of `qs` that `user` may see (action='view') or change (action='change')."""
    spec: ScopeSpec | None = getattr(qs.model, "scope_spec", None)
    if spec is None:
        raise TypeError(f"{qs.model.__name__} has no scope_spec; it cannot be scoped")
    p = principal(user)
    if p.is_anonymous:
        return qs.none()
    q = _scope_q(qs.model, spec, p, action)
    return qs if q is None else qs.filter(q)


def can(user, obj: Model, action: Action = "view") -> bool:
    return scope(type(obj)._default_manager.filter(pk=obj.pk), user=user, action=action).exists()


def may_record_for(user, *, unit_id: int, province_id: int | None = None) -> bool:
    """May `user` record or change a case led by `unit_id` in `province_id`? (Writers of that unit, or admins over the area.)"""
    p = principal(user)
    if p.is_anonymous:
        return False
    if p.national_writer or unit_id in p.writer_unit_ids:
        return True
    return province_id is not None and province_id in p.writer_province_ids


def administers_any(user) -> bool:
    """Whether `user` administers some scope (the same rule as the "administer" action): for showing the way to
    pages only administrators use, such as the deleted records."""
    p = principal(user)
    return bool(
        p.superuser or p.national_writer or p.admin_unit_ids or p.writer_province_ids or p.writer_commune_ids
    )
