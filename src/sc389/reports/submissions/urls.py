"""URL lines of the submission pages (included by reports/urls.py, namespace "reports")."""

from django.urls import path

from . import views

urlpatterns = [
    path("submissions/", views.submission_list, name="submissions"),
    path("submissions/new/", views.submission_new, name="submission_new"),
    path("submissions/upload/", views.submission_upload, name="submission_upload"),
    path("submissions/template.xlsx", views.submission_template, name="submission_template"),
    path("submissions/completeness/", views.completeness, name="completeness"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/<action>/", views.submission_action, name="submission_action"),
]
