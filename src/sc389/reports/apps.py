from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sc389.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from . import facts

        facts.install()  # the report facts follow every audited write of a case

        from .submissions import attention

        attention.register()  # missing and late submissions on the standing office's home page
