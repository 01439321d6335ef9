from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sc389.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (logins, logouts and failed logins are audited)
