from django.utils.translation import gettext_lazy as _


class CaseErrorCode:
    """Stable codes of case errors; the API and forms show the message."""

    NOT_ALLOWED = "case.not_allowed"
    STALE = "case.stale_version"
    MERGE_SELF = "case.merge_self"
    ALREADY_MERGED = "case.already_merged"
    MERGE_UNDONE = "case.merge_already_undone"
    BAD_ATTACHMENT = "case.bad_attachment"
    BAD_PLACE = "case.bad_place"
    HAS_OUTCOMES = "case.has_outcomes"
    REASON_REQUIRED = "case.reason_required"
    DELETE_NOT_ALLOWED = "case.delete_not_allowed"
    RESTORE_NOT_ALLOWED = "case.restore_not_allowed"


MESSAGES = {
    CaseErrorCode.NOT_ALLOWED: _("Bạn không có quyền ghi vụ việc cho đơn vị này."),
    CaseErrorCode.STALE: _("Vụ việc đã được người khác sửa sau khi bạn mở; hãy tải lại để xem thay đổi."),
    CaseErrorCode.MERGE_SELF: _("Không thể gộp một vụ việc vào chính nó."),
    CaseErrorCode.ALREADY_MERGED: _("Vụ việc đã được gộp vào vụ khác."),
    CaseErrorCode.MERGE_UNDONE: _("Việc gộp này đã được hoàn tác."),
    CaseErrorCode.BAD_PLACE: _("Địa bàn phải là đơn vị hành chính (xã, huyện cũ hoặc tỉnh)."),
    CaseErrorCode.HAS_OUTCOMES: _("Vụ việc đã có kết quả xử lý, không thể đóng là không vi phạm."),
    CaseErrorCode.REASON_REQUIRED: _("Cần ghi lý do."),
    CaseErrorCode.DELETE_NOT_ALLOWED: _(
        "Vụ việc đã có kết quả xử lý hoặc đã đóng: chỉ quản trị viên của đơn vị hoặc địa bàn được xóa."
    ),
    CaseErrorCode.RESTORE_NOT_ALLOWED: _(
        "Chỉ quản trị viên của đơn vị hoặc địa bàn được khôi phục dữ liệu đã xóa."
    ),
}
