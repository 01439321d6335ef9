"""Detectors over the store. Each returns leads: a tax code, a score and reasons an officer can check against
the invoices themselves. The computation is SQL (pipelines.py), run by DuckDB or Spark (engines.py); here only
the flagged rows become leads. They read `effective_invoices`/`effective_lines` only, so replaced, cancelled
and voided invoices never count.
"""

from dataclasses import dataclass, field
from itertools import islice

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
    # quantities come rounded to whole units and the share as a float, from SQL: turning 170,000 rows of Decimals
    # into Python objects and formatting them cost as much as the query at 10,000,000 lines
    for tax_code, code, sold, bought, imported, opening, excess, share in _runner(con).rows(PROVENANCE):
        lead = leads.get(tax_code) or leads.setdefault(tax_code, Lead("provenance", tax_code, 0.0))
        if share > lead.score:
            lead.score = share
        lead.reasons.append(
            f"{code}: bán {sold:,} > mua {bought:,} + nhập khẩu {imported:,} + tồn đầu kỳ {opening:,}"
            f" (thiếu nguồn {excess:,})"
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
    # per member: cycles counted, invoices in order of first mention (a dict keeps order and drops repeats),
    # the first ten cycles as reasons; the Lead objects are made once at the end
    counts: dict[str, int] = {}
    listed: dict[str, dict[str, None]] = {}
    reasons: dict[str, list[str]] = {}
    for *members, d, v in _runner(con).rows(sql):
        ring = [m for m in members[:4] if m]
        invoices = dict.fromkeys(i for i in members[4:] if i)
        reason = None  # formatted once per cycle, for the members that still list reasons
        for m in ring:
            if m in counts:
                counts[m] += 1
                listed[m].update(invoices)
                said = reasons[m]
            else:
                counts[m] = 1
                listed[m] = dict(invoices)
                said = reasons[m] = []
            if len(said) < 10:
                reason = reason or (
                    f"vòng {' → '.join(ring)} → {ring[0]} từ {d}, giá trị ≈ {v:,} đồng: {', '.join(invoices)}"
                )
                said.append(reason)
    return [Lead("circular", m, float(n), reasons[m], list(islice(listed[m], 50))) for m, n in counts.items()]


def precision_recall(flagged: set[str], truth: set[str]) -> tuple[float, float]:
    hit = len(flagged & truth)
    return (hit / len(flagged) if flagged else 1.0, hit / len(truth) if truth else 1.0)
