"""`sc389 backup` then changes then `sc389 restore` gives back every table, row for row, and the attachments.

Runs the real commands in subprocesses against a scratch database (a SQLite file; on PostgreSQL a scratch
database next to the test one), since a backup only sees committed data.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

SNAPSHOT = """
import hashlib, json
from django.db import connection
out = {}
with connection.cursor() as c:
    for table in sorted(connection.introspection.table_names()):
        c.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = sorted(json.dumps(r, default=str, ensure_ascii=False) for r in c.fetchall())
        out[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""

SEED = """
from django.contrib.auth import get_user_model
from sc389.core import audit
from sc389.core.models import Counter
u = get_user_model().objects.create_user("canbo", password="x-389-pass")
for i in range(20):
    audit.record(actor=u, verb="test.backup", data={"i": i, "tên": "Nguyễn Văn Hùng"})
Counter.objects.create(key="case:20-2025", value=41)
"""

CHANGE = """
from django.contrib.auth import get_user_model
from sc389.core import audit
from sc389.core.models import Counter
get_user_model().objects.create_user("moi", password="x-389-pass")
audit.record(actor=None, verb="test.after_backup")
Counter.objects.filter(key="case:20-2025").update(value=99)
"""


def _run(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _snapshot(env) -> dict:
    import json

    return json.loads(_run(env, "shell", "--no-imports", "-c", SNAPSHOT).strip().splitlines()[-1])


@pytest.fixture
def scratch_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SC389_", "DJANGO_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "sc389.settings.base", "SC389_DATA_DIR": str(tmp_path / "data")}
    env |= {"SC389_LOG_FORMAT": "text", "LOG_LEVEL": "WARNING"}
    if connection.vendor != "postgresql":
        env.pop("DATABASE_URL", None)
        yield env
        return
    # PostgreSQL: a scratch database beside the test database, dropped afterwards
    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"{connection.settings_dict['NAME']}_backup"
    admin = connection.settings_dict
    env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
    psql = ["psql", "-h", admin["HOST"] or "127.0.0.1", "-U", admin["USER"] or "postgres", "-d", "postgres"]
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True, capture_output=True)
    subprocess.run([*psql, "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    try:
        yield env
    finally:
        subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], capture_output=True)


def test_backup_restore_round_trip(scratch_env, tmp_path):
    env = scratch_env
    # given: a migrated database with rows in several tables and an attachment
    _run(env, "migrate", "--noinput", "-v", "0")
    _run(env, "shell", "--no-imports", "-c", SEED)
    media = Path(env["SC389_DATA_DIR"]) / "media" / "attachments"
    media.mkdir(parents=True)
    (media / "qd-123.pdf").write_bytes(b"%PDF-1.4 quyet dinh 123")
    before = _snapshot(env)
    # when: backed up, then changed (rows added, changed; the attachment replaced, another added)
    archive = tmp_path / "sc389-backup.tar.gz"
    _run(env, "backup", str(archive))
    _run(env, "shell", "--no-imports", "-c", CHANGE)
    (media / "qd-123.pdf").write_bytes(b"changed")
    (media / "new.pdf").write_bytes(b"new")
    changed = _snapshot(env)
    assert changed != before  # the change is visible, so the comparison below can fail
    # then: restore gives back every table and the attachments exactly
    _run(env, "restore", "--yes", str(archive))
    after = _snapshot(env)
    assert after == before
    assert len(before) > 30 and before["core_auditevent"][0] >= 20
    assert (media / "qd-123.pdf").read_bytes() == b"%PDF-1.4 quyet dinh 123"
    assert not (media / "new.pdf").exists()
    assert "chain intact" in _run(env, "verify_audit")
