from django.urls import path

from . import views, views_dashboard
from .submissions import urls as submission_urls
from .versions import urls as version_urls

app_name = "reports"
urlpatterns: list = [
    path("", views.report_page, name="report"),
    path("export.<slug:fmt>", views.report_export, name="export"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("versions/<int:pk>/export.<slug:fmt>", views.version_export, name="version_export"),
]
urlpatterns += submission_urls.urlpatterns + version_urls.urlpatterns  # H3: submissions and versions
