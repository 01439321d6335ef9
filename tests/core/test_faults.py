"""Killed halfway: an import or a task worker stopped by SIGKILL leaves nothing partial, and the work is done again.

The processes are real (`sc389 import_cases`, `sc389 db_worker`) and run against a scratch database that they can
see (a SQLite file; on PostgreSQL a scratch database beside the test one), since they only see committed data.
Kills wait until the child is provably writing: it holds the write transaction (SQLite) or a row lock on the case
table (PostgreSQL) after reporting checked rows. No fixed sleeps: every wait polls a condition, with a deadline.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.imports.files import csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]
BIG_ROWS = 12_000  # above imports.pipeline.MIN_ROWS: written chunk by chunk while later chunks are checked
SHOWN = f"{BIG_ROWS:,}".replace(",", ".")  # 12.000
SMALL_ROWS = 40

SETUP = """
from sc389.org import services
services.admin_units_load_current()
from tests import orgtree
orgtree.build()
"""

COUNTS = """
import json
from sc389.cases.models import Case, GoodsLine, Party, PenaltyDecision, ImportJob
from sc389.core.models import AuditEvent
out = {"cases": Case.objects.count(), "goods": GoodsLine.objects.count(), "parties": Party.objects.count(),
       "penalties": PenaltyDecision.objects.count(), "audit": AuditEvent.objects.count(),
       "refs": {p: Case.objects.filter(external_ref__startswith=p + "-").count() for p in ("BIG", "BIGJ", "Q1", "Q2")},
       "jobs": {j.file_name: [j.status, j.task_id] for j in ImportJob.objects.all()}}
try:
    from django_tasks_db.models import DBTaskResult
    out["tasks"] = {str(t.pk): t.status for t in DBTaskResult.objects.all()}
except Exception:
    out["tasks"] = {}
print(json.dumps(out))
"""

QUEUE = """
from django.core.files.uploadedfile import SimpleUploadedFile
from sc389.cases.imports.jobs import import_job_confirm, import_job_create
from sc389.cases.models import ImportJob
from sc389.org.models import Unit
from django.contrib.auth import get_user_model
actor = get_user_model().objects.get(username="officer_langson_customs")
unit = Unit.objects.get(code="HQ-HN")
for name in ("BIG.csv", "Q1.csv", "Q2.csv"):
    data = open(r"{dir}/" + name, "rb").read()
    job = import_job_create(actor=actor, unit=unit, upload=SimpleUploadedFile(name, data))
    assert job.can_confirm(), job.errors[:3]
    import_job_confirm(job=job, actor=actor)
print("queued", ImportJob.objects.filter(status="queued").count())
"""


def _file(prefix: str, rows: int) -> bytes:
    return csv_bytes(
        [
            good_row(n, external_ref=f"{prefix}-{n:06d}", party_name=f"Lê Văn {prefix} {n}")
            for n in range(rows)
        ]
    )


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args]


def _run(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(_cmd(*args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if ok:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


def _shell(env: dict, code: str) -> str:
    return _run(env, "shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1]


def _counts(env: dict) -> dict:
    return json.loads(_shell(env, COUNTS))


def _wait(condition: Callable[[], bool], *, what: str, timeout: float = 300, child=None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if child is not None and child.poll() is not None:
            pytest.fail(f"the child ended (code {child.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _kill(child: subprocess.Popen) -> None:
    os.killpg(child.pid, signal.SIGKILL)  # the import's checking processes die with it
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


class Database:
    """Looks at the scratch database from outside the child: is a write transaction open on the cases?"""

    def __init__(self, env: dict):
        self.env = env
        self.url = env.get("DATABASE_URL")

    def job_status(self, file_name: str) -> str:
        sql = "SELECT status FROM cases_importjob WHERE file_name = %s"
        if self.url is None:
            conn = sqlite3.connect(Path(self.env["SC389_DATA_DIR"]) / "sc389.sqlite3", timeout=5)
            try:
                row = conn.execute(sql.replace("%s", "?"), [file_name]).fetchone()
            finally:
                conn.close()
        else:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                row = conn.execute(sql, [file_name]).fetchone()
        return row[0] if row else ""

    def writing(self) -> bool:
        if self.url is None:  # SQLite: the import holds the one write lock until it commits or dies
            path = Path(self.env["SC389_DATA_DIR"]) / "sc389.sqlite3"
            probe = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError as exc:
                return "locked" in str(exc)
            finally:
                probe.close()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'cases_case' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
            ).fetchone()
            return row[0] > 0


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A migrated scratch database with the administrative units and the standard organisation tree."""
    tmp = tmp_path_factory.mktemp("faults")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SC389_", "DJANGO_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "sc389.settings.base", "SC389_DATA_DIR": str(tmp / "data")}
    env |= {"SC389_LOG_FORMAT": "text", "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
    drop = None
    if connection.vendor != "postgresql":
        env.pop("DATABASE_URL", None)
    else:
        url = urlsplit(os.environ["DATABASE_URL"])
        name = f"{connection.settings_dict['NAME']}_faults"
        admin = connection.settings_dict
        env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
        psql = [
            "psql",
            "-h",
            admin["HOST"] or "127.0.0.1",
            "-U",
            admin["USER"] or "postgres",
            "-d",
            "postgres",
        ]
        subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True, capture_output=True)
        subprocess.run([*psql, "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
        drop = [*psql, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']
    _run(env, "migrate", "--noinput", "-v", "0")
    _shell(env, SETUP + "print('ok')")
    try:
        yield env, tmp
    finally:
        if drop:
            subprocess.run(drop, capture_output=True)


def test_import_killed_while_writing_leaves_nothing_and_runs_again(scratch):
    env, tmp = scratch
    big = tmp / "BIG.csv"
    big.write_bytes(_file("BIG", BIG_ROWS))
    before = _counts(env)
    assert before["refs"]["BIG"] == 0
    db = Database(env)
    # given: the import is running and has written checked rows inside its transaction
    args = ["import_cases", str(big), "--unit", "HQ-HN", "--user", "officer_langson_customs"]
    child = subprocess.Popen(
        _cmd(*args),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        # the first progress line comes after the first chunk was written (imports.pipeline)
        _wait(lambda: "Đã kiểm tra" in child.stderr.readline(), what="checked rows", child=child)
        _wait(db.writing, what="the import to hold its write transaction", child=child)
    finally:
        # when: killed with no chance to clean up
        _kill(child)
    # then: nothing of the file is there: no case, no part, no audit row
    after_kill = _counts(env)
    for key in ("cases", "goods", "parties", "penalties", "audit"):
        assert after_kill[key] == before[key], key
    assert after_kill["refs"]["BIG"] == 0
    # and the same import run again completes with exactly the file's cases, once each
    done = _run(env, *args)
    assert f"{SHOWN} vụ việc mới" in done.stdout, done.stdout[-500:]
    after = _counts(env)
    assert after["refs"]["BIG"] == BIG_ROWS
    assert after["cases"] == before["cases"] + BIG_ROWS
    assert (
        after["goods"] - before["goods"] == BIG_ROWS and after["penalties"] - before["penalties"] == BIG_ROWS
    )
    assert after["audit"] - before["audit"] >= BIG_ROWS  # one audit row per created case, at least
    assert "chain intact" in _run(env, "verify_audit").stdout
    # a third run finds every case unchanged: no duplicate
    again = _run(env, *args)
    assert f"{SHOWN} không đổi" in again.stdout, again.stdout[-500:]
    assert _counts(env)["refs"]["BIG"] == BIG_ROWS


def test_worker_killed_mid_job_is_recovered_and_the_queue_drained(scratch):
    env, tmp = scratch
    jobs_dir = tmp / "jobs"
    jobs_dir.mkdir()
    (jobs_dir / "BIG.csv").write_bytes(_file("BIGJ", BIG_ROWS))
    (jobs_dir / "Q1.csv").write_bytes(_file("Q1", SMALL_ROWS))
    (jobs_dir / "Q2.csv").write_bytes(_file("Q2", SMALL_ROWS))
    # given: three confirmed import jobs waiting in the database queue, the big one first
    assert "queued 3" in _shell(env, QUEUE.replace("{dir}", str(jobs_dir)))
    before = _counts(env)
    big_task = before["jobs"]["BIG.csv"][1]
    assert before["tasks"][big_task] == "READY"
    db = Database(env)
    worker = subprocess.Popen(
        _cmd("db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload"),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # when: the worker is killed while it writes the big job
        _wait(lambda: db.job_status("BIG.csv") == "running", what="the job to start", child=worker)
        _wait(db.writing, what="the job to write", child=worker)
    finally:
        _kill(worker)
    # then: the job is left "running" with its task, nothing of it written, the others still queued
    dead = _counts(env)
    assert dead["jobs"]["BIG.csv"][0] == "running" and dead["tasks"][big_task] == "RUNNING"
    assert dead["jobs"]["Q1.csv"][0] == dead["jobs"]["Q2.csv"][0] == "queued"
    assert dead["refs"] == before["refs"] and dead["cases"] == before["cases"]
    assert dead["refs"]["BIGJ"] == dead["refs"]["Q1"] == 0
    assert dead["audit"] == before["audit"]
    # when: the worker is started again as systemd does (recover_jobs, then db_worker; --batch exits when idle)
    recovered = _run(env, "recover_jobs")
    assert "1" in recovered.stdout and "lượt nhập" in recovered.stdout
    _run(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")
    # then: every job is done, each file's cases exactly once, the dead task closed as failed
    after = _counts(env)
    assert {name: status for name, (status, _task) in after["jobs"].items()} == {
        "BIG.csv": "done",
        "Q1.csv": "done",
        "Q2.csv": "done",
    }
    assert after["tasks"][big_task] == "FAILED"
    assert after["jobs"]["BIG.csv"][1] != big_task  # a new task ran it
    assert after["cases"] - before["cases"] == BIG_ROWS + 2 * SMALL_ROWS
    assert after["refs"]["BIGJ"] == BIG_ROWS and after["refs"]["Q1"] == after["refs"]["Q2"] == SMALL_ROWS
    assert "chain intact" in _run(env, "verify_audit").stdout
    # and recovering again finds nothing to do
    assert "Không có" in _run(env, "recover_jobs").stdout


def test_recovery_leaves_a_live_job_alone_and_requeues_a_dead_one(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sc389.cases.imports import jobs, recovery
    from sc389.cases.models import ImportJob
    from sc389.core.models import AuditEvent

    officer = tree.users["officer_langson_customs"]
    upload = SimpleUploadedFile("Q.csv", csv_bytes([good_row(1)]))
    job = jobs.import_job_create(actor=officer, unit=tree.units["customs_huunghi"], upload=upload)
    ImportJob.objects.filter(pk=job.pk).update(status="running", task_id="")
    # given: a live process holds the job's lease (as import_job_run does while it runs)
    with recovery.lease(job.pk):
        assert recovery.import_jobs_recover() == []
    job.refresh_from_db()
    assert job.status == "running"
    # when: the lease is gone (its process died): the job is queued again, audited, and its task enqueued
    assert recovery.import_jobs_recover() == [job.pk]
    job.refresh_from_db()
    assert job.status == "done"  # the test settings' immediate backend ran the enqueued task at once
    event = AuditEvent.objects.get(verb="import.requeued")
    assert event.target_id == str(job.pk) and event.data["reason"] == "worker_lost"
    assert recovery.import_jobs_recover() == []
