"""(3) Legalised smuggled goods: buyers that received invoices from flagged sellers (goods without
provenance, ghosts) for goods of a commodity group seized in cases of the buyer's province.

The buyer's province is the registry's (companies.csv `province`, a GSO code, old or current), mapped to
today's province through AdministrativeUnit.current_province; the MST prefix is not used (it is the province
of first registration, in the tax authority's numbering). Cases are read through the ORM, unscoped: this is a
system job; who sees the leads is decided where they are shown. The matching itself is SQL (RECEIVED): the
seizures go to the engine as a small table of (registry province code, commodity group).
"""

import datetime as dt

from sc389.cases.models import GoodsLine
from sc389.org.models import AdministrativeUnit

from .detectors import Lead, Source, _runner, ghost, provenance
from .pipelines import RECEIVED

# (registry province code, commodity group code) -> references of the cases that seized such goods there
Seizures = dict[tuple[str, str], list[str]]


def province_ids(codes: set[str]) -> dict[str, int]:
    """Registry province code -> today's province id (merged provinces map to their successor)."""
    wanted = {str(int(c)) for c in codes if c and c.isdigit()}
    units = AdministrativeUnit.objects.filter(level="province", code__in=wanted)
    found: dict[str, int] = {}
    for unit in units.order_by("valid_to"):  # a current unit (valid_to NULL) sorts last and wins
        found[unit.code] = unit.current_province_id or unit.pk
    return {c: found[str(int(c))] for c in codes if c and c.isdigit() and str(int(c)) in found}


def seized(groups: set[str] | None, since: dt.date | None) -> dict[tuple[int, str], list[str]]:
    """(today's province id, commodity group code) -> references of cases that seized such goods there."""
    qs = GoodsLine.objects.filter(commodity_group__isnull=False, case__deleted_at__isnull=True)
    if groups is not None:
        qs = qs.filter(commodity_group__code__in=groups)
    if since is not None:
        qs = qs.filter(case__detected_on__gte=since)
    out: dict[tuple[int, str], list[str]] = {}
    for province_id, group, reference in qs.values_list(
        "case__province_id", "commodity_group__code", "case__reference"
    ).distinct():
        refs = out.setdefault((province_id, group), [])
        if reference not in refs:
            refs.append(reference)
    return out


def seizures_from_cases(con: Source, *, since: dt.date | None = None) -> Seizures:
    """The case register's seizures keyed by the registry province codes the store's companies use."""
    run = _runner(con)
    codes = {r[0] for r in run.rows("SELECT DISTINCT province FROM companies WHERE province IS NOT NULL")}
    groups = {r[0] for r in run.rows("SELECT DISTINCT commodity_group FROM commodities")}
    provinces = province_ids(codes)
    by_province = seized(groups, since)
    return {
        (code, group): refs
        for code, province_id in provinces.items()
        for (pid, group), refs in by_province.items()
        if pid == province_id
    }


def legalised(
    con: Source,
    *,
    since: dt.date | None = None,
    flagged: list[Lead] | None = None,
    seizures: Seizures | None = None,
) -> list[Lead]:
    """`flagged`: the provenance and ghost leads if already found (else found now); `seizures`: from the
    case register unless given."""
    run = _runner(con)
    if flagged is None:
        flagged = provenance(run) + ghost(run)
    by_seller = {lead.tax_code: lead.detector for lead in flagged}  # a ghost lead wins over provenance
    if seizures is None:
        seizures = seizures_from_cases(run, since=since)
    if not by_seller or not seizures:
        return []
    run.table("flagged", ["tax_code", "detector"], sorted(by_seller.items()))
    run.table("seizures", ["province", "commodity_group"], sorted(seizures))
    leads: dict[str, Lead] = {}
    for buyer, seller, detector, group, code, province, qty, invoices, ids in run.rows(RECEIVED):
        refs = seizures[(province, group)]
        lead = leads.setdefault(buyer, Lead("legalised", buyer, 0.0))
        lead.score += 1
        lead.invoices += sorted(ids)[:20]
        lead.reasons.append(
            f"nhận {invoices} hóa đơn {code} {qty:,} từ {seller} "
            f"(bị gắn cờ: {detector}); tỉnh của người mua có vụ việc thu giữ nhóm hàng {group}: "
            + ", ".join(refs[:5])
        )
    return list(leads.values())
