"""The case page: the whole case, its history, its files; sharing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sc389.core import access, privacy
from sc389.core.errors import DomainError

from .. import selectors, services
from ..forms import CASE_FIELD_LABELS, ShareForm, apply_error
from ..models import Case
from .common import case_or_404


def detail_context(request: HttpRequest, case: Case, **forms) -> dict:
    return {
        "case": case,
        "participations": case.participations.select_related("unit"),
        "goods": case.goods.select_related("commodity_group"),
        "parties": case.parties.all(),
        "penalties": case.penalties.all(),
        "remittances": case.remittances.all(),
        "prosecutions": case.prosecutions.all(),
        "transfers": case.transfers.select_related("to_unit"),
        "attachments": case.attachments.select_related("uploaded_by"),
        "absorbed": case.absorbed.select_related("lead_unit"),
        "shares": case.shares.select_related("unit", "committee"),
        "history": privacy.history_for(request.user, case, selectors.case_history(case=case)),
        "can_change": access.can(request.user, case, "change"),
        "can_delete": services.may_delete_case(request.user, case),
        "share_form": forms.get("share_form") or ShareForm(),
        "labels": CASE_FIELD_LABELS,
    }


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk)
    return render(request, "cases/detail.html", detail_context(request, case))


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A case file, only to those who may see the case; never rendered inline, never sniffed."""
    case = case_or_404(request, pk)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def case_share(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.case_share(case=case, actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã chia sẻ vụ việc %(reference)s.") % {"reference": case.reference})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/detail.html", detail_context(request, case, share_form=form))
