"""Ninja schemas of the invoices API."""

from ninja import Schema


class EvidenceOut(Schema):
    id: str
    seller: str
    seller_name: str
    buyer: str
    buyer_name: str
    series: str
    number: str
    issued_on: str
    amount: int
    status: str
    goods: str


class LeadOut(Schema):
    id: int
    detector: str
    tax_code: str
    name: str
    province: str | None
    score: float
    reasons: list[str]


class ReferralOut(Schema):
    unit: int
    unit_name: str
    task: int
    sent_at: str


class LeadDetailOut(LeadOut):
    evidence: list[EvidenceOut]
    referral: ReferralOut | None = None


class LeadSendIn(Schema):
    unit: int | None = None  # default: the competent unit of the company's province


class LeadPage(Schema):
    count: int
    items: list[LeadOut]
