import datetime as dt

from django.urls import reverse
from ninja import Schema
from pydantic import Field


class Ref(Schema):
    id: int
    name: str


class ConclusionOut(Schema):
    id: int
    number: int
    text: str


class SessionIn(Schema):
    committee: int
    kind: str = "session"
    held_on: dt.date
    title: str = Field(min_length=1, max_length=255)
    place_text: str = ""
    chaired_by: str = ""
    participants_text: str = ""
    participant_units: list[int] = []
    conclusions: list[str] = []


class SessionOut(Schema):
    id: int
    committee: Ref
    kind: str
    held_on: dt.date
    title: str
    place_text: str
    chaired_by: str
    participants_text: str
    participant_units: list[Ref]
    conclusions: list[ConclusionOut]

    @staticmethod
    def resolve_participant_units(obj) -> list[dict]:
        return [{"id": u.pk, "name": u.name} for u in obj.participant_units.all()]

    @staticmethod
    def resolve_conclusions(obj) -> list:
        return list(obj.conclusions.all())


class SessionSummaryOut(Schema):
    id: int
    committee: Ref
    kind: str
    held_on: dt.date
    title: str


class TaskIn(Schema):
    committee: int
    assignee: int
    title: str = Field(min_length=1, max_length=500)
    description: str = ""
    due_on: dt.date
    conclusion: int | None = None
    directive: int | None = None


class TaskOut(Schema):
    id: int
    committee: Ref
    assignee: Ref
    title: str
    description: str
    due_on: dt.date
    status: str
    percent: int
    conclusion_id: int | None
    directive_id: int | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue()


class ProgressIn(Schema):
    text: str = Field(min_length=1)
    percent: int = Field(ge=0, le=100)
    status: str | None = None


class TaskUpdateOut(Schema):
    id: int
    text: str
    percent: int
    status: str
    attachment_name: str
    attachment_type: str
    sha256: str  # the attachment's SHA-256 ("" without one); the file is stored under it
    attachment_url: str | None  # the scoped download route, None without an attachment
    created_at: dt.datetime

    @staticmethod
    def resolve_attachment_url(obj) -> str | None:
        if not obj.attachment:
            return None
        return reverse(
            "api:direction_update_attachment", kwargs={"task_id": obj.task_id, "update_id": obj.pk}
        )


class TaskDetailOut(TaskOut):
    updates: list[TaskUpdateOut]

    @staticmethod
    def resolve_updates(obj) -> list:
        return list(obj.updates.all())


class BoardOut(Schema):
    committee: Ref
    overdue: list[TaskOut]
    due_soon: list[TaskOut]
    open: list[TaskOut]
    done_count: int


class DirectiveIn(Schema):
    committee: int
    kind: str = "directive"
    number: str = Field(min_length=1, max_length=64)
    issued_on: dt.date
    title: str = Field(min_length=1, max_length=500)


class DirectiveOut(Schema):
    id: int
    committee: Ref
    kind: str
    number: str
    issued_on: dt.date
    title: str
    document_name: str
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj) -> list:
        return getattr(obj, "visible_tasks", [])


class CampaignIn(Schema):
    committee: int
    name: str = Field(min_length=1, max_length=255)
    starts_on: dt.date
    ends_on: dt.date
    basis: str = ""


class CampaignOut(Schema):
    id: int
    committee: Ref
    name: str
    starts_on: dt.date
    ends_on: dt.date
    basis: str
