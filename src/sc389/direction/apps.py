from django.apps import AppConfig


class DirectionConfig(AppConfig):
    name = "sc389.direction"
    label = "direction"
    verbose_name = "Chỉ đạo, điều hành"
