from django.urls import path, re_path

from . import views_import as views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    re_path(r"^template\.(?P<fmt>csv|xlsx)$", views.import_template, name="template"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
]
