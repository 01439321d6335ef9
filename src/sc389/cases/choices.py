from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    SMUGGLING = "smuggling", _("Buôn lậu, vận chuyển trái phép hàng hóa qua biên giới")
    TRADE_FRAUD = "trade_fraud", _("Gian lận thương mại, gian lận thuế")
    COUNTERFEIT_IP = "counterfeit_ip", _("Hàng giả, xâm phạm sở hữu trí tuệ")
    OTHER = "other", _("Vi phạm khác")


class Channel(models.TextChoices):
    TRAIL = "trail", _("Đường mòn, lối mở")
    BORDER_GATE = "border_gate", _("Cửa khẩu")
    INLAND_MARKET = "inland_market", _("Chợ, thị trường nội địa")
    WAREHOUSE = "warehouse", _("Kho, bãi")
    ECOMMERCE = "ecommerce", _("Sàn thương mại điện tử")
    SOCIAL_NETWORK = "social_network", _("Mạng xã hội")
    COURIER = "courier", _("Chuyển phát nhanh")
    AIRPORT = "airport", _("Cảng hàng không")
    SEAPORT = "seaport", _("Cảng biển")
    ROAD = "road", _("Đường bộ nội địa")
    OTHER = "other", _("Khác")


ONLINE_CHANNELS = frozenset({Channel.ECOMMERCE, Channel.SOCIAL_NETWORK})


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Đang xử lý")
    SANCTIONED = "sanctioned", _("Đã xử phạt hành chính")
    PROSECUTED = "prosecuted", _("Đã khởi tố")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan khác")
    CLOSED = "closed", _("Đã đóng, không vi phạm")
    MERGED = "merged", _("Đã gộp vào vụ khác")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COMPANY = "company", _("Doanh nghiệp")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    VEHICLE = "vehicle", _("Phương tiện")
    ONLINE_ACCOUNT = "online_account", _("Gian hàng, tài khoản trực tuyến")
    PHONE = "phone", _("Số điện thoại")


class PartyRole(models.TextChoices):
    SUSPECT = "suspect", _("Đối tượng vi phạm")
    OWNER = "owner", _("Chủ hàng")
    DRIVER = "driver", _("Người điều khiển phương tiện")
    WITNESS = "witness", _("Người làm chứng")
    RELATED = "related", _("Liên quan")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class TaxCodeKind(models.TextChoices):
    MST10 = "mst10", _("Mã số thuế 10 số")
    MST13 = "mst13", _("Mã số thuế 13 số (chi nhánh)")
    PERSONAL_ID = "personal_id", _("Số định danh cá nhân 12 số (từ 01/7/2025)")


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    DECISION = "decision", _("Quyết định")
    RECORD = "record", _("Biên bản")
    OTHER = "other", _("Tài liệu khác")


class RemittanceKind(models.TextChoices):
    FINE = "fine", _("Tiền phạt")
    TAX = "tax", _("Thuế truy thu")
    GOODS_SALE = "goods_sale", _("Tiền bán hàng tịch thu")
    OTHER = "other", _("Khoản khác")
