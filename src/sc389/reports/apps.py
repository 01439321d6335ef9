from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sc389.reports"
    label = "reports"
    verbose_name = "Báo cáo"
