from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "sc389.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
