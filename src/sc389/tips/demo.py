"""Demo tips from the public: submitted, routed, turned into a case or closed, through the services (so each
has its audit trail). Called by the demo seed (sc389 seed_demo)."""

from sc389.org.models import AdministrativeUnit

from . import routing, services
from .models import Tip

TIPS = [
    (
        "smuggling",
        "Khoảng 2 giờ sáng có nhiều xe máy chở thùng xốp gia cầm đi qua đường mòn sau chợ, hướng từ biên "
        "giới vào, không có giấy kiểm dịch.",
    ),
    (
        "counterfeit_ip",
        "Cửa hàng tạp hóa đầu chợ bán sữa bột trẻ em nhãn nước ngoài giá rẻ bất thường, vỏ hộp in mờ, "
        "không có tem nhập khẩu.",
    ),
    (
        "trade_fraud",
        "Một tài khoản bán hàng trên mạng xã hội quảng cáo bán hóa đơn giá trị gia tăng theo tỷ lệ phần "
        "trăm, hẹn giao dịch qua ứng dụng nhắn tin.",
    ),
    (
        "counterfeit_ip",
        "Kho hàng trong ngõ chứa nhiều thùng mỹ phẩm không nhãn phụ tiếng Việt, xe tải nhỏ ra vào ban đêm.",
    ),
]


def seed(*, places: list[AdministrativeUnit], triager) -> list[Tip]:
    """Tips at `places` (in turn); the first ones routed by `triager` to the suggested unit."""
    made = []
    for index, (category, text) in enumerate(TIPS):
        tip = services.tip_submit(category=category, place=places[index % len(places)], description=text)
        suggested = routing.suggestions(tip, limit=1)
        if index < 2 and suggested:
            tip = services.tip_route(actor=triager, tip=tip, unit=suggested[0])
        made.append(tip)
    return made
