"""Production settings come from the environment: `sc389 check --deploy` is clean with them, and a missing
SECRET_KEY stops the start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SC389_ENV": "production",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "7Hq$2vLz!pW9xR4nT6yB8mC1dF3gJ5sA0eU",
    "ALLOWED_HOSTS": "sc389.langson.gov.vn",
    "DJANGO_SETTINGS_MODULE": "sc389.settings.base",
}


def _sc389(args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SC389_", "DJANGO_", "DATABASE_URL"))}
    clean.update(env, SC389_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _sc389(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_does_not_start(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _sc389(["check"], env, tmp_path)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_development_defaults_are_reported_by_check_deploy(tmp_path):
    # the same check fails without the production environment: the test above proves something
    env = {"DJANGO_SETTINGS_MODULE": "sc389.settings.base", "DEBUG": "0"}
    result = _sc389(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "name, expected",
    [
        ("SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "True"),
        ("SECURE_SSL_REDIRECT", "True"),
        ("SECURE_HSTS_SECONDS", "31536000"),
        ("SECURE_PROXY_SSL_HEADER", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("X_FRAME_OPTIONS", "DENY"),
    ],
)
def test_production_values(tmp_path, name, expected):
    code = f"from django.conf import settings; print(settings.{name})"
    result = _sc389(["shell", "--no-imports", "-c", code], PRODUCTION_ENV, tmp_path)
    assert result.stdout.strip() == expected, result.stderr


def test_ssl_redirect_can_be_left_to_the_proxy(tmp_path):
    code = "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)"
    result = _sc389(
        ["shell", "--no-imports", "-c", code], {**PRODUCTION_ENV, "SC389_SSL_REDIRECT": "0"}, tmp_path
    )
    assert result.stdout.strip() == "False", result.stderr
