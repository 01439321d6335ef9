"""Reference lists of the organisation under /api/v1/reference/ (read-only, for every signed-in user)."""

from ninja import Field, Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from . import selectors
from .choices import AdminLevel, CommitteeLevel, ForceCode, Role
from .schemas import (
    AdminUnitDetailOut,
    AdminUnitFilters,
    AdminUnitOut,
    Choice,
    CommitteeFilters,
    CommitteeOut,
    ForceOut,
    OrgChoicesOut,
    UnitFilters,
    UnitOut,
)

router = Router(tags=["reference"])

# Past the database's integer range an offset or limit fails in SQL (a 500); no list comes near a billion rows.
MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    """Ninja's limit/offset paging with bounds, so an absurd value is refused (422) instead of failing in SQL."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(100, ge=1, le=MAX_OFFSET)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def choices(enum) -> list[Choice]:
    return [Choice(value=value, label=str(label)) for value, label in enum.choices]


@router.get("/admin-units", response=list[AdminUnitOut])
@paginate(Pagination)
def admin_unit_list(request, filters: Query[AdminUnitFilters]):
    """Provinces, districts (before 2025) and communes; historic units with `on` or `include_historic`."""
    return selectors.admin_unit_list(**filters.dict())


@router.get("/admin-units/{unit_id}", response=AdminUnitDetailOut)
def admin_unit_get(request, unit_id: int):
    """One administrative unit with its predecessors and successors across the 2025 reform."""
    return selectors.admin_unit_get(pk=unit_id)


@router.get("/forces", response=list[ForceOut])
def force_list(request):
    return selectors.force_list()


@router.get("/units", response=list[UnitOut])
@paginate(Pagination)
def unit_list(request, filters: Query[UnitFilters]):
    """The forces' units; `province` keeps those covering or based in it (regional units cover several)."""
    return selectors.unit_list(**filters.dict())


@router.get("/committees", response=list[CommitteeOut])
def committee_list(request, filters: Query[CommitteeFilters]):
    return selectors.committee_list(**filters.dict())


@router.get("/org-choices", response=OrgChoicesOut)
def org_choices(request):
    """The fixed lists of the organisation, labelled in the request's language."""
    return {
        "admin_level": choices(AdminLevel),
        "committee_level": choices(CommitteeLevel),
        "force": choices(ForceCode),
        "role": choices(Role),
    }
