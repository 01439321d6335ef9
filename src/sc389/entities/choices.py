from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COMPANY = "company", _("Doanh nghiệp, hộ kinh doanh")
    VEHICLE = "vehicle", _("Phương tiện")
    ONLINE_SHOP = "online_shop", _("Gian hàng trực tuyến")
    PHONE = "phone", _("Số điện thoại")


class JudgementStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xem xét")
    CONFIRMED = "confirmed", _("Cùng một đối tượng")
    REJECTED = "rejected", _("Khác đối tượng")
    UNSURE = "unsure", _("Chưa chắc chắn")


class LinkReason(models.TextChoices):
    """Why a party is in its entity (the strongest link that put it there)."""

    ALONE = "alone", _("Chỉ một hồ sơ")
    IDENTIFIER = "identifier", _("Trùng số định danh")
    MODEL = "model", _("Mô hình so khớp")
    ANALYST = "analyst", _("Cán bộ phân tích xác nhận")


class SightingSource(models.TextChoices):
    """Where a detector's finding about an entity comes from (the app that owns the finding)."""

    INVOICE_LEAD = "invoice_lead", _("Dấu hiệu từ hóa đơn điện tử")
    SHOP = "shop", _("Gian hàng thương mại điện tử bị gắn cờ")
