from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sc389.core"
    label = "core"
    verbose_name = "SC389 core"
