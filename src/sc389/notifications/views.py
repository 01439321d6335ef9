"""The user's notifications: the list, the unread badge (an htmx partial for the top bar), mark read, e-mail choice;
and the top-bar language switch, which also records a signed-in user's language for their e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from sc389.core.errors import NotFound

from . import selectors, services
from .models import EmailMode, Language

PAGE_SIZE = 100


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    rows = selectors.notification_list(user=request.user, unread_only=unread_only)[:PAGE_SIZE]
    return render(
        request,
        "notifications/list.html",
        {
            "rows": rows,
            "unread_only": unread_only,
            "unread": selectors.unread_count(user=request.user),
            "email_mode": selectors.email_mode(user=request.user),
            "email_modes": EmailMode.choices,
            "language": selectors.language(user=request.user),
            "languages": Language.choices,
        },
    )


@login_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """The unread count for the top bar (`hx-get` every minute)."""
    return render(request, "notifications/_badge.html", {"unread": selectors.unread_count(user=request.user)})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read, then follow its link (a path of this site only)."""
    try:
        notification = selectors.notification_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    if (
        request.POST.get("follow")
        and notification.link.startswith("/")
        and url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()})
    ):
        return redirect(notification.link)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_POST
def setting_update(request: HttpRequest) -> HttpResponse:
    """The e-mail choice and the language of e-mails and digests (a missing field keeps its value)."""
    mode = request.POST.get("email_mode")
    language = request.POST.get("language")
    if (mode is not None and mode not in EmailMode.values) or (
        language is not None and language not in Language.values
    ):
        messages.error(request, _("Lựa chọn gửi thư không hợp lệ."))
    else:
        services.notification_setting_update(user=request.user, email_mode=mode, language=language)
        messages.success(request, _("Đã lưu cách nhận thư thông báo."))
    return redirect("notifications:list")


def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the top-bar switch, /i18n/setlang/), and for a signed-in user the same language
    for their e-mails and digests, so what the application tells them by mail reads as the application does."""
    response = set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    if language in Language.values and request.user.is_authenticated:
        services.notification_setting_update(user=request.user, language=language)
    return response
