"""A vectorised economy straight into the store's tables (DuckDB SQL), for the 10,000,000-line benchmark.

Writing ten million lines as XML and parsing them back measures the importer, not the detectors; this writes
the rows the importer would have written (same tables, same columns, same invoice ids and status chains),
with the same actors and planted schemes as `scenario.generate` and the same ground truth:

- importers declare imports and sell at most 90 % of them to wholesalers and traders;
- a third of the wholesalers hold opening stock; wholesalers and retailers sell at most 90 % of each purchase
  (retailers to consumers), so a normal firm never sells goods without provenance;
- traders sell 2.5-4x what they bought; ghosts (registered this year) burst-sell to 15-30 buyers, then stop;
- rings of 3-4 companies invoice the same goods round the ring within days, 3-5 rounds;
- status noise around ordinary sales: 4 % replaced (the wrong one carries 1.5x), 3 % adjusted down, 3 % an
  extra invoice cancelled by a 04/SS-HĐĐT notice; 15 % carry a transport service line.

Randomness is `hash(seed, ...)` of row numbers, so a seed gives the same tables on any number of threads.
"""

import duckdb

from ..reference import ensure
from ..store import SCHEMA as STORE_SCHEMA
from .catalogue import COMMODITIES, TRANSPORT
from .economy import FAMILY, PROVINCES, YEAR

# Lines per unit of scale, measured (bench/bench_invoices_10m.py prints the real count).
LINES_PER_SCALE = 2_130


def _values(rows: list[tuple]) -> str:
    def lit(v: object) -> str:
        return str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def _steps(scale: int, seed: int) -> list[str]:
    s = scale
    w0, r0, t0, g0, c0 = 6 * s, 26 * s, 76 * s, 79 * s, 83 * s  # first index of each role
    commodities = _values(
        [(i, c.code, c.name, c.unit, c.price_low, c.price_high, c.rate) for i, c in enumerate(COMMODITIES)]
    )
    provinces = "[" + ", ".join(f"'{p}'" for p in PROVINCES) + "]"
    family = "[" + ", ".join(f"'{f}'" for f in FAMILY) + "]"
    return [
        # u(...): a uniform number in [0, 1) from the seed and the arguments; n(k, ...): an integer in [0, k).
        f"CREATE OR REPLACE TEMP MACRO u(a, b, c) AS (hash({seed}, a, b, c) % 1000003) / 1000003.0",
        f"CREATE OR REPLACE TEMP MACRO n(k, a, b, c) AS CAST(hash({seed}, a, b, c) % k AS BIGINT)",
        f"CREATE OR REPLACE TEMP MACRO day_in(m1, m2, a, b) AS make_date({YEAR}, "
        "CAST(m1 + n(m2 - m1 + 1, a, b, 'm') AS BIGINT), CAST(1 + n(28, a, b, 'd') AS BIGINT))",
        f"CREATE OR REPLACE TEMP TABLE g_com(c, code, name, unit, low, high, rate) AS VALUES {commodities}",
        # Rings: sizes 3-4, members numbered from c0 on.
        f"""CREATE OR REPLACE TEMP TABLE g_ring AS
        SELECT r, k, CAST({c0} + sum(k) OVER (ORDER BY r) - k AS BIGINT) AS first
        FROM (SELECT range AS r, 3 + n(2, range, 'ring', 0) AS k FROM range({2 * s}))""",
        f"""CREATE OR REPLACE TEMP TABLE g_co AS
        WITH ids AS (
            SELECT range AS idx, CASE WHEN range < {w0} THEN 'importer' WHEN range < {r0} THEN 'wholesaler'
                WHEN range < {t0} THEN 'retailer' WHEN range < {g0} THEN 'trader' WHEN range < {c0} THEN 'ghost'
                ELSE 'circle' END AS role
            FROM range(CAST((SELECT max(first + k) FROM g_ring) AS BIGINT)))
        SELECT idx, role, {provinces}[1 + n({len(PROVINCES)}, idx, 'prov', 0)] AS province,
               CASE WHEN role = 'ghost' THEN make_date({YEAR}, 1 + n(6, idx, 'regm', 0), 1 + n(27, idx, 'regd', 0))
                    ELSE make_date(2005 + n(17, idx, 'regy', 0), 1 + n(12, idx, 'regm', 0), 1 + n(27, idx, 'regd', 0))
               END AS registered_on,
               chr(CAST(65 + n(20, idx, 's1', 0) AS INTEGER)) || chr(CAST(65 + n(20, idx, 's2', 0) AS INTEGER)) AS series_letters
        FROM ids""",
        """ALTER TABLE g_co ADD COLUMN tax_code VARCHAR""",
        """UPDATE g_co SET tax_code = lpad(province, 2, '0') || lpad(CAST(idx AS VARCHAR), 8, '0')""",
        # Importers: two commodities each, declared, sold to six wholesalers or traders (at most 90 %).
        f"""CREATE OR REPLACE TEMP TABLE g_decl AS
        SELECT idx AS holder, j, CASE WHEN j = 0 THEN n(8, idx, 'c', 0)
                                      ELSE (n(8, idx, 'c', 0) + 1 + n(7, idx, 'c2', 0)) % 8 END AS c,
               20000 + n(40000, idx, 'decl', j) AS qty
        FROM range({w0}) t(idx), range(2) j(j)""",
        f"""CREATE OR REPLACE TEMP TABLE g_sale AS
        SELECT 1 AS stage, holder AS seller,
               CASE WHEN p < {20 * s} THEN {w0} + p ELSE {t0} + p - {20 * s} END AS buyer,
               day_in(1, 4, holder * 2 + j, k) AS day, c,
               CAST(floor(qty * 0.9 / 6 * (0.5 + 0.5 * u(holder * 2 + j, k, 'q'))) AS BIGINT) AS qty
        FROM (SELECT d.*, k, n({23 * s}, d.holder * 2 + d.j, k, 'b') AS p FROM g_decl d, range(6) t(k))""",
        f"""CREATE OR REPLACE TEMP TABLE g_open AS
        SELECT idx AS holder, n(8, idx, 'oc', 0) AS c, 2000 + n(3000, idx, 'oq', 0) AS qty
        FROM range({w0}, {r0}) t(idx) WHERE n(3, idx, 'open', 0) = 0""",
        # Ghosts: first sale 15-60 days after registration, 15-30 buyers within 45 days, then silence.
        f"""INSERT INTO g_sale
        SELECT 3, g.idx, CASE WHEN p < {50 * s} THEN {r0} + p ELSE {w0} + p - {50 * s} END,
               g.registered_on + CAST(15 + n(45, g.idx, 'start', 0) + n(45, g.idx, k, 'day') AS INTEGER),
               n(8, g.idx, k, 'c'), 200 + n(1300, g.idx, k, 'q')
        FROM (SELECT *, n({70 * s}, idx, k, 'b') AS p FROM g_co, range(30) t(k)
              WHERE role = 'ghost' AND k < 15 + n(16, idx, 'many', 0)) g""",
        # Wholesalers sell 90 % of each purchase (and of their opening stock) to retailers in 2-4 parts.
        f"""INSERT INTO g_sale
        WITH inputs AS (
            SELECT buyer AS holder, c, qty, row_number() OVER (ORDER BY stage, seller, buyer, day, c, qty) AS i
            FROM g_sale WHERE buyer >= {w0} AND buyer < {r0}
            UNION ALL SELECT holder, c, qty, -holder FROM g_open)
        SELECT 4, holder, {r0} + n({50 * s}, i, k, 'b'), day_in(4, 8, i, k), c,
               floor(floor(qty * 0.9) / parts)
        FROM (SELECT *, 2 + n(3, i, 'parts', 4) AS parts FROM inputs), range(4) t(k)
        WHERE k < parts AND floor(floor(qty * 0.9) / parts) > 0""",
        # Traders sell 2.5-4x what they bought, to five retailers.
        f"""INSERT INTO g_sale
        WITH inputs AS (
            SELECT buyer AS holder, c, qty, row_number() OVER (ORDER BY seller, buyer, day, c, qty) AS i
            FROM g_sale WHERE stage = 1 AND buyer >= {t0})
        SELECT 5, holder, {r0} + n({50 * s}, i, k, 'b'), day_in(5, 10, i, k), c,
               round(round(qty * [2.5, 3, 4][1 + n(3, i, 'x', 5)]) / 5)
        FROM inputs, range(5) t(k)""",
        # Retailers sell 90 % of each purchase to consumers in 2-4 parts.
        f"""INSERT INTO g_sale
        WITH inputs AS (
            SELECT buyer AS holder, c, qty, row_number() OVER (ORDER BY stage, seller, buyer, day, c, qty) AS i
            FROM g_sale WHERE buyer >= {r0} AND buyer < {t0})
        SELECT 6, holder, NULL, day_in(7, 12, i, k), c, floor(floor(qty * 0.9) / parts)
        FROM (SELECT *, 2 + n(3, i, 'parts', 6) AS parts FROM inputs), range(4) t(k)
        WHERE k < parts AND floor(floor(qty * 0.9) / parts) > 0""",
        # Every ordinary sale becomes its invoices: v 0 the sale itself (or the replacement, or the adjusted
        # original), v 1 the replaced wrong one, v 2 the adjustment, v 3 an extra one a notice cancels.
        """CREATE OR REPLACE TEMP TABLE g_sale2 AS
        SELECT row_number() OVER (ORDER BY stage, seller, buyer, day, c, qty) AS sid, *, NULL::BIGINT AS price
        FROM g_sale""",
        """INSERT INTO g_sale2
        SELECT -(row_number() OVER (ORDER BY r.r, rnd, i)), 7, r.first + i, r.first + (i + 1) % r.k,
               day_in(2, 11, r.r, rnd) + CAST(i AS INTEGER), m.c, 500 + n(1500, r.r, rnd, 'q'),
               round((m.low + 100 * n((m.high - m.low) // 100, r.r, rnd, 'p'))
                     * (1 + n(30, r.r, rnd * 10 + i, 'mk') / 1000.0))
        FROM g_ring r JOIN g_com m ON m.c = n(8, r.r, 'c', 0), range(5) t(rnd), range(4) k(i)
        WHERE rnd < 3 + n(3, r.r, 'rounds', 0) AND i < r.k""",
        """CREATE OR REPLACE TEMP TABLE g_inv AS
        WITH s AS (SELECT *, u(sid, 'noise', 0) AS roll, u(sid, 'tr', 0) < 0.15 AND stage < 7 AS transport,
                          u(sid, 'cancel', 0) < 0.03 AND stage < 7 AS bogus FROM g_sale2)
        SELECT sid, seller, buyer, c, price, v, transport AND v = 0 AS transport,
               CASE v WHEN 0 THEN CASE WHEN roll < 0.04 AND stage < 7 THEN day + 2 ELSE day END
                      WHEN 2 THEN day + 3 ELSE day END AS day,
               CASE v WHEN 1 THEN round(qty * 3 / 2) WHEN 2 THEN -greatest(1, round(qty / 2))
                      ELSE qty + CASE WHEN v = 0 AND roll >= 0.04 AND roll < 0.07 AND stage < 7
                                      THEN greatest(1, round(qty / 2)) ELSE 0 END END AS qty,
               CASE WHEN v = 0 AND roll < 0.04 AND stage < 7 THEN 1 WHEN v = 2 THEN 2 END AS related_kind,
               CASE WHEN v = 0 AND roll < 0.04 AND stage < 7 THEN 1 WHEN v = 2 THEN 0 END AS related_v
        FROM s, (VALUES (0), (1), (2), (3)) t(v)
        WHERE v = 0 OR (v = 1 AND roll < 0.04 AND stage < 7) OR (v = 2 AND roll >= 0.04 AND roll < 0.07
              AND stage < 7) OR (v = 3 AND bogus)""",
        # Numbers in creation order per seller (the wrong one before its replacement, as a seller issues them).
        f"""CREATE OR REPLACE TEMP TABLE g_num AS
        SELECT i.*, co.tax_code AS seller_tax_code, 'C{YEAR % 100}T' || co.series_letters AS series,
               row_number() OVER (PARTITION BY i.seller ORDER BY i.sid, CASE i.v WHEN 1 THEN 0 WHEN 0 THEN 1
                                  ELSE i.v END) AS number
        FROM g_inv i JOIN g_co co ON co.idx = i.seller""",
        """ALTER TABLE g_num ADD COLUMN invoice_id VARCHAR""",
        """UPDATE g_num SET invoice_id = seller_tax_code || '|1|' || series || '|' || CAST(number AS VARCHAR)""",
        f"""CREATE OR REPLACE TEMP TABLE g_line AS
        SELECT g.invoice_id, 1 AS position, m.code, m.name, m.unit, g.qty,
               coalesce(g.price, m.low + 100 * n((m.high - m.low) // 100, g.sid, g.v, 'price')) AS price, m.rate
        FROM g_num g JOIN g_com m ON m.c = g.c
        UNION ALL
        SELECT g.invoice_id, 2, '{TRANSPORT.code}', '{TRANSPORT.name}', '{TRANSPORT.unit}', 1,
               {TRANSPORT.price_low} + 1000 * n({(TRANSPORT.price_high - TRANSPORT.price_low) // 1000}, g.sid,
               'vc', 0), '{TRANSPORT.rate}'
        FROM g_num g WHERE g.transport""",
        """INSERT INTO lines (invoice_id, position, kind, code, name, unit, quantity, price, discount, amount, rate)
        SELECT invoice_id, position, 1, code, name, unit, qty, price, 0, qty * price, rate FROM g_line""",
        f"""INSERT INTO invoices
        WITH totals AS (
            SELECT invoice_id, sum(qty * price) AS before,
                   sum(round(qty * price * CAST(rtrim(rate, '%') AS INTEGER) / 100)) AS tax
            FROM g_line GROUP BY 1)
        SELECT g.invoice_id, sha256(g.invoice_id), g.seller_tax_code, '1', g.series, CAST(g.number AS VARCHAR),
               g.day, 'VND', 'Công ty TNHH Thương mại ' || {family}[1 + n(8, g.seller, 'name', 0)] || ' '
               || right(g.seller_tax_code, 4),
               coalesce(b.tax_code, ''), CASE WHEN b.tax_code IS NULL THEN 'Khách lẻ không lấy hóa đơn'
               ELSE 'Công ty TNHH ' || right(b.tax_code, 4) END,
               CASE WHEN b.tax_code IS NULL THEN '' ELSE 'Tỉnh mã ' || b.province END,
               t.before, t.tax, t.before + t.tax, g.related_kind, r.invoice_id
        FROM g_num g JOIN totals t USING (invoice_id) LEFT JOIN g_co b ON b.idx = g.buyer
        LEFT JOIN g_num r ON g.related_kind IS NOT NULL AND r.sid = g.sid AND r.v = g.related_v""",
        """INSERT INTO notices
        SELECT sha256('TB04|' || invoice_id), seller_tax_code, day + 1, invoice_id, 1, 'Hủy do lập trùng'
        FROM g_num WHERE v = 3""",
        f"""INSERT INTO companies
        SELECT tax_code, 'Công ty TNHH Thương mại ' || {family}[1 + n(8, idx, 'name', 0)] || ' ' || right(tax_code, 4),
               province, registered_on FROM g_co""",
        """INSERT INTO declared_stock
        SELECT co.tax_code, m.code, d.qty, 'import' FROM g_decl d JOIN g_co co ON co.idx = d.holder
        JOIN g_com m USING (c)
        UNION ALL
        SELECT co.tax_code, m.code, o.qty, 'opening' FROM g_open o JOIN g_co co ON co.idx = o.holder
        JOIN g_com m USING (c)""",
    ]


def generate(
    con: duckdb.DuckDBPyConnection, *, lines: int = 10_000_000, seed: int = 1
) -> dict[str, list[str]]:
    """Fill an empty store with an economy of about `lines` invoice lines; return the ground truth."""
    con.execute(STORE_SCHEMA)
    ensure(con)
    scale = max(1, round(lines / LINES_PER_SCALE))
    for step in _steps(scale, seed):
        con.execute(step)
    truth = {
        "provenance": "SELECT DISTINCT co.tax_code FROM g_co co JOIN g_sale2 s ON s.seller = co.idx "
        "WHERE co.role IN ('trader', 'ghost')",
        "ghost": "SELECT tax_code FROM g_co WHERE role = 'ghost'",
        "circular": "SELECT tax_code FROM g_co WHERE role = 'circle'",
    }
    out = {name: sorted(r[0] for r in con.execute(sql).fetchall()) for name, sql in truth.items()}
    for table in (
        "g_line",
        "g_num",
        "g_inv",
        "g_sale2",
        "g_sale",
        "g_open",
        "g_decl",
        "g_co",
        "g_ring",
        "g_com",
    ):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return out
