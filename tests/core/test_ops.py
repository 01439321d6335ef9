"""Health, readiness, Prometheus metrics behind an allow-list or token, JSON logs carrying the request id."""

import datetime as dt
import json
import logging

import pytest
from django.utils import timezone

from sc389.core import logs, ops


@pytest.mark.django_db
def test_health_and_ready_answer_without_login(client):
    assert client.get("/health/").json() == {"status": "ok"}
    response = client.get("/ready/")
    assert response.status_code == 200 and response.json() == {"status": "ok", "problems": []}


@pytest.mark.django_db
def test_ready_fails_when_the_worker_does_not_take_work(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_HEARTBEAT_MAX_AGE = 60
    waiting = DBTaskResult.objects.create(
        task_path="sc389.notifications.tasks.x", args_kwargs={"args": [], "kwargs": {}}, queue_name="default",
        backend_name="default", priority=0, run_after=timezone.now() - dt.timedelta(seconds=1),
    )  # fmt: skip
    assert client.get("/ready/").status_code == 200  # just queued
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=5))
    response = client.get("/ready/")
    assert response.status_code == 503 and response.json()["problems"][0].startswith("worker:")


@pytest.mark.django_db
def test_ready_fails_when_migrations_are_missing(client, monkeypatch):
    monkeypatch.setattr(ops, "_migrated", False)

    class Pending:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [("cases", "0099_future")]

    monkeypatch.setattr(ops, "MigrationExecutor", Pending)
    response = client.get("/ready/")
    assert response.status_code == 503 and response.json()["problems"] == ["migrations: 1 not applied"]


@pytest.mark.django_db
def test_ready_fails_when_the_database_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(ops, "check_database", lambda: "database: OperationalError")
    response = client.get("/ready/")
    assert response.status_code == 503 and response.json()["problems"] == ["database: OperationalError"]


@pytest.mark.django_db
def test_metrics_only_for_the_allow_list_or_the_token(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.9"]
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    assert client.get("/metrics").status_code == 404  # 127.0.0.1 is not on the list
    response = client.get("/metrics", REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 200 and b"django_http_requests_total_by_method_total" in response.content
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"})
    assert ok.status_code == 200


@pytest.mark.django_db
def test_behind_the_proxy_the_forwarded_address_counts(client, settings):
    settings.BEHIND_PROXY = True
    settings.METRICS_ALLOWED_IPS = ["10.0.0.9"]
    settings.METRICS_TOKEN = ""
    # a client cannot claim an address by adding its own X-Forwarded-For: the proxy's last entry counts
    spoofed = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.0.0.9, 203.0.113.5")
    assert spoofed.status_code == 404
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="10.0.0.9").status_code == 200


@pytest.mark.django_db
def test_request_log_is_json_with_the_request_id(client, caplog):
    handler = logging.StreamHandler()
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(logs.JsonFormatter())
    lines = []
    handler.emit = lambda record: lines.append(handler.format(record))
    logger = logging.getLogger("sc389.request")
    logger.addHandler(handler)
    try:
        response = client.get("/health/", headers={"X-Request-ID": "req-389-abc"})
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "req-389-abc"
    entry = json.loads(lines[-1])
    assert (entry["request_id"], entry["path"], entry["status"], entry["channel"]) == (
        "req-389-abc",
        "/health/",
        200,
        "web",
    )
    assert isinstance(entry["ms"], float) and entry["level"] == "INFO"
