"""The access matrix of direction: who sees which task, session and directive, who reports progress, who
directs which committee. Written as tables from the rules (committee staff see their committee's items, the
province committee its communes' committees, units the tasks assigned to them and the units under them), not
computed by the code under test. Shared by the API and web tests."""

import datetime as dt
from dataclasses import dataclass

from sc389.direction import services

TASKS = {"ls_customs", "ls_qltt", "dd_bp", "nat_bp_cb", "hy_police"}
LANGSON = {"ls_customs", "ls_qltt", "dd_bp"}

# persona: (tasks visible, tasks on which progress may be reported, committees the persona may direct)
MATRIX: dict[str, tuple[set, set, set]] = {
    "admin_national": (TASKS, TASKS, {"national", "langson", "caobang", "hungyen", "dongdang"}),
    "leader_national": (TASKS, set(), {"national"}),
    "analyst_national": (TASKS, set(), {"national"}),
    "admin_langson": (LANGSON, LANGSON, {"langson"}),
    "leader_langson": (LANGSON, set(), {"langson"}),
    "analyst_langson": (LANGSON, set(), {"langson"}),
    "staff_commune_a": ({"dd_bp"}, set(), {"dongdang"}),
    "leader_caobang": (set(), set(), {"caobang"}),
    "leader_hungyen": ({"hy_police"}, set(), {"hungyen"}),
    "leader_customs_region": ({"ls_customs"}, set(), set()),
    "officer_langson_customs": ({"ls_customs"}, {"ls_customs"}, set()),
    "reviewer_langson_customs": ({"ls_customs"}, {"ls_customs"}, set()),
    "officer_langson_qltt": ({"ls_qltt"}, {"ls_qltt"}, set()),
    "officer_langson_bp": ({"dd_bp"}, {"dd_bp"}, set()),
    "officer_caobang_bp": ({"nat_bp_cb"}, {"nat_bp_cb"}, set()),
    "officer_hungyen_police": ({"hy_police"}, {"hy_police"}, set()),
    "anonymous": (set(), set(), set()),
}

# Sessions: Lạng Sơn's (Hữu Nghị customs took part; its conclusion gave ls_customs) and Hưng Yên's.
SESSIONS = {"ls": "langson", "hy": "hungyen"}
# Directives: Lạng Sơn's plan (gave ls_qltt) and the national directive (gave nat_bp_cb).
DIRECTIVES = {"ls_plan": "langson", "nat": "national"}
CAMPAIGNS = {"nat_peak": "national", "hy_peak": "hungyen"}


def sessions_visible(persona: str) -> set[str]:
    tasks, _change, _direct = MATRIX[persona]
    seen = set()
    if persona in {"admin_national", "leader_national", "analyst_national"}:
        return set(SESSIONS)
    if persona in {"admin_langson", "leader_langson", "analyst_langson"} or "ls_customs" in tasks:
        seen.add("ls")  # the committee, or the unit that took part and was given a task
    if persona == "leader_hungyen":
        seen.add("hy")
    return seen


def directives_visible(persona: str) -> set[str]:
    tasks, _change, _direct = MATRIX[persona]
    if persona in {"admin_national", "leader_national", "analyst_national"}:
        return set(DIRECTIVES)
    seen = set()
    if persona in {"admin_langson", "leader_langson", "analyst_langson"} or "ls_qltt" in tasks:
        seen.add("ls_plan")
    if "nat_bp_cb" in tasks:
        seen.add("nat")
    return seen


def campaigns_visible(persona: str) -> set[str]:
    if persona in {"admin_national", "leader_national", "analyst_national"}:
        return set(CAMPAIGNS)
    return {"hy_peak"} if persona == "leader_hungyen" else set()


@dataclass
class World:
    tasks: dict
    sessions: dict
    directives: dict
    campaigns: dict


def build(tree) -> World:
    admin = tree.users["admin_national"]
    c, u = tree.committees, tree.units
    due = dt.date.today() + dt.timedelta(days=20)
    ls = services.session_create(
        actor=admin,
        committee=c["langson"],
        held_on=dt.date(2025, 10, 2),
        title="Giao ban tháng 10/2025",
        participant_units=[u["customs_huunghi"]],
        conclusions=["Tăng cường kiểm soát hàng quá cảnh tại cửa khẩu Hữu Nghị."],
    )
    hy = services.session_create(
        actor=admin, committee=c["hungyen"], held_on=dt.date(2025, 10, 15), title="Làm việc với Công an tỉnh"
    )
    plan = services.directive_create(
        actor=admin,
        committee=c["langson"],
        kind="plan",
        number="12/KH-BCĐ389",
        issued_on=dt.date(2025, 9, 1),
        title="Kế hoạch cao điểm cuối năm",
    )
    nat = services.directive_create(
        actor=admin,
        committee=c["national"],
        number="13/CT-BCĐ389",
        issued_on=dt.date(2025, 5, 17),
        title="Chỉ thị tăng cường đấu tranh",
    )

    def task(key, committee, unit, **kw):
        return services.task_assign(
            actor=admin, committee=c[committee], assignee=u[unit], title=f"Nhiệm vụ {key}", due_on=due, **kw
        )

    tasks = {
        "ls_customs": task("ls_customs", "langson", "customs_huunghi", conclusion=ls.conclusions.get()),
        "ls_qltt": task("ls_qltt", "langson", "qltt_langson5", directive=plan),
        "dd_bp": task("dd_bp", "dongdang", "bp_langson"),
        "nat_bp_cb": task("nat_bp_cb", "national", "bp_caobang", directive=nat),
        "hy_police": task("hy_police", "hungyen", "police_hungyen"),
    }
    campaigns = {
        "nat_peak": services.campaign_create(
            actor=admin,
            committee=c["national"],
            name="Tháng cao điểm",
            starts_on=dt.date(2025, 5, 15),
            ends_on=dt.date(2025, 6, 15),
        ),
        "hy_peak": services.campaign_create(
            actor=admin,
            committee=c["hungyen"],
            name="Cao điểm Hưng Yên",
            starts_on=dt.date(2025, 5, 17),
            ends_on=dt.date(2025, 10, 15),
        ),
    }
    return World(
        tasks=tasks,
        sessions={"ls": ls, "hy": hy},
        directives={"ls_plan": plan, "nat": nat},
        campaigns=campaigns,
    )
