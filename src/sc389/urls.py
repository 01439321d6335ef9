from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sc389.api.api import api
from sc389.core import ops
from sc389.core import views as core_views
from sc389.notifications import views as notifications_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", core_views.health, name="health"),
    path("ready/", ops.ready, name="ready"),
    path("metrics", ops.metrics, name="metrics"),
    path("accounts/", include("sc389.accounts.urls")),
    path("admin/", admin.site.urls),
    # The top-bar language switch: Django's set_language, which also records a signed-in user's language for
    # their e-mails (django.conf.urls.i18n holds only this route).
    path("i18n/setlang/", notifications_views.language_switch, name="set_language"),
    path("api/v1/", api.urls),
    path("cases/import/", include("sc389.cases.urls_import")),
    path("cases/", include("sc389.cases.urls")),
    path("reports/", include("sc389.reports.urls")),
    path("notifications/", include("sc389.notifications.urls")),
    path("coordination/", include("sc389.coordination.urls")),
    path("direction/", include("sc389.direction.urls")),
    path("tips/", include("sc389.tips.urls")),
    path("entities/", include("sc389.entities.urls")),
    path("invoices/", include("sc389.invoices.urls")),
    path("hotspots/", include("sc389.hotspots.urls")),
    path("listings/", include("sc389.listings.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
