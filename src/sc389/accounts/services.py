"""Second-factor devices: enrol, confirm, verify at login, reset by an administrator. Every write is audited."""

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from sc389.core import audit

DEVICE_NAME = "TOTP"


def device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator (a new secret the first time), to show as a QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG (no image service, no external request)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """The first code from the authenticator app confirms it and verifies this session."""
    if not device.verify_token(token.strip()):
        audit.record(actor=request.user, verb="auth.otp_failed", target=request.user, data={"step": "enrol"})
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record(
        actor=request.user, verb="auth.otp_enrolled", target=request.user, data={"device": device.pk}
    )
    return True


def session_verify(*, request, token: str) -> bool:
    """A code at login: verifies this session when one of the user's devices accepts it (with its throttling)."""
    device = match_token(request.user, token.strip())
    if device is None:
        audit.record(actor=request.user, verb="auth.otp_failed", target=request.user, data={"step": "login"})
        return False
    otp_login(request, device)
    audit.record(
        actor=request.user, verb="auth.otp_verified", target=request.user, data={"device": device.pk}
    )
    return True


@transaction.atomic
def devices_reset(*, user, actor) -> int:
    """An administrator removes a user's authenticators (lost phone); the user enrols again at next login."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, verb="auth.otp_reset", target=user, data={"removed": removed})
    return removed
