"""The wording of notifications: what a notification says, rendered at read time in the reader's language.

A notification stores what to say, not the finished text, so each reader reads it in their own language: the
in-app pages and the API in the request's language, e-mails and digests in the recipient's stored language
(`NotificationSetting.language`, under `translation.override`).

The convention for callers of `notify()`:
- `title`, `body`: message ids, i.e. the Vietnamese msgids with named placeholders, marked at the call site with
  `gettext_noop` so makemessages finds them and the owning app's `locale/en` carries their English;
- `params`: values put in as they are: free text from users (a bulletin's title, a case reference, a unit's
  name), numbers, dates already formatted. Never translated;
- `labels`: values that are themselves msgids to translate (a status, a request kind, a marking such as
  "bản tin hạn chế"), marked with `gettext_noop` too; each is translated in the reader's language before it is
  put in. A key is either a param or a label, never both;
- `body_text`: a user's own words shown under the title as written (a bulletin's body); never translated.

Rows written before message ids (migration 0002) keep their finished text in `title_text` / `body_text` and are
shown as they are.
"""

import re
from collections.abc import Mapping

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"%\((\w+)\)")


def placeholders(msgid: str) -> set[str]:
    """The named placeholders of a message id (or of its translation)."""
    return set(PLACEHOLDER.findall(msgid))


def values(params: Mapping, labels: Mapping) -> dict:
    """The values to put in, in the active language: params as they are, labels translated."""
    return {**params, **{key: gettext(msgid) for key, msgid in labels.items()}}


def check(msgid: str, *, params: Mapping, labels: Mapping) -> None:
    """Refuse, when it is written, a message whose params do not fill its placeholders (a bug at the call site)."""
    overlap = set(params) & set(labels)
    if overlap:
        raise ValueError(f"Notification keys both param and label: {sorted(overlap)}")
    missing = placeholders(msgid) - set(params) - set(labels)
    if missing:
        raise ValueError(f"Notification message {msgid!r} lacks values for {sorted(missing)}")
    msgid % {**params, **labels}  # noqa: B018  (raises on a malformed message id)


def render(msgid: str, *, params: Mapping, labels: Mapping) -> str:
    """The message in the active language, with its values put in."""
    if not msgid:
        return ""
    filled = values(params, labels)
    try:
        return gettext(msgid) % filled
    except (KeyError, ValueError, TypeError):
        # A translation that lost or misspelt a placeholder must not hide the message: say it in Vietnamese.
        return msgid % filled
