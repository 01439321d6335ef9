import pytest

from sc389.invoices.synth.scenario import generate, write

from ..api.conftest import call, tokens  # noqa: F401  (fixtures)


@pytest.fixture
def store_dir(settings, tmp_path):
    """Every test gets its own DuckDB store."""
    settings.INVOICES_STORE_DIR = tmp_path / "store"
    return settings.INVOICES_STORE_DIR


@pytest.fixture(scope="session")
def economy():
    return generate(7)


@pytest.fixture(scope="session")
def economy_dir(tmp_path_factory, economy):
    """The seed-7 economy written as a folder of XML files (plus its CSVs and truth)."""
    directory = tmp_path_factory.mktemp("economy")
    return write(economy, directory)


@pytest.fixture
def leads(tree, store_dir, economy, economy_dir):
    """The seed-7 economy imported and its leads saved: two ghosts registered in Lạng Sơn (20) and Cao Bằng (4),
    every other company in a province no unit covers."""
    from sc389.invoices import reference, store
    from sc389.invoices.importer import import_path
    from sc389.invoices.leads import invoice_leads_refresh

    import_path(economy_dir)
    con = store.connect()
    reference.companies_load(con, economy_dir.parent / "companies.csv")
    reference.stock_load(con, economy_dir.parent / "declarations.csv", kind="import")
    reference.stock_load(con, economy_dir.parent / "opening_stock.csv", kind="opening")
    ghosts = economy.truth["ghost"]
    con.execute("UPDATE companies SET province = '99'")
    con.execute("UPDATE companies SET province = '20' WHERE tax_code = ?", [ghosts[0]])
    con.execute("UPDATE companies SET province = '4' WHERE tax_code = ?", [ghosts[1]])
    con.close()
    return invoice_leads_refresh(actor=tree.users["admin_national"])
