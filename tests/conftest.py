import datetime as dt

import pytest

from sc389.cases import services as cases
from sc389.org import services as org_services

from . import orgtree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Administrative units are reference data: load them once for the whole session."""
    with django_db_blocker.unblock():
        org_services.admin_units_load_current()
        org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)


@pytest.fixture
def tree(db) -> orgtree.OrgTree:
    return orgtree.build()


@pytest.fixture
def persona(tree):
    return lambda name: tree.users[name]


@pytest.fixture
def make_case(tree):
    """Record a case through the service, as `officer` (default: the Hữu Nghị customs officer)."""

    def make(
        *,
        officer: str = "officer_langson_customs",
        unit: str = "customs_huunghi",
        place=None,
        detected_on: dt.date = dt.date(2025, 3, 1),
        category: str = "smuggling",
        **fields,
    ):
        return cases.case_create(
            actor=tree.users[officer],
            lead_unit=tree.units[unit],
            category=category,
            detected_on=detected_on,
            place=place or tree.communes["dongdang"],
            **fields,
        )

    return make


def pytest_collection_modifyitems(config, items):
    """Browser tests flush the database (live server); they run last so the session's reference data holds."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
