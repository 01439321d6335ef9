from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "sc389.listings"
    label = "listings"
    verbose_name = "Tin đăng thương mại điện tử"
