import pytest
from django.db import DatabaseError, connection, transaction

from sc389.core import audit
from sc389.core.models import AppendOnlyError, AuditEvent


def _install_triggers():
    import importlib

    mod = importlib.import_module("sc389.core.migrations.0002_audit_append_only")
    statements = {"sqlite": mod.SQLITE, "postgresql": mod.POSTGRES}[connection.vendor]
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


@pytest.mark.django_db
def test_application_cannot_edit_or_delete_the_log():
    event = audit.record(actor=None, verb="test.done", data={"a": 1})
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_database_refuses_raw_update_and_delete():
    _install_triggers()
    event = audit.record(actor=None, verb="test.done")
    for sql in ("UPDATE core_auditevent SET verb='x' WHERE id=%s", "DELETE FROM core_auditevent WHERE id=%s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.done"


@pytest.mark.django_db
def test_context_sets_channel_and_address():
    with audit.context(channel="import", ip="10.0.0.5", request_id="abc"):
        event = audit.record(actor=None, verb="test.ctx")
    assert (event.channel, event.ip, event.request_id, event.actor_label) == (
        "import",
        "10.0.0.5",
        "abc",
        "system",
    )
