"""The API access matrix: every route of the NinjaAPI, what kind of access it needs, and a request to make.

Kinds (expected status per persona, from tests/cases/matrix.py MATRIX):
  open    any signed-in user: the success status (reference lists; the list itself is scoped, tested apart)
  read    success if the persona may view the case, else 404
  share   the same as read (sharing needs the right to view only)
  write   success if the persona may change the case, 403 if they may only view it, else 404
  create  success if the persona writes for the template case's unit (or area), else 403
  delete  deleting a whole case (these have outcomes): success for administrators of its scope, 403 for the
          others who may view it, else 404
Anonymous callers get 401 everywhere. A route missing here fails test_every_route_is_in_the_matrix.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from sc389.cases import services
from sc389.cases.models import Case

from ..cases.matrix import build_cases

# Cases whose lead unit and place serve as templates for creating a case (joint and shared cases are about
# participation and sharing, which do not give the right to record for the lead unit).
CREATE_TEMPLATES = ("huunghi", "qltt", "bp_caobang", "hungyen", "historic")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WHY = "?reason=Ghi%20nh%E1%BA%A7m"  # a deletion needs its reason
# Administrators of a case's scope (core.access "administer"): only they may delete a case that has outcomes.
ADMINS = {"admin_national", "admin_langson"}


@dataclass
class World:
    tree: object
    cases: dict[str, Case]
    goods: dict[str, int] = field(default_factory=dict)
    parties: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    merges: dict[str, int] = field(default_factory=dict)  # a merge into the case, to undo
    twins: dict[str, int] = field(default_factory=dict)  # another record of the same event, to merge
    attachments: dict[str, int] = field(default_factory=dict)


def _twin(tree, case: Case, admin) -> Case:
    """A case with the same units, place and shares as `case`, so every persona has the same rights on it."""
    twin = services.case_create(
        actor=admin,
        lead_unit=case.lead_unit,
        category=case.category,
        detected_on=case.detected_on,
        place=case.place,
        participants=list(case.participants.all()),
    )
    for share in case.shares.all():
        services.case_share(case=twin, actor=admin, unit=share.unit, committee=share.committee)
    return twin


def build_world(tree) -> World:
    admin = tree.users["admin_national"]
    world = World(tree=tree, cases=build_cases(tree))
    day = dt.date(2025, 8, 2)
    for name, case in world.cases.items():
        world.goods[name] = services.goods_line_add(case=case, actor=admin, description="Gà thải").pk
        world.parties[name] = services.party_add(case=case, actor=admin, kind="phone", phone="0912345678").pk
        world.outcomes[name] = {
            "penalty": services.outcome_add(
                case=case, actor=admin, kind="penalty", number="1/QĐ-XPHC", decided_on=day
            ).pk,
            "remittance": services.outcome_add(
                case=case, actor=admin, kind="remittance", remitted_on=day, amount_vnd=1000
            ).pk,
            "prosecution": services.outcome_add(
                case=case, actor=admin, kind="prosecution", decision_number="1/QĐ-KTVA", decided_on=day
            ).pk,
            "transfer": services.outcome_add(
                case=case, actor=admin, kind="transfer", to_agency="Cơ quan CSĐT", transferred_on=day
            ).pk,
        }
        upload = SimpleUploadedFile("a.png", PNG, content_type="image/png")
        world.attachments[name] = services.attachment_add(
            case=case, actor=admin, upload=upload, kind="photo"
        ).pk
        merged = _twin(tree, case, admin)
        world.merges[name] = services.case_merge(survivor=case, absorbed=merged, actor=admin).pk
        world.twins[name] = _twin(tree, case, admin).pk
    return world


Request = Callable[[World, str], tuple[str, dict | None]]


@dataclass(frozen=True)
class Endpoint:
    kind: str
    ok: int
    request: Request  # (world, case name) -> (path, JSON body); the case name is None for `open`


def _version(world: World, name: str) -> int:
    return Case.objects.get(pk=world.cases[name].pk).version


def _case(world: World, name: str) -> str:
    return f"/cases/{world.cases[name].pk}"


def _create(world: World, name: str):
    case = world.cases[name]
    return "/cases", {
        "lead_unit": case.lead_unit_id,
        "category": "smuggling",
        "detected_on": "2025-08-03",
        "place": case.place_id,
    }


def _open(path: str) -> Endpoint:
    return Endpoint("open", 200, lambda world, name: (path, None))


def _outcome_add(kind: str, body: dict) -> Endpoint:
    return Endpoint("write", 201, lambda w, n: (f"{_case(w, n)}/outcomes/{kind}", body))


P = "/api/v1"
ENDPOINTS: dict[tuple[str, str], Endpoint] = {
    ("GET", f"{P}/cases"): _open("/cases"),
    ("GET", f"{P}/cases/export"): _open("/cases/export?format=xlsx"),
    ("POST", f"{P}/cases"): Endpoint("create", 201, _create),
    ("GET", f"{P}/cases/{{case_id}}"): Endpoint("read", 200, lambda w, n: (_case(w, n), None)),
    ("PATCH", f"{P}/cases/{{case_id}}"): Endpoint(
        "write", 200, lambda w, n: (_case(w, n), {"version": _version(w, n), "narrative": "matrix"})
    ),
    ("DELETE", f"{P}/cases/{{case_id}}"): Endpoint("delete", 204, lambda w, n: (f"{_case(w, n)}{WHY}", None)),
    ("DELETE", f"{P}/cases/{{case_id}}/attachments/{{attachment_id}}"): Endpoint(
        "write", 204, lambda w, n: (f"{_case(w, n)}/attachments/{w.attachments[n]}{WHY}", None)
    ),
    ("GET", f"{P}/cases/{{case_id}}/history"): Endpoint(
        "read", 200, lambda w, n: (f"{_case(w, n)}/history", None)
    ),
    ("POST", f"{P}/cases/{{case_id}}/goods"): Endpoint(
        "write", 201, lambda w, n: (f"{_case(w, n)}/goods", {"description": "Đường cát", "value_vnd": 1})
    ),
    ("DELETE", f"{P}/cases/{{case_id}}/goods/{{line_id}}"): Endpoint(
        "write", 204, lambda w, n: (f"{_case(w, n)}/goods/{w.goods[n]}{WHY}", None)
    ),
    ("POST", f"{P}/cases/{{case_id}}/parties"): Endpoint(
        "write", 201, lambda w, n: (f"{_case(w, n)}/parties", {"kind": "vehicle", "plate": "12C-123.45"})
    ),
    ("PATCH", f"{P}/cases/{{case_id}}/parties/{{party_id}}"): Endpoint(
        "write", 200, lambda w, n: (f"{_case(w, n)}/parties/{w.parties[n]}", {"address": "Lạng Sơn"})
    ),
    ("DELETE", f"{P}/cases/{{case_id}}/parties/{{party_id}}"): Endpoint(
        "write", 204, lambda w, n: (f"{_case(w, n)}/parties/{w.parties[n]}{WHY}", None)
    ),
    ("POST", f"{P}/cases/{{case_id}}/outcomes/penalty"): _outcome_add(
        "penalty", {"number": "2/QĐ-XPHC", "decided_on": "2025-08-05", "fine_vnd": 1000}
    ),
    ("POST", f"{P}/cases/{{case_id}}/outcomes/remittance"): _outcome_add(
        "remittance", {"remitted_on": "2025-08-05", "amount_vnd": 1000}
    ),
    ("POST", f"{P}/cases/{{case_id}}/outcomes/prosecution"): _outcome_add(
        "prosecution", {"decision_number": "2/QĐ-KTVA", "decided_on": "2025-08-05"}
    ),
    ("POST", f"{P}/cases/{{case_id}}/outcomes/transfer"): _outcome_add(
        "transfer", {"to_agency": "Công an tỉnh", "transferred_on": "2025-08-05"}
    ),
    ("DELETE", f"{P}/cases/{{case_id}}/outcomes/{{kind}}/{{outcome_id}}"): Endpoint(
        "write", 204, lambda w, n: (f"{_case(w, n)}/outcomes/penalty/{w.outcomes[n]['penalty']}{WHY}", None)
    ),
    ("POST", f"{P}/cases/{{case_id}}/merge"): Endpoint(
        "write", 201, lambda w, n: (f"{_case(w, n)}/merge", {"absorbed": w.twins[n]})
    ),
    ("POST", f"{P}/cases/{{case_id}}/merges/{{merge_id}}/undo"): Endpoint(
        "write", 200, lambda w, n: (f"{_case(w, n)}/merges/{w.merges[n]}/undo", None)
    ),
    ("POST", f"{P}/cases/{{case_id}}/shares"): Endpoint(
        "share", 201, lambda w, n: (f"{_case(w, n)}/shares", {"unit": w.tree.units["qltt_langson5"].pk})
    ),
    ("GET", f"{P}/reference/admin-units"): _open("/reference/admin-units?level=province"),
    ("GET", f"{P}/reference/admin-units/{{unit_id}}"): Endpoint(
        "open", 200, lambda w, n: (f"/reference/admin-units/{w.tree.provinces['langson'].pk}", None)
    ),
    ("GET", f"{P}/reference/forces"): _open("/reference/forces"),
    ("GET", f"{P}/reference/units"): _open("/reference/units"),
    ("GET", f"{P}/reference/committees"): _open("/reference/committees"),
    ("GET", f"{P}/reference/org-choices"): _open("/reference/org-choices"),
    ("GET", f"{P}/reference/violation-types"): _open("/reference/violation-types"),
    ("GET", f"{P}/reference/commodity-groups"): _open("/reference/commodity-groups"),
    ("GET", f"{P}/reference/case-choices"): _open("/reference/case-choices"),
}


def expected(endpoint: Endpoint, persona: str, case_name: str | None, may_view: set, may_change: set) -> int:
    if persona == "anonymous":
        return 401
    if endpoint.kind == "open":
        return endpoint.ok
    if endpoint.kind == "create":
        return endpoint.ok if case_name in may_change else 403
    if case_name not in may_view:
        return 404
    if endpoint.kind in ("read", "share"):
        return endpoint.ok
    if endpoint.kind == "delete":
        return endpoint.ok if case_name in may_change and persona in ADMINS else 403
    return endpoint.ok if case_name in may_change else 403
