from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sc389.api"
    label = "api"
    verbose_name = "API"
