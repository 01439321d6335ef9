"""Write the plan: managed lists, then cases with their parts and outcomes, in bulk, with their audit rows.

Cases are numbered by `cases.services.case.next_references` and placed by `locate`, their identifiers checked
and normalised by the models' own `clean()`, their search text made by `case_search_text`. As a bulk import
does, each case gets one `case.created` audit row (its fields, and its parts and outcomes by number); merges
get the rows `case_merge` and `case_unmerge` write. Channel "cli".
"""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from sc389.cases.models import (
    BudgetRemittance,
    Case,
    CaseMerge,
    CaseUnit,
    CommodityGroup,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
    ViolationType,
)
from sc389.cases.search import case_search_text
from sc389.cases.services.case import locate, next_references
from sc389.cases.services.common import AUDITED_CASE_FIELDS
from sc389.core import audit
from sc389.org.models import AdministrativeUnit

from .cases import Plan
from .catalog import COMMODITY_GROUPS, VIOLATION_TYPES
from .content import PlannedCase
from .org import DemoOrg, officer_username
from .profiles import PROFILES

BATCH = 2000
MERGE_REASON = "Cùng một vụ việc do hai lực lượng cùng ghi nhận"
UNMERGE_REASON = "Gộp nhầm hai vụ việc khác nhau"


def lists_seed(*, actor=None) -> tuple[dict[str, ViolationType], dict[str, CommodityGroup]]:
    """The managed lists, Vietnamese and English names, each entry audited."""
    types = ViolationType.objects.bulk_create(
        [
            ViolationType(code=c, category=cat, name=vi, name_en=en)
            for c, (cat, vi, en) in VIOLATION_TYPES.items()
        ]
    )
    groups = CommodityGroup.objects.bulk_create(
        [CommodityGroup(code=c, name=vi, name_en=en) for c, (vi, en) in COMMODITY_GROUPS.items()]
    )
    audit.record_many(
        [
            audit.build(actor=actor, verb=verb, target=row, changes=audit.diff({}, audit.snapshot(row)))
            for verb, rows in (("violation_type.created", types), ("commodity_group.created", groups))
            for row in rows
        ]
    )
    return {t.code: t for t in types}, {g.code: g for g in groups}


class _Places:
    """Plan place keys to administrative units: historic districts by code, today's communes by name."""

    def __init__(self, plan: Plan):
        codes = {p.key: p.code for p in PROVINCES_BY_KEY.values()}
        units = AdministrativeUnit.objects.select_related("current_province")
        self.provinces = {
            key: units.get(level="province", code=code, valid_to__isnull=True) for key, code in codes.items()
        }
        districts = {c.place[1] for c in plan.cases if c.place[0] == "district"}
        self.districts = {
            u.code: u for u in units.filter(level="district", code__in=districts, valid_to__isnull=False)
        }
        self.communes = {
            (u.current_province_id, u.name): u
            for u in units.filter(level="commune", valid_to__isnull=True, parent__in=self.provinces.values())
        }

    def get(self, case: PlannedCase) -> AdministrativeUnit:
        kind, ref = case.place
        if kind == "district":
            return self.districts[ref]
        return self.communes[(self.provinces[case.province].pk, ref)]


PROVINCES_BY_KEY = {p.key: p for p in PROFILES}


def _references(plan: Plan, places: _Places) -> dict[int, str]:
    """Reserve each province-year block of case numbers once; a case takes the number of its sequence."""
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for c in plan.cases:
        counts[(c.province, c.detected_on.year)] = max(counts[(c.province, c.detected_on.year)], c.sequence)
    blocks = {
        key: next_references(places.provinces[key[0]], key[1], count) for key, count in sorted(counts.items())
    }
    return {id(c): blocks[(c.province, c.detected_on.year)][c.sequence - 1] for c in plan.cases}


def cases_write(
    plan: Plan,
    *,
    org: DemoOrg,
    types: dict[str, ViolationType],
    groups: dict[str, CommodityGroup],
    actor=None,
) -> dict[str, int]:
    places = _Places(plan)
    references = _references(plan, places)
    units = org.units
    officers = {code: org.users.get(officer_username(code)) for code in units}
    planned_by_row: dict[int, PlannedCase] = {}
    rows: list[Case] = []
    parts: dict[int, tuple[list[Party], list[GoodsLine]]] = {}
    for c in plan.cases:
        place = places.get(c)
        province, commune = locate(place)
        lead = units[c.lead_unit]
        case = Case(
            reference=references[id(c)],
            source_unit=lead,
            external_ref=c.external_ref,
            category=c.category,
            violation_type=types[c.violation],
            channel=c.channel,
            channel_url=c.channel_url,
            channel_shop=c.channel_shop,
            detected_on=c.detected_on,
            place=place,
            province=province,
            commune=commune,
            place_text=c.place_text,
            lead_unit=lead,
            narrative=c.narrative,
            status=c.status,
            handled_on=c.handled_on,
            closed_reason=c.closed_reason,
            created_by=officers[c.lead_unit],
        )
        parties = [Party(**vars(p)) for p in c.parties]
        goods = [
            GoodsLine(
                description=g.description,
                commodity_group=groups[g.group],
                hs_code=g.hs_code,
                quantity=g.quantity,
                unit=g.unit,
                value_vnd=g.value_vnd,
            )
            for g in c.goods
        ]
        for row in [*parties, *goods]:
            row.clean()  # identifiers checked against birth year and sex, stored normalised; text folded
        case.search_folded = case_search_text(case, parties=parties, goods=goods)
        rows.append(case)
        planned_by_row[id(case)] = c
        parts[id(case)] = (parties, goods)
    case_of: dict[int, Case] = {}
    first, duplicates = [r for r in rows if planned_by_row[id(r)].merged_into is None], []
    for r in rows:
        if planned_by_row[id(r)].merged_into is not None:
            duplicates.append(r)
    Case.objects.bulk_create(first, batch_size=BATCH)
    for r in first:
        case_of[id(planned_by_row[id(r)])] = r
    for r in duplicates:
        r.merged_into = case_of[id(planned_by_row[id(r)].merged_into)]
    Case.objects.bulk_create(duplicates, batch_size=BATCH)
    for r in duplicates:
        case_of[id(planned_by_row[id(r)])] = r

    party_rows, goods_rows, joint, events = [], [], [], []
    outcome_rows: dict[str, list] = {"penalty": [], "remittance": [], "prosecution": [], "transfer": []}
    for r in rows:
        c = planned_by_row[id(r)]
        parties, goods = parts[id(r)]
        for row in [*parties, *goods]:
            row.case = r
        party_rows += parties
        goods_rows += goods
        joint += [CaseUnit(case=r, unit=units[u]) for u in c.participants]
        for p in c.penalties:
            outcome_rows["penalty"].append(
                (
                    r,
                    c,
                    PenaltyDecision(
                        case=r,
                        number=p.number,
                        decided_on=p.decided_on,
                        issuer=p.issuer,
                        fine_vnd=p.fine_vnd,
                        confiscated_value_vnd=p.confiscated_value_vnd,
                        destroyed=p.destroyed,
                        destroyed_value_vnd=p.destroyed_value_vnd,
                        other_measures=p.other_measures,
                    ),
                    p.issuer_unit,
                )
            )
        for m in c.remittances:
            outcome_rows["remittance"].append(
                (
                    r,
                    c,
                    BudgetRemittance(
                        case=r,
                        document_number=m.document_number,
                        remitted_on=m.remitted_on,
                        kind=m.kind,
                        amount_vnd=m.amount_vnd,
                    ),
                    c.lead_unit,
                )
            )
        for p in c.prosecutions:
            outcome_rows["prosecution"].append(
                (
                    r,
                    c,
                    Prosecution(
                        case=r,
                        decision_number=p.decision_number,
                        decided_on=p.decided_on,
                        defendants=p.defendants,
                        investigating_agency=p.investigating_agency,
                        transferred_on=p.transferred_on,
                    ),
                    c.lead_unit,
                )
            )
        for t in c.transfers:
            outcome_rows["transfer"].append(
                (
                    r,
                    c,
                    Transfer(
                        case=r,
                        to_unit=units[t.to_unit] if t.to_unit else None,
                        to_agency=t.to_agency,
                        transferred_on=t.transferred_on,
                        document_number=t.document_number,
                        reason=t.reason,
                    ),
                    c.lead_unit,
                )
            )
    Party.objects.bulk_create(party_rows, batch_size=BATCH)
    GoodsLine.objects.bulk_create(goods_rows, batch_size=BATCH)
    CaseUnit.objects.bulk_create(joint, batch_size=BATCH)
    models = {
        "penalty": PenaltyDecision,
        "remittance": BudgetRemittance,
        "prosecution": Prosecution,
        "transfer": Transfer,
    }
    for kind, items in outcome_rows.items():
        models[kind].objects.bulk_create([o for _, _, o, _ in items], batch_size=BATCH)

    events += _case_events(rows, planned_by_row, parts, outcome_rows, officers, units)
    merges = _merges(plan, case_of, org, actor, events)
    audit.record_many(events)
    return {
        "cases": len(rows),
        "parties": len(party_rows),
        "goods": len(goods_rows),
        "outcomes": sum(len(v) for v in outcome_rows.values()),
        "merges": merges,
        "audit": len(events),
    }


def _case_events(rows, planned_by_row, parts, outcome_rows, officers, units) -> list:
    """One case.created row per case, as a bulk import writes them: the case as loaded, its parts and outcomes."""
    outcomes: dict[int, list] = defaultdict(list)
    for kind, items in outcome_rows.items():
        for r, _c, outcome, _unit in items:
            number = getattr(outcome, "number", "") or getattr(outcome, "decision_number", "")
            outcomes[id(r)].append([kind, number or outcome.document_number])
    events = []
    for r in rows:
        c = planned_by_row[id(r)]
        parties, goods = parts[id(r)]
        data = {
            "source": "seed_demo",
            "participants": [units[u].pk for u in c.participants],
            "parties": len(parties),
            "goods": len(goods),
            "outcomes": outcomes[id(r)],
        }
        changes = audit.diff({}, audit.snapshot(r, AUDITED_CASE_FIELDS))
        events.append(
            audit.build(
                actor=officers[c.lead_unit], verb="case.created", target=r, changes=changes, data=data
            )
        )
    return events


def _merges(plan: Plan, case_of: dict[int, Case], org: DemoOrg, actor, events: list) -> int:
    """The merges the plan holds (a second force's record merged into the first) and those undone."""
    admin = org.users["quantri"]
    now = timezone.now()
    merges, undone = [], []
    for c in plan.cases:
        if c.merged_into is None:
            continue
        survivor, absorbed = case_of[id(c.merged_into)], case_of[id(c)]
        merges.append(
            CaseMerge(
                survivor=survivor,
                absorbed=absorbed,
                added_unit_ids=[absorbed.lead_unit_id],
                absorbed_status="open",
                reason=MERGE_REASON,
                merged_by=admin,
            )
        )
    for a, b in plan.undone_merges:
        undone.append(
            CaseMerge(
                survivor=case_of[id(a)],
                absorbed=case_of[id(b)],
                added_unit_ids=[case_of[id(b)].lead_unit_id],
                absorbed_status=case_of[id(b)].status,
                reason=UNMERGE_REASON,
                merged_by=admin,
                undone_by=admin,
                undone_at=now + dt.timedelta(seconds=1),
            )
        )
    CaseMerge.objects.bulk_create(merges + undone, batch_size=BATCH)
    for m in merges + undone:
        data = {
            "merge": m.pk,
            "survivor": m.survivor_id,
            "absorbed": m.absorbed_id,
            "added_units": m.added_unit_ids,
        }
        events.append(
            audit.build(actor=admin, verb="case.merged", target=m.survivor, data={**data, "reason": m.reason})
        )
        events.append(
            audit.build(
                actor=admin,
                verb="case.merged_into",
                target=m.absorbed,
                data=data,
                changes={"merged_into_id": [None, m.survivor_id], "status": [m.absorbed_status, "merged"]},
            )
        )
        if m.undone_at:
            events.append(audit.build(actor=admin, verb="case.unmerged", target=m.survivor, data=data))
            events.append(
                audit.build(
                    actor=admin,
                    verb="case.unmerged_from",
                    target=m.absorbed,
                    data=data,
                    changes={
                        "merged_into_id": [m.survivor_id, None],
                        "status": ["merged", m.absorbed_status],
                    },
                )
            )
    return len(merges) + len(undone)
