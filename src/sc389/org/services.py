"""Writes to the organisation: administrative units, committees, units, memberships. Each one audited."""

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, Ward

from sc389.core import audit
from sc389.core.text import fold, nfc

from .choices import AdminLevel, Role
from .models import AdministrativeUnit, Committee, CommitteeMember, Force, Membership, Unit

HISTORIC_2025_CSV = Path(__file__).parent / "data" / "historic_units_2025.csv"
REFORM_DAY = dt.date(2025, 7, 1)  # two-tier local government in force


@transaction.atomic
def admin_units_load_current(*, actor=None) -> dict[str, int]:
    """Today's 34 provinces and 3,321 communes from `vietnam-provinces`; running it again changes nothing."""
    existing = {(u.level, u.code): u for u in AdministrativeUnit.objects.filter(valid_to__isnull=True)}
    created, updated = [], 0
    provinces: dict[int, AdministrativeUnit] = {}
    for p in Province.iter_all():
        code = str(int(p.code))
        unit = existing.get((AdminLevel.PROVINCE, code))
        if unit is None:
            unit = AdministrativeUnit(code=code, level=AdminLevel.PROVINCE)
            created.append(unit)
        elif unit.name != nfc(p.name):
            updated += 1
        unit.name, unit.division_type = nfc(p.name), p.division_type.value
        unit.save()
        if unit.current_province_id != unit.pk:
            unit.current_province = unit
            unit.save(update_fields=["current_province"])
        provinces[int(p.code)] = unit
    new_communes = []
    for w in Ward.iter_all():
        code = str(int(w.code))
        province = provinces[int(w.province_code)]
        unit = existing.get((AdminLevel.COMMUNE, code))
        if unit is None:
            unit = AdministrativeUnit(code=code, level=AdminLevel.COMMUNE, valid_from=REFORM_DAY)
            new_communes.append(unit)
        elif unit.name == nfc(w.name) and unit.parent_id == province.pk:
            continue
        else:
            updated += 1
        unit.name, unit.division_type = nfc(w.name), w.division_type.value
        unit.parent = unit.current_province = province
        if unit.pk:
            unit.save()
    for unit in new_communes:
        unit.name_folded = fold(unit.name)  # bulk_create skips save()
    AdministrativeUnit.objects.bulk_create(new_communes, batch_size=1000)
    created += new_communes
    audit.record(
        actor=actor,
        verb="admin_units.loaded",
        data={"source": "vietnam-provinces", "created": len(created), "updated": updated},
    )
    return {"created": len(created), "updated": updated}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("dòng %(row)s, cột %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class HistoricLoadResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


HISTORIC_COLUMNS = ["code", "name", "level", "parent", "valid_from", "valid_to", "successors"]


def _find(ref: str, *, on: dt.date, default_level: str) -> AdministrativeUnit | None:
    """`province:24` (or `24`, taking default_level) → the unit with that code valid on `on`."""
    level, _sep, code = ref.strip().rpartition(":")
    candidates = AdministrativeUnit.objects.filter(level=level or default_level, code=code)
    for unit in candidates:
        if unit.is_valid_on(on):
            return unit
    return None


def _parse_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text.strip()) if text.strip() else None


@transaction.atomic
def admin_units_load_historic(*, path: Path, actor=None) -> HistoricLoadResult:
    """Load abolished units from CSV (code, name, level, parent, valid_from, valid_to, successors).

    `parent` and each of `successors` (separated by ";") are `level:code`, found among the units valid on the
    row's last day (parent) and on the day after (successors). All rows or none.
    """
    result = HistoricLoadResult()
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in HISTORIC_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            result.errors.append(RowError(1, ", ".join(missing), _("thiếu cột bắt buộc")))
            return result
        rows = list(reader)
    # Units first, then links (a successor or parent may come later in the file).
    pending = []
    for number, row in enumerate(rows, start=2):
        level = row["level"].strip()
        if level not in AdminLevel.values:
            result.errors.append(RowError(number, "level", _("cấp không hợp lệ: %(v)s") % {"v": level}))
            continue
        try:
            valid_from, valid_to = _parse_date(row["valid_from"]), _parse_date(row["valid_to"])
        except ValueError:
            result.errors.append(RowError(number, "valid_from/valid_to", _("ngày phải có dạng YYYY-MM-DD")))
            continue
        if valid_to is None:
            result.errors.append(RowError(number, "valid_to", _("đơn vị lịch sử phải có ngày hết hiệu lực")))
            continue
        unit, was_created = AdministrativeUnit.objects.update_or_create(
            level=level,
            code=row["code"].strip(),
            valid_to=valid_to,
            defaults={"name": nfc(row["name"]), "valid_from": valid_from},
        )
        result.created += was_created
        result.updated += not was_created
        pending.append((number, row, unit))
    for number, row, unit in pending:
        if row["parent"].strip():
            parent = _find(row["parent"], on=unit.valid_to, default_level=AdminLevel.PROVINCE)
            if parent is None:
                result.errors.append(
                    RowError(number, "parent", _("không tìm thấy %(v)s") % {"v": row["parent"]})
                )
                continue
            unit.parent = parent
            unit.save(update_fields=["parent"])
        day_after = unit.valid_to + dt.timedelta(days=1)
        for ref in filter(None, (s.strip() for s in row["successors"].split(";"))):
            successor = _find(ref, on=day_after, default_level=unit.level)
            if successor is None:
                result.errors.append(RowError(number, "successors", _("không tìm thấy %(v)s") % {"v": ref}))
                continue
            successor.predecessors.add(unit)
            # A province merged into another makes the receiving province a new unit from the next day.
            if successor.level == unit.level and successor.valid_from is None:
                successor.valid_from = day_after
                successor.save(update_fields=["valid_from"])
    if result.errors:
        transaction.set_rollback(True)
        return result
    _link_current_provinces()
    audit.record(
        actor=actor,
        verb="admin_units.historic_loaded",
        data={"file": Path(path).name, "created": result.created, "updated": result.updated},
    )
    return result


def _link_current_provinces() -> None:
    """Point every historic unit at the current province that holds its territory today."""
    for unit in AdministrativeUnit.objects.filter(valid_to__isnull=False).prefetch_related("successors"):
        target = unit
        seen = set()
        while target.valid_to is not None and target.pk not in seen:
            seen.add(target.pk)
            nxt = target.successors.first()
            if nxt is None:
                break
            target = nxt
        province = target if target.level == AdminLevel.PROVINCE else target.current_province
        if province is not None and province.valid_to is None and unit.current_province_id != province.pk:
            unit.current_province = province
            unit.save(update_fields=["current_province"])


@transaction.atomic
def force_ensure(*, code: str, name: str, name_en: str = "", actor=None) -> Force:
    force, created = Force.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    if created:
        audit.record(
            actor=actor, verb="force.created", target=force, changes=audit.diff({}, audit.snapshot(force))
        )
    return force


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    force: Force,
    actor=None,
    parent: Unit | None = None,
    home_province: AdministrativeUnit | None = None,
    area: list[AdministrativeUnit] | None = None,
    valid_from: dt.date | None = None,
) -> Unit:
    """Create a force's unit; `area` lists the provinces or communes it covers (several for regional units)."""
    unit = Unit(
        code=code,
        name=nfc(name),
        force=force,
        parent=parent,
        home_province=home_province,
        valid_from=valid_from,
    )
    unit.full_clean()
    unit.save()
    if area:
        unit.area.set(area)
    audit.record(
        actor=actor,
        verb="unit.created",
        target=unit,
        changes=audit.diff({}, audit.snapshot(unit)),
        data={"area": [a.pk for a in area or []]},
    )
    return unit


@transaction.atomic
def committee_create(
    *,
    code: str,
    name: str,
    level: str,
    area: AdministrativeUnit | None,
    parent: Committee | None = None,
    actor=None,
) -> Committee:
    committee = Committee(code=code, name=nfc(name), level=level, area=area, parent=parent)
    committee.full_clean()
    committee.save()
    audit.record(
        actor=actor,
        verb="committee.created",
        target=committee,
        changes=audit.diff({}, audit.snapshot(committee)),
    )
    return committee


@transaction.atomic
def committee_member_add(
    *, committee: Committee, name: str, force: Force | None = None, unit: Unit | None = None, actor=None
) -> CommitteeMember:
    member = CommitteeMember.objects.create(committee=committee, name=nfc(name), force=force, unit=unit)
    audit.record(actor=actor, verb="committee.member_added", target=committee, data={"member": member.name})
    return member


@transaction.atomic
def membership_grant(
    *, user, role: str, unit: Unit | None = None, committee: Committee | None = None, actor=None
) -> Membership:
    """Give `user` a role in a unit or a committee; the role's scope follows."""
    membership = Membership(user=user, role=Role(role), unit=unit, committee=committee)
    membership.full_clean()
    membership.save()
    audit.record(
        actor=actor,
        verb="membership.granted",
        target=membership,
        data={
            "user": user.pk,
            "role": role,
            "unit": getattr(unit, "pk", None),
            "committee": getattr(committee, "pk", None),
        },
    )
    return membership


@transaction.atomic
def user_create(*, username: str, password: str, full_name: str = "", email: str = "", actor=None):
    User = get_user_model()
    first, _sep, last = nfc(full_name).rpartition(" ")
    user = User.objects.create_user(
        username=username, password=password, email=email, first_name=first, last_name=last
    )
    audit.record(actor=actor, verb="user.created", target=user, data={"username": username})
    return user
