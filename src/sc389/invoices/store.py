"""The invoice store: one DuckDB file, `<INVOICES_STORE_DIR or DATA_DIR/invoices>/invoices.duckdb`.

One file rather than partitioned Parquet: a file's invoices go in inside one transaction (never half-loaded),
the uniqueness of raw files (SHA-256) and of invoice keys is checked by the database, and the detectors read
it with plain SQL. `sc389 export` to Parquet is a `COPY ... TO` away when a Spark job needs it.

Status (the GDT portal's tthai): an invoice is `replaced` when another of the same seller replaces it
(TTHDLQuan/TCHDon 1), `cancelled` when a 04/SS-HĐĐT notice cancels it (TCTBao 1); an adjustment (TCHDon 2)
counts as its own signed amounts, unless the invoice it adjusts is replaced or cancelled. The view
`effective_invoices` is what every figure counts; the rest is kept for the record.
"""

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
from django.conf import settings

from .pipelines import VIEWS
from .records import Invoice, Notice

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    sha256 VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, size INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp, raw BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS invoices (
    invoice_id VARCHAR PRIMARY KEY,  -- seller|template|series|number
    file_sha256 VARCHAR NOT NULL, seller_tax_code VARCHAR NOT NULL, template VARCHAR NOT NULL,
    series VARCHAR NOT NULL, number VARCHAR NOT NULL, issued_on DATE NOT NULL, currency VARCHAR,
    seller_name VARCHAR, buyer_tax_code VARCHAR, buyer_name VARCHAR, buyer_address VARCHAR,
    total_before_tax DECIMAL(19,4), total_tax DECIMAL(19,4), total DECIMAL(19,4),
    related_kind TINYINT, related_id VARCHAR
);
CREATE TABLE IF NOT EXISTS lines (
    invoice_id VARCHAR NOT NULL, position INTEGER, kind TINYINT, code VARCHAR, name VARCHAR, unit VARCHAR,
    quantity DECIMAL(21,6), price DECIMAL(19,4), discount DECIMAL(19,4), amount DECIMAL(19,4), rate VARCHAR
);
CREATE TABLE IF NOT EXISTS notices (
    file_sha256 VARCHAR NOT NULL, seller_tax_code VARCHAR NOT NULL, notified_on DATE, invoice_id VARCHAR,
    action TINYINT, reason VARCHAR
);
CREATE OR REPLACE VIEW gone_invoices AS {gone};
CREATE OR REPLACE VIEW invoice_status AS
SELECT i.invoice_id,
       CASE WHEN c.invoice_id IS NOT NULL THEN 'cancelled'
            WHEN r.invoice_id IS NOT NULL THEN 'replaced'
            WHEN i.related_kind = 2 AND g.invoice_id IS NOT NULL THEN 'void_adjustment'
            WHEN i.related_kind = 1 THEN 'replacement'
            WHEN i.related_kind = 2 THEN 'adjustment'
            WHEN a.invoice_id IS NOT NULL THEN 'adjusted'
            ELSE 'new' END AS status
FROM invoices i
LEFT JOIN (SELECT DISTINCT invoice_id FROM notices WHERE action = 1) c ON c.invoice_id = i.invoice_id
LEFT JOIN (SELECT DISTINCT related_id AS invoice_id FROM invoices WHERE related_kind = 1) r
       ON r.invoice_id = i.invoice_id
LEFT JOIN gone_invoices g ON i.related_kind = 2 AND g.invoice_id = i.related_id
LEFT JOIN (SELECT DISTINCT related_id AS invoice_id FROM invoices WHERE related_kind = 2) a
       ON a.invoice_id = i.invoice_id;
CREATE OR REPLACE VIEW effective_invoices AS {effective_invoices};
CREATE OR REPLACE VIEW effective_lines AS {effective_lines};
""".format(
    gone=VIEWS["gone_invoices"],
    effective_invoices=VIEWS["effective_invoices"],
    effective_lines=VIEWS["effective_lines"],
)


def store_dir() -> Path:
    return Path(getattr(settings, "INVOICES_STORE_DIR", None) or settings.DATA_DIR / "invoices")


def connect(*, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = store_dir() / "invoices.duckdb"
    if read_only and path.exists():
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA)
    return con


def invoice_id(seller: str, template: str, series: str, number: str) -> str:
    # SHDon is compared as a number: "00000123" and "123" are the same invoice.
    return f"{seller}|{template}|{series}|{int(number) if number.isdigit() else number}"


def key_of(inv: Invoice) -> str:
    return invoice_id(inv.seller_tax_code, inv.template, inv.series, inv.number)


def known_files(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    hashes = list(hashes)
    if not hashes:
        return set()
    rows = con.execute("SELECT sha256 FROM files WHERE sha256 IN (SELECT unnest(?))", [hashes]).fetchall()
    return {r[0] for r in rows}


def known_invoices(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    if not ids:
        return set()
    rows = con.execute(
        "SELECT invoice_id FROM invoices WHERE invoice_id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    return {r[0] for r in rows}


def insert(
    con: duckdb.DuckDBPyConnection, batch: list[tuple[str, str, bytes, list[Invoice], list[Notice]]]
) -> None:
    """Insert (sha256, name, raw, invoices, notices) of already validated files, all in the caller's transaction."""
    files = pa.table(
        {
            "sha256": [b[0] for b in batch],
            "name": [b[1] for b in batch],
            "size": pa.array([len(b[2]) for b in batch], pa.int32()),
            "raw": pa.array([b[2] for b in batch], pa.binary()),
        }
    )
    con.register("_files", files)
    con.execute("INSERT INTO files (sha256, name, size, raw) SELECT sha256, name, size, raw FROM _files")
    con.unregister("_files")
    inv_rows, line_rows, notice_rows = [], [], []
    for sha, _name, _raw, invoices, notices in batch:
        for inv in invoices:
            iid = key_of(inv)
            rel = inv.related
            inv_rows.append(
                (
                    iid,
                    sha,
                    inv.seller_tax_code,
                    inv.template,
                    inv.series,
                    inv.number,
                    inv.issued_on,
                    inv.currency,
                    inv.seller_name,
                    inv.buyer_tax_code,
                    inv.buyer_name,
                    inv.buyer_address,
                    inv.total_before_tax,
                    inv.total_tax,
                    inv.total,
                    rel.kind if rel else None,
                    invoice_id(inv.seller_tax_code, rel.template, rel.series, rel.number) if rel else None,
                )
            )
            line_rows += [
                (
                    iid,
                    ln.position,
                    ln.kind,
                    ln.code,
                    ln.name,
                    ln.unit,
                    ln.quantity,
                    ln.price,
                    ln.discount,
                    ln.amount,
                    ln.rate,
                )
                for ln in inv.lines
            ]
        for notice in notices:
            notice_rows += [
                (
                    sha,
                    notice.seller_tax_code,
                    notice.notified_on,
                    invoice_id(notice.seller_tax_code, it.template, it.series, it.number),
                    it.action,
                    it.reason,
                )
                for it in notice.items
            ]
    _append(con, "invoices", INVOICE_TYPES, inv_rows)
    _append(con, "lines", LINE_TYPES, line_rows)
    _append(con, "notices", NOTICE_TYPES, notice_rows)


D19, D21 = pa.decimal128(19, 4), pa.decimal128(21, 6)
INVOICE_TYPES = {
    "invoice_id": pa.string(),
    "file_sha256": pa.string(),
    "seller_tax_code": pa.string(),
    "template": pa.string(),
    "series": pa.string(),
    "number": pa.string(),
    "issued_on": pa.date32(),
    "currency": pa.string(),
    "seller_name": pa.string(),
    "buyer_tax_code": pa.string(),
    "buyer_name": pa.string(),
    "buyer_address": pa.string(),
    "total_before_tax": D19,
    "total_tax": D19,
    "total": D19,
    "related_kind": pa.int8(),
    "related_id": pa.string(),
}
LINE_TYPES = {
    "invoice_id": pa.string(),
    "position": pa.int32(),
    "kind": pa.int8(),
    "code": pa.string(),
    "name": pa.string(),
    "unit": pa.string(),
    "quantity": D21,
    "price": D19,
    "discount": D19,
    "amount": D19,
    "rate": pa.string(),
}
NOTICE_TYPES = {
    "file_sha256": pa.string(),
    "seller_tax_code": pa.string(),
    "notified_on": pa.date32(),
    "invoice_id": pa.string(),
    "action": pa.int8(),
    "reason": pa.string(),
}


def _append(
    con: duckdb.DuckDBPyConnection, table: str, types: dict[str, pa.DataType], rows: list[tuple]
) -> None:
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    data = pa.table(
        {name: pa.array(col, typ) for (name, typ), col in zip(types.items(), columns, strict=True)}
    )
    con.register("_rows", data)
    con.execute(f"INSERT INTO {table} ({', '.join(types)}) SELECT {', '.join(types)} FROM _rows")  # noqa: S608
    con.unregister("_rows")
