"""API schemas of cases: filters, inputs and outputs. Field names are the model's (glossary) names."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from sc389.core import privacy
from sc389.org.schemas import AdminUnitRef, Choice, CommitteeRef, UnitRef

from .choices import CaseStatus, Category, Channel, PartyKind, PartyRole, RemittanceKind, Sex

# ---- filters and pages -------------------------------------------------------------------------------------


class CaseFiltersIn(Schema):
    """The filters of the case list, the same as the web page's (cases.selectors.CaseFilters)."""

    date_from: dt.date | None = Field(None, description="Detected on or after")
    date_to: dt.date | None = Field(None, description="Detected on or before")
    category: Category | None = None
    status: CaseStatus | None = None
    channel: Channel | None = None
    unit: int | None = Field(None, description="Lead or participating unit")
    province: int | None = Field(None, description="Today's province (administrative unit id)")
    commune: int | None = None
    place: int | None = Field(None, description="Any administrative unit, historic ones included")
    commodity_group: int | None = None
    goods: str | None = Field(None, description="Words in the goods descriptions")
    q: str | None = Field(None, description="Words anywhere; diacritics and tone-mark placement ignored")
    include_merged: bool = False
    # The filters that reproduce a report figure's cases (docs/indicators.md), each on the indicator's own date.
    handled_from: dt.date | None = Field(None, description="Handled on or after")
    handled_to: dt.date | None = Field(None, description="Handled on or before")
    penalty_from: dt.date | None = Field(None, description="With a penalty decision dated on or after")
    penalty_to: dt.date | None = Field(None, description="With a penalty decision dated on or before")
    penalty_since: dt.date | None = Field(
        None, description="And no penalty decision from this day to penalty_from (its first since then)"
    )
    prosecution_from: dt.date | None = Field(
        None, description="With a prosecution decision dated on or after"
    )
    prosecution_to: dt.date | None = Field(None, description="With a prosecution decision dated on or before")
    prosecution_since: dt.date | None = Field(
        None, description="And no prosecution decision from this day to prosecution_from"
    )
    remitted_from: dt.date | None = Field(None, description="With a budget remittance dated on or after")
    remitted_to: dt.date | None = Field(None, description="With a budget remittance dated on or before")
    lead_force: int | None = Field(None, description="Force of the lead unit (force id)")
    lead_only: bool = Field(
        False, description="`unit` matches the lead unit only (a joint case counts for it)"
    )
    no_commune: bool = Field(False, description="Cases without a commune of today (placed before 2025)")
    no_commodity_group: bool = Field(False, description="Cases without a goods line of a commodity group")


class ExportIn(Schema):
    format: Literal["csv", "xlsx"] = Field(
        "csv", description="csv (UTF-8 with a byte order mark) or xlsx (numbers and dates typed)"
    )


class CursorIn(Schema):
    cursor: str | None = Field(None, description="The `next` value of the previous page")
    limit: int = Field(50, ge=1, le=500)


class ViolationTypeRef(Schema):
    id: int
    code: str
    name: str


class CaseRef(Schema):
    id: int
    reference: str


class CaseListItem(Schema):
    id: int
    reference: str
    category: str
    status: str
    channel: str
    detected_on: dt.date
    handled_on: dt.date | None = None
    lead_unit: UnitRef
    province: AdminUnitRef
    place: AdminUnitRef
    place_text: str
    violation_type: ViolationTypeRef | None = None
    merged_into_id: int | None = None
    version: int


class CasePage(Schema):
    """One page of the list, newest first; `next` is null on the last page. No total is counted."""

    items: list[CaseListItem]
    next: str | None = None


# ---- parts and outcomes ------------------------------------------------------------------------------------


class GoodsLineIn(Schema):
    description: str = Field(..., min_length=1, max_length=255)
    commodity_group: int | None = None
    hs_code: str = ""
    quantity: Decimal | None = Field(None, max_digits=18, decimal_places=3)
    unit: str = ""
    value_vnd: int = 0


class GoodsLineOut(Schema):
    id: int
    description: str
    commodity_group_id: int | None = None
    hs_code: str
    quantity: Decimal | None = None
    unit: str
    value_vnd: int


class PartyIn(Schema):
    kind: PartyKind
    role: PartyRole = PartyRole.SUSPECT
    name: str = ""
    date_of_birth: dt.date | None = None
    sex: Sex | None = None
    id_number: str = Field("", description="12-digit CCCD, checked against date of birth and sex")
    tax_code: str = Field("", description="10 or 13 digits, or a 12-digit personal ID since 1 July 2025")
    plate: str = ""
    platform: str = ""
    account: str = ""
    url: str = ""
    phone: str = ""
    address: str = ""


class PartyUpdateIn(Schema):
    role: PartyRole | None = None
    name: str | None = None
    date_of_birth: dt.date | None = None
    sex: Sex | None = None
    id_number: str | None = None
    tax_code: str | None = None
    plate: str | None = None
    platform: str | None = None
    account: str | None = None
    url: str | None = None
    phone: str | None = None
    address: str | None = None


class PartyOut(Schema):
    id: int
    kind: str
    role: str
    name: str
    date_of_birth: dt.date | None = None
    sex: str
    id_number: str
    tax_code: str
    tax_code_kind: str
    plate: str
    platform: str
    account: str
    url: str
    phone: str
    address: str
    masked: bool = Field(False, description="Personal data masked for this caller (docs/security.md)")
    birth_year: int | None = Field(None, description="When masked: the year of birth only")


class PenaltyIn(Schema):
    number: str = Field(..., min_length=1, max_length=64, description="e.g. 123/QĐ-XPHC")
    decided_on: dt.date
    issuer: str = ""
    fine_vnd: int = 0
    confiscated_value_vnd: int = 0
    destroyed: bool = False
    destroyed_value_vnd: int = 0
    other_measures: str = ""


class PenaltyOut(PenaltyIn):
    id: int


class RemittanceIn(Schema):
    document_number: str = ""
    remitted_on: dt.date
    kind: RemittanceKind = RemittanceKind.FINE
    amount_vnd: int


class RemittanceOut(RemittanceIn):
    id: int


class ProsecutionIn(Schema):
    decision_number: str = Field(..., min_length=1, max_length=64)
    decided_on: dt.date
    defendants: int = Field(0, ge=0)
    investigating_agency: str = ""
    transferred_on: dt.date | None = None


class ProsecutionOut(ProsecutionIn):
    id: int


class TransferIn(Schema):
    to_unit: int | None = None
    to_agency: str = ""
    transferred_on: dt.date
    document_number: str = ""
    reason: str = ""


class TransferOut(Schema):
    id: int
    to_unit: UnitRef | None = None
    to_agency: str
    transferred_on: dt.date
    document_number: str
    reason: str


# ---- merge and share ---------------------------------------------------------------------------------------


class MergeIn(Schema):
    absorbed: int = Field(..., description="The other record of the same event; it will point to this case")
    reason: str = ""


class MergeOut(Schema):
    id: int
    survivor_id: int
    absorbed: CaseRef
    added_unit_ids: list[int]
    reason: str
    merged_at: dt.datetime
    undone_at: dt.datetime | None = None


class ShareIn(Schema):
    unit: int | None = None
    committee: int | None = None
    note: str = ""


class ShareOut(Schema):
    id: int
    case_id: int
    unit: UnitRef | None = None
    committee: CommitteeRef | None = None
    note: str
    shared_at: dt.datetime


# ---- the case ----------------------------------------------------------------------------------------------


class CaseCreateIn(Schema):
    lead_unit: int
    category: Category
    detected_on: dt.date
    place: int = Field(..., description="Commune, (historic) district or province")
    participants: list[int] = Field([], description="Other units of a joint case")
    violation_type: int | None = None
    channel: Channel = Channel.OTHER
    channel_url: str = ""
    channel_shop: str = ""
    place_text: str = ""
    narrative: str = ""
    source_unit: int | None = Field(None, description="The unit whose own case id `external_ref` is")
    external_ref: str = ""


class CaseUpdateIn(Schema):
    """Only the fields sent are changed; `version` is the one read (a newer one on the server → 409)."""

    version: int
    lead_unit: int | None = None
    category: Category | None = None
    detected_on: dt.date | None = None
    place: int | None = None
    participants: list[int] | None = None
    violation_type: int | None = None
    channel: Channel | None = None
    channel_url: str | None = None
    channel_shop: str | None = None
    place_text: str | None = None
    narrative: str | None = None
    external_ref: str | None = None


class CaseOut(Schema):
    id: int
    reference: str
    source_unit: UnitRef | None = None
    external_ref: str
    category: str
    violation_type: ViolationTypeRef | None = None
    channel: str
    channel_url: str
    channel_shop: str
    detected_on: dt.date
    place: AdminUnitRef
    province: AdminUnitRef
    commune: AdminUnitRef | None = None
    place_text: str
    lead_unit: UnitRef
    participants: list[UnitRef]
    narrative: str
    status: str
    handled_on: dt.date | None = None
    closed_reason: str
    merged_into: CaseRef | None = None
    merges: list[MergeOut]
    goods: list[GoodsLineOut]
    parties: list[PartyOut]
    penalties: list[PenaltyOut]
    remittances: list[RemittanceOut]
    prosecutions: list[ProsecutionOut]
    transfers: list[TransferOut]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.order_by("code"))

    @staticmethod
    def resolve_merges(obj) -> list:
        return list(obj.merges_in.select_related("absorbed").order_by("id"))

    @staticmethod
    def resolve_goods(obj) -> list:
        return list(obj.goods.all())

    @staticmethod
    def resolve_parties(obj, context) -> list:
        # Personal data masked unless the caller may see it in full (core.privacy; the full view is audited).
        request = (context or {}).get("request")
        return privacy.for_user(getattr(request, "user", None), obj, obj.parties.all())

    @staticmethod
    def resolve_penalties(obj) -> list:
        return list(obj.penalties.all())

    @staticmethod
    def resolve_remittances(obj) -> list:
        return list(obj.remittances.all())

    @staticmethod
    def resolve_prosecutions(obj) -> list:
        return list(obj.prosecutions.all())

    @staticmethod
    def resolve_transfers(obj) -> list:
        return list(obj.transfers.select_related("to_unit"))


class HistoryEventOut(Schema):
    id: int
    at: dt.datetime
    actor: str = Field(..., alias="actor_label")
    channel: str
    verb: str
    target_id: str
    changes: dict[str, Any]
    data: dict[str, Any]


# ---- managed lists -----------------------------------------------------------------------------------------


class ViolationTypeOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    category: str
    active: bool


class CommodityGroupOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    active: bool


class CaseChoicesOut(Schema):
    category: list[Choice]
    channel: list[Choice]
    status: list[Choice]
    party_kind: list[Choice]
    party_role: list[Choice]
    sex: list[Choice]
    tax_code_kind: list[Choice]
    attachment_kind: list[Choice]
    remittance_kind: list[Choice]
