"""The NinjaAPI instance under /api/v1/: auth, one error schema, the apps' routers, offline docs.

The docs page (/api/v1/docs) is Swagger UI from django-ninja's own static files (ninja is in INSTALLED_APPS, so
its local template is used, not the CDN one); the online validator badge is switched off, so the page makes
no request outside this server.
"""

from ninja import NinjaAPI, Swagger

from sc389.cases.api import reference_router as case_reference_router
from sc389.cases.api import router as cases_router
from sc389.coordination.api import router as coordination_router
from sc389.direction.api import router as direction_router
from sc389.entities.api import router as entities_router
from sc389.hotspots.api import router as hotspots_router
from sc389.invoices.api import router as invoices_router
from sc389.listings.api import router as listings_router
from sc389.notifications.api import router as notifications_router
from sc389.org.api import router as org_router
from sc389.reports.api import router as reports_router
from sc389.tips.api import router as tips_router

from . import errors
from .auth import SessionAuth, TokenAuth


class Sc389Api(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document, with the one error schema declared on every operation (the handlers produce it)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(
            errors.ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {})
        )
        components["Error"] = errors.ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components["Error"].pop("$defs", None)
        error_ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in errors.ERROR_RESPONSES.items():
                    operation["responses"].setdefault(status, {"description": str(description), **error_ref})
        return schema


api = Sc389Api(
    title="SC389 API",
    version="1",
    description=(
        "Case register of the Steering Committees 389. Authenticate with `Authorization: Bearer <token>` "
        "(`sc389 create_api_token USERNAME --name NAME`) or, from the browser, with the session and the "
        "X-CSRFToken header. Every list and record is limited to the caller's scope; a record outside it "
        "answers 404. Errors share one schema: {code, message, field, errors}."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
errors.install(api)

api.add_router("/cases", cases_router)
api.add_router("/reference", org_router)
api.add_router("/reference", case_reference_router)
api.add_router("/reports", reports_router)
api.add_router("/notifications", notifications_router)
api.add_router("/coordination", coordination_router)
api.add_router("/direction", direction_router)
api.add_router("/tips", tips_router)
api.add_router("/entities", entities_router)
api.add_router("/invoices", invoices_router)
api.add_router("/hotspots", hotspots_router)
api.add_router("/listings", listings_router)
