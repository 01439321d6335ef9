import datetime as dt
from typing import Annotated

from ninja import Field, Schema

# The largest id the database holds (64-bit): a bigger number would fail in SQL instead of matching nothing.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class NotificationOut(Schema):
    """A notification in the request's language (title and body are rendered from message ids when read)."""

    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


class MarkReadIn(Schema):
    ids: list[Id] | None = None  # None: every unread notification


class MarkedOut(Schema):
    marked: int


class SettingIn(Schema):
    email_mode: str | None = None  # None: keep it
    language: str | None = None  # of e-mails and digests; None: keep it


class SettingOut(Schema):
    email_mode: str
    language: str
