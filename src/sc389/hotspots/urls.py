from django.urls import path

from . import views

app_name = "hotspots"
urlpatterns = [path("", views.index, name="index")]
