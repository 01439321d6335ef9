from django.db import models
from django.utils.translation import gettext_lazy as _


class Signal(models.TextChoices):
    """Why a listing or a shop looks like counterfeit or smuggled goods (the reasons' codes)."""

    PRICE = "price", _("Giá thấp xa giá tham chiếu của nhãn hiệu")
    COVER_WORDS = "cover_words", _("Từ ngữ che giấu (xách tay, rep 1:1, fake ...)")
    RESTRICTED = "restricted", _("Hàng cấm, hàng hạn chế kinh doanh")
    UNREGISTERED = "unregistered", _("Người bán không khớp doanh nghiệp đã đăng ký")
    CASE_LINKED = "case_linked", _("Người bán có liên quan đối tượng trong vụ việc")
    NO_PROVENANCE = "no_provenance", _("Không có hóa đơn đầu vào, tờ khai nhập khẩu đủ số lượng")
