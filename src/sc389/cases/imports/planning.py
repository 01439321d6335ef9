"""Comparing a file's rows with the unit's earlier imports: new, changed or unchanged, without writing.

Shared by the import (importer.py) and its worker processes (pipeline.py): `plan_one` and what it uses touch no
database; the `load_*` functions read what an import compares against, once per file.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.org.models import Unit

from ..models import (
    BudgetRemittance,
    Case,
    CaseUnit,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
)
from ..services.common import AUDITED_CASE_FIELDS, outcome_state
from .columns import CASE_COLUMNS
from .rows import CaseRecord, Header, RowError

CHUNK = 5000  # ids per IN (...) query


@dataclass(frozen=True)
class PartKind:
    """A kind of case part the file may manage: the record attribute, the model, the compared fields."""

    name: str
    model: type
    fields: tuple[str, ...]
    columns: tuple[str, ...]  # the case-sheet columns that make the file manage this kind
    sheet: str = ""  # the extra sheet that does too


PART_KINDS = (
    PartKind(
        "goods",
        GoodsLine,
        ("description", "commodity_group_id", "hs_code", "quantity", "unit", "value_vnd"),
        tuple(c.key for c in CASE_COLUMNS if c.key.startswith("goods_")),
        "goods",
    ),
    PartKind(
        "parties",
        Party,
        (
            "kind",
            "role",
            "name",
            "date_of_birth",
            "sex",
            "id_number",
            "tax_code",
            "tax_code_kind",
            "plate",
            "platform",
            "account",
            "url",
            "phone",
            "address",
        ),
        tuple(c.key for c in CASE_COLUMNS if c.key.startswith("party_")),
        "parties",
    ),
    PartKind(
        "penalties",
        PenaltyDecision,
        (
            "number",
            "decided_on",
            "issuer",
            "fine_vnd",
            "confiscated_value_vnd",
            "destroyed",
            "destroyed_value_vnd",
            "other_measures",
        ),
        ("penalty_number", "penalty_date", "penalty_fine_vnd", "penalty_confiscated_vnd"),
    ),
    PartKind(
        "remittances",
        BudgetRemittance,
        ("document_number", "remitted_on", "kind", "amount_vnd"),
        ("remittance_date", "remittance_amount_vnd"),
    ),
    PartKind(
        "prosecutions",
        Prosecution,
        ("decision_number", "decided_on", "defendants", "investigating_agency", "transferred_on"),
        ("prosecution_number", "prosecution_date", "defendants", "investigating_agency"),
    ),
    PartKind(
        "transfers",
        Transfer,
        ("to_unit_id", "to_agency", "transferred_on", "document_number", "reason"),
        ("transfer_to", "transfer_date", "transfer_number"),
    ),
)


@dataclass
class Plan:
    record: CaseRecord
    values: dict[str, Any]  # the case's column values (attnames)
    existing: bool
    parts: dict[str, list]  # kind → the parts the case will have (for search text and state)
    changed_kinds: list[str] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    participants_changed: bool = False


def managed_kinds(headers: dict[str, Header]) -> dict[str, bool]:
    case_header = headers["cases"]
    return {
        kind.name: case_header.has(*kind.columns) or (bool(kind.sheet) and kind.sheet in headers)
        for kind in PART_KINDS
    }


def comparable(kind: PartKind, parts: list) -> Counter:
    """Parts of one kind in a comparable form (order does not matter)."""
    return Counter(tuple(getattr(p, name) for name in kind.fields) for p in parts)


def same_parts(kind: PartKind, current: list, incoming: list) -> bool:
    """Do the case's parts of this kind equal the file's? Most cases have none or one of each kind."""
    if len(current) != len(incoming):
        return False
    if not current:
        return True
    if len(current) == 1:
        fields = kind.fields
        return all(getattr(current[0], n) == getattr(incoming[0], n) for n in fields)
    return comparable(kind, current) == comparable(kind, incoming)


def part_snapshot(kind: PartKind, part) -> dict[str, Any]:
    return {name: audit.jsonable(getattr(part, name)) for name in kind.fields}


class AuditTarget:
    """What core.audit.build needs of a case (label, pk, text) without making a model instance per row."""

    _meta = Case._meta

    def __init__(self, pk: int, reference: str):
        self.pk, self.reference = pk, reference

    def __str__(self) -> str:
        return self.reference


def case_view(values: dict[str, Any], record: CaseRecord, unit: Unit) -> SimpleNamespace:
    """The attributes case_search_text reads, from plain values."""
    return SimpleNamespace(
        **values,
        pk=None,
        place=record.fields["place"],
        province=record.province,
        lead_unit=unit,
    )


def by_external_ref(unit: Unit, refs: list[str]):
    """The unit's cases with these ids, through the partial unique index `case_unique_external_ref`.

    The index only holds rows with an id (external_ref <> ''); the planners use it only when the query repeats
    that condition: without it SQLite scans the million cases and PostgreSQL cannot prove a long IN list implies it.
    """
    # all_objects: a deleted case keeps its id (the unique index holds it), so a re-import must see it to refuse it.
    return (
        Case.all_objects.filter(source_unit=unit, external_ref__in=refs).exclude(external_ref="").order_by()
    )


def load_existing(unit: Unit, refs: list[str]) -> dict[str, dict[str, Any]]:
    """The unit's cases already imported under these ids (the unique index on source_unit, external_ref)."""
    names = ["id", "version", "lead_unit_id", "merged_into_id", "deleted_at", *AUDITED_CASE_FIELDS]
    existing = {}
    for start in range(0, len(refs), CHUNK):
        qs = by_external_ref(unit, refs[start : start + CHUNK])
        for row in qs.values(*dict.fromkeys(names)):
            existing[row["external_ref"]] = row
    return existing


def deleted_refusal(record: CaseRecord, old: dict[str, Any] | None, header: Header) -> RowError | None:
    """A row whose id belongs to a deleted case is refused: no duplicate, and no silent restore (issue 6)."""
    if old is None or old.get("deleted_at") is None:
        return None
    return RowError(
        record.row,
        header.labels["external_ref"],
        _("vụ việc “%(ref)s” (%(reference)s) đã bị xóa, đề nghị quản trị khôi phục.")
        % {"ref": record.external_ref, "reference": old["reference"]},
        header.sheet,
    )


def load_parts(case_ids: list[int]) -> tuple[dict[str, dict[int, list]], dict[int, set[int]]]:
    parts: dict[str, dict[int, list]] = {k.name: defaultdict(list) for k in PART_KINDS}
    participants: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        for kind in PART_KINDS:
            rows = kind.model.objects.filter(case_id__in=chunk).order_by("id").values("case_id", *kind.fields)
            for row in rows:
                parts[kind.name][row.pop("case_id")].append(SimpleNamespace(**row))
        for case_id, unit_id in CaseUnit.objects.filter(case_id__in=chunk).values_list("case_id", "unit_id"):
            participants[case_id].add(unit_id)
    return parts, participants


def record_values(record: CaseRecord) -> dict[str, Any]:
    f = record.fields
    return {
        "category": f["category"],
        "violation_type_id": f["violation_type"].pk if f["violation_type"] is not None else None,
        "channel": f["channel"],
        "channel_url": f["channel_url"],
        "channel_shop": f["channel_shop"],
        "detected_on": f["detected_on"],
        "place_id": f["place"].pk,
        "province_id": record.province.pk,
        "commune_id": record.commune.pk if record.commune is not None else None,
        "place_text": f["place_text"],
        "narrative": f["narrative"],
    }


def plan_one(
    record: CaseRecord,
    old: dict[str, Any] | None,
    *,
    old_parts: dict[str, dict[int, list]],
    old_participants: dict[int, set[int]],
    managed: dict[str, bool],
    manage_participants: bool,
    unit: Unit,
    created_by: int | None,
) -> "Plan | None":
    """A new case, the changes to the case imported before under this id, or None when nothing changed.

    No database access: the import workers (imports.pipeline) run it too. Whether the actor may change an
    existing case is checked by the caller.
    """
    values = record_values(record)
    if old is None:
        values.update(
            reference="",
            source_unit_id=unit.pk,
            external_ref=record.external_ref,
            lead_unit_id=unit.pk,
            closed_reason="",
            merged_into_id=None,
            created_by_id=created_by,
            version=1,
        )
        parts = {k.name: getattr(record, k.name) for k in PART_KINDS}
        derive(values, parts)
        return Plan(record, values, False, parts)
    before = {name: audit.jsonable(old[name]) for name in AUDITED_CASE_FIELDS}
    values = {**old, **values}
    parts, changed_kinds, part_changes = {}, [], {}
    for kind in PART_KINDS:
        current = old_parts[kind.name].get(old["id"], [])
        if not managed[kind.name]:
            parts[kind.name] = current
            continue
        incoming = getattr(record, kind.name)
        parts[kind.name] = incoming
        if not same_parts(kind, current, incoming):
            changed_kinds.append(kind.name)
            part_changes[kind.name] = [
                [part_snapshot(kind, p) for p in current],
                [part_snapshot(kind, p) for p in incoming],
            ]
    derive(values, parts)
    changes = audit.diff(before, {name: audit.jsonable(values[name]) for name in AUDITED_CASE_FIELDS})
    changes.update(part_changes)
    wanted_units = sorted({u.pk for u in record.participants} - {old["lead_unit_id"]})
    had_units = sorted(old_participants.get(old["id"], set()))
    participants_changed = manage_participants and wanted_units != had_units
    if participants_changed:
        changes["participants"] = [had_units, wanted_units]
    if not changes:
        return None
    return Plan(record, values, True, parts, changed_kinds, changes, participants_changed)


def derive(values: dict[str, Any], parts: dict[str, list]) -> None:
    """Status and handled date by the services' rule (services.common.outcome_state)."""
    values["status"], values["handled_on"] = outcome_state(
        penalties=[p.decided_on for p in parts["penalties"]],
        prosecutions=[p.decided_on for p in parts["prosecutions"]],
        transfers=[t.transferred_on for t in parts["transfers"]],
        closed_reason=values.get("closed_reason", ""),
    )


def preview(p: Plan) -> dict[str, Any]:
    values = p.values
    goods = p.parts["goods"][0].description if p.parts["goods"] else ""
    party = p.parts["parties"][0] if p.parts["parties"] else None
    return {
        "row": p.record.row,
        "external_ref": values["external_ref"],
        "action": "updated" if p.existing else "created",
        "detected_on": values["detected_on"].isoformat(),
        "category": values["category"],
        "place": str(p.record.fields["place"]),
        "goods": goods,
        "party": (party.name or party.plate or party.account or party.phone) if party is not None else "",
        "changes": sorted(p.changes) if p.existing else [],
    }
