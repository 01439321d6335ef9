"""The cases API under /api/v1/cases/ and the managed lists under /api/v1/reference/: parse, selector or
service, render. Every read starts from cases.selectors (scoped: outside scope is 404); every write is a
service, which checks the right to change (403), validates and audits with the caller as actor."""

import json
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from sc389.core import privacy, softdelete
from sc389.core.errors import DomainError, NotFound
from sc389.org import selectors as org_selectors
from sc389.org.schemas import Choice

from . import exports, selectors, services
from .choices import (
    AttachmentKind,
    CaseStatus,
    Category,
    Channel,
    PartyKind,
    PartyRole,
    RemittanceKind,
    Sex,
    TaxCodeKind,
)
from .errors import CaseErrorCode
from .schemas import (
    CaseChoicesOut,
    CaseCreateIn,
    CaseFiltersIn,
    CaseOut,
    CasePage,
    CaseUpdateIn,
    CommodityGroupOut,
    CursorIn,
    ExportIn,
    GoodsLineIn,
    GoodsLineOut,
    HistoryEventOut,
    MergeIn,
    MergeOut,
    PartyIn,
    PartyOut,
    PartyUpdateIn,
    PenaltyIn,
    PenaltyOut,
    ProsecutionIn,
    ProsecutionOut,
    RemittanceIn,
    RemittanceOut,
    ShareIn,
    ShareOut,
    TransferIn,
    TransferOut,
    ViolationTypeOut,
)

router = Router(tags=["cases"])
reference_router = Router(tags=["reference"])

OutcomeKind = Literal["penalty", "remittance", "prosecution", "transfer"]


# ---- helpers: references in a payload, the cursor --------------------------------------------------------


def _ref(getter, pk: int | None, field: str):
    """The row a payload names by id; an unknown id is the caller's input error (400 on that field)."""
    if pk is None:
        return None
    try:
        return getter(pk=pk)
    except NotFound:
        raise DomainError(
            "invalid_reference", _("Không tìm thấy mục số %(id)s.") % {"id": pk}, field=field
        ) from None


def _units(ids: list[int] | None, field: str) -> list | None:
    return None if ids is None else [_ref(org_selectors.unit_get, pk, field) for pk in ids]


def _actor(request):
    return request.auth


def _reason(request, reason: str | None) -> str:
    """A deletion's reason, from `?reason=` or a JSON body `{"reason": ...}`; required (400 on `reason`)."""
    if not reason and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("reason"), str):
            reason = body["reason"]
    return softdelete.clean_reason(reason)


# ---- cases -------------------------------------------------------------------------------------------------


@router.get("", response=CasePage)
def case_list(request, filters: Query[CaseFiltersIn], page: Query[CursorIn]):
    """Cases in the caller's scope, newest first, by keyset on (detected_on, id): a page never counts the result."""
    found = selectors.case_page(
        user=_actor(request),
        filters=selectors.CaseFilters.from_mapping(filters),
        cursor=page.cursor,
        size=page.limit,
    )
    return {"items": found.rows, "next": found.next_cursor}


@router.get("/export", response={200: None})
def case_export(request, filters: Query[CaseFiltersIn], file: Query[ExportIn]):
    """Every case of the filtered list (not one page) as a file, in the caller's scope and the list's order:
    `format=csv` (streamed, UTF-8 with a byte order mark) or `format=xlsx`. Each export is audited."""
    actor = _actor(request)
    found = selectors.CaseFilters.from_mapping(filters)
    count = exports.case_count(user=actor, filters=found, file_format=file.format)
    services.case_list_export_record(actor=actor, filters=found, kind=file.format, rows=count)
    return exports.response(user=actor, filters=found, file_format=file.format)


@router.post("", response={201: CaseOut})
def case_create(request, payload: CaseCreateIn):
    """Record a case for a unit the caller writes for (403 otherwise)."""
    data = payload.dict()
    case = services.case_create(
        actor=_actor(request),
        lead_unit=_ref(org_selectors.unit_get, data.pop("lead_unit"), "lead_unit"),
        place=_ref(org_selectors.admin_unit_get, data.pop("place"), "place"),
        participants=_units(data.pop("participants"), "participants"),
        violation_type=_ref(selectors.violation_type_get, data.pop("violation_type"), "violation_type"),
        source_unit=_ref(org_selectors.unit_get, data.pop("source_unit"), "source_unit"),
        **data,
    )
    return Status(201, selectors.case_get(user=_actor(request), pk=case.pk))


@router.get("/{case_id}", response=CaseOut)
def case_get(request, case_id: int):
    """One case with its participants, goods, parties, outcomes and merges."""
    return selectors.case_get(user=_actor(request), pk=case_id)


@router.patch("/{case_id}", response=CaseOut)
def case_update(request, case_id: int, payload: CaseUpdateIn):
    """Change the fields sent. A `version` older than the server's answers 409 with the case as it is now."""
    actor = _actor(request)
    case = selectors.case_get(user=actor, pk=case_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    participants = _units(changes.pop("participants", None), "participants")
    resolvers = {
        "lead_unit": org_selectors.unit_get,
        "place": org_selectors.admin_unit_get,
        "violation_type": selectors.violation_type_get,
    }
    for name, getter in resolvers.items():
        if name in changes:
            if changes[name] is None and name != "violation_type":
                raise DomainError("required", _("Trường này là bắt buộc."), field=name)
            changes[name] = _ref(getter, changes[name], name)
    for name in ("category", "detected_on", "channel"):
        if name in changes and changes[name] is None:
            raise DomainError("required", _("Trường này là bắt buộc."), field=name)
    for name in ("channel_url", "channel_shop", "place_text", "narrative", "external_ref"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    try:
        services.case_update(
            case=case, actor=actor, expected_version=version, participants=participants, **changes
        )
    except DomainError as exc:
        if exc.code == CaseErrorCode.STALE:
            # The client keeps its edit and sees what the other writer changed (see api.errors).
            current = selectors.case_get(user=actor, pk=case_id)
            exc.current = CaseOut.from_orm(current).model_dump(mode="json")
        raise
    return selectors.case_get(user=actor, pk=case_id)


@router.delete("/{case_id}", response={204: None})
def case_delete(request, case_id: int, reason: str | None = None, version: int | None = None):
    """Delete a case with a reason (soft: an administrator can restore it; its reference stays reserved).

    Administrators of the case's scope may delete any case, its officers only an open case without outcomes
    (403 otherwise). A `version` older than the server's answers 409 with the case as it is now."""
    actor = _actor(request)
    case = selectors.case_get(user=actor, pk=case_id)
    why = _reason(request, reason)
    try:
        services.case_delete(case=case, actor=actor, reason=why, expected_version=version)
    except DomainError as exc:
        if exc.code == CaseErrorCode.STALE:
            exc.current = CaseOut.from_orm(selectors.case_get(user=actor, pk=case_id)).model_dump(mode="json")
        raise
    return Status(204, None)


@router.get("/{case_id}/history", response=list[HistoryEventOut])
def case_history(request, case_id: int):
    """Who changed what and when (the audit trail, including records merged into this case), newest first."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    return privacy.history_for(_actor(request), case, selectors.case_history(case=case))


# ---- goods and parties -------------------------------------------------------------------------------------


@router.post("/{case_id}/goods", response={201: GoodsLineOut})
def goods_line_add(request, case_id: int, payload: GoodsLineIn):
    case = selectors.case_get(user=_actor(request), pk=case_id)
    data = payload.dict()
    data["commodity_group"] = _ref(selectors.commodity_group_get, data["commodity_group"], "commodity_group")
    return Status(201, services.goods_line_add(case=case, actor=_actor(request), **data))


@router.delete("/{case_id}/goods/{line_id}", response={204: None})
def goods_line_remove(request, case_id: int, line_id: int, reason: str | None = None):
    """Remove a goods line with a reason (`?reason=` or a JSON body); an administrator can restore it."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    line = selectors.goods_line_get(case=case, pk=line_id)
    services.goods_line_remove(line=line, actor=_actor(request), reason=_reason(request, reason))
    return Status(204, None)


@router.post("/{case_id}/parties", response={201: PartyOut})
def party_add(request, case_id: int, payload: PartyIn):
    """Add a person, company, household business, vehicle, online account or phone (identifiers checked)."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    data = payload.dict()
    data["sex"] = data["sex"] or ""
    return Status(201, services.party_add(case=case, actor=_actor(request), **data))


@router.patch("/{case_id}/parties/{party_id}", response=PartyOut)
def party_update(request, case_id: int, party_id: int, payload: PartyUpdateIn):
    case = selectors.case_get(user=_actor(request), pk=case_id)
    party = selectors.party_get(case=case, pk=party_id)
    changes = {k: ("" if v is None else v) for k, v in payload.dict(exclude_unset=True).items()}
    if changes.get("date_of_birth") == "":
        changes["date_of_birth"] = None
    if changes.get("role") == "":
        raise DomainError("required", _("Trường này là bắt buộc."), field="role")
    return services.party_update(party=party, actor=_actor(request), **changes)


@router.delete("/{case_id}/parties/{party_id}", response={204: None})
def party_remove(request, case_id: int, party_id: int, reason: str | None = None):
    """Remove a party with a reason (`?reason=` or a JSON body); an administrator can restore it."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    party = selectors.party_get(case=case, pk=party_id)
    services.party_remove(party=party, actor=_actor(request), reason=_reason(request, reason))
    return Status(204, None)


@router.delete("/{case_id}/attachments/{attachment_id}", response={204: None})
def attachment_remove(request, case_id: int, attachment_id: int, reason: str | None = None):
    """Remove an attachment with a reason; the file is kept so an administrator can restore it."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound()
    services.attachment_remove(attachment=attachment, actor=_actor(request), reason=_reason(request, reason))
    return Status(204, None)


# ---- outcomes: the status follows from them ------------------------------------------------------------------


def _outcome_add(request, case_id: int, kind: str, data: dict):
    case = selectors.case_get(user=_actor(request), pk=case_id)
    return Status(201, services.outcome_add(case=case, actor=_actor(request), kind=kind, values=data))


@router.post("/{case_id}/outcomes/penalty", response={201: PenaltyOut})
def penalty_add(request, case_id: int, payload: PenaltyIn):
    """An administrative penalty decision: fine, value of confiscated goods, destruction, other measures."""
    return _outcome_add(request, case_id, "penalty", payload.dict())


@router.post("/{case_id}/outcomes/remittance", response={201: RemittanceOut})
def remittance_add(request, case_id: int, payload: RemittanceIn):
    """A sum remitted to the state budget."""
    return _outcome_add(request, case_id, "remittance", payload.dict())


@router.post("/{case_id}/outcomes/prosecution", response={201: ProsecutionOut})
def prosecution_add(request, case_id: int, payload: ProsecutionIn):
    """A criminal prosecution decision, its defendants and the transfer to the investigating agency."""
    return _outcome_add(request, case_id, "prosecution", payload.dict())


@router.post("/{case_id}/outcomes/transfer", response={201: TransferOut})
def transfer_add(request, case_id: int, payload: TransferIn):
    """The case sent to another force or agency to handle."""
    data = payload.dict()
    data["to_unit"] = _ref(org_selectors.unit_get, data["to_unit"], "to_unit")
    return _outcome_add(request, case_id, "transfer", data)


@router.delete("/{case_id}/outcomes/{kind}/{outcome_id}", response={204: None})
def outcome_remove(request, case_id: int, kind: OutcomeKind, outcome_id: int, reason: str | None = None):
    """Remove an outcome recorded in error, with a reason; the status is derived again from the live ones."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    outcome = selectors.outcome_get(case=case, kind=kind, pk=outcome_id)
    services.outcome_remove(outcome=outcome, actor=_actor(request), reason=_reason(request, reason))
    return Status(204, None)


# ---- merge and share ---------------------------------------------------------------------------------------


@router.post("/{case_id}/merge", response={201: MergeOut})
def case_merge(request, case_id: int, payload: MergeIn):
    """Merge another record of the same event into this case; both keep their history; it can be undone."""
    actor = _actor(request)
    survivor = selectors.case_get(user=actor, pk=case_id)
    absorbed = selectors.case_get(user=actor, pk=payload.absorbed)
    return Status(
        201, services.case_merge(survivor=survivor, absorbed=absorbed, actor=actor, reason=payload.reason)
    )


@router.post("/{case_id}/merges/{merge_id}/undo", response=MergeOut)
def case_unmerge(request, case_id: int, merge_id: int):
    actor = _actor(request)
    case = selectors.case_get(user=actor, pk=case_id)
    merge = selectors.case_merge_get(case=case, pk=merge_id)
    services.case_unmerge(merge=merge, actor=actor)
    return selectors.case_merge_get(case=case, pk=merge_id)


@router.post("/{case_id}/shares", response={201: ShareOut})
def case_share(request, case_id: int, payload: ShareIn):
    """Let another unit or committee read this case (exactly one of `unit`, `committee`)."""
    case = selectors.case_get(user=_actor(request), pk=case_id)
    share = services.case_share(
        case=case,
        actor=_actor(request),
        unit=_ref(org_selectors.unit_get, payload.unit, "unit"),
        committee=_ref(org_selectors.committee_get, payload.committee, "committee"),
        note=payload.note,
    )
    return Status(201, share)


# ---- managed lists (mounted under /reference) --------------------------------------------------------------


def _choices(enum) -> list[Choice]:
    return [Choice(value=value, label=str(label)) for value, label in enum.choices]


@reference_router.get("/violation-types", response=list[ViolationTypeOut])
def violation_type_list(request, category: Category | None = None, include_inactive: bool = False):
    return selectors.violation_type_list(category=category, include_inactive=include_inactive)


@reference_router.get("/commodity-groups", response=list[CommodityGroupOut])
def commodity_group_list(request, include_inactive: bool = False):
    return selectors.commodity_group_list(include_inactive=include_inactive)


@reference_router.get("/case-choices", response=CaseChoicesOut)
def case_choices(request):
    """The fixed lists of the case register, labelled in the request's language."""
    return {
        "category": _choices(Category),
        "channel": _choices(Channel),
        "status": _choices(CaseStatus),
        "party_kind": _choices(PartyKind),
        "party_role": _choices(PartyRole),
        "sex": _choices(Sex),
        "tax_code_kind": _choices(TaxCodeKind),
        "attachment_kind": _choices(AttachmentKind),
        "remittance_kind": _choices(RemittanceKind),
    }
