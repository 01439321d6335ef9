"""The second-factor pages: enrol an authenticator app (QR code), then a code after each login."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services
from .forms import TokenForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return "/"
    return target


@never_cache
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if services.has_device(request.user):
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': _next(request)})}")
    device = services.device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.device_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", _("Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã mới."))
    context = {
        "form": form,
        "qr_svg": services.qr_svg(device),
        "secret": device.config_url.split("secret=", 1)[1].split("&", 1)[0],
        "next": _next(request),
    }
    return render(request, "accounts/otp_setup.html", context)


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if not services.has_device(request.user):
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': _next(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.session_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})
