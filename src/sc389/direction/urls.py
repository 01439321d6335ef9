from django.urls import path

from . import views

app_name = "direction"
urlpatterns = [
    path("", views.index, name="index"),
    path("boards/<int:committee_id>/", views.board, name="board"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path(
        "sessions/<int:session_id>/conclusions/<int:conclusion_id>/tasks/",
        views.conclusion_task,
        name="conclusion_task",
    ),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
    path("tasks/<int:task_id>/cancel/", views.task_cancel, name="task_cancel"),
    path("tasks/<int:task_id>/updates/<int:update_id>/file/", views.update_attachment, name="update_file"),
    path("directives/", views.directive_list, name="directives"),
    path("directives/<int:directive_id>/", views.directive_detail, name="directive"),
    path("directives/<int:directive_id>/tasks/", views.directive_task, name="directive_task"),
    path("directives/<int:directive_id>/document/", views.directive_document, name="directive_document"),
    path("campaigns/", views.campaign_list, name="campaigns"),
]
