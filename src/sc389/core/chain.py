"""The audit log's hash chain: how a row is hashed, how writers extend the chain, how it is verified.

hash = HMAC-SHA256(key, prev_hash + canonical JSON of the row). The key (settings.AUDIT_CHAIN_KEY) is kept
outside the database, so someone who can only write to the database cannot recompute a valid chain after
changing a row. Rows are chained in id order; the writer holds the lock on the single AuditChainHead row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock, taken at BEGIN IMMEDIATE) until its transaction
commits, so ids and chain order agree and two writers cannot fork the chain.
"""

import datetime as dt
import functools
import hmac
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
# The hashed fields, in this order: everything a row says, nothing the database assigns (id).
FIELDS = (
    "at",
    "actor_id",
    "actor_label",
    "channel",
    "ip",
    "request_id",
    "verb",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
    "data",
)


def _key() -> bytes:
    return str(getattr(settings, "AUDIT_CHAIN_KEY", "") or settings.SECRET_KEY).encode()


@functools.lru_cache(maxsize=1024)  # a bulk insert gives every row the same moment
def _at(value: Any) -> str:
    if isinstance(value, str):  # a raw-SQL SQLite read
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


@functools.lru_cache(maxsize=4096)
def _ip(value: str | None) -> str | None:
    return ipaddress.ip_address(value).compressed if value else None


_TEXT = ("actor_label", "channel", "request_id", "verb", "target_type", "target_id", "target_repr")
_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value  # JSON text from a raw read


def canonical(row: dict[str, Any]) -> bytes:
    """The row as the database gives it back, as a JSON array in FIELDS order: UTC time to the microsecond,
    empty text as "", nested JSON with sorted keys."""
    get = row.get
    values = [
        _at(get("at")),
        get("actor_id"),
        *(get(name) or "" for name in _TEXT[:3]),
        _ip(get("ip")),
        *(get(name) or "" for name in _TEXT[3:]),
        _json(get("changes")),
        _json(get("data")),
    ]
    # values order: at, actor_id, actor_label, channel, request_id, ip, verb, target_type, target_id,
    # target_repr, changes, data (fixed: changing it invalidates every stored hash)
    return _encode(values).encode()


def link(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    return link_canonical(prev_hash, canonical(row), key or _key())


def link_canonical(prev_hash: str, text: bytes, key: bytes) -> str:
    """HMAC-SHA256(key, prev_hash + text): OpenSSL's one-shot HMAC, several times faster than hmac.new()."""
    return hmac.digest(key, prev_hash.encode() + text, "sha256").hex()


def encode(value: Any) -> str:
    """A value as canonical() writes it inside the array: for bulk writers that encode parts of rows ahead."""
    return _encode(value)


def canonical_head(row: dict[str, Any]) -> str:
    """The canonical array's text up to and including the comma before `target_id`.

    A bulk writer whose rows share time, actor, channel, verb and target type (an import) completes each row's
    canonical text as `head + encode(target_id) + "," + encode(target_repr) + "," + changes + "," + data + "]"`,
    with `changes` and `data` in `encode()`'s form; the result is byte for byte what canonical() gives.
    """
    get = row.get
    values = [
        _at(get("at")),
        get("actor_id"),
        *(get(name) or "" for name in _TEXT[:3]),
        _ip(get("ip")),
        *(get(name) or "" for name in _TEXT[3:5]),
    ]
    return _encode(values)[:-1] + ","


def chain_canonical(texts: Iterable[bytes]) -> list[tuple[str, str]]:
    """(prev_hash, hash) for rows given as their canonical text, in insert order: for bulk writers that build the
    text themselves (canonical_head). Same rules as chain_rows: inside the inserting transaction, head locked."""
    if not connection.in_atomic_block:
        raise RuntimeError("chain_canonical() must run inside the transaction that inserts the rows.")
    head = _lock_head()
    key = _key()
    prev = head.last_hash
    out = []
    for text in texts:
        digest = hmac.digest(key, prev.encode() + text, "sha256").hex()
        out.append((prev, digest))
        prev = digest
    _save_head(head, prev, len(out))
    return out


def _lock_head() -> AuditChainHead:
    """The chain head under lock (created on first use: a fresh or flushed database has none)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _save_head(head: AuditChainHead, last_hash: str, added: int) -> None:
    AuditChainHead.objects.filter(pk=1).update(last_hash=last_hash, length=head.length + added)


def append(events: list[AuditEvent]) -> None:
    """Chain and insert model instances (record / record_many); the caller's transaction holds the lock."""
    if not connection.in_atomic_block:
        with transaction.atomic():
            return append(events)
    head = _lock_head()
    key = _key()
    prev = head.last_hash
    for event in events:
        event.prev_hash = prev
        event.hash = prev = link(prev, vars(event), key)
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events, batch_size=2000)
    _save_head(head, prev, len(events))


def chain_rows(rows: Iterable[dict[str, Any]], *, now: dt.datetime) -> list[dict[str, Any]]:
    """For bulk inserts of audit rows as dicts (attname → value): set `at`, `prev_hash` and `hash` on each.

    Call it inside the import's transaction, right before inserting the returned rows IN THIS ORDER (their ids
    must ascend in it); it locks the chain head until that transaction ends.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("chain_rows() must run inside the transaction that inserts the rows.")
    head = _lock_head()
    key = _key()
    prev = head.last_hash
    out = []
    for row in rows:
        row["at"] = now
        row["prev_hash"] = prev
        row["hash"] = prev = link(prev, row, key)
        out.append(row)
    _save_head(head, prev, len(out))
    return out


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold."""

    event_id: int | None
    kind: str  # "edited" | "link" (a row before was removed or this one inserted) | "tail" | "unchained"
    detail: str


def rechain_all(event_model=AuditEvent, head_model=AuditChainHead, using: str = "default") -> int:
    """Hash every row in id order and reset the head: for the migration that introduced the chain only."""
    from django.db import connections

    key = _key()
    prev = GENESIS
    count = 0
    with connections[using].cursor() as cursor:
        for row in _rows(event_model):
            digest = link(prev, row, key)
            cursor.execute(
                "UPDATE core_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev, digest, row["id"]],
            )
            prev = digest
            count += 1
    head_model.objects.using(using).update_or_create(pk=1, defaults={"last_hash": prev, "length": count})
    return count


def _rows(event_model=AuditEvent) -> Iterator[dict[str, Any]]:
    names = ("id", *FIELDS, "prev_hash", "hash")
    qs = event_model.objects.order_by("id").values_list(*names)
    for values in qs.iterator(chunk_size=5000):
        yield dict(zip(names, values, strict=True))


def verify() -> tuple[int, Break | None]:
    """(rows checked, the first break or None). Reads the log in id order, in chunks."""
    key = _key()
    prev = GENESIS
    count = 0
    for row in _rows():
        if not row["hash"]:
            return count, Break(row["id"], "unchained", "row has no hash (written around core.audit)")
        if row["prev_hash"] != prev:
            return count, Break(
                row["id"], "link", "does not follow the row before it: a row was removed or inserted here"
            )
        if link(prev, row, key) != row["hash"]:
            return count, Break(row["id"], "edited", "content does not match its hash: the row was changed")
        prev = row["hash"]
        count += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_hash, length = (head.last_hash, head.length) if head else (GENESIS, 0)
    if head_hash != prev or length != count:
        return count, Break(
            None,
            "tail",
            f"chain head expects {length} rows ending {head_hash[:12]}: the newest rows were removed",
        )
    return count, None
