from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sc389.demo"
    label = "demo"
    verbose_name = "Demo data"
