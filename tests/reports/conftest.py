from ..api.conftest import call, tokens  # noqa: F401  (the API caller fixtures)
from ..web.conftest import login  # noqa: F401  (the signed-in web client)
