from django.apps import AppConfig


class InvoicesConfig(AppConfig):
    name = "sc389.invoices"
    label = "invoices"
    verbose_name = "Hóa đơn điện tử"
