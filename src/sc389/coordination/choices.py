"""The coordination app's fixed lists, with Vietnamese labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.TextChoices):
    """How a bulletin may be handled once it reaches its recipients (see docs/coordination.md).

    These are handling markings, not state-secret classifications: documents classified Mật, Tối mật or
    Tuyệt mật under the Law on Protection of State Secrets (29/2018/QH14) must not be entered in SC389.
    """

    NORMAL = "normal", _("Thường")  # every user of the recipient units and committees
    INTERNAL = (
        "internal",
        _("Lưu hành nội bộ"),
    )  # the same readers; e-mails carry the title only, never the text
    RESTRICTED = "restricted", _("Hạn chế — chỉ lãnh đạo")  # leaders and admins of the recipients only


# Roles that read a restricted bulletin (besides its author).
RESTRICTED_READER_ROLES = frozenset({"leader", "admin"})


class BulletinStatus(models.TextChoices):
    PUBLISHED = "published", _("Đang hiệu lực")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")  # kept and shown as withdrawn; no longer awaits acknowledgement


class DistributionKind(models.TextChoices):
    OWN_UNIT = "own_unit", _("Đơn vị mình")
    OWN_COMMITTEE = "own_committee", _("Ban Chỉ đạo tỉnh của đơn vị và các thành viên")
    PROVINCES = "provinces", _("Ban Chỉ đạo các tỉnh được chọn")
    ALL_PROVINCES = "all_provinces", _("Ban Chỉ đạo tất cả các tỉnh")
    NATIONAL = "national", _("Ban Chỉ đạo 389 quốc gia")
    GROUP = "group", _("Nhóm chia sẻ")


class RequestKind(models.TextChoices):
    VERIFY_PERSON = "verify_person", _("Xác minh đối tượng (cá nhân)")
    VERIFY_COMPANY = "verify_company", _("Xác minh doanh nghiệp")
    VERIFY_VEHICLE = "verify_vehicle", _("Xác minh phương tiện")
    TAKE_OVER_CASE = "take_over_case", _("Tiếp nhận vụ việc")
    JOIN_OPERATION = "join_operation", _("Tham gia phối hợp")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Đang chờ")
    ANSWERED = "answered", _("Đã trả lời")
    DECLINED = "declined", _("Đã từ chối")
    CLOSED = "closed", _("Đã đóng")


class EntityKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COMPANY = "company", _("Doanh nghiệp")
    VEHICLE = "vehicle", _("Phương tiện")
    SHOP = "shop", _("Cửa hàng, gian hàng trực tuyến")
    PHONE = "phone", _("Số điện thoại")
