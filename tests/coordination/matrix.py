"""The coordination access matrix: who sees which bulletin, request, sharing group and case network.

Written out by hand (not computed by the code under test), so the web, API and search tests hold the
implementation to one table. The world: the standard tree, plus two committee seats (the Lạng Sơn border guard
post on the Lạng Sơn committee, the Cao Bằng post on the Cao Bằng committee) and one sharing group.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from sc389.cases import services as cases
from sc389.coordination import services
from sc389.org import services as org

from ..orgtree import PERSONAS, commune

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PERSONA_NAMES = sorted([*PERSONAS, "anonymous"])
NATIONAL = {"admin_national", "leader_national", "analyst_national"}
LANGSON_COMMITTEE = {"leader_langson", "analyst_langson", "admin_langson"}
HUUNGHI = {
    "leader_customs_region",
    "officer_langson_customs",
    "reviewer_langson_customs",
}  # the unit and above

# bulletin: (author persona, author unit, distributions, sensitivity)
BULLETINS = {
    "own_unit": ("officer_langson_customs", "customs_huunghi", [("own_unit", None)], "normal"),
    "own_committee": ("officer_langson_qltt", "qltt_langson5", [("own_committee", None)], "normal"),
    "to_caobang": ("officer_langson_bp", "bp_langson", [("provinces", "caobang")], "normal"),
    "all_provinces": ("officer_hungyen_police", "police_hungyen", [("all_provinces", None)], "internal"),
    "national": ("officer_caobang_bp", "bp_caobang", [("national", None)], "normal"),
    "group": ("officer_langson_customs", "customs_huunghi", [("group", "north")], "normal"),
    "restricted": ("officer_langson_bp", "bp_langson", [("provinces", "caobang")], "restricted"),
    "multi": (
        "officer_langson_qltt",
        "qltt_langson5",
        [("own_unit", None), ("provinces", "hungyen"), ("national", None)],
        "normal",
    ),
}

# Who sees each bulletin. The national committee oversees coordination and sees every bulletin; a restricted
# one only its leaders and admins (and the recipients' leaders and admins, and its author).
BULLETIN_VIEWERS = {
    "own_unit": NATIONAL | HUUNGHI,
    "own_committee": NATIONAL | LANGSON_COMMITTEE | {"officer_langson_qltt", "officer_langson_bp"},
    "to_caobang": NATIONAL | {"leader_caobang", "officer_caobang_bp", "officer_langson_bp"},
    "all_provinces": NATIONAL
    | LANGSON_COMMITTEE
    | {
        "leader_caobang",
        "leader_hungyen",
        "officer_hungyen_police",
        "officer_langson_bp",
        "officer_caobang_bp",
    },
    "national": NATIONAL | {"officer_caobang_bp"},
    "group": NATIONAL | HUUNGHI | {"officer_caobang_bp"},
    "restricted": {"admin_national", "leader_national", "leader_caobang", "officer_langson_bp"},
    "multi": NATIONAL | {"officer_langson_qltt", "leader_hungyen"},
}

# The author's side of each bulletin (its unit and the units above): they see receipts, they do not acknowledge.
BULLETIN_AUTHOR_SIDE = {
    "own_unit": HUUNGHI,
    "own_committee": {"officer_langson_qltt"},
    "to_caobang": {"officer_langson_bp"},
    "all_provinces": {"officer_hungyen_police"},
    "national": {"officer_caobang_bp"},
    "group": HUUNGHI,
    "restricted": {"officer_langson_bp"},
    "multi": {"officer_langson_qltt"},
}

# Who corrects and withdraws each bulletin: its author (the personas hold no unit admin role, so the author's
# unit's admins are tested in test_services). The units above the author's read receipts but do not edit.
BULLETIN_EDITORS = {name: {author} for name, (author, _unit, _d, _s) in BULLETINS.items()}

# The sharing group "north" (owner: the Lạng Sơn committee; members: Hữu Nghị customs, Cao Bằng border post).
GROUP_VIEWERS = NATIONAL | LANGSON_COMMITTEE | HUUNGHI | {"officer_caobang_bp"}
GROUP_MANAGERS = {"admin_langson"}

# request: (asking persona, from unit, to unit, kind, case key or None)
REQUESTS = {
    "verify": ("officer_langson_customs", "customs_huunghi", "bp_caobang", "verify_vehicle", None),
    "handover": ("officer_langson_bp", "bp_langson", "qltt_langson5", "take_over_case", "bp_case"),
    "escalated": ("officer_hungyen_police", "police_hungyen", "bp_caobang", "verify_person", None),
}
REQUEST_SIDES = {
    "verify": {"from": HUUNGHI, "to": {"officer_caobang_bp"}, "committee": set()},
    "handover": {"from": {"officer_langson_bp"}, "to": {"officer_langson_qltt"}, "committee": set()},
    # once escalated, the committee it went to and the national standing office above it are parties too
    "escalated": {
        "from": {"officer_hungyen_police"},
        "to": {"officer_caobang_bp"},
        "committee": {"leader_caobang"} | NATIONAL,
    },
}
REQUEST_VIEWERS = {name: NATIONAL | set().union(*sides.values()) for name, sides in REQUEST_SIDES.items()}

# The case network links a Lạng Sơn case (Hữu Nghị customs) and a Cao Bằng case (Cao Bằng border post); seen by
# whoever sees either case, each case in full only by those who see that case.
LS_CASE_VIEWERS = NATIONAL | LANGSON_COMMITTEE | HUUNGHI | {"staff_commune_a"}
CB_CASE_VIEWERS = NATIONAL | {"leader_caobang", "officer_caobang_bp"}
NETWORK_VIEWERS = LS_CASE_VIEWERS | CB_CASE_VIEWERS


@dataclass
class World:
    tree: object
    bulletins: dict = field(default_factory=dict)
    requests: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    group: object = None
    network: object = None
    attachment: object = None  # a PNG sent by the asking side in the "verify" thread


def build_world(tree) -> World:
    u = tree.users
    w = World(tree=tree)
    org.committee_member_add(
        committee=tree.committees["langson"], name="Biên phòng", unit=tree.units["bp_langson"]
    )
    org.committee_member_add(
        committee=tree.committees["caobang"], name="Biên phòng", unit=tree.units["bp_caobang"]
    )
    w.group = services.sharing_group_create(
        actor=u["admin_langson"],
        owner_committee=tree.committees["langson"],
        name="Các tỉnh biên giới phía Bắc",
        units=[tree.units["customs_huunghi"], tree.units["bp_caobang"]],
    )
    for name, (author, unit, dists, sensitivity) in BULLETINS.items():
        distributions = []
        for kind, target in dists:
            d = {"kind": kind}
            if kind == "provinces":
                d["province"] = tree.provinces[target]
            if kind == "group":
                d["group"] = w.group
            distributions.append(d)
        w.bulletins[name] = services.bulletin_publish(
            actor=u[author],
            author_unit=tree.units[unit],
            title=f"Cảnh báo {name}",
            body=f"Gà thải vận chuyển qua đường mòn ban đêm (mã {name.replace('_', '')})",
            sensitivity=sensitivity,
            distributions=distributions,
        )
    admin = u["admin_national"]
    w.cases["ls_case"] = cases.case_create(
        actor=admin,
        lead_unit=tree.units["customs_huunghi"],
        category="smuggling",
        detected_on=dt.date(2025, 8, 1),
        place=tree.communes["dongdang"],
        narrative="Thuốc lá lậu",
    )
    w.cases["cb_case"] = cases.case_create(
        actor=admin,
        lead_unit=tree.units["bp_caobang"],
        category="smuggling",
        detected_on=dt.date(2025, 8, 5),
        place=commune("Xã Trà Lĩnh", "4"),
        narrative="Thuốc lá lậu",
    )
    w.cases["bp_case"] = cases.case_create(
        actor=admin,
        lead_unit=tree.units["bp_langson"],
        category="counterfeit_ip",
        detected_on=dt.date(2025, 8, 3),
        place=tree.communes["kyla"],
        narrative="Mỹ phẩm giả",
    )
    w.network = services.case_network_create(
        actor=admin,
        name="Đường dây thuốc lá Lạng Sơn – Cao Bằng",
        cases=[w.cases["ls_case"], w.cases["cb_case"]],
    )
    past = dt.date.today() - dt.timedelta(days=10)
    for name, (asker, from_unit, to_unit, kind, case) in REQUESTS.items():
        w.requests[name] = services.request_create(
            actor=u[asker],
            kind=kind,
            from_unit=tree.units[from_unit],
            to_unit=tree.units[to_unit],
            subject=f"Đề nghị xác minh {name}",
            body="Xe tải biển kiểm soát 12C-123.45",
            deadline=past if name == "escalated" else dt.date.today() + dt.timedelta(days=7),
            case=w.cases[case] if case else None,
            today=past,
        )
    services.requests_escalate()
    reply = services.reply_add(
        request=w.requests["verify"],
        actor=u["officer_langson_customs"],  # the asking side: the request stays open
        body="Ảnh chụp xe tại chốt",
        files=[SimpleUploadedFile("xe.png", PNG, content_type="image/png")],
    )
    w.attachment = reply.attachments.get()
    return w
