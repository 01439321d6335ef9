"""Demo coordination data: the northern border sharing group, bulletins (Lạng Sơn → Cao Bằng and the group; an
e-commerce counterfeit milk powder note to every province) with acknowledgements and action reports, a request
between provinces with its thread, a hand-over from the police to market surveillance, and a case network across
Lạng Sơn and Cao Bằng. Called by the demo seed (sc389 seed_demo); every write goes through the services, so
the demo has its audit trail like real data.

Deterministic: the actors are the first officer of each unit (by id), the cases are chosen by date and
reference, and the dates are fixed. It changes no published figure: the hand-over moves a case recorded here
(November 2025, outside every figure's window), and the network only links existing cases.
"""

import datetime as dt

from django.db.models import Q

from sc389.cases.models import Case
from sc389.cases.services import case_create
from sc389.org.choices import Role
from sc389.org.models import AdministrativeUnit, Committee, Membership, Unit

from . import services
from .models import Bulletin

GROUP_UNITS = ("BP-LS-CHIMA", "HQ-HUUNGHI", "BP-CB-TRALINH", "HQ-TRALINH", "BP-QN-MONGCAI", "QLTT-CB")
# (the request's asking day, its deadline) are in the past of the demo's story; the request was answered.
ASKED_ON, DEADLINE = dt.date(2025, 11, 3), dt.date(2025, 11, 10)


def _officer(unit: Unit):
    """The first officer (or reviewer) of the unit: who acts for it in the demo."""
    row = (
        Membership.objects.filter(unit=unit, role__in=[Role.OFFICER, Role.REVIEWER])
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    if row is None:
        raise RuntimeError(f"the demo has no officer in {unit.code}")
    return row.user


def _latest_case(unit: Unit, year: int) -> Case:
    found = (
        Case.objects.filter(lead_unit=unit, detected_on__year=year, merged_into__isnull=True)
        .order_by("-detected_on", "reference")
        .first()
    )
    if found is None:
        raise RuntimeError(f"the demo has no {year} case of {unit.code}")
    return found


def seed(*, users: dict, units: dict[str, Unit], committees: dict[str, Committee]) -> list[Bulletin]:
    """Write the coordination demo; `users`, `units`, `committees` are the demo organisation's, by key."""
    langson, caobang = committees["BCD389-20"], committees["BCD389-4"]
    group = services.sharing_group_create(
        actor=users["quantri.langson"],
        owner_committee=langson,
        name="Các tỉnh biên giới phía Bắc",
        description="Trao đổi thông tin thường xuyên giữa các lực lượng tuyến biên giới Lạng Sơn – Cao Bằng – "
        "Quảng Ninh.",
        units=[units[code] for code in GROUP_UNITS],
    )
    chima, tralinh_bp = units["BP-LS-CHIMA"], units["BP-CB-TRALINH"]
    trail = services.bulletin_publish(
        actor=_officer(chima),
        author_unit=chima,
        title="Gia cầm nhập lậu vận chuyển qua đường mòn ban đêm",
        body="Từ cuối tháng 10/2025 các đối tượng dùng xe máy chở thùng xốp gà thải, gà giống qua đường mòn "
        "khu vực mốc 1119–1120 (xã Đồng Đăng) trong khoảng 1 giờ đến 4 giờ sáng, sau đó tập kết tại kho "
        "ven quốc lộ 4A hướng đi Cao Bằng. Đề nghị các đơn vị tăng cường tuần tra, phối hợp chốt chặn.",
        distributions=[
            {"kind": "provinces", "province": caobang.area},
            {"kind": "group", "group": group},
        ],
        entities=[("vehicle", "12C-123.45"), ("phone", "0912 345 678")],
    )
    milk = units["QLTT-HN-TMDT"]
    milk_note = services.bulletin_publish(
        actor=_officer(milk),
        author_unit=milk,
        title="Sữa bột trẻ em giả bán trên sàn thương mại điện tử",
        body="Gian hàng “Mẹ và Bé Nhập Khẩu” trên sàn thương mại điện tử bán sữa bột trẻ em mang nhãn hiệu nước "
        "ngoài giá thấp hơn 40% giá thị trường, vỏ hộp in mờ, không có nhãn phụ tiếng Việt; hàng giao từ "
        "các kho tại Hà Nội và Lạng Sơn. Đề nghị lực lượng quản lý thị trường các tỉnh rà soát các điểm "
        "giao nhận trên địa bàn.",
        distributions=[{"kind": "all_provinces"}, {"kind": "national"}],
        entities=[("shop", "Mẹ và Bé Nhập Khẩu"), ("phone", "0987 654 321")],
    )
    services.bulletin_publish(
        actor=_officer(units["CA-LS-KT"]),
        author_unit=units["CA-LS-KT"],
        title="Đường dây mua bán hóa đơn qua mạng xã hội",
        body="Một số tài khoản mạng xã hội quảng cáo bán hóa đơn giá trị gia tăng theo tỷ lệ phần trăm; các "
        "doanh nghiệp liên quan đăng ký địa chỉ tại thành phố Lạng Sơn cũ. Lưu hành trong Ban Chỉ đạo tỉnh.",
        sensitivity="internal",
        distributions=[{"kind": "own_committee"}],
    )
    # Recipients acknowledge and report what they did.
    services.bulletin_acknowledge(bulletin=trail, actor=users["lanhdao.caobang"])
    services.bulletin_report_action(
        bulletin=trail,
        actor=_officer(tralinh_bp),
        action_taken="Đã bố trí tổ công tác tuần tra khu vực đường mòn giáp ranh từ 0 giờ đến 5 giờ sáng.",
    )
    services.bulletin_acknowledge(bulletin=milk_note, actor=users["lanhdao.langson"])
    services.bulletin_report_action(
        bulletin=milk_note,
        actor=_officer(units["QLTT-CB"]),
        action_taken="Đã kiểm tra 2 điểm giao nhận hàng tại Cao Bằng, chưa phát hiện sản phẩm nêu trong bản tin.",
    )
    # A request between provinces, answered and closed.
    huunghi = units["HQ-HUUNGHI"]
    verify = services.request_create(
        actor=_officer(huunghi),
        kind="verify_vehicle",
        from_unit=huunghi,
        to_unit=tralinh_bp,
        subject="Xác minh xe tải 12C-123.45 nghi vận chuyển hàng nhập lậu",
        body="Đề nghị xác minh chủ phương tiện và hành trình của xe tải 12C-123.45 trong tháng 10/2025.",
        deadline=DEADLINE,
        today=ASKED_ON,
    )
    services.reply_add(
        request=verify,
        actor=_officer(tralinh_bp),
        body="Xe đăng ký tại Cao Bằng, chủ xe là doanh nghiệp vận tải; đã 4 lần qua chốt Trà Lĩnh trong tháng "
        "10/2025, lần nào cũng chở hàng nông sản có giấy tờ.",
    )
    services.reply_add(
        request=verify,
        actor=_officer(huunghi),
        body="Cảm ơn đơn vị; Hải quan Hữu Nghị tiếp tục theo dõi phương tiện.",
    )
    services.request_close(request=verify, actor=_officer(huunghi))
    # A hand-over: the police seize frozen offal and hand it to market surveillance to handle.
    police, qltt = units["CA-LS-KT"], units["QLTT-LS-1"]
    place = AdministrativeUnit.objects.get(
        Q(valid_to__isnull=True), level="commune", parent=langson.area, name="Xã Cao Lộc"
    )
    seized = case_create(
        actor=_officer(police),
        lead_unit=police,
        category="smuggling",
        detected_on=dt.date(2025, 11, 12),
        place=place,
        narrative="Tạm giữ 1,2 tấn nầm lợn đông lạnh không có hóa đơn, chứng từ, không rõ nguồn gốc xuất xứ "
        "trên xe tải tại quốc lộ 1A.",
    )
    handover = services.request_create(
        actor=_officer(police),
        kind="take_over_case",
        from_unit=police,
        to_unit=qltt,
        subject="Chuyển giao vụ tạm giữ 1,2 tấn nầm lợn đông lạnh để xử lý hành chính",
        deadline=dt.date(2025, 11, 20),
        case=seized,
        today=dt.date(2025, 11, 13),
    )
    services.request_accept_handover(request=handover, actor=_officer(qltt))
    # A network across two provinces: the Chi Ma and Trà Lĩnh posts' latest cases of 2025.
    services.case_network_create(
        actor=users["quantri"],
        name="Đường dây gia cầm nhập lậu Lạng Sơn – Cao Bằng",
        description="Cùng phương thức: gom hàng ban đêm qua đường mòn, tập kết tại kho ven quốc lộ 4A.",
        cases=[_latest_case(chima, 2025), _latest_case(tralinh_bp, 2025)],
    )
    return [trail, milk_note]
