"""Every write of the entity registry: the refresh from case parties, and analysts' judgements."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from sc389.cases.models import Party
from sc389.core import access, audit
from sc389.core.errors import DomainError, PermissionDenied
from sc389.core.text import fold
from sc389.notifications.services import notify

from . import registry, sightings
from .choices import EntityKind, JudgementStatus
from .models import Appearance, Entity, EntityAlert, Judgement
from .naming import best_name
from .resolution import engine

REVIEWER_ROLES = frozenset({"analyst", "admin"})
PARTY_FIELDS = (
    "id", "case_id", "kind", "role", "name", "date_of_birth", "sex", "id_number", "tax_code", "tax_code_kind",
    "plate", "phone", "platform", "account", "url", "address", "case__province_id", "case__lead_unit_id",
)  # fmt: skip


@dataclass
class RefreshResult:
    parties: int = 0
    entities_created: int = 0
    entities_deleted: int = 0
    appearances_created: int = 0
    appearances_moved: int = 0
    pairs_scored: int = 0
    judgements_created: int = 0
    sightings_moved: int = 0
    alerts: int = 0
    skipped: bool = False

    @property
    def changed(self) -> bool:
        return any(
            (self.entities_created, self.entities_deleted, self.appearances_created, self.appearances_moved,
             self.judgements_created, self.sightings_moved, self.alerts)
        )  # fmt: skip


def _score_persons(rows: list[dict]) -> list[tuple[int, int, float]]:
    persons = [
        registry.person_record(r) for r in rows if registry.PARTY_KIND_TO_ENTITY[r["kind"]] == "person"
    ]
    if len(persons) < 2:
        return []
    con = engine.connect()
    try:
        columns = engine.load_rows(con, persons)
        engine.prepare(con, columns)
        result = engine.score(con, minimum=engine.REVIEW)
        return [(int(a), int(b), p) for a, b, p in result.pair_rows()]
    finally:
        con.close()


def _up_to_date(rows: list[dict]) -> bool:
    """Nothing to do: every party has its appearance with the same fingerprint, no appearance is orphaned (its
    party gone is handled by the cascade), and no judgement was decided since the last refresh."""
    current = dict(Appearance.objects.values_list("party_id", "fingerprint"))
    if len(current) != len(rows) or any(current.get(r["id"]) != r["fingerprint"] for r in rows):
        return False
    if Entity.objects.filter(appearances__isnull=True, sightings__isnull=True).exists():
        return False
    latest = (
        Appearance.objects.order_by("-entity__updated_at")
        .values_list("entity__updated_at", flat=True)
        .first()
    )
    return not Judgement.objects.filter(
        decided_at__gt=latest or dt.datetime.min.replace(tzinfo=dt.UTC)
    ).exists()


def _entity_fields(kind: str, members: list[dict]) -> dict:
    name = best_name(r["name"] for r in members)
    ident = ""
    for row in members:
        ident = (
            row["id_number"]
            or row["tax_code"]
            or row["plate"]
            or row["phone"]
            or row["account"]
            or row["url"]
        )
        if ident:
            break
    dobs = Counter(r["date_of_birth"] for r in members if r["date_of_birth"])
    return {
        "kind": kind,
        "name": name[:200],
        "name_folded": fold(name)[:200],
        "identifier": ident[:64],
        "date_of_birth": dobs.most_common(1)[0][0] if dobs else None,
        "province_count": len({r["case__province_id"] for r in members}),
        "case_count": len({r["case_id"] for r in members}),
    }


@transaction.atomic
def entities_refresh(*, actor=None, force: bool = False) -> RefreshResult:
    """Bring the registry up to date with the parties of all cases; running it twice changes nothing.

    Exact links on validated identifiers first, then the person model (Splink, DuckDB): pairs at or above
    engine.AUTO_MATCH join, pairs in the uncertain band become pending judgements for analysts. Existing
    entities keep their ids (each group keeps the entity most of its parties were in). An entity whose cases span
    two provinces or more raises an alert to the units that lead those cases."""
    result = RefreshResult()
    # parties of deleted cases feed nothing (the parties themselves are live: the case was deleted whole)
    rows = list(Party.objects.filter(case__deleted_at__isnull=True).values(*PARTY_FIELDS).order_by("id"))
    rows = [r for r in rows if r["kind"] in registry.PARTY_KIND_TO_ENTITY]
    for row in rows:
        row["fingerprint"] = registry.fingerprint(row)
    result.parties = len(rows)
    if not force and _up_to_date(rows):
        result.skipped = True
        return result

    # given: the analysts' judgements and the model's scores
    decided = Judgement.objects.exclude(status__in=[JudgementStatus.PENDING, JudgementStatus.UNSURE])
    confirmed = list(decided.filter(status=JudgementStatus.CONFIRMED).values_list("party_a_id", "party_b_id"))
    rejected = list(decided.filter(status=JudgementStatus.REJECTED).values_list("party_a_id", "party_b_id"))
    scored = _score_persons(rows)
    result.pairs_scored = len(scored)
    grouping = registry.group_parties(
        rows, scored=scored, confirmed=confirmed, rejected=rejected, threshold=engine.AUTO_MATCH
    )

    # the uncertain band, unless already judged or already joined by stronger evidence
    known = set(Judgement.objects.values_list("party_a_id", "party_b_id"))
    new_judgements = [
        Judgement(party_a_id=a, party_b_id=b, probability=round(p, 4))
        for a, b, p in ((min(a, b), max(a, b), p) for a, b, p in scored)
        if p < engine.AUTO_MATCH and (a, b) not in known and grouping.find(a) != grouping.find(b)
    ]
    Judgement.objects.bulk_create(new_judgements)
    result.judgements_created = len(new_judgements)

    # when: each group keeps the entity most of its parties were in
    by_id = {r["id"]: r for r in rows}
    current = dict(Appearance.objects.values_list("party_id", "entity_id"))
    appearances = {a.party_id: a for a in Appearance.objects.all()}
    found_only = sightings.orphan_owners()  # entities a detector made before any case named them
    claimed: set[int] = set()
    for members in sorted(grouping.groups(), key=lambda m: min(m)):
        kind = registry.PARTY_KIND_TO_ENTITY[by_id[min(members)]["kind"]]
        votes = Counter(current[p] for p in members if p in current)
        entity_id = next(
            (e for e, _n in sorted(votes.items(), key=lambda t: (-t[1], t[0])) if e not in claimed), None
        )
        fields = _entity_fields(kind, [by_id[p] for p in sorted(members)])
        if entity_id is None:
            keys = (k for p in sorted(members) for k in sightings.party_keys(by_id[p]))
            entity_id = next(
                (found_only[k] for k in keys if k in found_only and found_only[k] not in claimed), None
            )
            if entity_id is not None:
                Entity.objects.filter(pk=entity_id).update(**fields, updated_at=timezone.now())
        if entity_id is None:
            entity = Entity.objects.create(**fields)
            entity_id = entity.pk
            result.entities_created += 1
        else:
            Entity.objects.filter(pk=entity_id).exclude(**fields).update(**fields, updated_at=timezone.now())
        claimed.add(entity_id)
        for pid in members:
            row = by_id[pid]
            values = {
                "entity_id": entity_id,
                "case_id": row["case_id"],
                "province_id": row["case__province_id"],
                "role": row["role"],
                "reason": grouping.reason[pid],
                "fingerprint": row["fingerprint"],
            }
            existing = appearances.get(pid)
            if existing is None:
                Appearance.objects.create(party_id=pid, **values)
                result.appearances_created += 1
            elif any(getattr(existing, k) != v for k, v in values.items()):
                if existing.entity_id != entity_id:
                    result.appearances_moved += 1
                Appearance.objects.filter(pk=existing.pk).update(**values)
    result.sightings_moved = sightings.relink()
    _total, per_model = Entity.objects.filter(appearances__isnull=True, sightings__isnull=True).delete()
    result.entities_deleted = per_model.get(Entity._meta.label, 0)
    result.alerts = _raise_alerts(by_id)

    # then
    if result.changed:
        audit.record(actor=actor, verb="entities.refreshed", data=asdict(result))
    return result


def _notify_units(alert: EntityAlert) -> None:
    """Tell the members of the units leading the entity's cases (today's memberships)."""
    today = timezone.localdate()
    users = (
        get_user_model()
        .objects.filter(memberships__unit_id__in=alert.units, is_active=True)
        .filter(Q(memberships__valid_from__isnull=True) | Q(memberships__valid_from__lte=today))
        .filter(Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today))
        .distinct()
    )
    entity = alert.entity
    notify(
        users,
        kind="entities.multi_province",
        title=gettext_noop("Đối tượng %(name)s xuất hiện trong vụ việc ở %(count)s tỉnh"),
        params={"name": entity.name or entity.identifier, "count": len(alert.provinces)},
        link=reverse("entities:detail", args=[entity.pk]),
    )


def _raise_alerts(by_id: dict[int, dict]) -> int:
    """One alert per entity and set of provinces, recorded in EntityAlert and sent to the members of the units
    leading its cases (sc389.notifications)."""
    entity_of = dict(Appearance.objects.values_list("party_id", "entity_id"))
    provinces: dict[int, set[int]] = defaultdict(set)
    units: dict[int, set[int]] = defaultdict(set)
    for pid, row in by_id.items():
        entity_id = entity_of[pid]
        if row["case__province_id"]:
            provinces[entity_id].add(row["case__province_id"])
        units[entity_id].add(row["case__lead_unit_id"])
    existing = {(a.entity_id, tuple(a.provinces)) for a in EntityAlert.objects.all()}
    raised = 0
    for entity_id, places in provinces.items():
        key = (entity_id, tuple(sorted(places)))
        if len(places) >= 2 and key not in existing:
            alert = EntityAlert.objects.create(
                entity_id=entity_id, provinces=list(key[1]), units=sorted(units[entity_id])
            )
            _notify_units(alert)
            audit.record(
                actor=None,
                verb="entities.alert_raised",
                target=alert,
                data={"provinces": alert.provinces, "units": alert.units},
            )
            raised += 1
    return raised


def may_review(user) -> bool:
    """Analysts (and admins) judge pairs; officers and leaders do not."""
    p = access.principal(user)
    return p.superuser or bool(p.roles & REVIEWER_ROLES)


@transaction.atomic
def judgement_decide(*, judgement: Judgement, status: str, actor, note: str = "") -> Judgement:
    """An analyst says whether two parties are one person; the registry follows on the next refresh (queued
    now). The decision stays: a later refresh never merges a rejected pair nor splits a confirmed one."""
    if not may_review(actor):
        raise PermissionDenied(_("Chỉ cán bộ phân tích mới xem xét cặp đối tượng."))
    if status not in JudgementStatus.values or status == JudgementStatus.PENDING:
        raise DomainError("entities.invalid_decision", _("Quyết định không hợp lệ."), field="status")
    before = audit.snapshot(judgement, ["status", "note"])
    judgement.status = status
    judgement.note = note[:500]
    judgement.decided_by = actor
    judgement.decided_at = timezone.now()
    judgement.save(update_fields=["status", "note", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        verb="entities.judgement_decided",
        target=judgement,
        changes=audit.diff(before, audit.snapshot(judgement, ["status", "note"])),
    )
    from .tasks import entities_refresh_task  # tasks call services: imported here to avoid the cycle

    transaction.on_commit(lambda: entities_refresh_task.enqueue())
    return judgement


__all__ = ["EntityKind", "RefreshResult", "entities_refresh", "judgement_decide"]
