"""URL lines of the version pages (included by reports/urls.py, namespace "reports")."""

from django.urls import path

from . import views

urlpatterns = [
    path("versions/", views.version_list, name="versions"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
]
