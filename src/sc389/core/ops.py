"""Probes and metrics for operations: health (process and database), readiness, Prometheus at /metrics.

Readiness answers 503 with the failing checks named, so a load balancer takes the server out of rotation and
an operator sees why: database unreachable, migrations not applied, or the task worker not taking work (the
oldest task waiting to run has waited longer than WORKER_HEARTBEAT_MAX_AGE seconds).
"""

import hmac

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .middleware import client_ip

_migrated = False  # once every migration is applied it stays so for this process (new code means a restart)


def check_database() -> str | None:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 (any failure means "not ready", with its reason)
        return f"database: {type(exc).__name__}"
    return None


def check_migrations() -> str | None:
    global _migrated
    if _migrated:
        return None
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"migrations: {len(plan)} not applied"
    _migrated = True
    return None


def check_worker() -> str | None:
    """The worker is alive when nothing ready to run has waited longer than the allowed age."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None  # tasks run in the web process (tests, immediate backend)
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    )
    if oldest is None:
        return None
    waited = (timezone.now() - oldest).total_seconds()
    if waited > settings.WORKER_HEARTBEAT_MAX_AGE:
        return f"worker: a task has waited {int(waited)} s (is `sc389 db_worker` running?)"
    return None


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """200 when this server can take traffic; 503 with the reasons when it cannot (no login, like /health/)."""
    problems = [p for p in (check_database(),) if p]
    if not problems:
        problems = [p for p in (check_migrations(), check_worker()) if p]
    status = 503 if problems else 200
    return JsonResponse(
        {"status": "ok" if not problems else "unavailable", "problems": problems}, status=status
    )


def metrics_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
        return True
    return client_ip(request) in settings.METRICS_ALLOWED_IPS


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics (django-prometheus): only for the allowed addresses or the metrics token."""
    if not metrics_allowed(request):
        return HttpResponse(status=404)  # do not tell a stranger the endpoint exists
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)
