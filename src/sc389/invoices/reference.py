"""Reference data the detectors need beside the invoices, loaded from CSV into the store.

- companies.csv: tax_code, name, province, registered_on (the business registry extract)
- declarations.csv: tax_code, commodity, quantity (declared imports, from customs)
- opening_stock.csv: tax_code, commodity, quantity (stock at the start of the period)
A new load of one kind replaces that kind. Commodities: the catalogue's goods codes (MHHDVu); lines whose
code is not in it (services, unknown goods) are not balanced.
"""

from pathlib import Path

import duckdb

from .synth.catalogue import COMMODITIES

SCHEMA = """
CREATE TABLE IF NOT EXISTS companies (tax_code VARCHAR PRIMARY KEY, name VARCHAR, province VARCHAR,
                                      registered_on DATE);
CREATE TABLE IF NOT EXISTS declared_stock (tax_code VARCHAR, commodity VARCHAR, quantity DECIMAL(21,6),
                                           kind VARCHAR);
CREATE TABLE IF NOT EXISTS commodities (code VARCHAR PRIMARY KEY, name VARCHAR, commodity_group VARCHAR);
"""


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA)
    if con.execute("SELECT count(*) FROM commodities").fetchone()[0] == 0:
        con.executemany(
            "INSERT INTO commodities VALUES (?, ?, ?)", [(c.code, c.name, c.group) for c in COMMODITIES]
        )


def companies_load(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    ensure(con)
    con.begin()
    con.execute("DELETE FROM companies")
    con.execute(
        "INSERT INTO companies SELECT tax_code, name, province, registered_on FROM read_csv(?, header=true, "
        "columns={'tax_code': 'VARCHAR', 'name': 'VARCHAR', 'province': 'VARCHAR', 'registered_on': 'DATE'})",
        [str(path)],
    )
    con.commit()
    return con.execute("SELECT count(*) FROM companies").fetchone()[0]


def stock_load(con: duckdb.DuckDBPyConnection, path: Path, *, kind: str) -> int:
    """kind: 'import' (declared imports) or 'opening' (opening stock)."""
    ensure(con)
    con.begin()
    con.execute("DELETE FROM declared_stock WHERE kind = ?", [kind])
    con.execute(
        "INSERT INTO declared_stock SELECT tax_code, commodity, quantity, ? FROM read_csv(?, header=true, "
        "columns={'tax_code': 'VARCHAR', 'commodity': 'VARCHAR', 'quantity': 'DECIMAL(21,6)'})",
        [kind, str(path)],
    )
    con.commit()
    return con.execute("SELECT count(*) FROM declared_stock WHERE kind = ?", [kind]).fetchone()[0]
