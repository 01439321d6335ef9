"""The detectors' SQL: one definition, written in DuckDB's dialect and transpiled by SQLGlot for Spark.

Each query is plain SQL both engines accept after transpilation (no parameters: numbers are formatted in,
small inputs such as the flagged sellers are tables the runner registers). The work is done here, in the
engine; the detectors in Python only turn the few flagged rows into reasons an officer reads.

Views (the store creates them in DuckDB; the Spark runner creates them as temporary views):
- gone_invoices: replaced (TTHDLQuan/TCHDon 1) or cancelled (04/SS-HĐĐT, TCTBao 1) invoice ids;
- effective_invoices: neither gone nor an adjustment of a gone one (what every figure counts);
- effective_lines: their lines with the seller, buyer and date.
Anti-joins on the small set of gone ids: a 10,000,000-line store is read once, not once per status.
"""

from functools import cache

import sqlglot

VIEWS: dict[str, str] = {
    "gone_invoices": """
SELECT related_id AS invoice_id FROM invoices WHERE related_kind = 1 AND related_id IS NOT NULL
UNION
SELECT invoice_id FROM notices WHERE action = 1 AND invoice_id IS NOT NULL""",
    "effective_invoices": """
SELECT i.* FROM invoices i
LEFT JOIN gone_invoices g1 ON g1.invoice_id = i.invoice_id
LEFT JOIN gone_invoices g2 ON i.related_kind = 2 AND g2.invoice_id = i.related_id
WHERE g1.invoice_id IS NULL AND g2.invoice_id IS NULL""",
    "effective_lines": """
SELECT l.*, i.seller_tax_code, i.buyer_tax_code, i.issued_on
FROM lines l JOIN effective_invoices i ON i.invoice_id = l.invoice_id""",
}

# (1) Goods without provenance: per seller and commodity, sold > bought + declared imports + opening stock.
PROVENANCE = """
WITH goods AS (
    SELECT l.seller_tax_code, l.buyer_tax_code, l.code, l.quantity
    FROM effective_lines l JOIN commodities c ON c.code = l.code WHERE l.kind = 1),
sold AS (SELECT seller_tax_code AS tax_code, code, sum(quantity) AS q FROM goods GROUP BY seller_tax_code, code),
bought AS (SELECT buyer_tax_code AS tax_code, code, sum(quantity) AS q FROM goods
           WHERE buyer_tax_code <> '' GROUP BY buyer_tax_code, code),
declared AS (SELECT tax_code, commodity AS code,
                    sum(CASE WHEN kind = 'import' THEN quantity ELSE 0 END) AS imported,
                    sum(CASE WHEN kind = 'opening' THEN quantity ELSE 0 END) AS opening
             FROM declared_stock GROUP BY tax_code, commodity),
balance AS (
    SELECT s.tax_code, s.code, s.q AS sold, coalesce(b.q, 0) AS bought, coalesce(d.imported, 0) AS imported,
           coalesce(d.opening, 0) AS opening
    FROM sold s LEFT JOIN bought b ON b.tax_code = s.tax_code AND b.code = s.code
    LEFT JOIN declared d ON d.tax_code = s.tax_code AND d.code = s.code)
SELECT tax_code, code, CAST(round(sold) AS BIGINT), CAST(round(bought) AS BIGINT),
       CAST(round(imported) AS BIGINT), CAST(round(opening) AS BIGINT),
       CAST(round(sold - bought - imported - opening) AS BIGINT) AS excess,
       CAST(sold - bought - imported - opening AS DOUBLE) / CAST(sold AS DOUBLE) AS share
FROM balance WHERE sold - bought - imported - opening > 0.01 * sold
ORDER BY tax_code, code"""

# (2) Ghost sellers: one point per sign, flagged from `threshold` signs of five.
GHOST = """
WITH span AS (SELECT max(issued_on) AS last_day FROM effective_invoices),
sales AS (
    SELECT seller_tax_code AS tax_code, min(issued_on) AS first_sale, max(issued_on) AS last_sale,
           count(*) AS invoices,
           count(DISTINCT CASE WHEN buyer_tax_code <> '' THEN buyer_tax_code END) AS buyers,
           count(DISTINCT CASE WHEN buyer_tax_code <> '' THEN substr(buyer_tax_code, 1, 2) END) AS provinces,
           sum(total_before_tax) AS sales
    FROM effective_invoices GROUP BY seller_tax_code HAVING count(*) >= {min_invoices}),
purchases AS (SELECT buyer_tax_code AS tax_code, sum(total_before_tax) AS purchases FROM effective_invoices
              WHERE buyer_tax_code <> '' GROUP BY buyer_tax_code),
declared AS (SELECT DISTINCT tax_code FROM declared_stock),
signs AS (
    SELECT s.*, c.registered_on, coalesce(p.purchases, 0) AS purchases, span.last_day,
           CASE WHEN c.registered_on IS NOT NULL
                 AND date_diff('day', c.registered_on, s.first_sale) <= 180 THEN 1 ELSE 0 END AS young,
           CASE WHEN date_diff('day', s.first_sale, s.last_sale) <= 90 THEN 1 ELSE 0 END AS burst,
           -- declared imports or opening stock are inputs too
           CASE WHEN coalesce(p.purchases, 0) <= s.sales / 10 AND d.tax_code IS NULL THEN 1 ELSE 0 END
               AS no_inputs,
           CASE WHEN s.buyers >= 10 AND s.provinces >= 3 THEN 1 ELSE 0 END AS many_buyers,
           CASE WHEN date_diff('day', s.last_sale, span.last_day) >= 60 THEN 1 ELSE 0 END AS silent
    FROM sales s CROSS JOIN span LEFT JOIN purchases p ON p.tax_code = s.tax_code
    LEFT JOIN companies c ON c.tax_code = s.tax_code LEFT JOIN declared d ON d.tax_code = s.tax_code)
SELECT tax_code, registered_on, first_sale, last_sale, invoices, buyers, provinces, sales, purchases, last_day,
       young, burst, no_inputs, many_buyers, silent
FROM signs WHERE young + burst + no_inputs + many_buyers + silent >= {threshold}
ORDER BY tax_code"""

# (3) Legalised goods: what buyers received from flagged sellers (table `flagged`: tax_code, detector) of a
# commodity group seized in the buyer's registry province (table `seizures`: province, commodity_group).
RECEIVED = """
SELECT i.buyer_tax_code, i.seller_tax_code, f.detector, c.commodity_group, l.code, co.province,
       CAST(round(sum(l.quantity)) AS BIGINT) AS quantity, count(DISTINCT i.invoice_id) AS invoices,
       array_agg(DISTINCT i.invoice_id) AS ids
FROM effective_invoices i JOIN lines l ON l.invoice_id = i.invoice_id
JOIN commodities c ON c.code = l.code
JOIN flagged f ON f.tax_code = i.seller_tax_code
JOIN companies co ON co.tax_code = i.buyer_tax_code
JOIN seizures z ON z.province = co.province AND z.commodity_group = c.commodity_group
WHERE i.buyer_tax_code <> '' AND l.kind = 1
GROUP BY i.buyer_tax_code, i.seller_tax_code, f.detector, c.commodity_group, l.code, co.province
ORDER BY 1, 2, 5"""

# (4) Circular invoicing: cycles of 3-4 companies within `window` days, amounts within `tolerance`.
# Only an edge whose seller also buys and whose buyer also sells can lie on a cycle: the rest is pruned
# before the self-joins (at 10,000,000 lines that leaves the rings and little else). The day and the amount come
# as text and a whole number: Python only puts them in the reason.
CIRCULAR = """
WITH e0 AS (
    SELECT invoice_id, seller_tax_code AS s, buyer_tax_code AS b, issued_on AS d, total_before_tax AS v
    FROM effective_invoices
    WHERE buyer_tax_code <> '' AND buyer_tax_code <> seller_tax_code AND total_before_tax > 0),
e AS (SELECT *, date_diff('day', DATE '2000-01-01', d) AS dn FROM e0
      WHERE b IN (SELECT s FROM e0) AND s IN (SELECT b FROM e0))
SELECT e1.s AS m1, e2.s AS m2, e3.s AS m3, CAST(NULL AS VARCHAR) AS m4, e1.invoice_id AS i1,
       e2.invoice_id AS i2, e3.invoice_id AS i3, CAST(NULL AS VARCHAR) AS i4,
       CAST(e1.d AS VARCHAR) AS d, CAST(round(e1.v) AS BIGINT) AS v
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.dn BETWEEN e1.dn AND e1.dn + {window}
          JOIN e e3 ON e3.s = e2.b AND e3.b = e1.s AND e3.dn BETWEEN e2.dn AND e1.dn + {window}
WHERE e2.b <> e1.s AND greatest(e1.v, e2.v, e3.v) <= least(e1.v, e2.v, e3.v) * (1 + {tolerance})
UNION ALL
SELECT e1.s, e2.s, e3.s, e4.s, e1.invoice_id, e2.invoice_id, e3.invoice_id, e4.invoice_id,
       CAST(e1.d AS VARCHAR), CAST(round(e1.v) AS BIGINT)
FROM e e1 JOIN e e2 ON e2.s = e1.b AND e2.dn BETWEEN e1.dn AND e1.dn + {window}
          JOIN e e3 ON e3.s = e2.b AND e3.dn BETWEEN e2.dn AND e1.dn + {window}
          JOIN e e4 ON e4.s = e3.b AND e4.b = e1.s AND e4.dn BETWEEN e3.dn AND e1.dn + {window}
WHERE e2.b <> e1.s AND e2.b <> e1.b AND e3.b <> e1.b
  AND greatest(e1.v, e2.v, e3.v, e4.v) <= least(e1.v, e2.v, e3.v, e4.v) * (1 + {tolerance})
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"""

# The first invoices of each listed seller (table `wanted`: tax_code): the evidence behind a lead.
FIRST_SALES = """
SELECT seller_tax_code, invoice_id FROM (
    SELECT seller_tax_code, invoice_id,
           row_number() OVER (PARTITION BY seller_tax_code ORDER BY issued_on, invoice_id) AS n
    FROM effective_invoices WHERE seller_tax_code IN (SELECT tax_code FROM wanted))
WHERE n <= {limit}
ORDER BY seller_tax_code, n"""


@cache
def translate(sql: str, dialect: str) -> str:
    """The same query in another engine's dialect ("duckdb" returns it as written)."""
    if dialect == "duckdb":
        return sql
    return sqlglot.transpile(sql, read="duckdb", write=dialect)[0]
