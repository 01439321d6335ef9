"""Detectors over the store (DuckDB SQL). Each returns leads: a tax code, a score and reasons an officer can
check against the invoices themselves. They read `effective_invoices`/`effective_lines` only, so replaced,
cancelled and voided invoices never count.
"""

from dataclasses import dataclass, field

import duckdb

from .reference import ensure


@dataclass
class Lead:
    detector: str  # provenance, ghost, circular
    tax_code: str
    score: float
    reasons: list[str] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)  # the invoices behind it (ids), when the detector knows


PROVENANCE = """
WITH goods AS (SELECT l.* FROM effective_lines l JOIN commodities c ON c.code = l.code WHERE l.kind = 1),
sold AS (SELECT seller_tax_code AS tax_code, code, sum(quantity) AS q FROM goods GROUP BY ALL),
bought AS (SELECT buyer_tax_code AS tax_code, code, sum(quantity) AS q FROM goods
           WHERE buyer_tax_code <> '' GROUP BY ALL),
declared AS (SELECT tax_code, commodity AS code,
                    coalesce(sum(quantity) FILTER (WHERE kind = 'import'), 0) AS imported,
                    coalesce(sum(quantity) FILTER (WHERE kind = 'opening'), 0) AS opening
             FROM declared_stock GROUP BY ALL)
SELECT s.tax_code, s.code, s.q, coalesce(b.q, 0), coalesce(d.imported, 0), coalesce(d.opening, 0),
       s.q - coalesce(b.q, 0) - coalesce(d.imported, 0) - coalesce(d.opening, 0) AS excess
FROM sold s LEFT JOIN bought b USING (tax_code, code) LEFT JOIN declared d USING (tax_code, code)
WHERE s.q - coalesce(b.q, 0) - coalesce(d.imported, 0) - coalesce(d.opening, 0) > 0.01 * s.q
ORDER BY s.tax_code, s.code
"""


def provenance(con: duckdb.DuckDBPyConnection) -> list[Lead]:
    """(1) Goods without provenance: sold > purchased + declared imports + opening stock, per commodity."""
    ensure(con)
    leads: dict[str, Lead] = {}
    for tax_code, code, sold, bought, imported, opening, excess in con.execute(PROVENANCE).fetchall():
        lead = leads.setdefault(tax_code, Lead("provenance", tax_code, 0.0))
        lead.score = max(lead.score, float(excess / sold))
        lead.reasons.append(
            f"{code}: bán {sold:,.0f} > mua {bought:,.0f} + nhập khẩu {imported:,.0f} + tồn đầu kỳ {opening:,.0f}"
            f" (thiếu nguồn {excess:,.0f})"
        )
    return list(leads.values())


GHOST = """
WITH span AS (SELECT min(issued_on) AS first_day, max(issued_on) AS last_day FROM effective_invoices),
out AS (SELECT seller_tax_code AS tax_code, min(issued_on) AS first_sale, max(issued_on) AS last_sale,
               count(*) AS invoices, count(DISTINCT buyer_tax_code) FILTER (WHERE buyer_tax_code <> '') AS buyers,
               count(DISTINCT substr(buyer_tax_code, 1, 2)) FILTER (WHERE buyer_tax_code <> '') AS provinces,
               sum(total_before_tax) AS sales
        FROM effective_invoices GROUP BY 1),
inp AS (SELECT buyer_tax_code AS tax_code, sum(total_before_tax) AS purchases FROM effective_invoices
        WHERE buyer_tax_code <> '' GROUP BY 1)
SELECT o.tax_code, c.registered_on, o.first_sale, o.last_sale, o.invoices, o.buyers, o.provinces, o.sales,
       coalesce(i.purchases, 0), span.last_day,
       o.tax_code IN (SELECT tax_code FROM declared_stock) AS declared
FROM out o CROSS JOIN span LEFT JOIN inp i USING (tax_code) LEFT JOIN companies c USING (tax_code)
WHERE o.invoices >= ?
"""


def ghost(con: duckdb.DuckDBPyConnection, *, min_invoices: int = 10, threshold: int = 4) -> list[Lead]:
    """(2) Ghost sellers: a point per sign (young, burst, no inputs, many buyers, silence); flagged from 4 of 5."""
    ensure(con)
    leads = []
    for row in con.execute(GHOST, [min_invoices]).fetchall():
        tax_code, registered, first, last, invoices, buyers, provinces, sales, purchases, end, declared = row
        reasons = []
        if registered is not None and (first - registered).days <= 180:
            reasons.append(
                f"hóa đơn đầu tiên {(first - registered).days} ngày sau khi đăng ký ({registered})"
            )
        if (last - first).days <= 90:
            reasons.append(f"{invoices} hóa đơn trong {(last - first).days} ngày ({first} – {last})")
        if purchases <= sales / 10 and not declared:  # declared imports or opening stock are inputs too
            reasons.append(
                f"đầu vào {purchases:,.0f} đồng so với doanh số {sales:,.0f} đồng, không có tờ khai nhập khẩu"
                " hay tồn đầu kỳ"
            )
        if buyers >= 10 and provinces >= 3:
            reasons.append(f"{buyers} người mua ở {provinces} tỉnh (mã MST)")
        if (end - last).days >= 60:
            reasons.append(f"không lập hóa đơn nào từ {last} đến {end}")
        if len(reasons) >= threshold:
            leads.append(Lead("ghost", tax_code, len(reasons) / 5, reasons))
    return leads


CIRCULAR = """
WITH e AS (SELECT invoice_id, seller_tax_code AS s, buyer_tax_code AS b, issued_on AS d, total_before_tax AS v
           FROM effective_invoices WHERE buyer_tax_code <> '' AND buyer_tax_code <> seller_tax_code
             AND total_before_tax > 0)
SELECT e1.s, e2.s, e3.s, NULL, e1.invoice_id, e2.invoice_id, e3.invoice_id, NULL, e1.d, e1.v
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.d BETWEEN e1.d AND e1.d + ?window
          JOIN e e3 ON e3.s = e2.b AND e3.b = e1.s AND e3.d BETWEEN e2.d AND e1.d + ?window
WHERE e2.b <> e1.s AND greatest(e1.v, e2.v, e3.v) <= least(e1.v, e2.v, e3.v) * (1 + ?tolerance)
UNION ALL
SELECT e1.s, e2.s, e3.s, e4.s, e1.invoice_id, e2.invoice_id, e3.invoice_id, e4.invoice_id, e1.d, e1.v
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.d BETWEEN e1.d AND e1.d + ?window
          JOIN e e3 ON e3.s = e2.b AND e3.d BETWEEN e2.d AND e1.d + ?window
          JOIN e e4 ON e4.s = e3.b AND e4.b = e1.s AND e4.d BETWEEN e3.d AND e1.d + ?window
WHERE e2.b NOT IN (e1.s, e1.b) AND e3.b <> e1.b
  AND greatest(e1.v, e2.v, e3.v, e4.v) <= least(e1.v, e2.v, e3.v, e4.v) * (1 + ?tolerance)
"""


def circular(con: duckdb.DuckDBPyConnection, *, window_days: int = 14, tolerance: float = 0.1) -> list[Lead]:
    """(4) Circular invoicing: cycles of 3-4 companies, amounts within `tolerance`, all within the window."""
    sql = CIRCULAR.replace("?window", f"INTERVAL {int(window_days)} DAY").replace(
        "?tolerance", repr(tolerance)
    )
    leads: dict[str, Lead] = {}
    for *members, d, v in con.execute(sql).fetchall():
        ring = [m for m in members[:4] if m]
        invoices = [i for i in members[4:] if i]
        for m in ring:
            lead = leads.setdefault(m, Lead("circular", m, 0.0))
            lead.score += 1
            lead.invoices += [i for i in invoices if i not in lead.invoices][:50]
            if len(lead.reasons) < 10:
                lead.reasons.append(
                    f"vòng {' → '.join(ring)} → {ring[0]} từ {d}, giá trị ≈ {v:,.0f} đồng: {', '.join(invoices)}"
                )
    return list(leads.values())


def precision_recall(flagged: set[str], truth: set[str]) -> tuple[float, float]:
    hit = len(flagged & truth)
    return (hit / len(flagged) if flagged else 1.0, hit / len(truth) if truth else 1.0)
