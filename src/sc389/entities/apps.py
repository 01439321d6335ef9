from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "sc389.entities"
    label = "entities"
    verbose_name = "Đối tượng, liên kết"
