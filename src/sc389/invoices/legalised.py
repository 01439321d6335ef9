"""(3) Legalised smuggled goods: buyers that received invoices from flagged sellers (goods without
provenance, ghosts) for goods of a commodity group seized in cases of the buyer's province.

The buyer's province is the registry's (companies.csv `province`, a GSO code, old or current), mapped to
today's province through AdministrativeUnit.current_province; the MST prefix is not used (it is the province
of first registration, in the tax authority's numbering). Cases are read through the ORM, unscoped: this is a
system job; who sees the leads is decided where they are shown.
"""

import datetime as dt

import duckdb

from sc389.cases.models import GoodsLine
from sc389.org.models import AdministrativeUnit

from .detectors import Lead, ghost, provenance
from .reference import ensure

RECEIVED = """
SELECT i.buyer_tax_code, i.seller_tax_code, c.commodity_group, l.code, sum(l.quantity), count(DISTINCT i.invoice_id),
       list(DISTINCT i.invoice_id), co.province
FROM effective_invoices i JOIN lines l USING (invoice_id) JOIN commodities c ON c.code = l.code
LEFT JOIN companies co ON co.tax_code = i.buyer_tax_code
WHERE i.seller_tax_code IN (SELECT unnest(?)) AND i.buyer_tax_code <> '' AND l.kind = 1
GROUP BY ALL ORDER BY 1, 2, 4
"""


def province_ids(codes: set[str]) -> dict[str, int]:
    """Registry province code -> today's province id (merged provinces map to their successor)."""
    wanted = {str(int(c)) for c in codes if c and c.isdigit()}
    units = AdministrativeUnit.objects.filter(level="province", code__in=wanted)
    found: dict[str, int] = {}
    for unit in units.order_by("valid_to"):  # a current unit (valid_to NULL) sorts last and wins
        found[unit.code] = unit.current_province_id or unit.pk
    return {c: found[str(int(c))] for c in codes if c and c.isdigit() and str(int(c)) in found}


def seized(groups: set[str], since: dt.date | None) -> dict[tuple[int, str], list[str]]:
    """(today's province id, commodity group code) -> references of cases that seized such goods there."""
    qs = GoodsLine.objects.filter(commodity_group__code__in=groups)
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


def legalised(con: duckdb.DuckDBPyConnection, *, since: dt.date | None = None) -> list[Lead]:
    ensure(con)
    flagged = {lead.tax_code: lead for lead in provenance(con) + ghost(con)}
    if not flagged:
        return []
    rows = con.execute(RECEIVED, [sorted(flagged)]).fetchall()
    provinces = province_ids({r[7] for r in rows if r[7]})
    cases = seized({r[2] for r in rows if r[2]}, since)
    leads: dict[str, Lead] = {}
    for buyer, seller, group, code, qty, invoices, ids, province in rows:
        refs = cases.get((provinces.get(province or ""), group))
        if not refs:
            continue
        lead = leads.setdefault(buyer, Lead("legalised", buyer, 0.0))
        lead.score += 1
        lead.invoices += sorted(ids)[:20]
        lead.reasons.append(
            f"nhận {invoices} hóa đơn {code} {qty:,.0f} từ {seller} "
            f"(bị gắn cờ: {flagged[seller].detector}); tỉnh của người mua có vụ việc thu giữ nhóm hàng {group}: "
            + ", ".join(refs[:5])
        )
    return list(leads.values())
