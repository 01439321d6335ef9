from django.utils.translation import gettext_lazy as _

from sc389.core.errors import DomainError


class CoordinationErrorCode:
    """Stable codes of coordination errors; the API and forms show the message."""

    NOT_ALLOWED = "coordination.not_allowed"
    NO_DISTRIBUTION = "coordination.no_distribution"
    NO_COMMITTEE = "coordination.no_committee"
    BAD_GROUP = "coordination.bad_group"
    BAD_CASE = "coordination.bad_case"
    NOT_OPEN = "coordination.request_not_open"
    NOT_HANDOVER = "coordination.not_a_handover"
    HANDOVER_MOVED = "coordination.case_lead_changed"
    EMPTY = "coordination.empty_text"
    BAD_DEADLINE = "coordination.bad_deadline"
    WITHDRAWN = "coordination.bulletin_withdrawn"
    NOT_OVERDUE = "coordination.request_not_overdue"
    TOP_LEVEL = "coordination.request_at_top"


MESSAGES = {
    CoordinationErrorCode.NOT_ALLOWED: _("Bạn không có quyền thực hiện việc này."),
    CoordinationErrorCode.NO_DISTRIBUTION: _("Cần chọn ít nhất một nơi nhận bản tin."),
    CoordinationErrorCode.NO_COMMITTEE: _("Chưa có Ban Chỉ đạo 389 cho địa bàn đã chọn."),
    CoordinationErrorCode.BAD_GROUP: _("Nhóm chia sẻ không có hoặc đơn vị của bạn không thuộc nhóm."),
    CoordinationErrorCode.BAD_CASE: _("Vụ việc không có hoặc nằm ngoài phạm vi bạn được xem."),
    CoordinationErrorCode.NOT_OPEN: _("Yêu cầu không còn ở trạng thái đang chờ."),
    CoordinationErrorCode.NOT_HANDOVER: _("Đây không phải yêu cầu tiếp nhận vụ việc."),
    CoordinationErrorCode.HANDOVER_MOVED: _("Vụ việc không còn do đơn vị gửi yêu cầu chủ trì."),
    CoordinationErrorCode.EMPTY: _("Cần nhập nội dung."),
    CoordinationErrorCode.BAD_DEADLINE: _("Hạn trả lời không được trước ngày hôm nay."),
    CoordinationErrorCode.WITHDRAWN: _("Bản tin đã bị thu hồi."),
    CoordinationErrorCode.NOT_OVERDUE: _(
        "Yêu cầu chưa quá hạn trả lời nên chưa thể báo cáo lên Ban Chỉ đạo."
    ),
    CoordinationErrorCode.TOP_LEVEL: _("Yêu cầu đã được báo cáo Ban Chỉ đạo 389 quốc gia."),
}


def error(code: str, *, field: str | None = None, status: int = 400) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field, status=status)
