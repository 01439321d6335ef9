from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "sc389.org"
    label = "org"
    verbose_name = "Tổ chức"
