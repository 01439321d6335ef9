"""Demo direction data: a working session of a provincial committee in October 2025 with its conclusions turned
into tasks, a plan with tasks, and the 2025 peak campaigns. Called by the demo seed (sc389 seed_demo); every
write goes through the services, so the demo has its audit trail like real data.

The conclusions are written for the demo in the style of a notice of conclusions; they are not quoted from a
published notice.
"""

import datetime as dt

from sc389.org.models import Committee, Unit

from . import services
from .models import WorkingSession

CONCLUSIONS = [
    "Các lực lượng chức năng tăng cường kiểm tra, kiểm soát địa bàn trọng điểm, tuyến quốc lộ 5 và quốc lộ 39, "
    "kịp thời phát hiện, xử lý hàng nhập lậu, hàng không rõ nguồn gốc xuất xứ.",
    "Quản lý thị trường chủ trì kiểm tra cơ sở kinh doanh mỹ phẩm, thực phẩm chức năng, sữa bột trên địa bàn, "
    "nhất là hàng bán qua thương mại điện tử và mạng xã hội.",
    "Công an tỉnh tập trung điều tra, xác minh các đường dây mua bán hóa đơn trái phép, doanh nghiệp bỏ địa chỉ "
    "kinh doanh; báo cáo kết quả trước ngày 15/12/2025.",
    "Các thành viên Ban Chỉ đạo báo cáo kết quả thực hiện đợt cao điểm 17/5–15/10/2025 về Văn phòng thường trực "
    "trước ngày 30/11/2025 để tổng hợp.",
]

CAMPAIGNS = [
    (
        "Tháng cao điểm đấu tranh chống buôn lậu, gian lận thương mại, hàng giả",
        dt.date(2025, 5, 15),
        dt.date(2025, 6, 15),
        "Công điện 65/CĐ-TTg ngày 15/5/2025",
        True,
    ),
    (
        "Cao điểm cuối năm và Tết Nguyên đán Bính Ngọ 2026",
        dt.date(2025, 12, 16),
        dt.date(2026, 3, 15),
        "Công văn 11554/VPCP ngày 25/11/2025",
        True,
    ),
    (
        "Đợt cao điểm của tỉnh thực hiện Chỉ thị 13/CT-TTg",
        dt.date(2025, 5, 17),
        dt.date(2025, 10, 15),
        "Chỉ thị 13/CT-TTg ngày 17/5/2025",
        False,
    ),
]


def seed(*, actor, national: Committee, committee: Committee, units: list[Unit]) -> WorkingSession:
    """The October 2025 session of `committee` with its conclusions as tasks for `units` (assigned in turn),
    a plan of the committee with one task per unit, and the peak campaigns (national ones under `national`)."""
    session = services.session_create(
        actor=actor,
        committee=committee,
        kind="session",
        held_on=dt.date(2025, 10, 20),
        title="Sơ kết đợt cao điểm 17/5–15/10/2025, triển khai nhiệm vụ cuối năm",
        place_text="Trụ sở Ủy ban nhân dân tỉnh",
        chaired_by="Phó Chủ tịch Ủy ban nhân dân tỉnh, Trưởng Ban Chỉ đạo 389 tỉnh",
        participants_text="Thành viên Ban Chỉ đạo 389 tỉnh; lãnh đạo các lực lượng chức năng",
        participant_units=units,
        conclusions=CONCLUSIONS,
    )
    deadlines = [dt.date(2025, 12, 31), dt.date(2025, 11, 30), dt.date(2025, 12, 15), dt.date(2025, 11, 30)]
    for index, conclusion in enumerate(session.conclusions.all()):
        services.task_assign(
            actor=actor,
            committee=committee,
            assignee=units[index % len(units)],
            title=conclusion.text.split(",")[0],
            description=conclusion.text,
            due_on=deadlines[index % len(deadlines)],
            conclusion=conclusion,
        )
    plan = services.directive_create(
        actor=actor,
        committee=committee,
        kind="plan",
        number="125/KH-BCĐ389",
        issued_on=dt.date(2025, 11, 5),
        title="Kế hoạch cao điểm đấu tranh chống buôn lậu, gian lận thương mại, hàng giả dịp cuối năm 2025 và "
        "Tết Nguyên đán Bính Ngọ 2026",
    )
    for unit in units:
        services.task_assign(
            actor=actor,
            committee=committee,
            assignee=unit,
            title="Xây dựng kế hoạch của đơn vị thực hiện Kế hoạch 125/KH-BCĐ389",
            due_on=dt.date(2025, 12, 10),
            directive=plan,
        )
    for name, start, end, basis, is_national in CAMPAIGNS:
        services.campaign_create(
            actor=actor,
            committee=national if is_national else committee,
            name=name,
            starts_on=start,
            ends_on=end,
            basis=basis,
        )
    return session
