from django.urls import path

from . import views

app_name = "tips"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("sent/", views.sent, name="sent"),
    path("status/", views.status, name="status"),
    path("places/", views.place_search, name="place_search"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/route/", views.route, name="route"),
    path("<int:pk>/case/", views.open_case, name="open_case"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
]
