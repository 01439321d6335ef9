"""The standard organisation tree of the tests, with named personas.

national committee ─ Lạng Sơn (20) committee ─ commune committee of Đồng Đăng
                   ─ Cao Bằng (4) committee
                   ─ Hưng Yên (33) committee
customs: regional branch VI (covers Lạng Sơn and Cao Bằng) ─ Hữu Nghị border-gate sub-branch (Lạng Sơn)
border guard: Lạng Sơn post, Cao Bằng post; market surveillance: Lạng Sơn team 5; police: Hưng Yên economic police
"""

from dataclasses import dataclass, field

from sc389.org import services as org
from sc389.org.choices import CommitteeLevel, ForceCode, Role
from sc389.org.models import AdministrativeUnit, Committee, Force, Unit

PASSWORD = "test-password-389"


def province(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(level="province", code=code, valid_to__isnull=True)


def commune(name: str, province_code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(
        level="commune", name=name, parent__code=province_code, valid_to__isnull=True
    )


def historic(level: str, name_contains: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(level=level, name__contains=name_contains, valid_to__isnull=False)


@dataclass
class OrgTree:
    provinces: dict[str, AdministrativeUnit] = field(default_factory=dict)
    communes: dict[str, AdministrativeUnit] = field(default_factory=dict)
    forces: dict[str, Force] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)


# persona -> (role, unit key or committee key)
PERSONAS = {
    "admin_national": (Role.ADMIN, "committee:national"),
    "leader_national": (Role.LEADER, "committee:national"),
    "analyst_national": (Role.ANALYST, "committee:national"),
    "leader_langson": (Role.LEADER, "committee:langson"),
    "analyst_langson": (Role.ANALYST, "committee:langson"),
    "admin_langson": (Role.ADMIN, "committee:langson"),
    "staff_commune_a": (Role.ANALYST, "committee:dongdang"),
    "leader_caobang": (Role.LEADER, "committee:caobang"),
    "leader_hungyen": (Role.LEADER, "committee:hungyen"),
    "leader_customs_region": (Role.LEADER, "unit:customs_region6"),
    "officer_langson_customs": (Role.OFFICER, "unit:customs_huunghi"),
    "reviewer_langson_customs": (Role.REVIEWER, "unit:customs_huunghi"),
    "officer_langson_qltt": (Role.OFFICER, "unit:qltt_langson5"),
    "officer_langson_bp": (Role.OFFICER, "unit:bp_langson"),
    "officer_caobang_bp": (Role.OFFICER, "unit:bp_caobang"),
    "officer_hungyen_police": (Role.OFFICER, "unit:police_hungyen"),
}


def build() -> OrgTree:
    t = OrgTree()
    t.provinces = {"langson": province("20"), "caobang": province("4"), "hungyen": province("33")}
    t.communes = {
        "dongdang": commune("Xã Đồng Đăng", "20"),
        "kyla": commune("Phường Kỳ Lừa", "20"),
        "hungyen_ward": commune("Phường Phố Hiến", "33"),
    }
    names = {
        ForceCode.CUSTOMS: "Hải quan",
        ForceCode.BORDER_GUARD: "Bộ đội Biên phòng",
        ForceCode.MARKET_SURVEILLANCE: "Quản lý thị trường",
        ForceCode.POLICE: "Công an",
    }
    t.forces = {code.value: org.force_ensure(code=code, name=name) for code, name in names.items()}
    ls, cb, hy = t.provinces["langson"], t.provinces["caobang"], t.provinces["hungyen"]
    t.units["customs_region6"] = org.unit_create(
        code="HQ-KV6",
        name="Chi cục Hải quan khu vực VI",
        force=t.forces["customs"],
        home_province=ls,
        area=[ls, cb],
    )
    t.units["customs_huunghi"] = org.unit_create(
        code="HQ-HN",
        name="Hải quan cửa khẩu Hữu Nghị",
        force=t.forces["customs"],
        parent=t.units["customs_region6"],
        home_province=ls,
        area=[ls],
    )
    t.units["bp_langson"] = org.unit_create(
        code="BP-LS",
        name="Đồn Biên phòng Đồng Đăng",
        force=t.forces["border_guard"],
        home_province=ls,
        area=[ls],
    )
    t.units["bp_caobang"] = org.unit_create(
        code="BP-CB",
        name="Đồn Biên phòng Trà Lĩnh",
        force=t.forces["border_guard"],
        home_province=cb,
        area=[cb],
    )
    t.units["qltt_langson5"] = org.unit_create(
        code="QLTT-LS-5",
        name="Đội QLTT số 5 Lạng Sơn",
        force=t.forces["market_surveillance"],
        home_province=ls,
        area=[ls],
    )
    t.units["police_hungyen"] = org.unit_create(
        code="CA-HY-KT",
        name="Phòng Cảnh sát kinh tế Hưng Yên",
        force=t.forces["police"],
        home_province=hy,
        area=[hy],
    )
    national = org.committee_create(
        code="BCD389", name="Ban Chỉ đạo 389 quốc gia", level=CommitteeLevel.NATIONAL, area=None
    )
    t.committees["national"] = national
    for key, prov in (("langson", ls), ("caobang", cb), ("hungyen", hy)):
        t.committees[key] = org.committee_create(
            code=f"BCD389-{prov.code}",
            name=f"Ban Chỉ đạo 389 {prov.name}",
            level=CommitteeLevel.PROVINCE,
            area=prov,
            parent=national,
        )
    t.committees["dongdang"] = org.committee_create(
        code="BCD389-DD",
        name="Ban Chỉ đạo 389 xã Đồng Đăng",
        level=CommitteeLevel.COMMUNE,
        area=t.communes["dongdang"],
        parent=t.committees["langson"],
    )
    for username, (role, where) in PERSONAS.items():
        user = org.user_create(
            username=username, password=PASSWORD, full_name=username.replace("_", " ").title()
        )
        kind, key = where.split(":")
        if kind == "unit":
            org.membership_grant(user=user, role=role, unit=t.units[key])
        else:
            org.membership_grant(user=user, role=role, committee=t.committees[key])
        t.users[username] = user
    return t
