from django.urls import path

from . import views

app_name = "entities"
urlpatterns = [
    path("", views.entity_list, name="list"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_decide, name="decide"),
    path("<int:pk>/", views.entity_detail, name="detail"),
    path("<int:pk>/bulletin/", views.entity_bulletin, name="bulletin"),
]
