import uuid

from . import audit


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Every write during a request is audited with its address and request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        channel = (
            "api"
            if request.path.startswith("/api/")
            else "admin"
            if request.path.startswith("/admin/")
            else "web"
        )
        with audit.context(channel=channel, ip=client_ip(request), request_id=request_id[:64]):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id[:64]
        return response
