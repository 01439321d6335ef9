import logging
import time
import uuid

from django.conf import settings

from . import audit

log = logging.getLogger("sc389.request")


def client_ip(request) -> str | None:
    """The client's address; behind our proxy (SC389_BEHIND_PROXY) the one it appended to X-Forwarded-For."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
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
        started = time.perf_counter()
        with audit.context(channel=channel, ip=client_ip(request), request_id=request_id[:64]):
            response = self.get_response(request)
            # One structured line a request, with the same request id as its audit rows and other log lines.
            log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": getattr(getattr(request, "user", None), "pk", None),
                },
            )
        response["X-Request-ID"] = request_id[:64]
        return response
