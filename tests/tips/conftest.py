import pytest
from django.core.cache import cache

from ..direction.conftest import call, login, tokens  # noqa: F401  (the same fixtures)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
