from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "sc389.coordination"
    label = "coordination"
    verbose_name = "Phối hợp, chia sẻ thông tin"
