"""The coordination routes of /api/v1/coordination/: parse → selector or service → render, scoped like the pages.

Outside scope is 404; a visible row the caller may not act on is 403; rule breaks are 400 with a code. Bulletins
here; requests, sharing groups, networks and search in api_requests.py (mounted on this router).
"""

from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from sc389.cases import selectors as case_selectors
from sc389.core.errors import DomainError
from sc389.org import selectors as org_selectors

from . import rules, selectors, services
from .api_common import LIMIT
from .api_common import choice as _choice
from .api_common import ref as _ref
from .api_requests import router as requests_router
from .choices import DistributionKind, EntityKind, Sensitivity
from .models import Bulletin
from .schemas import (
    ActionIn,
    BulletinEditIn,
    BulletinIn,
    BulletinOut,
    BulletinRowOut,
    ReceiptOut,
    WithdrawIn,
)

router = Router(tags=["coordination"])
router.add_router("", requests_router)


def bulletin_row(b: Bulletin) -> dict:
    return {
        "id": b.pk,
        "author_unit_name": b.author_unit.name,
        "title": b.title,
        "sensitivity": b.sensitivity,
        "published_at": b.published_at,
        "status": b.status,
        "version": b.version,
    }


# ---- bulletins ----------------------------------------------------------------------------------------------


def _receipt_out(r) -> dict:
    return {
        "user": r.user.get_full_name() or r.user.get_username(),
        "read_at": r.read_at,
        "acknowledged_at": r.acknowledged_at,
        "action_taken": r.action_taken,
        "action_at": r.action_at,
    }


def _bulletin_out(request, b: Bulletin) -> dict:
    mine = selectors.my_receipt(user=request.user, bulletin=b)
    return {
        "id": b.pk,
        "author_unit": b.author_unit_id,
        "author_unit_name": b.author_unit.name,
        "title": b.title,
        "body": b.body,
        "sensitivity": b.sensitivity,
        "published_at": b.published_at,
        "status": b.status,
        "version": b.version,
        "edited_at": b.edited_at,
        "withdrawn_at": b.withdrawn_at,
        "withdrawn_reason": b.withdrawn_reason,
        "distributions": [
            {"kind": d.kind, "province": d.province_id, "group": d.group_id} for d in b.distributions.all()
        ],
        "cases": list(selectors.bulletin_cases(user=request.user, bulletin=b)),
        "entities": list(b.entities.all()),
        "my_receipt": _receipt_out(mine) if mine else None,
    }


@router.get("/bulletins", response=list[BulletinRowOut])
def bulletin_list(request, q: str = "", pending: bool = False):
    """`q`: words of the title, text or entities (diacritics ignored); `pending`: still to acknowledge."""
    rows = selectors.bulletin_list(user=request.user, q=q, pending=pending)[:LIMIT]
    return [bulletin_row(b) for b in rows]


@router.post("/bulletins", response={201: BulletinOut})
def bulletin_publish(request, payload: BulletinIn):
    unit = _ref(org_selectors.unit_get, payload.author_unit, "author_unit")
    distributions = []
    for d in payload.distributions:
        row = {"kind": _choice(d.kind, DistributionKind, "distributions")}
        if d.province is not None:
            row["province"] = _ref(org_selectors.admin_unit_get, d.province, "distributions")
        if d.group is not None:
            row["group"] = _ref(selectors.sharing_group_get, d.group, "distributions", user=request.user)
        distributions.append(row)
    cases = [_ref(case_selectors.case_get, pk, "cases", user=request.user) for pk in payload.cases]
    bulletin = services.bulletin_publish(
        actor=request.user,
        author_unit=unit,
        title=payload.title,
        body=payload.body,
        sensitivity=_choice(payload.sensitivity, Sensitivity, "sensitivity"),
        distributions=distributions,
        cases=cases,
        entities=[(_choice(e.kind, EntityKind, "entities"), e.label) for e in payload.entities],
    )
    return Status(201, _bulletin_out(request, bulletin))


@router.get("/bulletins/{bulletin_id}", response=BulletinOut)
def bulletin_get(request, bulletin_id: int):
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    services.bulletin_read(bulletin=bulletin, actor=request.user)
    return _bulletin_out(request, bulletin)


@router.put("/bulletins/{bulletin_id}", response=BulletinOut)
def bulletin_update(request, bulletin_id: int, payload: BulletinEditIn):
    """Correct a bulletin (its author or the author unit's admins): a new version, recipients told."""
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    entities = None
    if payload.entities is not None:
        entities = [(_choice(e.kind, EntityKind, "entities"), e.label) for e in payload.entities]
    bulletin = services.bulletin_update(
        bulletin=bulletin, actor=request.user, title=payload.title, body=payload.body, entities=entities
    )
    return _bulletin_out(request, bulletin)


@router.post("/bulletins/{bulletin_id}/withdraw", response=BulletinOut)
def bulletin_withdraw(request, bulletin_id: int, payload: WithdrawIn):
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    bulletin = services.bulletin_withdraw(bulletin=bulletin, actor=request.user, reason=payload.reason)
    return _bulletin_out(request, bulletin)


@router.post("/bulletins/{bulletin_id}/acknowledge", response=ReceiptOut)
def bulletin_acknowledge(request, bulletin_id: int):
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    return _receipt_out(services.bulletin_acknowledge(bulletin=bulletin, actor=request.user))


@router.post("/bulletins/{bulletin_id}/action", response=ReceiptOut)
def bulletin_report_action(request, bulletin_id: int, payload: ActionIn):
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    receipt = services.bulletin_report_action(
        bulletin=bulletin, actor=request.user, action_taken=payload.action_taken
    )
    return _receipt_out(receipt)


@router.get("/bulletins/{bulletin_id}/receipts", response=list[ReceiptOut])
def bulletin_receipts(request, bulletin_id: int):
    bulletin = selectors.bulletin_get(user=request.user, pk=bulletin_id)
    if not rules.sees_receipts(request.user, bulletin):
        raise DomainError(
            "coordination.not_allowed", _("Chỉ đơn vị phát hành xem được ai đã đọc."), status=403
        )
    return [_receipt_out(r) for r in selectors.bulletin_receipts(user=request.user, bulletin=bulletin)]
