from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện (trước 2025)")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class CommitteeLevel(models.TextChoices):
    NATIONAL = "national", _("Trung ương")
    MINISTRY = "ministry", _("Bộ, ngành")
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class ForceCode(models.TextChoices):
    CUSTOMS = "customs", _("Hải quan")
    BORDER_GUARD = "border_guard", _("Bộ đội Biên phòng")
    POLICE = "police", _("Công an")
    MARKET_SURVEILLANCE = "market_surveillance", _("Quản lý thị trường")
    TAX = "tax", _("Thuế")
    COAST_GUARD = "coast_guard", _("Cảnh sát biển")
    OTHER = "other", _("Lực lượng khác")


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ nhập vụ việc")
    REVIEWER = "reviewer", _("Cán bộ phê duyệt")
    ANALYST = "analyst", _("Chuyên viên Văn phòng thường trực")
    LEADER = "leader", _("Lãnh đạo")
    ADMIN = "admin", _("Quản trị")
