"""`sc389 seed_demo`: the whole demo in one transaction, once.

The seeding leaves an audit row `demo.seeded` (the log is append-only, so the mark stays); a second run finds it
and does nothing. Administrative units are loaded first when they are missing.
"""

import random
from dataclasses import dataclass, field

from django.db import connection, transaction

from sc389.cases.models import (
    BudgetRemittance,
    Case,
    CaseUnit,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
)
from sc389.coordination import demo as coordination_demo
from sc389.core import audit
from sc389.core.models import AuditEvent
from sc389.direction import demo as direction_demo
from sc389.org import services as org_services
from sc389.org.models import AdministrativeUnit, Membership
from sc389.tips import demo as tips_demo

from .cases import SEED, build_plan
from .org import org_seed
from .people import Registry
from .write import cases_write, lists_seed

SEEDED_VERB = "demo.seeded"
DEMO_EMAIL_DOMAIN = "@demo.sc389.vn"


@dataclass
class SeedResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, unit or committee


def demo_is_seeded() -> bool:
    return AuditEvent.objects.filter(verb=SEEDED_VERB).exists()


def demo_logins() -> list[tuple[str, str, str]]:
    """The demo accounts with their role and where it applies, in the order they were made."""
    memberships = (
        Membership.objects.filter(user__email__endswith=DEMO_EMAIL_DOMAIN)
        .select_related("user", "unit", "committee")
        .order_by("user_id", "id")
    )
    return [(m.user.username, str(m.get_role_display()), str(m.unit or m.committee)) for m in memberships]


def _ensure_admin_units() -> None:
    if not AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True).exists():
        org_services.admin_units_load_current()
    if not AdministrativeUnit.objects.filter(valid_to__isnull=False).exists():
        result = org_services.admin_units_load_historic(path=org_services.HISTORIC_2025_CSV)
        if result.errors:
            raise RuntimeError("; ".join(str(e) for e in result.errors))


@transaction.atomic
def demo_seed() -> SeedResult:
    """Build the demo organisation, lists and cases; nothing when the database was seeded before."""
    if demo_is_seeded():
        return SeedResult(created=False, logins=demo_logins())
    with audit.context(channel="cli"):
        _ensure_admin_units()
        plan = build_plan()
        units = {c.lead_unit for c in plan.cases} | {p.issuer_unit for c in plan.cases for p in c.penalties}
        staff = Registry(random.Random(f"{SEED}/staff"))
        org = org_seed(
            lead_units=sorted(units),
            names=lambda sex: staff.full_name(sex or staff.rng.choice(("male", "female"))),
        )
        types, groups = lists_seed()
        counts = cases_write(plan, org=org, types=types, groups=groups)
        _coordination_seed(org)
        counts["users"] = len(org.users)
        counts["units"] = len(org.units)
        counts["committees"] = len(org.committees)
        audit.record(actor=None, verb=SEEDED_VERB, data={"checksum": plan.checksum(), **counts})
        _analyze()
    return SeedResult(created=True, counts=counts, logins=org.logins)


def _coordination_seed(org) -> None:
    """Lạng Sơn's October 2025 session with its tasks, the 2025 campaigns, and a few citizen tips."""
    direction_demo.seed(
        actor=org.users["quantri"],
        national=org.committees["BCD389"],
        committee=org.committees["BCD389-20"],
        units=[org.units[code] for code in ("QLTT-LS", "CA-LS-KT", "BP-LS", "HQ-KV6")],
    )
    langson = org.provinces["langson"]
    places = list(
        AdministrativeUnit.objects.filter(
            level="commune", parent=langson, valid_to__isnull=True, name__in=DEMO_TIP_PLACES
        ).order_by("name")
    )
    tips_demo.seed(places=places, triager=org.users["chuyenvien.langson"])
    coordination_demo.seed(users=org.users, units=org.units, committees=org.committees)


DEMO_TIP_PLACES = ("Xã Đồng Đăng", "Xã Cao Lộc", "Xã Mẫu Sơn")


def _analyze() -> None:
    """Refresh the query planner's statistics after the bulk load, so the first pages are not planned blind."""
    tables = [
        m._meta.db_table
        for m in (Case, CaseUnit, Party, GoodsLine, PenaltyDecision, BudgetRemittance, Prosecution, Transfer)
    ]
    with connection.cursor() as cursor:
        for table in tables + [AuditEvent._meta.db_table]:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
