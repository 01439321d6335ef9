import datetime as dt

from ninja import Schema


class NotificationOut(Schema):
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
    ids: list[int] | None = None  # None: every unread notification


class MarkedOut(Schema):
    marked: int


class SettingIn(Schema):
    email_mode: str


class SettingOut(Schema):
    email_mode: str
