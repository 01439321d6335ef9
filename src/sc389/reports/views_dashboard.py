"""The home page: the panels of the user's roles (reports.dashboard)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .dashboard import dashboard_panels


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    panels = [
        {"key": panel.key, "title": panel.title, "template": panel.template, "context": context}
        for panel, context in dashboard_panels(user=request.user)
    ]
    return render(request, "reports/dashboard.html", {"panels": panels})
