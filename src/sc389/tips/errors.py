from django.utils.translation import gettext_lazy as _


class TipErrorCode:
    """Stable codes of tip errors; the API and forms show the message."""

    RATE_LIMITED = "tip.rate_limited"
    REJECTED = "tip.rejected"
    BAD_PHOTO = "tip.bad_photo"
    TOO_MANY_PHOTOS = "tip.too_many_photos"
    NOT_TRIAGER = "tip.not_standing_office"
    NOT_HANDLER = "tip.not_routed_unit"
    WRONG_STATUS = "tip.wrong_status"
    REASON_REQUIRED = "tip.reason_required"
    BAD_PLACE = "tip.bad_place"


MESSAGES = {
    TipErrorCode.TOO_MANY_PHOTOS: _("Gửi tối đa %(count)s ảnh."),
    TipErrorCode.NOT_TRIAGER: _(
        "Chỉ Văn phòng thường trực Ban Chỉ đạo 389 của tỉnh mới phân loại, chuyển tin báo."
    ),
    TipErrorCode.NOT_HANDLER: _("Chỉ đơn vị được chuyển tin báo mới xử lý tin báo."),
    TipErrorCode.WRONG_STATUS: _("Tin báo không còn ở trạng thái cho phép thao tác này."),
    TipErrorCode.REASON_REQUIRED: _("Cần ghi lý do kết thúc tin báo."),
    TipErrorCode.BAD_PLACE: _("Địa bàn phải là tỉnh, thành phố hoặc xã, phường hiện nay."),
}
