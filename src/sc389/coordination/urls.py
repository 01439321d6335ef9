from django.urls import path
from django.views.generic import RedirectView

from . import views, views_requests

app_name = "coordination"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="coordination:bulletin_list"), name="index"),
    path("search/", views.search, name="search"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", views.bulletin_new, name="bulletin_new"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/acknowledge/", views.bulletin_acknowledge, name="bulletin_acknowledge"),
    path("bulletins/<int:pk>/action/", views.bulletin_action, name="bulletin_action"),
    path("bulletins/<int:pk>/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/withdraw/", views.bulletin_withdraw, name="bulletin_withdraw"),
    path("requests/", views_requests.request_list, name="request_list"),
    path("requests/new/", views_requests.request_new, name="request_new"),
    path("requests/<int:pk>/", views_requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decline/", views_requests.request_decline, name="request_decline"),
    path("requests/<int:pk>/close/", views_requests.request_close, name="request_close"),
    path("requests/<int:pk>/accept/", views_requests.request_accept, name="request_accept"),
    path("requests/<int:pk>/escalate/", views_requests.request_escalate, name="request_escalate"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        views_requests.request_attachment,
        name="request_attachment",
    ),
    path("groups/", views_requests.group_list, name="group_list"),
    path("groups/new/", views_requests.group_new, name="group_new"),
    path("groups/<int:pk>/edit/", views_requests.group_edit, name="group_edit"),
    path("groups/<int:pk>/", views_requests.group_detail, name="group_detail"),
    path("networks/", views_requests.network_list, name="network_list"),
    path("networks/new/", views_requests.network_new, name="network_new"),
    path("networks/<int:pk>/", views_requests.network_detail, name="network_detail"),
]
