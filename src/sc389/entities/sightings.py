"""The detectors' feed into the registry: a tax code flagged from invoices, a flagged online shop, each becomes a
Sighting of the entity that holds the same exact identifier in cases, or of an entity of its own until a case
names it. Matching is on exact identifiers only (a tax code, a platform's seller id): a detector's finding names
no person, so there is nothing for the probabilistic model to weigh.

The apps that own the findings (invoices, listings) call sightings_sync after each run; entities_refresh calls
relink so a finding follows its identifier into the case entity once a case records it."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Q

from sc389.cases.identifiers import digits
from sc389.core import audit
from sc389.core.text import fold

from .choices import EntityKind
from .models import Appearance, Entity, Sighting
from .registry import PARTY_KIND_TO_ENTITY

CHUNK = 5000  # identifiers per IN (...): well under SQLite's bound on query parameters


@dataclass(frozen=True)
class Found:
    """One finding as the detecting app reports it."""

    source: str  # SightingSource
    source_id: int  # the lead's or the shop's id in its app
    detector: str
    kind: str  # EntityKind.COMPANY (a tax code) or EntityKind.ONLINE_SHOP (a platform's seller id)
    identifier: str
    seen_at: dt.datetime
    label: str = ""  # the detector's name, a msgid of its app (translated when shown)
    platform: str = ""
    name: str = ""
    province_id: int | None = None
    score: float = 0.0
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return key_of(self.kind, self.identifier, self.platform)


def key_of(kind: str, identifier: str, platform: str = "") -> str:
    """The exact identifier a finding and a case party are matched on."""
    if kind == EntityKind.COMPANY:
        return "tax:" + digits(identifier)
    if kind == EntityKind.ONLINE_SHOP:
        return f"shop:{fold(platform)}:{fold(identifier)}"
    raise ValueError(f"no sighting key for {kind}")


def party_keys(row: dict) -> list[str]:
    """The sighting keys of a case party (a dict with kind, tax_code, platform, account)."""
    kind = PARTY_KIND_TO_ENTITY.get(row["kind"])
    if kind == EntityKind.COMPANY and row.get("tax_code"):
        return [key_of(kind, row["tax_code"])]
    if kind == EntityKind.ONLINE_SHOP and row.get("account"):
        return [key_of(kind, row["account"], row.get("platform") or "")]
    return []


def _chunks(values: list) -> Iterable[list]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def case_entities(keys: set[str]) -> dict[str, int]:
    """key → the entity whose case parties hold it (the lowest id when, unusually, two do)."""
    out: dict[str, int] = {}
    codes = sorted(k[4:] for k in keys if k.startswith("tax:"))
    party_kinds = [k for k, v in PARTY_KIND_TO_ENTITY.items() if v == EntityKind.COMPANY]
    for chunk in _chunks(codes):
        rows = Appearance.objects.filter(party__kind__in=party_kinds, party__tax_code__in=chunk)
        for code, entity_id in rows.values_list("party__tax_code", "entity_id").order_by("entity_id"):
            out.setdefault("tax:" + code, entity_id)
    if any(k.startswith("shop:") for k in keys):
        shops = Appearance.objects.filter(party__kind="online_account").exclude(party__account="")
        for platform, account, entity_id in shops.values_list(
            "party__platform", "party__account", "entity_id"
        ).order_by("entity_id"):
            key = key_of(EntityKind.ONLINE_SHOP, account, platform)
            if key in keys:
                out.setdefault(key, entity_id)
    return out


def _sighting_entities(keys: set[str]) -> dict[str, int]:
    """key → the entity that earlier sightings of it were filed under."""
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        for key, entity_id in Sighting.objects.filter(key__in=chunk).values_list("key", "entity_id"):
            out.setdefault(key, entity_id)
    return out


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    entities_created: int = 0
    entities_deleted: int = 0

    @property
    def changed(self) -> bool:
        return any(vars(self).values())


FIELDS = (
    "entity_id", "detector", "label", "key", "identifier", "platform", "name", "name_folded", "province_id",
    "score", "reasons", "seen_at",
)  # fmt: skip


def _values(f: Found, entity_id: int) -> dict:
    return {
        "entity_id": entity_id,
        "detector": f.detector,
        "label": f.label[:200],
        "key": f.key,
        "identifier": f.identifier[:128],
        "platform": f.platform[:64],
        "name": f.name[:255],
        "name_folded": fold(f.name)[:255],
        "province_id": f.province_id,
        "score": f.score,
        "reasons": list(f.reasons),
        "seen_at": f.seen_at,
    }


def _entity(kind: str, name: str, identifier: str) -> Entity:
    """An entity known from findings only (no case yet)."""
    ident = digits(identifier) if kind == EntityKind.COMPANY else identifier
    return Entity(kind=kind, name=name[:200], name_folded=fold(name)[:200], identifier=ident[:64])


def _new_entities(found: list[Found], owner: dict[str, int]) -> list[Entity]:
    """An entity for each key that neither a case nor an earlier finding holds."""
    fresh: dict[str, Entity] = {}
    for f in found:
        if f.key not in owner and f.key not in fresh:
            fresh[f.key] = _entity(f.kind, f.name, f.identifier)
    created = Entity.objects.bulk_create(list(fresh.values()), batch_size=1000)
    if any(e.pk is None for e in created):  # a backend that returns no ids from a bulk insert
        raise RuntimeError("bulk_create returned no primary keys")
    owner |= {key: e.pk for key, e in fresh.items()}
    return created


@transaction.atomic
def sightings_sync(
    *, source: str, found: list[Found], covering: Iterable[int] | None = None, actor=None
) -> SyncResult:
    """Make the sightings of `source` equal `found`: all of them, or only those of the source ids in `covering`
    (a listings import re-scores only the shops it touches); unchanged ones are left as they are, so a second
    run changes nothing. Each finding joins the case entity holding its key, else the entity earlier findings of
    that key made, else a new entity; entities left with neither case nor finding are deleted. One audit row for
    a run that changed something, and one per entity it creates."""
    result = SyncResult()
    old = Sighting.objects.filter(source=source)
    if covering is not None:
        old = old.filter(source_id__in=list(covering))
    stored = {x.source_id: x for x in old}
    keys = {f.key for f in found}
    owner = _sighting_entities(keys) | case_entities(keys)
    created = _new_entities(found, owner)
    result.entities_created = len(created)

    new, changed = [], []
    left: set[int] = set()  # entities a sighting left: deleted below if that left them empty
    for f in found:
        values = _values(f, owner[f.key])
        x = stored.pop(f.source_id, None)
        if x is None:
            new.append(Sighting(source=source, source_id=f.source_id, **values))
        # seen_at is when the finding first stood as it is: a re-run that finds the same leaves it
        elif any(getattr(x, k) != v for k, v in values.items() if k != "seen_at"):
            left.add(x.entity_id)
            for k, v in values.items():
                setattr(x, k, v)
            changed.append(x)
    gone = [x.pk for x in stored.values()]
    for chunk in _chunks(gone):
        Sighting.objects.filter(pk__in=chunk).delete()
    Sighting.objects.bulk_update(changed, list(FIELDS), batch_size=1000)
    Sighting.objects.bulk_create(new, batch_size=1000)
    result.created, result.updated, result.removed = len(new), len(changed), len(gone)
    result.entities_deleted = _delete_empty(left | {x.entity_id for x in stored.values()})
    audit.record_many(
        [
            audit.build(
                actor=actor,
                verb="entities.created_from_finding",
                target=e,
                data={"kind": e.kind, "identifier": e.identifier, "source": source},
            )
            for e in created
        ]
    )
    if result.changed:
        audit.record(actor=actor, verb="entities.sightings_synced", data={"source": source, **asdict(result)})
    return result


def _delete_empty(entity_ids: Iterable[int]) -> int:
    deleted = 0
    for chunk in _chunks(sorted(set(entity_ids))):
        empty = Entity.objects.filter(pk__in=chunk, appearances__isnull=True, sightings__isnull=True)
        _total, per_model = empty.delete()
        deleted += per_model.get(Entity._meta.label, 0)
    return deleted


def relink() -> int:
    """Move each sighting to the case entity that now holds its key (a case recorded the company or the shop
    after the detector found it, or the registry regrouped); a sighting left on a case entity that no longer holds
    its key (the party's identifier was corrected) goes to an entity of its own. Returns how many moved."""
    rows = list(Sighting.objects.values_list("pk", "key", "entity_id", "name", "identifier"))
    owner = case_entities({row[1] for row in rows})
    in_cases = set(
        Appearance.objects.filter(entity_id__in={row[2] for row in rows}).values_list("entity_id", flat=True)
    )
    stray = [r for r in rows if r[1] not in owner and r[2] in in_cases]
    for _pk, key, _e, name, identifier in stray:
        if key not in owner:
            kind = EntityKind.COMPANY if key.startswith("tax:") else EntityKind.ONLINE_SHOP
            entity = _entity(kind, name, identifier)
            entity.save()
            owner[key] = entity.pk
    moves: dict[int, list[int]] = defaultdict(list)
    for pk, key, entity_id, _name, _identifier in rows:
        target = owner.get(key)
        if target is not None and target != entity_id:
            moves[target].append(pk)
    for target, pks in moves.items():
        Sighting.objects.filter(pk__in=pks).update(entity_id=target)
    return sum(len(pks) for pks in moves.values())


def orphan_owners() -> dict[str, int]:
    """key → an entity that holds sightings and no case: the entity a new case group of that key takes over, so
    the entity keeps its id (and its address) once a case names it."""
    rows = Sighting.objects.filter(~Q(entity__in=Appearance.objects.values("entity_id")))
    return dict(rows.values_list("key", "entity_id").order_by("-entity_id"))
