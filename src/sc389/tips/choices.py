from django.db import models
from django.utils.translation import gettext_lazy as _


class TipStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận, đang phân loại")
    ROUTED = "routed", _("Đã chuyển đơn vị chức năng xác minh")
    CASE_OPENED = "case_opened", _("Đã lập vụ việc để xử lý")
    CLOSED = "closed", _("Đã kết thúc xác minh")


class TipCategory(models.TextChoices):
    """What a citizen reports; the same codes as the case categories (cases.choices.Category)."""

    SMUGGLING = "smuggling", _("Buôn lậu, vận chuyển hàng lậu qua biên giới")
    COUNTERFEIT_IP = "counterfeit_ip", _("Hàng giả, hàng nhái, kém chất lượng")
    TRADE_FRAUD = "trade_fraud", _("Gian lận thương mại, gian lận thuế")
    OTHER = "other", _("Vi phạm khác")
