from django.utils.translation import gettext_lazy as _


class DirectionErrorCode:
    """Stable codes of direction errors; the API and forms show the message."""

    NOT_STAFF = "direction.not_committee_staff"
    NOT_ASSIGNEE = "direction.not_assignee"
    TASK_CLOSED = "direction.task_closed"
    WRONG_COMMITTEE = "direction.wrong_committee"
    BAD_DOCUMENT = "direction.bad_document"


MESSAGES = {
    DirectionErrorCode.NOT_STAFF: _("Chỉ cán bộ của Ban Chỉ đạo này mới được thực hiện."),
    DirectionErrorCode.NOT_ASSIGNEE: _("Chỉ đơn vị được giao nhiệm vụ mới được báo cáo tiến độ."),
    DirectionErrorCode.TASK_CLOSED: _("Nhiệm vụ đã kết thúc, không nhận thêm báo cáo."),
    DirectionErrorCode.WRONG_COMMITTEE: _("Kết luận hoặc văn bản thuộc Ban Chỉ đạo khác."),
}
