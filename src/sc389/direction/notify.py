"""The one way direction tells people something: the notifications app's notify() (in the app and by e-mail)."""

from collections.abc import Iterable, Mapping

from sc389.notifications.services import notify


def send(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    params: Mapping | None = None,
    body_text: str = "",
    link: str = "",
    actor=None,
) -> int:
    """Notify each user in `recipients` once (inside the caller's transaction); returns how many were told.

    `title` is a message id (gettext_noop) filled with `params`; `body_text` is shown as written.
    """
    told = notify(
        recipients, kind=kind, title=title, params=params, body_text=body_text, link=link, actor=actor
    )
    return len(told)
