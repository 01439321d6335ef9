"""Fast settings for tests: MD5 hasher, tasks run immediately, local-memory cache."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sc389-media-"))
_CREATOR = os.getpid()
# removed when the process that made it ends (not by forked import workers, which share it)
atexit.register(lambda: os.getpid() == _CREATOR and shutil.rmtree(MEDIA_ROOT, ignore_errors=True))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
    DATABASES["default"]["NAME"] = ":memory:"

SC389_AUDIT_TRIGGERS = False  # tests/core/test_audit.py installs them and proves they hold

# Accounts: the suite logs in with force_login / client.login; tests/accounts turns these back on.
AXES_ENABLED = False
OTP_REQUIRED = False
SESSION_IDLE_REFRESH_SECONDS = 3600  # no session write inside the suite's query-count assertions
