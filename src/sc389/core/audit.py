"""Write audit rows from services, in the caller's transaction.

Where a write comes from (web, api, import, admin, cli, task), the address and request id come from a context
that the middleware, the API auth, the CLI commands and the import set; services only name actor, verb and target.
"""

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from . import chain
from .models import AuditEvent


@dataclass(frozen=True)
class AuditContext:
    channel: str = "cli"
    ip: str | None = None
    request_id: str = ""


# Callbacks told of the targets of every audit row, inside the writing transaction and under the chain lock (so
# writers are serialised): the reports app keeps its summary of the cases with one (reports.facts). Higher apps
# register in their AppConfig.ready(); core never imports them.
# A bulk writer that created its targets may also hand over the rows it inserted, as written: {db table: (columns,
# rows)}; a hook can derive what it keeps from them instead of reading a whole file's rows back.
Inserted = dict[str, tuple[list[str], list]]
WriteHook = Callable[[list[tuple[str, str]], Inserted | None], None]
_write_hooks: list[WriteHook] = []


def on_write(hook: WriteHook) -> None:
    """Call `hook([(target_type, target_id), ...], inserted)` after each audited write, in its transaction."""
    if hook not in _write_hooks:
        _write_hooks.append(hook)


def _written(targets: list[tuple[str, str]], inserted: Inserted | None = None) -> None:
    if targets:
        for hook in _write_hooks:
            hook(targets, inserted)


_DEFAULT = AuditContext()
_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar("audit_context", default=_DEFAULT)  # noqa: B039 (frozen)


@contextmanager
def context(**kwargs: Any) -> Iterator[AuditContext]:
    """Set channel / ip / request_id for every audit row written inside the block."""
    token = _context.set(replace(_context.get(), **kwargs))
    try:
        yield _context.get()
    finally:
        _context.reset(token)


def current_context() -> AuditContext:
    return _context.get()


def jsonable(value: Any) -> Any:
    if value is None or type(value) in (str, int, bool, float):  # most values: nothing to convert
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):  # by type: .url raises on an empty file field
        return value.name or ""
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of a row: concrete fields, foreign keys by id."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: jsonable(getattr(instance, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def build(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    ctx = _context.get()
    actor_id = getattr(actor, "pk", None)
    return AuditEvent(
        actor_id=actor_id,
        actor_label=(getattr(actor, "get_username", lambda: "")() if actor_id else "system")[:150],
        channel=ctx.channel,
        ip=ctx.ip,
        request_id=ctx.request_id,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=jsonable(changes or {}),
        data=jsonable(data or {}),
    )


def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row; call inside the service's transaction (it holds the chain lock until commit)."""
    event = build(actor=actor, verb=verb, target=target, changes=changes, data=data)
    chain.append([event])
    _written([(event.target_type, event.target_id)])
    return event


def record_many(events: list[AuditEvent]) -> None:
    """Bulk writes record their rows in bulk too, chained in list order."""
    if events:
        chain.append(events)
        _written([(e.target_type, e.target_id) for e in events])


def chain_rows(rows: Iterable[dict[str, Any]], *, now: dt.datetime) -> list[dict[str, Any]]:
    """Audit rows as dicts for a raw bulk insert (cases/imports/bulk.py): sets at, prev_hash and hash.

    Use: `bulk.insert(AuditEvent, audit.chain_rows(rows, now=now), now=now)` inside the import's transaction.
    """
    chained = chain.chain_rows(rows, now=now)
    # the rows are not inserted yet, but what they describe is: the hook reads the written data, not the audit rows
    _written([(row.get("target_type", ""), str(row.get("target_id", ""))) for row in chained])
    return chained


def chain_canonical(texts: list[bytes]) -> list[tuple[str, str]]:
    """(prev_hash, hash) for bulk rows given as their canonical text (core.chain.canonical_head), in insert
    order, inside the inserting transaction. The caller tells the write hooks with `written()` before the
    transaction ends (a bulk writer may gather the targets of several batches into one call)."""
    return chain.chain_canonical(texts)


def written(targets: list[tuple[str, str]], inserted: Inserted | None = None) -> None:
    """Tell the write hooks (on_write) what a bulk write that chained its own rows wrote. `inserted`: the rows of
    new targets (and of their parts) exactly as inserted, every row of those targets included."""
    _written(targets, inserted)


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
