"""Pages that belong to no domain: the landing page and a health probe for the load balancer."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Everyone starts at the home page of their role (reports.dashboard; by name, core imports no app)."""
    return redirect("reports:dashboard")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Answers 200 when the application can reach its database (no login: probes carry no session)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
