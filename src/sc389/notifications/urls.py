from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("badge/", views.badge, name="badge"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("settings/", views.setting_update, name="settings"),
    path("<int:pk>/read/", views.mark_read, name="read"),
]
