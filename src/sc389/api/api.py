"""The NinjaAPI instance under /api/v1/: auth, one error schema, the apps' routers."""

from ninja import NinjaAPI

api = NinjaAPI(title="SC389 API", version="1", urls_namespace="api")
