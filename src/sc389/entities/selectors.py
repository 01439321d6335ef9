"""Every read of the entity registry a user sees. An entity exists for a user only through the appearances
whose cases they may see (core.access.scope on Case: the one visibility rule) and the detectors' sightings they
may see (analysts of the sighting's province, as for the findings themselves); the rest stays hidden, names
included."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from sc389.cases.models import Case
from sc389.core import access
from sc389.core.errors import NotFound
from sc389.core.text import fold

from .choices import JudgementStatus
from .models import Appearance, Entity, Judgement, Sighting
from .naming import best_name


def visible_cases(*, user) -> QuerySet:
    return access.scope(Case.objects.all(), user=user).values("pk")


def appearance_list(*, user) -> QuerySet[Appearance]:
    return Appearance.objects.filter(case__in=visible_cases(user=user))


FINDING_ROLES = frozenset({"analyst", "admin"})


def may_see_findings(user) -> bool:
    """Detectors' findings are for analysts (and admins) of the standing offices, like the findings' own pages."""
    p = access.principal(user)
    return p.superuser or bool(p.roles & FINDING_ROLES)


def sighting_list(*, user) -> QuerySet[Sighting]:
    if not may_see_findings(user):
        return Sighting.objects.none()
    return access.scope(Sighting.objects.all(), user=user)


def entity_list(*, user, q: str = "", kind: str = "", flagged: bool = False) -> QuerySet[Entity]:
    """Entities with at least one visible appearance or sighting, counted on those only; `q` matches the folded
    name or an identifier (CCCD, tax code, plate, phone, account, seller id) as typed; `flagged`: only those with a
    visible sighting. The page's rows get their findings from with_findings (a query for the page, not a count
    per row of the whole list)."""
    visible = appearance_list(user=user)
    seen = sighting_list(user=user)
    in_cases, in_findings = Q(), Q()
    if q.strip():
        folded = fold(q)
        compact = "".join(ch for ch in q.upper() if ch.isalnum())
        in_cases = Q(party__name_folded__contains=folded) if folded else Q(pk__in=[])
        in_findings = Q(name_folded__contains=folded) if folded else Q(pk__in=[])
        if compact:
            in_cases |= (
                Q(party__id_number=compact)
                | Q(party__tax_code=compact)
                | Q(party__plate=compact)
                | Q(party__phone=compact)
                | Q(party__account__iexact=q.strip())
            )
            in_findings |= Q(identifier=compact) | Q(identifier__iexact=q.strip())
    # one list of ids (a UNION), which the database walks as one; an OR of two subqueries would scan entities
    ids = visible.filter(in_cases).order_by().values("entity_id")
    if may_see_findings(user):  # else no sighting is visible: the query of cases alone
        ids = ids.union(seen.filter(in_findings).order_by().values("entity_id"))
    qs = Entity.objects.filter(pk__in=ids)
    if flagged:
        qs = qs.filter(pk__in=seen.order_by().values("entity_id"))
    if kind:
        qs = qs.filter(kind=kind)
    # the name as written in a case the user may see: never the registry's name, which may come from a hidden one
    label = Coalesce(
        NullIf("party__name", Value("")),
        NullIf("party__plate", Value("")),
        NullIf("party__account", Value("")),
        NullIf("party__phone", Value("")),
        Value(""),
    )
    first_visible = (
        visible.filter(entity=OuterRef("pk")).order_by("id").annotate(shown=label).values("shown")[:1]
    )
    return qs.annotate(
        visible_name=Subquery(first_visible),
        visible_cases=Count("appearances__case", filter=_visible_q(user), distinct=True),
        visible_provinces=Count("appearances__province", filter=_visible_q(user), distinct=True),
    ).order_by("-visible_cases", "id")


def with_findings(entities: list[Entity], *, user) -> list[Entity]:
    """Set `visible_findings` on a page of entity_list's rows (0 for a user who sees none), and the name of an
    entity known to this user from findings only."""
    counts: dict[int, int] = {}
    names: dict[int, str] = {}
    if entities and may_see_findings(user):
        rows = sighting_list(user=user).filter(entity__in=[e.pk for e in entities]).order_by("-score", "id")
        for entity_id, name, identifier in rows.values_list("entity_id", "name", "identifier"):
            counts[entity_id] = counts.get(entity_id, 0) + 1
            names.setdefault(entity_id, name or identifier)
    for e in entities:
        e.visible_findings = counts.get(e.pk, 0)
        if not e.visible_name:
            e.visible_name = names.get(e.pk, "")
    return entities


def _visible_q(user) -> Q:
    return Q(appearances__case__in=visible_cases(user=user))


def entity_get(*, user, pk: int) -> Entity:
    seen = sighting_list(user=user)
    shown = Q(pk__in=appearance_list(user=user).values("entity_id")) | Q(pk__in=seen.values("entity_id"))
    entity = (
        Entity.objects.filter(shown, pk=pk)
        .prefetch_related(
            Prefetch(
                "sightings",
                queryset=seen.select_related("province").order_by("-score", "id"),
                to_attr="visible_sightings",
            ),
            Prefetch(
                "appearances",
                queryset=appearance_list(user=user)
                .select_related("case", "province", "party", "case__lead_unit")
                .order_by("-case__detected_on", "id"),
                to_attr="visible_appearances",
            ),
        )
        .first()
    )
    if entity is None:
        raise NotFound()
    return entity


def display_name(entity: Entity) -> str:
    """The name as recorded in a case the user may see (never the registry's name from a hidden case): the
    registry's own choice when a visible case wrote it so, else the best of the visible spellings."""
    labels = [
        party.name or party.plate or party.account or party.phone
        for party in (appearance.party for appearance in getattr(entity, "visible_appearances", []))
    ]
    if not labels:  # known to this user from detectors only
        labels = [s.name or s.identifier for s in getattr(entity, "visible_sightings", [])]
    if entity.name and entity.name in labels:
        return entity.name
    return best_name(labels)


def judgement_queue(*, user, status: str = JudgementStatus.PENDING) -> QuerySet[Judgement]:
    """Pairs to judge whose two cases the user may both see (an analyst decides only on records they can read)."""
    cases = visible_cases(user=user)
    qs = Judgement.objects.filter(party_a__case__in=cases, party_b__case__in=cases)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("party_a__case__province", "party_b__case__province", "decided_by")


def judgement_get(*, user, pk: int) -> Judgement:
    judgement = judgement_queue(user=user, status="").filter(pk=pk).first()
    if judgement is None:
        raise NotFound()
    return judgement


# The registry's kinds as a bulletin names them (coordination's own list calls an online shop "shop").
BULLETIN_KINDS = {"online_shop": "shop"}
BULLETIN_CASES = 30  # cases listed in a drafted bulletin; the rest are counted


def bulletin_prefill(entity: Entity, *, name: str) -> dict:
    """A bulletin drafted from what the user sees of an entity (initial values of coordination's BulletinForm): title,
    body listing the visible cases, those cases, the entity, the provinces involved; marked internal, since it
    names a person or company. Only visible appearances go in, so nothing hidden leaks into the draft."""
    appearances = getattr(entity, "visible_appearances", [])
    case_provinces = {a.province_id for a in appearances if a.province_id}
    findings = getattr(entity, "visible_sightings", [])
    provinces = sorted(case_provinces | {f.province_id for f in findings if f.province_id})
    refs = list(dict.fromkeys(a.case.reference for a in appearances))
    if len(case_provinces) > 1:
        title = _("Cảnh báo: %(name)s xuất hiện trong vụ việc ở %(count)s tỉnh") % {
            "name": name,
            "count": len(case_provinces),
        }
    else:
        title = _("Thông tin về đối tượng %(name)s") % {"name": name}
    lines = [_("Đối tượng %(name)s có trong các vụ việc sau:") % {"name": name}] if appearances else []
    for a in appearances[:BULLETIN_CASES]:
        place = a.province.name if a.province else ""
        lines.append(
            f"- {a.case.reference} ({a.case.detected_on:%d/%m/%Y}{', ' + place if place else ''}): "
            f"{a.party.get_role_display()}, {a.party}"
        )
    if len(appearances) > BULLETIN_CASES:
        lines.append(_("… và %(count)s vụ việc khác.") % {"count": len(appearances) - BULLETIN_CASES})
    if findings:
        lines.append(_("Dấu hiệu do hệ thống phát hiện:"))
        for f in findings[:BULLETIN_CASES]:
            why = f"; {f.reasons[0]}" if f.reasons else ""
            lines.append(f"- {_(f.label) or f.detector} ({f.identifier}, {f.score:.2f}){why}")
    lines.append(_("Đề nghị các đơn vị rà soát, phối hợp xác minh và thông báo kết quả."))
    return {
        "title": title[:255],
        "body": "\n".join(lines),
        "sensitivity": "internal",
        "case_refs": ", ".join(refs),
        "entities": f"{BULLETIN_KINDS.get(entity.kind, entity.kind)}: {name}",
        "provinces": [str(pk) for pk in provinces],
    }


def entity_of_finding(*, source: str, source_id: int) -> int | None:
    """The entity a finding was filed under (the finding's own page links to it; whoever sees the finding sees
    that entity through it)."""
    return (
        Sighting.objects.filter(source=source, source_id=source_id)
        .values_list("entity_id", flat=True)
        .first()
    )
