from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COMMUNE = "commune", _("Xã, phường")
    TRAIL = "trail", _("Đường mòn, lối mở")
    BORDER_GATE = "border_gate", _("Cửa khẩu")
    MARKET = "market", _("Chợ")


class Status(models.TextChoices):
    RESUMED = "resumed", _("Hoạt động trở lại")
    RISING = "rising", _("Tăng đột biến")
    QUIETED = "quieted", _("Giảm mạnh")
    STEADY = "steady", _("Ổn định")


WINDOWS = (30, 60, 90, 180)
