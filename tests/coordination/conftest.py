import pytest

from ..api.conftest import call, tokens  # noqa: F401  (the API caller fixtures)
from ..web.conftest import login  # noqa: F401
from .matrix import build_world


@pytest.fixture
def world(tree):
    return build_world(tree)
