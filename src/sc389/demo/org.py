"""The demo organisation: forces, their units, committees with member agencies, and the demo users.

Unit names follow the 2025 organisation of the forces (customs and tax by region, so one unit covers several
provinces; border guards by province with their posts; market surveillance teams under the provincial branch).
Regional numbers are illustrative. Everything is written through `sc389.org.services`, so it is audited.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from sc389.org import services
from sc389.org.choices import CommitteeLevel, ForceCode, Role
from sc389.org.models import AdministrativeUnit, Committee, Force, Unit

PASSWORD = "sc389-demo"
REFORM_DAY = services.REFORM_DAY

FORCES = {
    ForceCode.CUSTOMS: ("Hải quan", "Customs"),
    ForceCode.BORDER_GUARD: ("Bộ đội Biên phòng", "Border Guard"),
    ForceCode.POLICE: ("Công an", "Police"),
    ForceCode.MARKET_SURVEILLANCE: ("Quản lý thị trường", "Market Surveillance"),
    ForceCode.TAX: ("Thuế", "Tax"),
    ForceCode.COAST_GUARD: ("Cảnh sát biển", "Coast Guard"),
}

# Provinces of today the demo covers: key -> code.
# fmt: off
PROVINCES = {"hanoi": "1", "caobang": "4", "langson": "20", "quangninh": "22", "haiphong": "31", "hungyen": "33", "angiang": "91"}
# fmt: on


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    force: str
    parent: str | None
    home: str | None  # province key
    area: tuple[str, ...]  # province keys, or "commune:<province key>:<name>"
    valid_from: dt.date | None = None


C, B, P, M, T, G = (
    ForceCode.CUSTOMS,
    ForceCode.BORDER_GUARD,
    ForceCode.POLICE,
    ForceCode.MARKET_SURVEILLANCE,
    ForceCode.TAX,
    ForceCode.COAST_GUARD,
)
# fmt: off
UNITS: list[UnitSpec] = [
    UnitSpec("HQ", "Cục Hải quan", C, None, None, ()),
    UnitSpec("HQ-KV1", "Chi cục Hải quan khu vực I", C, "HQ", "hanoi", ("hanoi",)),
    UnitSpec("HQ-NOIBAI", "Hải quan cửa khẩu sân bay quốc tế Nội Bài", C, "HQ-KV1", "hanoi", ("hanoi",)),
    UnitSpec("HQ-KV3", "Chi cục Hải quan khu vực III", C, "HQ", "haiphong", ("haiphong", "hungyen")),
    UnitSpec("HQ-HUNGYEN", "Hải quan Hưng Yên", C, "HQ-KV3", "hungyen", ("hungyen",)),
    UnitSpec("HQ-KV6", "Chi cục Hải quan khu vực VI", C, "HQ", "langson", ("langson", "caobang")),
    UnitSpec("HQ-HUUNGHI", "Hải quan cửa khẩu quốc tế Hữu Nghị", C, "HQ-KV6", "langson", ("langson",)),
    UnitSpec("HQ-DONGDANG", "Hải quan cửa khẩu ga đường sắt liên vận quốc tế Đồng Đăng", C, "HQ-KV6", "langson", ("langson",)),
    UnitSpec("HQ-CHIMA", "Hải quan cửa khẩu Chi Ma", C, "HQ-KV6", "langson", ("langson",)),
    UnitSpec("HQ-TANTHANH", "Hải quan Tân Thanh", C, "HQ-KV6", "langson", ("langson",)),
    UnitSpec("HQ-TRALINH", "Hải quan cửa khẩu Trà Lĩnh", C, "HQ-KV6", "caobang", ("caobang",)),
    UnitSpec("HQ-KV8", "Chi cục Hải quan khu vực VIII", C, "HQ", "quangninh", ("quangninh",)),
    UnitSpec("HQ-MONGCAI", "Hải quan cửa khẩu quốc tế Móng Cái", C, "HQ-KV8", "quangninh", ("quangninh",)),
    UnitSpec("HQ-CAILAN", "Hải quan cảng Cái Lân", C, "HQ-KV8", "quangninh", ("quangninh",)),
    UnitSpec("HQ-KV19", "Chi cục Hải quan khu vực XIX", C, "HQ", "angiang", ("angiang",)),
    UnitSpec("HQ-TINHBIEN", "Hải quan cửa khẩu quốc tế Tịnh Biên", C, "HQ-KV19", "angiang", ("angiang",)),
    UnitSpec("BP-LS", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", B, None, "langson", ("langson",)),
    UnitSpec("BP-LS-CHIMA", "Đồn Biên phòng cửa khẩu Chi Ma", B, "BP-LS", "langson", ("langson",)),
    UnitSpec("BP-LS-HUUNGHI", "Đồn Biên phòng cửa khẩu quốc tế Hữu Nghị", B, "BP-LS", "langson", ("langson",)),
    UnitSpec("BP-LS-TANTHANH", "Đồn Biên phòng Tân Thanh", B, "BP-LS", "langson", ("langson",)),
    UnitSpec("BP-LS-BAOLAM", "Đồn Biên phòng Bảo Lâm", B, "BP-LS", "langson", ("langson",)),
    UnitSpec("BP-LS-COCNAM", "Đồn Biên phòng cửa khẩu Cốc Nam", B, "BP-LS", "langson", ("langson",)),
    UnitSpec("BP-CB", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cao Bằng", B, None, "caobang", ("caobang",)),
    UnitSpec("BP-CB-TRALINH", "Đồn Biên phòng cửa khẩu Trà Lĩnh", B, "BP-CB", "caobang", ("caobang",)),
    UnitSpec("BP-CB-TALUNG", "Đồn Biên phòng cửa khẩu Tà Lùng", B, "BP-CB", "caobang", ("caobang",)),
    UnitSpec("BP-QN", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Ninh", B, None, "quangninh", ("quangninh",)),
    UnitSpec("BP-QN-MONGCAI", "Đồn Biên phòng cửa khẩu quốc tế Móng Cái", B, "BP-QN", "quangninh", ("quangninh",)),
    UnitSpec("BP-QN-BACPHONGSINH", "Đồn Biên phòng cửa khẩu Bắc Phong Sinh", B, "BP-QN", "quangninh", ("quangninh",)),
    UnitSpec("BP-AG", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh An Giang", B, None, "angiang", ("angiang",)),
    UnitSpec("BP-AG-TINHBIEN", "Đồn Biên phòng cửa khẩu quốc tế Tịnh Biên", B, "BP-AG", "angiang", ("angiang",)),
    UnitSpec("BP-AG-VINHXUONG", "Đồn Biên phòng cửa khẩu quốc tế Vĩnh Xương", B, "BP-AG", "angiang", ("angiang",)),
    UnitSpec("BP-HY", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hưng Yên", B, None, "hungyen", ("hungyen",)),
    UnitSpec("QLTT-LS", "Chi cục Quản lý thị trường tỉnh Lạng Sơn", M, None, "langson", ("langson",)),
    UnitSpec("QLTT-LS-1", "Đội QLTT số 1 — Chi cục QLTT Lạng Sơn", M, "QLTT-LS", "langson", ("langson",)),
    UnitSpec("QLTT-LS-3", "Đội QLTT số 3 — Chi cục QLTT Lạng Sơn", M, "QLTT-LS", "langson", ("langson",)),
    UnitSpec("QLTT-LS-5", "Đội QLTT số 5 — Chi cục QLTT Lạng Sơn", M, "QLTT-LS", "langson", ("langson",)),
    UnitSpec("QLTT-LS-CD", "Đội QLTT cơ động — Chi cục QLTT Lạng Sơn", M, "QLTT-LS", "langson", ("langson",)),
    UnitSpec("QLTT-CB", "Chi cục Quản lý thị trường tỉnh Cao Bằng", M, None, "caobang", ("caobang",)),
    UnitSpec("QLTT-QN", "Chi cục Quản lý thị trường tỉnh Quảng Ninh", M, None, "quangninh", ("quangninh",)),
    UnitSpec("QLTT-HN", "Chi cục Quản lý thị trường thành phố Hà Nội", M, None, "hanoi", ("hanoi",)),
    UnitSpec("QLTT-HN-13", "Đội QLTT số 13 — Chi cục QLTT Hà Nội", M, "QLTT-HN", "hanoi", ("hanoi",)),
    UnitSpec("QLTT-HN-TMDT", "Đội QLTT thương mại điện tử — Chi cục QLTT Hà Nội", M, "QLTT-HN", "hanoi", ("hanoi",)),
    UnitSpec("QLTT-HY", "Chi cục Quản lý thị trường tỉnh Hưng Yên", M, None, "hungyen", ("hungyen",)),
    UnitSpec("QLTT-HY-1", "Đội QLTT số 1 — Chi cục QLTT Hưng Yên", M, "QLTT-HY", "hungyen", ("hungyen",)),
    UnitSpec("QLTT-HY-4", "Đội QLTT số 4 — Chi cục QLTT Hưng Yên", M, "QLTT-HY", "hungyen", ("hungyen",)),
    UnitSpec("QLTT-HY-7", "Đội QLTT số 7 — Chi cục QLTT Hưng Yên", M, "QLTT-HY", "hungyen", ("hungyen",)),
    UnitSpec("QLTT-AG", "Chi cục Quản lý thị trường tỉnh An Giang", M, None, "angiang", ("angiang",)),
    UnitSpec("CA-LS-KT", "Phòng Cảnh sát kinh tế Công an tỉnh Lạng Sơn", P, None, "langson", ("langson",)),
    UnitSpec("CA-LS-DONGDANG", "Công an xã Đồng Đăng", P, None, "langson", ("commune:langson:Xã Đồng Đăng",), REFORM_DAY),
    UnitSpec("CA-CB-KT", "Phòng Cảnh sát kinh tế Công an tỉnh Cao Bằng", P, None, "caobang", ("caobang",)),
    UnitSpec("CA-QN-KT", "Phòng Cảnh sát kinh tế Công an tỉnh Quảng Ninh", P, None, "quangninh", ("quangninh",)),
    UnitSpec("CA-HN-KT", "Phòng Cảnh sát kinh tế Công an thành phố Hà Nội", P, None, "hanoi", ("hanoi",)),
    UnitSpec("CA-HY-KT", "Phòng Cảnh sát kinh tế Công an tỉnh Hưng Yên", P, None, "hungyen", ("hungyen",)),
    UnitSpec("CA-HY-MT", "Phòng Cảnh sát phòng, chống tội phạm về môi trường Công an tỉnh Hưng Yên", P, None, "hungyen", ("hungyen",)),
    UnitSpec("CA-AG-KT", "Phòng Cảnh sát kinh tế Công an tỉnh An Giang", P, None, "angiang", ("angiang",)),
    UnitSpec("THUE-KV1", "Chi cục Thuế khu vực I", T, None, "hanoi", ("hanoi",)),
    UnitSpec("THUE-KV4", "Chi cục Thuế khu vực IV", T, None, "hungyen", ("hungyen", "haiphong")),
    UnitSpec("THUE-KV7", "Chi cục Thuế khu vực VII", T, None, "langson", ("langson", "caobang", "quangninh")),
    UnitSpec("CSB-V1", "Bộ Tư lệnh Vùng Cảnh sát biển 1", G, None, "quangninh", ("quangninh", "haiphong", "hungyen")),
]
# fmt: on


@dataclass(frozen=True)
class CommitteeSpec:
    code: str
    name: str
    level: str
    area: str | None  # province key or "commune:<province key>:<name>"
    parent: str | None
    members: tuple[tuple[str, str | None], ...] = ()  # (agency name, unit code)


def _provincial(key: str, title: str, units: dict[str, str]) -> CommitteeSpec:
    """A provincial committee with the member agencies the provinces list (Sơn La, Quảng Ninh compositions)."""
    members = (
        (f"Sở Công Thương {title} (Chi cục Quản lý thị trường)", units.get("qltt")),
        (f"Công an {title}", units.get("police")),
        (f"Bộ Chỉ huy Bộ đội Biên phòng {title}", units.get("border")),
        (f"Hải quan ({title})", units.get("customs")),
        (f"Thuế ({title})", units.get("tax")),
        (f"Sở Y tế {title}", None),
        (f"Sở Khoa học và Công nghệ {title}", None),
        (f"Sở Nông nghiệp và Môi trường {title}", None),
        (f"Viện Kiểm sát nhân dân {title}", None),
        (f"Ủy ban Mặt trận Tổ quốc Việt Nam {title}", None),
    )
    return CommitteeSpec(
        f"BCD389-{PROVINCES[key]}",
        f"Ban Chỉ đạo 389 {title}",
        CommitteeLevel.PROVINCE,
        key,
        "BCD389",
        members,
    )


COMMITTEES: list[CommitteeSpec] = [
    CommitteeSpec(
        "BCD389",
        "Ban Chỉ đạo quốc gia chống buôn lậu, gian lận thương mại và hàng giả (Ban Chỉ đạo 389 quốc gia)",
        CommitteeLevel.NATIONAL,
        None,
        None,
        (
            ("Văn phòng Thường trực Ban Chỉ đạo 389 quốc gia", "HQ"),
            ("Bộ Tài chính (Cục Hải quan, Cục Thuế)", "HQ"),
            ("Bộ Công Thương (Cục Quản lý và Phát triển thị trường trong nước)", None),
            ("Bộ Công an (Cục Cảnh sát kinh tế)", None),
            ("Bộ Quốc phòng (Bộ Tư lệnh Bộ đội Biên phòng, Bộ Tư lệnh Cảnh sát biển)", None),
        ),
    ),
    # fmt: off
    _provincial(
        "langson",
        "tỉnh Lạng Sơn",
        {"qltt": "QLTT-LS", "police": "CA-LS-KT", "border": "BP-LS", "customs": "HQ-KV6", "tax": "THUE-KV7"},
    ),
    _provincial(
        "hungyen",
        "tỉnh Hưng Yên",
        {
            "qltt": "QLTT-HY",
            "police": "CA-HY-KT",
            "border": "BP-HY",
            "customs": "HQ-HUNGYEN",
            "tax": "THUE-KV4",
        },
    ),
    _provincial(
        "caobang",
        "tỉnh Cao Bằng",
        {
            "qltt": "QLTT-CB",
            "police": "CA-CB-KT",
            "border": "BP-CB",
            "customs": "HQ-TRALINH",
            "tax": "THUE-KV7",
        },
    ),
    _provincial(
        "quangninh",
        "tỉnh Quảng Ninh",
        {"qltt": "QLTT-QN", "police": "CA-QN-KT", "border": "BP-QN", "customs": "HQ-KV8", "tax": "THUE-KV7"},
    ),
    _provincial(
        "hanoi",
        "thành phố Hà Nội",
        {"qltt": "QLTT-HN", "police": "CA-HN-KT", "customs": "HQ-KV1", "tax": "THUE-KV1"},
    ),
    _provincial(
        "angiang",
        "tỉnh An Giang",
        {"qltt": "QLTT-AG", "police": "CA-AG-KT", "border": "BP-AG", "customs": "HQ-KV19"},
    ),
    CommitteeSpec(
        "BCD389-20-DONGDANG",
        "Ban Chỉ đạo 389 xã Đồng Đăng",
        CommitteeLevel.COMMUNE,
        "commune:langson:Xã Đồng Đăng",
        "BCD389-20",
        (("Công an xã Đồng Đăng", "CA-LS-DONGDANG"),),
    ),
    CommitteeSpec(
        "BCD389-33-PHOHIEN",
        "Ban Chỉ đạo 389 phường Phố Hiến",
        CommitteeLevel.COMMUNE,
        "commune:hungyen:Phường Phố Hiến",
        "BCD389-33",
    ),
    CommitteeSpec(
        "BCD389-22-MONGCAI1",
        "Ban Chỉ đạo 389 phường Móng Cái 1",
        CommitteeLevel.COMMUNE,
        "commune:quangninh:Phường Móng Cái 1",
        "BCD389-22",
    ),
    # fmt: on
]

# username: (role, "unit:CODE" or "committee:CODE", sex of the person behind it)
USERS: dict[str, tuple[str, str, str]] = {
    "quantri": (Role.ADMIN, "committee:BCD389", "male"),
    "lanhdao.quocgia": (Role.LEADER, "committee:BCD389", "male"),
    "vptt.chuyenvien1": (Role.ANALYST, "committee:BCD389", "female"),
    "vptt.chuyenvien2": (Role.ANALYST, "committee:BCD389", "male"),
    "lanhdao.langson": (Role.LEADER, "committee:BCD389-20", "male"),
    "chuyenvien.langson": (Role.ANALYST, "committee:BCD389-20", "female"),
    "quantri.langson": (Role.ADMIN, "committee:BCD389-20", "male"),
    "lanhdao.hungyen": (Role.LEADER, "committee:BCD389-33", "male"),
    "chuyenvien.hungyen": (Role.ANALYST, "committee:BCD389-33", "female"),
    "quantri.hungyen": (Role.ADMIN, "committee:BCD389-33", "male"),
    "lanhdao.caobang": (Role.LEADER, "committee:BCD389-4", "male"),
    "lanhdao.quangninh": (Role.LEADER, "committee:BCD389-22", "female"),
    "lanhdao.hanoi": (Role.LEADER, "committee:BCD389-1", "male"),
    "lanhdao.angiang": (Role.LEADER, "committee:BCD389-91", "male"),
    "chuyenvien.dongdang": (Role.ANALYST, "committee:BCD389-20-DONGDANG", "female"),
    "lanhdao.haiquan": (Role.LEADER, "unit:HQ", "male"),
    "lanhdao.hq.kv6": (Role.LEADER, "unit:HQ-KV6", "male"),
    "pheduyet.hq.huunghi": (Role.REVIEWER, "unit:HQ-HUUNGHI", "female"),
    "pheduyet.bp.chima": (Role.REVIEWER, "unit:BP-LS-CHIMA", "male"),
    "pheduyet.qltt.ls5": (Role.REVIEWER, "unit:QLTT-LS-5", "male"),
    "pheduyet.ca.hungyen": (Role.REVIEWER, "unit:CA-HY-KT", "male"),
    "pheduyet.qltt.hungyen": (Role.REVIEWER, "unit:QLTT-HY", "female"),
}
# Every unit that leads cases has an officer who records them: canbo.<unit code in lower case>.
OFFICER_PREFIX = "canbo."


def officer_username(unit_code: str) -> str:
    return OFFICER_PREFIX + unit_code.lower()


@dataclass
class DemoOrg:
    provinces: dict[str, AdministrativeUnit] = field(default_factory=dict)
    forces: dict[str, Force] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, unit or committee


def _place(ref: str, provinces: dict[str, AdministrativeUnit]) -> AdministrativeUnit:
    if not ref.startswith("commune:"):
        return provinces[ref]
    _kind, key, name = ref.split(":", 2)
    return AdministrativeUnit.objects.get(
        level="commune", name=name, parent=provinces[key], valid_to__isnull=True
    )


def org_seed(*, lead_units: list[str], names, actor=None) -> DemoOrg:
    """Create forces, units, committees, member agencies and users; `names` gives each user a full name."""
    org = DemoOrg()
    org.provinces = {
        key: AdministrativeUnit.objects.get(level="province", code=code, valid_to__isnull=True)
        for key, code in PROVINCES.items()
    }
    for code, (name, name_en) in FORCES.items():
        org.forces[code] = services.force_ensure(code=code, name=name, name_en=name_en, actor=actor)
    for spec in UNITS:
        org.units[spec.code] = services.unit_create(
            code=spec.code,
            name=spec.name,
            force=org.forces[spec.force],
            parent=org.units[spec.parent] if spec.parent else None,
            home_province=org.provinces[spec.home] if spec.home else None,
            area=[_place(ref, org.provinces) for ref in spec.area],
            valid_from=spec.valid_from,
            actor=actor,
        )
    for spec in COMMITTEES:
        committee = services.committee_create(
            code=spec.code,
            name=spec.name,
            level=spec.level,
            area=_place(spec.area, org.provinces) if spec.area else None,
            parent=org.committees[spec.parent] if spec.parent else None,
            actor=actor,
        )
        org.committees[spec.code] = committee
        for member, unit_code in spec.members:
            unit = org.units[unit_code] if unit_code else None
            services.committee_member_add(
                committee=committee, name=member, force=unit.force if unit else None, unit=unit, actor=actor
            )
    accounts = dict(USERS)
    for code in lead_units:
        accounts[officer_username(code)] = (Role.OFFICER, f"unit:{code}", "")
    for username, (role, where, sex) in accounts.items():
        # One known password for every demo account: hashed once below, not seventy times over.
        user = services.user_create(
            username=username,
            password=None,
            full_name=names(sex),
            email=f"{username}@demo.sc389.vn",
            actor=actor,
        )
        kind, code = where.split(":", 1)
        target = org.units[code] if kind == "unit" else org.committees[code]
        services.membership_grant(user=user, role=role, actor=actor, **{kind: target})
        org.users[username] = user
        org.logins.append((username, str(Role(role).label), target.name))
    get_user_model().objects.filter(pk__in=[u.pk for u in org.users.values()]).update(
        password=make_password(PASSWORD)
    )
    return org
