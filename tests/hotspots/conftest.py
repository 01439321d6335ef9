from ..api.conftest import call, tokens  # noqa: F401  (fixtures)
