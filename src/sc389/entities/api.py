"""The entities routes of /api/v1/ (scoped like the web pages): list and search, one entity with its visible
cases, the analysts' review queue and their decisions."""

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from sc389.core.errors import PermissionDenied

from . import selectors, services
from .choices import JudgementStatus
from .schemas import (
    AppearanceOut,
    DecisionIn,
    EntityDetailOut,
    EntityPage,
    JudgementOut,
    PartyBrief,
    SightingOut,
)

router = Router(tags=["entities"])
# Past the database's integer range an offset fails in SQL (a 500); no list comes near a billion rows.
MAX_OFFSET = 1_000_000_000


class ListIn(Schema):
    q: str = ""
    kind: str = ""
    flagged: bool = False  # only entities with a detector's finding the caller may see
    limit: int = 50
    offset: int = 0


def _entity_out(entity, name: str | None = None) -> dict:
    return {
        "id": entity.pk,
        "kind": entity.kind,
        "name": name if name is not None else entity.visible_name,
        "cases": getattr(entity, "visible_cases", 0),
        "provinces": getattr(entity, "visible_provinces", 0),
        "findings": getattr(entity, "visible_findings", 0),
    }


@router.get("/", response=EntityPage)
def entity_list(request, filters: Query[ListIn]):
    qs = selectors.entity_list(user=request.user, q=filters.q, kind=filters.kind, flagged=filters.flagged)
    limit = max(1, min(filters.limit, 200))
    offset = min(max(0, filters.offset), MAX_OFFSET)
    page = selectors.with_findings(list(qs[offset : offset + limit]), user=request.user)
    return {"count": qs.count(), "items": [_entity_out(e) for e in page]}


@router.get("/review", response=list[JudgementOut])
def review_queue(request, status: str = JudgementStatus.PENDING):
    _require_reviewer(request.user)
    return [_judgement_out(j) for j in selectors.judgement_queue(user=request.user, status=status)[:200]]


@router.post("/review/{judgement_id}", response=JudgementOut)
def review_decide(request, judgement_id: int, payload: DecisionIn):
    judgement = selectors.judgement_get(user=request.user, pk=judgement_id)
    services.judgement_decide(
        judgement=judgement, status=payload.status, actor=request.user, note=payload.note
    )
    return _judgement_out(judgement)


@router.get("/{entity_id}", response=EntityDetailOut)
def entity_detail(request, entity_id: int):
    entity = selectors.entity_get(user=request.user, pk=entity_id)
    appearances = entity.visible_appearances
    out = _entity_out(entity, selectors.display_name(entity))
    out["cases"] = len({a.case_id for a in appearances})
    out["provinces"] = len({a.province_id for a in appearances if a.province_id})
    out["appearances"] = [
        AppearanceOut(
            case_id=a.case_id,
            case_reference=a.case.reference,
            detected_on=a.case.detected_on,
            province=a.province.name if a.province else None,
            role=a.role,
            name=str(a.party),
            reason=a.reason,
        )
        for a in appearances
    ]
    out["findings"] = len(entity.visible_sightings)
    out["sightings"] = [
        SightingOut(
            source=s.source,
            source_id=s.source_id,
            detector=s.detector,
            identifier=s.identifier,
            platform=s.platform,
            name=s.name,
            province=s.province.name if s.province else None,
            score=s.score,
            reasons=[str(r) for r in s.reasons],
            seen_at=s.seen_at,
        )
        for s in entity.visible_sightings
    ]
    return out


def _require_reviewer(user) -> None:
    if not services.may_review(user):
        raise PermissionDenied(_("Chỉ cán bộ phân tích mới xem xét cặp đối tượng."))


def _brief(party) -> PartyBrief:
    return PartyBrief(
        party_id=party.pk,
        case_id=party.case_id,
        case_reference=party.case.reference,
        province=party.case.province.name if party.case.province_id else None,
        name=party.name,
        date_of_birth=party.date_of_birth,
        id_number=party.id_number,
        phone=party.phone,
        address=party.address,
    )


def _judgement_out(j) -> JudgementOut:
    return JudgementOut(
        id=j.pk, probability=j.probability, status=j.status, a=_brief(j.party_a), b=_brief(j.party_b)
    )
