from types import SimpleNamespace

import pytest
from django.db import connection, transaction

from ... import orgtree
from .data import seed_langson


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The standard tree with Lạng Sơn's 2019 and 2020 figures, written once per module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree = orgtree.build()
        cases = seed_langson(tree)
        if connection.vendor == "postgresql":
            # Ten thousand rows in a transaction that is never committed: autovacuum never sees them, and a
            # planner that believes the tables empty picks nested loops that take a minute per report.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield SimpleNamespace(**vars(tree), cases=cases)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def org(django_db_setup, django_db_blocker):
    """Only the standard tree (no cases): for matrices where access, not figures, is under test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield orgtree.build()
        transaction.set_rollback(True)


@pytest.fixture
def login(client, seeded, db):
    """Sign the test client in as a persona of the standard tree; returns the client."""

    def sign_in(persona: str, *, lang: str = "vi"):
        client.logout()
        if persona != "anonymous":
            client.force_login(seeded.users[persona])
        client.cookies["django_language"] = lang
        return client

    return sign_in
