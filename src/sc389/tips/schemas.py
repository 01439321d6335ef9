import datetime as dt

from ninja import Schema
from pydantic import Field


class Ref(Schema):
    id: int
    name: str


class TipIn(Schema):
    """A citizen's tip (multipart form; photos as `photos` files). `website` must stay empty (a honeypot)."""

    category: str
    place: int
    description: str = Field(min_length=10, max_length=5000)
    place_text: str = Field("", max_length=255)
    contact_name: str = Field("", max_length=120)
    contact_phone: str = Field("", max_length=32)
    contact_email: str = Field("", max_length=254)
    website: str = ""


class TipReceiptOut(Schema):
    receipt_code: str
    status: str
    status_label: str
    submitted_at: dt.datetime
    status_changed_at: dt.datetime


class TipOut(Schema):
    id: int
    receipt_code: str
    category: str
    status: str
    province: Ref
    commune: Ref | None
    place_text: str
    description: str
    contact_name: str
    contact_phone: str
    contact_email: str
    suggested_unit: Ref | None
    routed_unit: Ref | None
    case_id: int | None
    internal_note: str
    close_reason: str
    submitted_at: dt.datetime
    photos: int

    @staticmethod
    def resolve_photos(obj) -> int:
        return obj.photos.count()


class RouteIn(Schema):
    unit: int
    note: str = ""


class OpenCaseIn(Schema):
    category: str | None = None
    detected_on: dt.date | None = None


class OpenCaseOut(Schema):
    case_id: int
    reference: str


class CloseIn(Schema):
    reason: str = Field(min_length=1, max_length=255)
