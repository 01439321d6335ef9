from django.apps import AppConfig


class DirectionConfig(AppConfig):
    name = "sc389.direction"
    label = "direction"
    verbose_name = "Chỉ đạo, điều hành"

    def ready(self) -> None:
        from . import reporting

        reporting.register()  # campaigns as report periods, overdue tasks on the home page (reports is lower)
