from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sc389.cases"
    label = "cases"
    verbose_name = "Vụ việc"
