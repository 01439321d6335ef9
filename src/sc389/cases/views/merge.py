"""Merging two records of the same event, and undoing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sc389.core.errors import NotFound

from .. import selectors, services
from ..forms import MergeForm
from .common import case_or_404, edit_url, part_or_404
from .edit import part_action


@login_required
@require_POST
def case_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another record of the same event (picked by its number) into this case."""
    case = case_or_404(request, pk, "change")
    form = MergeForm(request.POST)

    def write(data):
        try:
            absorbed = selectors.case_get_by_reference(user=request.user, reference=data["reference"].strip())
        except NotFound:
            raise ValidationError(
                {
                    "reference": _("Không tìm thấy vụ việc số %(reference)s.")
                    % {"reference": data["reference"]}
                }
            ) from None
        services.case_merge(survivor=case, absorbed=absorbed, actor=request.user, reason=data["reason"])

    return part_action(request, case, form, "merge_form", write, _("Đã gộp vụ việc."), "#merges")


@login_required
@require_POST
def case_unmerge(request: HttpRequest, pk: int, merge_id: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    merge = part_or_404(selectors.case_merge_get, case=case, pk=merge_id)
    if merge.undone_at is not None:
        raise Http404
    services.case_unmerge(merge=merge, actor=request.user)
    messages.success(
        request, _("Đã hoàn tác việc gộp vụ %(reference)s.") % {"reference": merge.absorbed.reference}
    )
    return redirect(edit_url(case, "#merges"))
