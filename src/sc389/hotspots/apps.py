from django.apps import AppConfig


class HotspotsConfig(AppConfig):
    name = "sc389.hotspots"
    label = "hotspots"
    verbose_name = "Địa bàn trọng điểm"
