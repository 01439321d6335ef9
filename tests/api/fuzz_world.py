"""The world the API fuzzer runs in: the standard tree plus a few records of every kind the API serves, made
through the services, and the real values of every path parameter, so generated requests sometimes reach a real
record (and its scope checks and writes) instead of answering 404.

The records come from the other apps' matrix builders, so the fuzzer sees the same shapes their tests check.
"""

from collections.abc import Callable

from sc389.cases.models import (
    BudgetRemittance,
    Case,
    CaseMerge,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
)
from sc389.coordination.models import Bulletin, CaseNetwork, Request, SharingGroup
from sc389.direction.models import Directive, Task, WorkingSession
from sc389.entities import services as entities
from sc389.entities.models import Entity, Judgement
from sc389.invoices.models import InvoiceLead
from sc389.notifications.models import Notification
from sc389.org.models import AdministrativeUnit, Committee
from sc389.reports import periods
from sc389.reports.models import ReportVersion, Submission
from sc389.tips.models import Tip

from ..coordination.matrix import build_world as coordination_world
from ..direction.matrix import build as direction_world
from ..reports.world import schedule, submission, version
from ..tips.matrix import build as tips_world
from .matrix import build_world as cases_world

OUTCOME_KINDS = {
    "penalty": PenaltyDecision,
    "remittance": BudgetRemittance,
    "prosecution": Prosecution,
    "transfer": Transfer,
}


def build(tree) -> None:
    """Cases with goods, parties, outcomes and merges; bulletins, requests, a group and a network; sessions,
    directives, tasks and campaigns; tips; submissions, a schedule and an issued report; the registry."""
    cases_world(tree)
    coordination_world(tree)
    direction_world(tree)
    tips_world(tree)
    schedule(tree)
    submission(tree)
    submission(tree, period=periods.month(2025, 2), status="submitted")
    submission(tree, period=periods.month(2025, 3), status="approved")
    submission(tree, unit="police_hungyen", officer="officer_hungyen_police")
    version(tree)
    entities.entities_refresh()


def _ids(model) -> Callable[[str], list[dict]]:
    def values(name: str) -> list[dict]:
        return [{name: pk} for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:20]]

    return values


def _case_parts(model) -> Callable[[str], list[dict]]:
    def values(name: str) -> list[dict]:
        rows = model.objects.order_by("pk").values_list("case_id", "pk")[:20]
        return [{"case_id": case_id, name: pk} for case_id, pk in rows]

    return values


def _outcomes(name: str) -> list[dict]:
    found = []
    for kind, model in OUTCOME_KINDS.items():
        rows = model.objects.order_by("pk").values_list("case_id", "pk")[:5]
        found += [{"case_id": case_id, "kind": kind, name: pk} for case_id, pk in rows]
    return found


def _merges(name: str) -> list[dict]:
    rows = CaseMerge.objects.order_by("pk").values_list("survivor_id", "pk")[:20]
    return [{"case_id": case_id, name: pk} for case_id, pk in rows]


def _tip_codes(name: str) -> list[dict]:
    return [{name: code} for code in Tip.objects.order_by("pk").values_list("receipt_code", flat=True)]


# path parameter -> real values (a list of path-parameter dicts: a child comes with its own case)
REAL_PATH_PARAMETERS: dict[str, Callable[[str], list[dict]]] = {
    "case_id": _ids(Case),
    "line_id": _case_parts(GoodsLine),
    "party_id": _case_parts(Party),
    "outcome_id": _outcomes,
    "merge_id": _merges,
    "unit_id": lambda name: [
        {name: pk}
        for pk in AdministrativeUnit.objects.filter(code__in=["20", "4", "33"]).values_list("pk", flat=True)
    ],
    "submission_id": _ids(Submission),
    "version_id": _ids(ReportVersion),
    "notification_id": _ids(Notification),
    "bulletin_id": _ids(Bulletin),
    "group_id": _ids(SharingGroup),
    "request_id": _ids(Request),
    "network_id": _ids(CaseNetwork),
    "session_id": _ids(WorkingSession),
    "task_id": _ids(Task),
    "committee_id": _ids(Committee),
    "directive_id": _ids(Directive),
    "code": _tip_codes,
    "tip_id": _ids(Tip),
    "judgement_id": _ids(Judgement),
    "entity_id": _ids(Entity),
    "lead_id": _ids(InvoiceLead),
}


def real_path_parameters(names: list[str]) -> list[dict]:
    """Real values for an operation's path parameters: the deepest known parameter decides (it brings its case)."""
    for name in reversed(names):
        if name in REAL_PATH_PARAMETERS:
            return [v for v in REAL_PATH_PARAMETERS[name](name) if set(v) <= set(names)]
    return []
