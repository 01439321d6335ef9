"""API schemas of the organisation's reference lists (read-only)."""

import datetime as dt

from ninja import Field, Schema


class Choice(Schema):
    value: str
    label: str


class AdminUnitRef(Schema):
    id: int
    code: str
    level: str
    name: str
    valid_to: dt.date | None = None


class AdminUnitOut(Schema):
    id: int
    code: str
    level: str
    name: str
    division_type: str
    parent_id: int | None = None
    current_province_id: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class AdminUnitDetailOut(AdminUnitOut):
    parent: AdminUnitRef | None = None
    current_province: AdminUnitRef | None = None
    predecessors: list[AdminUnitRef]
    successors: list[AdminUnitRef]

    @staticmethod
    def resolve_predecessors(obj) -> list:
        return list(obj.predecessors.all())

    @staticmethod
    def resolve_successors(obj) -> list:
        return list(obj.successors.all())


class AdminUnitFilters(Schema):
    q: str | None = Field(None, description="Words of the name, diacritics ignored; or the code")
    level: str | None = Field(None, description="province, district (before 2025) or commune")
    parent: int | None = None
    province: int | None = Field(None, description="Today's province holding the unit")
    on: dt.date | None = Field(None, description="Units valid on this day (historic ones included)")
    include_historic: bool = False


class ForceOut(Schema):
    id: int
    code: str
    name: str
    name_en: str


class UnitRef(Schema):
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    force: str = Field(..., alias="force.code")
    parent_id: int | None = None
    home_province_id: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class UnitFilters(Schema):
    q: str | None = None
    force: str | None = Field(None, description="Force code: customs, border_guard, police ...")
    province: int | None = Field(None, description="Units covering or based in this province")
    on: dt.date | None = None


class CommitteeRef(Schema):
    id: int
    code: str
    name: str


class CommitteeOut(Schema):
    id: int
    code: str
    name: str
    level: str
    area_id: int | None = None
    parent_id: int | None = None


class CommitteeFilters(Schema):
    level: str | None = None
    q: str | None = None


class OrgChoicesOut(Schema):
    admin_level: list[Choice]
    committee_level: list[Choice]
    force: list[Choice]
    role: list[Choice]
