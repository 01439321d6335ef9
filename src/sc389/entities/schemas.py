"""In and Out schemas of the entities API."""

import datetime as dt

from ninja import Schema


class AppearanceOut(Schema):
    case_id: int
    case_reference: str
    detected_on: dt.date
    province: str | None
    role: str
    name: str
    reason: str


class EntityOut(Schema):
    id: int
    kind: str
    name: str
    cases: int
    provinces: int


class EntityDetailOut(EntityOut):
    appearances: list[AppearanceOut]


class EntityPage(Schema):
    count: int
    items: list[EntityOut]


class PartyBrief(Schema):
    party_id: int
    case_id: int
    case_reference: str
    province: str | None
    name: str
    date_of_birth: dt.date | None
    id_number: str
    phone: str
    address: str


class JudgementOut(Schema):
    id: int
    probability: float
    status: str
    a: PartyBrief
    b: PartyBrief


class DecisionIn(Schema):
    status: str  # confirmed | rejected | unsure
    note: str = ""
