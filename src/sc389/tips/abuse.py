"""Abuse control without outside services: per-address rate limits in Django's cache, a honeypot field, photo
checks by the file's first bytes.

The cache must be shared by every server process for the limits to hold: locmem (the default setting) counts
per process; production sets CACHES to Redis or the database cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from sc389.core.errors import DomainError

from .errors import TipErrorCode

# Limits per client address: (requests, seconds). Settings may override them.
SUBMIT_LIMIT = getattr(settings, "SC389_TIPS_SUBMIT_LIMIT", (5, 3600))
STATUS_LIMIT = getattr(settings, "SC389_TIPS_STATUS_LIMIT", (30, 3600))
PHOTO_MAX_BYTES = getattr(settings, "SC389_TIPS_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
PHOTO_MAX_COUNT = getattr(settings, "SC389_TIPS_PHOTO_MAX_COUNT", 5)
HONEYPOT_FIELD = "website"  # hidden from people by CSS; bots fill every field

# Photos only: JPEG, PNG, WebP, recognised by their first bytes whatever the name or the declared type.
PHOTO_MAGIC = {
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/webp": b"RIFF",
}


def _key(bucket: str, ip: str | None) -> str:
    # Addresses are kept hashed even in the cache.
    digest = hashlib.sha256((ip or "-").encode()).hexdigest()[:32]
    return f"tips:{bucket}:{digest}"


def rate_limit(bucket: str, ip: str | None, limit: tuple[int, int]) -> None:
    """Count one request of `ip` in `bucket`; refuse (429) once `limit` is exceeded within its window."""
    count, seconds = limit
    key = _key(bucket, ip)
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > count:
        raise DomainError(
            TipErrorCode.RATE_LIMITED,
            _("Bạn đã gửi quá nhiều yêu cầu. Xin thử lại sau %(minutes)s phút.")
            % {"minutes": max(1, seconds // 60)},
            status=429,
        )


def check_honeypot(value: str | None) -> None:
    if value:
        raise DomainError(TipErrorCode.REJECTED, _("Không nhận được tin báo. Xin thử lại."), status=400)


def check_photo(upload: UploadedFile) -> str:
    """The photo's real content type; refuses what is too large or not a JPEG, PNG or WebP image."""
    if upload.size > PHOTO_MAX_BYTES:
        raise DomainError(
            TipErrorCode.BAD_PHOTO,
            _("Ảnh %(name)s lớn hơn %(limit)s MB. Hãy gửi ảnh nhỏ hơn.")
            % {"name": upload.name, "limit": PHOTO_MAX_BYTES // (1024 * 1024)},
            field="photos",
        )
    head = upload.read(16)
    upload.seek(0)
    for content_type, magic in PHOTO_MAGIC.items():
        if head.startswith(magic) and (content_type != "image/webp" or head[8:12] == b"WEBP"):
            return content_type
    raise DomainError(
        TipErrorCode.BAD_PHOTO,
        _("Tệp %(name)s không phải ảnh JPEG, PNG hoặc WebP. Chỉ nhận ảnh chụp.") % {"name": upload.name},
        field="photos",
    )
