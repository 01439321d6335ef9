"""`sc389 backup` / `sc389 restore`: the database and the attachments in one .tar.gz.

SQLite: a consistent copy through SQLite's online backup API (pages keep being served meanwhile).
PostgreSQL: `pg_dump --format=custom` (the client tools of the server's version must be installed); restore
with `pg_restore --clean --if-exists --no-owner`. Attachments: SC389_DATA_DIR/media as it is.
Restore replaces the database and the attachments: stop the web and worker services first.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

DB_SQLITE = "db.sqlite3"
DB_PG = "db.dump"
MEDIA = "media"


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL client tools, from Django's settings (password by env)."""
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args + ["--dbname", db["NAME"]], env


def backup(target: Path) -> Path:
    """Write the database and attachments to `target` (.tar.gz); returns it."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            dest = sqlite3.connect(work / DB_SQLITE)
            connection.connection.backup(dest)
            dest.close()
            name = DB_SQLITE
        elif connection.vendor == "postgresql":
            args, env = _pg_env()
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(work / DB_PG), *args],
                check=True,
                env=env,
            )
            name = DB_PG
        else:
            raise RuntimeError(f"No backup for the {connection.vendor} database.")
        with tarfile.open(target, "w:gz") as tar:
            tar.add(work / name, arcname=name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname=MEDIA)
    return target


def _safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        if member.name in (DB_SQLITE, DB_PG) or member.name == MEDIA or member.name.startswith(MEDIA + "/"):
            yield member


def restore(source: Path) -> None:
    """Replace the database and the attachments with those in `source` (made by backup())."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(source, "r:gz") as tar:
            tar.extractall(work, members=list(_safe_members(tar)), filter="data")
        if connection.vendor == "sqlite":
            if not (work / DB_SQLITE).exists():
                raise RuntimeError("This backup holds no SQLite database.")
            connection.ensure_connection()
            src = sqlite3.connect(work / DB_SQLITE)
            src.backup(connection.connection)  # page by page into the live file, under its lock
            src.close()
        elif connection.vendor == "postgresql":
            if not (work / DB_PG).exists():
                raise RuntimeError("This backup holds no PostgreSQL dump.")
            connections.close_all()
            args, env = _pg_env()
            subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
                 str(work / DB_PG)],
                check=True,
                env=env,
            )  # fmt: skip
        media = Path(settings.MEDIA_ROOT)
        if (work / MEDIA).is_dir():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(work / MEDIA, media)
