import datetime as dt

from ninja import Schema


class DistributionIn(Schema):
    kind: str
    province: int | None = None  # AdministrativeUnit id, for kind "provinces"
    group: int | None = None  # SharingGroup id, for kind "group"


class EntityIn(Schema):
    kind: str
    label: str


class BulletinIn(Schema):
    author_unit: int
    title: str
    body: str
    sensitivity: str = "normal"
    distributions: list[DistributionIn]
    cases: list[int] = []
    entities: list[EntityIn] = []


class BulletinEntityOut(Schema):
    kind: str
    label: str


class CaseRefOut(Schema):
    id: int
    reference: str
    detected_on: dt.date


class ReceiptOut(Schema):
    user: str
    read_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    action_taken: str
    action_at: dt.datetime | None


class BulletinEditIn(Schema):
    title: str
    body: str
    entities: list[EntityIn] | None = None  # None keeps the named entities; a list replaces them


class WithdrawIn(Schema):
    reason: str


class BulletinOut(Schema):
    id: int
    author_unit: int
    author_unit_name: str
    title: str
    body: str
    sensitivity: str
    published_at: dt.datetime
    status: str
    version: int
    edited_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    withdrawn_reason: str
    distributions: list[DistributionIn]
    cases: list[CaseRefOut]
    entities: list[BulletinEntityOut]
    my_receipt: ReceiptOut | None


class BulletinRowOut(Schema):
    id: int
    author_unit_name: str
    title: str
    sensitivity: str
    published_at: dt.datetime
    status: str
    version: int


class ActionIn(Schema):
    action_taken: str


class GroupIn(Schema):
    owner_committee: int
    name: str
    description: str = ""
    units: list[int] = []


class GroupMembersIn(Schema):
    units: list[int]


class UnitRefOut(Schema):
    id: int
    name: str


class GroupOut(Schema):
    id: int
    name: str
    description: str
    owner_committee: int
    members: list[UnitRefOut] | None  # None: the caller may not see the membership list


class RequestIn(Schema):
    kind: str
    from_unit: int
    to_unit: int
    subject: str
    body: str = ""
    deadline: dt.date
    case: int | None = None


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    url: str  # the scoped download route


class ReplyOut(Schema):
    id: int
    author: str
    body: str
    created_at: dt.datetime
    attachments: list[str]  # the file names (kept for existing clients); `files` has the details
    files: list[AttachmentOut]


class RequestOut(Schema):
    id: int
    kind: str
    from_unit: int
    to_unit: int
    subject: str
    body: str
    case: int | None
    deadline: dt.date
    status: str
    escalated_to: int | None
    replies: list[ReplyOut]


class ReplyIn(Schema):
    body: str


class DeclineIn(Schema):
    reason: str


class EscalateIn(Schema):
    reason: str = ""


class NetworkIn(Schema):
    name: str
    description: str = ""
    cases: list[int]


class NetworkCaseIn(Schema):
    case: int


class TimelineOut(Schema):
    day: dt.date
    event: str
    province: str
    case: CaseRefOut | None  # None: a case of another province the caller may not see


class NetworkOut(Schema):
    id: int
    name: str
    description: str
    timeline: list[TimelineOut]


class NetworkRowOut(Schema):
    id: int
    name: str


class SearchOut(Schema):
    bulletins: list[BulletinRowOut]
    requests: list[RequestOut]
