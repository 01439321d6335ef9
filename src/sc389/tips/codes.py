"""Receipt codes: unguessable, short, and typeable from a phone or read over the phone.

10 symbols from 30 letters and digits without the look-alikes (0/O, 1/I/L, U/V) give about 49 bits: guessing
one, at the status page's rate limit, would take longer than any tip is followed.
"""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # 30 symbols
LENGTH = 10


def new_code() -> str:
    """A fresh code, shown as two groups of five: "K7QM2-XW9HD"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(typed: str) -> str | None:
    """The stored form of what a citizen typed (any case, spaces or dashes anywhere); None if it cannot be one."""
    raw = re.sub(r"[\s\-_.]", "", typed or "").upper()
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return f"{raw[:5]}-{raw[5:]}"
