"""The audit log is a hash chain: `sc389 verify_audit` finds a row edited, deleted or inserted behind the
application's back (raw SQL, with the append-only triggers out of the way, as a database administrator could)."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from sc389.core import audit, chain
from sc389.core.models import AuditChainHead, AuditEvent


def _base() -> int:
    return AuditEvent.objects.count()  # the session's reference data was loaded with audit rows already


def _write(n: int = 5) -> list[AuditEvent]:
    return [audit.record(actor=None, verb="test.step", data={"n": i, "text": "Đồng Đăng"}) for i in range(n)]


def _raw(sql: str, params=()) -> None:
    # Test settings do not install the triggers (SC389_AUDIT_TRIGGERS=False): raw SQL reaches the table directly.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


@pytest.mark.django_db
def test_an_untouched_log_verifies():
    base = _base()
    _write()
    checked, broken = chain.verify()
    assert (checked, broken) == (base + 5, None)
    code, text = _verify()
    assert code == 0 and f"{base + 5} audit entries" in text


@pytest.mark.django_db
def test_edited_row_is_found():
    base = _base()
    events = _write()
    _raw("UPDATE core_auditevent SET verb = 'test.forged' WHERE id = %s", [events[2].pk])
    checked, broken = chain.verify()
    assert (checked, broken.event_id, broken.kind) == (base + 2, events[2].pk, "edited")
    code, text = _verify()
    assert code == 1 and str(events[2].pk) in text


@pytest.mark.django_db
def test_edited_json_is_found():
    events = _write()
    _raw(
        "UPDATE core_auditevent SET data = %s WHERE id = %s", ['{"n": 99, "text": "Đồng Đăng"}', events[1].pk]
    )
    assert chain.verify()[1].event_id == events[1].pk


@pytest.mark.django_db
def test_deleted_row_is_found_at_the_next_one():
    events = _write()
    _raw("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])
    broken = chain.verify()[1]
    assert (broken.event_id, broken.kind) == (events[3].pk, "link")


@pytest.mark.django_db
def test_deleted_newest_rows_are_found_by_the_head():
    events = _write()
    _raw("DELETE FROM core_auditevent WHERE id >= %s", [events[3].pk])
    broken = chain.verify()[1]
    assert broken.kind == "tail" and broken.event_id is None


@pytest.mark.django_db
def test_inserted_row_is_found_even_with_a_plain_hash():
    # given: someone who knows the algorithm but not the key (kept outside the database) appends a row
    events = _write(3)
    now = timezone.now()
    forged = {f: "" for f in chain.FIELDS} | {"at": now, "channel": "cli", "verb": "test.inserted"}
    forged |= {"actor_id": None, "ip": None, "changes": {}, "data": {}}
    plain = chain.link(events[-1].hash, forged, key=b"a guess")
    # when: it is linked to the last row, as a careful forger would
    _raw(
        "INSERT INTO core_auditevent (at, actor_label, channel, request_id, verb, target_type, target_id, "
        "target_repr, changes, data, prev_hash, hash) VALUES (%s, '', 'cli', '', 'test.inserted', '', '', '', "
        "'{}', '{}', %s, %s)",
        [now, events[-1].hash, plain],
    )
    # then
    broken = chain.verify()[1]
    assert broken.kind == "edited"


@pytest.mark.django_db
def test_unchained_row_is_found():
    _write(2)
    _raw(
        "INSERT INTO core_auditevent (at, actor_label, channel, request_id, verb, target_type, target_id, "
        "target_repr, changes, data, prev_hash, hash) VALUES (%s, '', 'cli', '', 'x', '', '', '', '{}', '{}', '', '')",
        [timezone.now()],
    )
    assert chain.verify()[1].kind == "unchained"


@pytest.mark.django_db
def test_bulk_paths_extend_the_same_chain():
    # record_many (model instances) and chain_rows (dicts for raw bulk inserts, as the import uses)
    base = _base()
    _write(2)
    audit.record_many([audit.build(actor=None, verb="test.bulk", data={"i": i}) for i in range(3)])
    now = timezone.now()
    with transaction.atomic():
        rows = audit.chain_rows(
            [
                {"verb": "test.rows", "channel": "import", "changes": {"x": [None, i]}, "data": {}}
                for i in range(4)
            ],
            now=now,
        )
        AuditEvent.objects.bulk_create([AuditEvent(**row) for row in rows])
    _write(1)
    assert chain.verify() == (base + 10, None)
    assert AuditChainHead.objects.get().length == base + 10


@pytest.mark.django_db
def test_canonical_form_survives_the_database_round_trip():
    # a local time, a Decimal-like string, nested JSON, an IPv6 address, Vietnamese text
    with audit.context(ip="2001:db8::1", request_id="r1", channel="web"):
        event = audit.record(
            actor=None,
            verb="test.round_trip",
            changes={"fine_vnd": [None, "1500000.50"], "on": [None, dt.date(2025, 3, 1)]},
            data={"z": {"b": 1, "a": [1, 2]}, "tên": "Nguyễn Văn Hưng"},
        )
    reread = AuditEvent.objects.values(*chain.FIELDS).get(pk=event.pk)
    assert chain.link(event.prev_hash, reread) == event.hash


@pytest.mark.django_db
def test_two_writers_do_not_fork_the_chain():
    # The writers are threads with their own connections: they commit for real, beside the test's transaction
    # (which writes nothing itself, so it holds no lock they would wait for). A transactional test would flush
    # the session's reference data.
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers with its database lock (BEGIN IMMEDIATE); PostgreSQL needs the row lock"
        )
    base = _base()
    errors = []
    barrier = threading.Barrier(4)

    def writer(k: int) -> None:
        try:
            barrier.wait()
            for i in range(15):
                with transaction.atomic():
                    audit.record(actor=None, verb="test.concurrent", data={"writer": k, "i": i})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert chain.verify() == (base + 60, None)
