from django.urls import path

from . import views

app_name = "listings"
urlpatterns = [
    path("", views.shop_list, name="shops"),
    path("shops/<int:pk>/", views.shop_detail, name="shop"),
    path("items/", views.listing_list, name="items"),
]
