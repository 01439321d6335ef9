"""The access matrix of tips, as tables from the rules: the standing office (staff of the tip's province
committee, or national staff) sees and routes its province's tips; a commune committee sees its commune's; a
unit sees the tips routed to it (and to the units under it) and turns them into cases or closes them."""

from dataclasses import dataclass

from sc389.tips import services

from ..orgtree import commune

NATIONAL = {"admin_national", "leader_national", "analyst_national"}
LANGSON_STAFF = {"admin_langson", "leader_langson", "analyst_langson"}
ALL = {"ls_routed", "ls_new", "hy_routed", "cb_new"}

VIEW = {
    **{p: ALL for p in NATIONAL},
    **{p: {"ls_routed", "ls_new"} for p in LANGSON_STAFF},
    "staff_commune_a": {"ls_routed"},  # the tip placed in Đồng Đăng
    "leader_caobang": {"cb_new"},
    "leader_hungyen": {"hy_routed"},
    "leader_customs_region": {"ls_routed"},
    "officer_langson_customs": {"ls_routed"},
    "reviewer_langson_customs": {"ls_routed"},
    "officer_langson_qltt": set(),
    "officer_langson_bp": set(),
    "officer_caobang_bp": set(),
    "officer_hungyen_police": {"hy_routed"},
    "anonymous": set(),
}

TRIAGE = {
    **{p: ALL for p in NATIONAL},
    **{p: {"ls_routed", "ls_new"} for p in LANGSON_STAFF},
    "leader_caobang": {"cb_new"},
    "leader_hungyen": {"hy_routed"},
}

# Turning a routed tip into a case: writers of the routed unit, the province's administrator, the national one.
HANDLE = {
    "admin_national": {"ls_routed", "hy_routed"},
    "admin_langson": {"ls_routed"},
    "officer_langson_customs": {"ls_routed"},
    "reviewer_langson_customs": {"ls_routed"},
    "officer_hungyen_police": {"hy_routed"},
}


def may(table: dict, persona: str, name: str) -> bool:
    return name in table.get(persona, set())


@dataclass
class World:
    tips: dict


def build(tree) -> World:
    admin = tree.users["admin_national"]

    def submit(place, category="smuggling"):
        return services.tip_submit(
            category=category, place=place, description="Xe tải chở gia cầm qua đường mòn ban đêm"
        )

    tips = {
        "ls_routed": submit(tree.communes["dongdang"]),
        "ls_new": submit(tree.communes["kyla"], "counterfeit_ip"),
        "hy_routed": submit(tree.communes["hungyen_ward"], "trade_fraud"),
        "cb_new": submit(commune("Xã Trà Lĩnh", "4")),
    }
    services.tip_route(actor=admin, tip=tips["ls_routed"], unit=tree.units["customs_huunghi"])
    services.tip_route(actor=admin, tip=tips["hy_routed"], unit=tree.units["police_hungyen"])
    for tip in tips.values():
        tip.refresh_from_db()
    return World(tips=tips)
