"""The access matrix of cases: which persona sees and may change which case.

Shared by the scope tests, the web page tests and the API tests, so every channel is held to one table.
"""

import datetime as dt

from sc389.cases import services

from ..orgtree import commune, historic

ALL = {"huunghi", "qltt", "bp_caobang", "hungyen", "joint", "hungyen_shared", "historic"}
LANGSON = {"huunghi", "qltt", "joint"}
HUNGYEN = {"hungyen", "hungyen_shared", "historic"}

# persona: (may view, may change)
MATRIX = {
    "admin_national": (ALL, ALL),
    "leader_national": (ALL, set()),
    "analyst_national": (ALL, set()),
    "admin_langson": (LANGSON, LANGSON),
    "leader_langson": (LANGSON, set()),
    "analyst_langson": (LANGSON, set()),
    "staff_commune_a": ({"huunghi"}, set()),
    "leader_caobang": ({"bp_caobang"}, set()),
    "leader_hungyen": (HUNGYEN, set()),
    "leader_customs_region": ({"huunghi", "joint"}, set()),
    "officer_langson_customs": ({"huunghi", "joint"}, {"huunghi", "joint"}),
    "reviewer_langson_customs": ({"huunghi", "joint"}, {"huunghi", "joint"}),
    "officer_langson_qltt": ({"qltt"}, {"qltt"}),
    "officer_langson_bp": ({"joint"}, {"joint"}),
    "officer_caobang_bp": ({"bp_caobang", "hungyen_shared"}, {"bp_caobang"}),
    "officer_hungyen_police": (HUNGYEN, HUNGYEN),
    "anonymous": (set(), set()),
}


def build_cases(tree) -> dict:
    u = tree.users
    admin = u["admin_national"]

    def make(unit, place, participants=(), when=dt.date(2025, 8, 1)):
        return services.case_create(
            actor=admin,
            lead_unit=tree.units[unit],
            category="smuggling",
            detected_on=when,
            place=place,
            participants=[tree.units[p] for p in participants],
            narrative=f"matrix {unit}",
        )

    cases = {
        "huunghi": make("customs_huunghi", tree.communes["dongdang"]),
        "qltt": make("qltt_langson5", tree.communes["kyla"]),
        "bp_caobang": make("bp_caobang", commune("Xã Trà Lĩnh", "4")),
        "hungyen": make("police_hungyen", tree.communes["hungyen_ward"]),
        "joint": make("bp_langson", tree.communes["kyla"], participants=["customs_huunghi"]),
        "hungyen_shared": make("police_hungyen", tree.communes["hungyen_ward"]),
        "historic": make("police_hungyen", historic("district", "Thái Bình"), when=dt.date(2024, 2, 1)),
    }
    services.case_share(
        case=cases["hungyen_shared"], actor=u["officer_hungyen_police"], unit=tree.units["bp_caobang"]
    )
    return cases
