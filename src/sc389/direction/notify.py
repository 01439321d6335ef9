"""The one way direction tells people something: the notifications app's notify() (in the app and by e-mail)."""

from collections.abc import Iterable

from sc389.notifications.services import notify


def send(*, recipients: Iterable, kind: str, title: str, body: str = "", link: str = "", actor=None) -> int:
    """Notify each user in `recipients` once (inside the caller's transaction); returns how many were told."""
    return len(notify(recipients, kind=kind, title=title, body=body, link=link, actor=actor))
