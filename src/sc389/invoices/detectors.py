"""Detectors over the store. Each returns leads: a tax code, a score and reasons an officer can check against
the invoices themselves. The computation is SQL (pipelines.py), run by DuckDB or Spark (engines.py); here only
the flagged rows become leads. They read `effective_invoices`/`effective_lines` only, so replaced, cancelled
and voided invoices never count.
"""

from dataclasses import dataclass, field

import duckdb

from . import pipelines
from .engines import Runner, runner
from .reference import ensure


@dataclass
class Lead:
    detector: str  # provenance, ghost, legalised, circular
    tax_code: str
    score: float
    reasons: list[str] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)  # the invoices behind it (ids), when the detector knows


Source = duckdb.DuckDBPyConnection | Runner


def _runner(con: Source) -> Runner:
    if isinstance(con, duckdb.DuckDBPyConnection):
        ensure(con)
    return runner(con)


# Kept for the bench and for readers: the queries as the engines run them.
PROVENANCE = pipelines.PROVENANCE
GHOST = pipelines.GHOST
CIRCULAR = pipelines.CIRCULAR


def provenance(con: Source) -> list[Lead]:
    """(1) Goods without provenance: sold > purchased + declared imports + opening stock, per commodity."""
    leads: dict[str, Lead] = {}
    for tax_code, code, sold, bought, imported, opening, excess in _runner(con).rows(PROVENANCE):
        lead = leads.setdefault(tax_code, Lead("provenance", tax_code, 0.0))
        lead.score = max(lead.score, float(excess / sold))
        lead.reasons.append(
            f"{code}: bán {sold:,.0f} > mua {bought:,.0f} + nhập khẩu {imported:,.0f} + tồn đầu kỳ {opening:,.0f}"
            f" (thiếu nguồn {excess:,.0f})"
        )
    return list(leads.values())


def ghost(con: Source, *, min_invoices: int = 10, threshold: int = 4) -> list[Lead]:
    """(2) Ghost sellers: a point per sign (young, burst, no inputs, many buyers, silence); flagged from 4 of 5."""
    sql = GHOST.format(min_invoices=int(min_invoices), threshold=int(threshold))
    leads = []
    for row in _runner(con).rows(sql):
        tax_code, registered, first, last, invoices, buyers, provinces, sales, purchases, end, *signs = row
        young, burst, no_inputs, many, silent = signs
        reasons = []
        if young:
            reasons.append(
                f"hóa đơn đầu tiên {(first - registered).days} ngày sau khi đăng ký ({registered})"
            )
        if burst:
            reasons.append(f"{invoices} hóa đơn trong {(last - first).days} ngày ({first} – {last})")
        if no_inputs:
            reasons.append(
                f"đầu vào {purchases:,.0f} đồng so với doanh số {sales:,.0f} đồng, không có tờ khai nhập khẩu"
                " hay tồn đầu kỳ"
            )
        if many:
            reasons.append(f"{buyers} người mua ở {provinces} tỉnh (mã MST)")
        if silent:
            reasons.append(f"không lập hóa đơn nào từ {last} đến {end}")
        leads.append(Lead("ghost", tax_code, sum(signs) / 5, reasons))
    return leads


def circular(con: Source, *, window_days: int = 14, tolerance: float = 0.1) -> list[Lead]:
    """(4) Circular invoicing: cycles of 3-4 companies, amounts within `tolerance`, all within the window."""
    sql = CIRCULAR.format(window=int(window_days), tolerance=repr(float(tolerance)))
    leads: dict[str, Lead] = {}
    for *members, d, v in _runner(con).rows(sql):
        ring = [m for m in members[:4] if m]
        invoices = [i for i in members[4:] if i]
        reason = None  # formatted once per cycle, for the members that still list reasons
        for m in ring:
            lead = leads.get(m) or leads.setdefault(m, Lead("circular", m, 0.0))
            lead.score += 1
            if len(lead.invoices) < 50:
                lead.invoices += [i for i in invoices if i not in lead.invoices][: 50 - len(lead.invoices)]
            if len(lead.reasons) < 10:
                reason = reason or (
                    f"vòng {' → '.join(ring)} → {ring[0]} từ {d}, giá trị ≈ {v:,.0f} đồng: {', '.join(invoices)}"
                )
                lead.reasons.append(reason)
    return list(leads.values())


def precision_recall(flagged: set[str], truth: set[str]) -> tuple[float, float]:
    hit = len(flagged & truth)
    return (hit / len(flagged) if flagged else 1.0, hit / len(truth) if truth else 1.0)
