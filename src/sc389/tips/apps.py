from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "sc389.tips"
    label = "tips"
    verbose_name = "Tin báo của người dân"
