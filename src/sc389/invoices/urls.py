from django.urls import path

from . import views

app_name = "invoices"
urlpatterns = [
    path("leads/", views.lead_list, name="leads"),
    path("leads/<int:pk>/", views.lead_detail, name="lead"),
    path("leads/<int:pk>/send/", views.lead_send, name="lead_send"),
]
