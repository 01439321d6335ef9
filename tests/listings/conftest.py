import pytest

from sc389.listings import services, synth

from ..api.conftest import call, tokens  # noqa: F401  (fixtures)


@pytest.fixture
def store_dir(settings, tmp_path):
    """Every test gets its own DuckDB invoice store."""
    settings.INVOICES_STORE_DIR = tmp_path / "store"
    return settings.INVOICES_STORE_DIR


@pytest.fixture(scope="session")
def market():
    """A small generated market (seed 7, not used to set the weights)."""
    return synth.generate(7, shops=60)


@pytest.fixture(scope="session")
def market_files(tmp_path_factory, market):
    return synth.write(market, tmp_path_factory.mktemp("market"))


@pytest.fixture
def sourced(store_dir, market_files):
    """The market's invoices imported into the store, with the company registry and declared imports."""
    from sc389.invoices import reference, store
    from sc389.invoices.importer import import_path

    import_path(market_files["xml"])
    con = store.connect()
    reference.companies_load(con, market_files["companies"])
    reference.stock_load(con, market_files["declarations"], kind="import")
    con.close()
    return market_files


@pytest.fixture
def prices(db, market_files):
    return services.reference_prices_load(path=market_files["references"])
