"""Settings: the environment is read here, once.

DATABASE_URL      default: SQLite file in SC389_DATA_DIR
SC389_DATA_DIR    where the SQLite file and uploaded attachments live (default: ./var)
SECRET_KEY, DEBUG, ALLOWED_HOSTS
SC389_ENV         "production" (with DEBUG=0) requires SECRET_KEY and turns on secure cookies, HSTS, SSL redirect
REDIS_URL         shared cache for rate limits across processes (default: per-process memory)
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL, SC389_BASE_URL
The rest (security, accounts, operations) is listed in docs/deployment.md and docs/security.md.
"""

import datetime as _dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SC389_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("DEBUG", "0") == "1"
SC389_ENV = os.environ.get("SC389_ENV", "development")
PRODUCTION = SC389_ENV == "production" and not DEBUG
_DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "SC389_ENV=production needs SECRET_KEY (50+ random characters) in the environment."
    )
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_prometheus",
    "sc389.core",
    "sc389.accounts",
    "sc389.org",
    "sc389.notifications",
    "sc389.cases",
    "sc389.reports",
    "sc389.coordination",
    "sc389.direction",
    "sc389.tips",
    "sc389.entities",
    "sc389.invoices",
    "sc389.hotspots",
    "sc389.listings",
    "sc389.api",
    "sc389.demo",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sc389.core.middleware.AuditContextMiddleware",  # early: the request id is in every log line below it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sc389.accounts.middleware.SessionIdleMiddleware",
    "sc389.accounts.middleware.RequireOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "sc389.urls"
WSGI_APPLICATION = "sc389.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'sc389.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default must work on a fresh checkout
    # WAL lets the background worker write while pages read; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        # A 2 MB page cache (the default) makes a million-case list read from disk; give it 64 MB and mmap.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first: existing PBKDF2 hashes still verify and are upgraded at the user's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Axes first: a locked-out username/address is refused before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "login"

# --- Security (docs/security.md) -------------------------------------------------------------------------
# Behind nginx (TLS ends there): trust its X-Forwarded-Proto / X-Forwarded-For, and only then.
BEHIND_PROXY = _env_bool("SC389_BEHIND_PROXY", PRODUCTION)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("SC389_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SC389_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SC389_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("SC389_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("SC389_SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # pages pass the token from the template (hx-headers), never from the cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
X_FRAME_OPTIONS = "DENY"
# Idle timeout: a session ends SC389_SESSION_IDLE_MINUTES after the last request (sc389.accounts.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("SC389_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_IDLE_REFRESH_SECONDS = 60  # refresh the expiry at most once a minute, not on every request

# Content-Security-Policy (django-csp 4): nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): SC389_LOGIN_FAILURES wrong passwords for one username from one address lock
# it for SC389_LOCKOUT_MINUTES; `sc389 axes_reset_username NAME` unlocks earlier.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = int(os.environ.get("SC389_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = _dt.timedelta(minutes=int(os.environ.get("SC389_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if BEHIND_PROXY else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if BEHIND_PROXY else ("REMOTE_ADDR",)
)
AXES_VERBOSE = False

# Second factor (django-otp TOTP): required for administrators and standing-office roles (sc389.accounts.policy).
OTP_REQUIRED = _env_bool("SC389_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "SC389"

# The audit hash chain's key (core.chain): keep it outside the database and never change it (default: SECRET_KEY).
AUDIT_CHAIN_KEY = os.environ.get("SC389_AUDIT_KEY", "")

# --- Operations (docs/deployment.md) ----------------------------------------------------------------------
# /metrics answers the listed addresses, or a request with "Authorization: Bearer $SC389_METRICS_TOKEN".
METRICS_ALLOWED_IPS = [a for a in os.environ.get("SC389_METRICS_IPS", "127.0.0.1,::1").split(",") if a]
METRICS_TOKEN = os.environ.get("SC389_METRICS_TOKEN", "")
# Readiness fails when the task worker has not been seen for this long (its heartbeat, sc389.core.ops).
WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("SC389_WORKER_MAX_AGE", "120"))
PROMETHEUS_EXPORT_MIGRATIONS = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Rate limits (tips, logins) must be shared by every worker process in production: set REDIS_URL there.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# E-mail (notifications, digests): printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SC389 <no-reply@localhost>")
SC389_BASE_URL = os.environ.get("SC389_BASE_URL", "")  # e-mail links are relative when unset

# One JSON object a line with the request id (SC389_LOG_FORMAT=text for a terminal).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sc389.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "sc389.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if os.environ.get("SC389_LOG_FORMAT", "json") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Libraries that narrate their work at INFO (PDF rendering, font subsetting).
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "PIL")},
}

# Attachments: what a case file may be (Decree 30 decisions as PDF/DOCX, photos as images).
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
