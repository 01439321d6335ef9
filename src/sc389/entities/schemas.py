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


class SightingOut(Schema):
    source: str  # invoice_lead | shop
    source_id: int  # the lead's or the shop's id: /api/v1/invoices/leads/{id}, /api/v1/listings/shops/{id}
    detector: str
    identifier: str
    platform: str
    name: str
    province: str | None
    score: float
    reasons: list[str]
    seen_at: dt.datetime


class EntityOut(Schema):
    id: int
    kind: str
    name: str
    cases: int
    provinces: int
    findings: int  # detectors' sightings the reader may see


class EntityDetailOut(EntityOut):
    appearances: list[AppearanceOut]
    sightings: list[SightingOut]


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
