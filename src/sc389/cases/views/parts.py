"""Goods lines, parties and attachments of a case: add, correct, remove."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..forms import AttachmentForm, GoodsLineEditForm, GoodsLineForm, PartyEditForm, PartyForm
from .common import case_or_404, edit_url, part_or_404
from .correct import part_edit
from .delete import confirm_delete
from .edit import part_action


@login_required
@require_POST
def goods_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    form = GoodsLineForm(request.POST, prefix="goods")
    return part_action(
        request,
        case,
        form,
        "goods_form",
        lambda data: services.goods_line_add(case=case, actor=request.user, **data),
        _("Đã thêm hàng hóa."),
        "#goods",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goods_remove(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    """Remove a goods line with a reason (asked on a confirmation page); an administrator can restore it."""
    case = case_or_404(request, pk, "change")
    line = part_or_404(selectors.goods_line_get, case=case, pk=line_id)
    return confirm_delete(
        request,
        case,
        title=_("Xóa hàng hóa “%(name)s”") % {"name": line.description},
        what=_("Dòng hàng không còn được tính; quản trị viên có thể khôi phục."),
        write=lambda reason, _version: services.goods_line_remove(
            line=line, actor=request.user, reason=reason
        ),
        done=_("Đã xóa hàng hóa “%(name)s”.") % {"name": line.description},
        back_url=edit_url(case, "#goods"),
        next_url=edit_url(case, "#goods"),
    )


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    form = PartyForm(request.POST, prefix="party")
    return part_action(
        request,
        case,
        form,
        "party_form",
        lambda data: services.party_add(case=case, actor=request.user, **data),
        _("Đã thêm đối tượng."),
        "#parties",
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_remove(request: HttpRequest, pk: int, party_id: int) -> HttpResponse:
    """Remove a party with a reason (asked on a confirmation page); an administrator can restore it."""
    case = case_or_404(request, pk, "change")
    party = part_or_404(selectors.party_get, case=case, pk=party_id)
    return confirm_delete(
        request,
        case,
        title=_("Xóa đối tượng “%(name)s”") % {"name": str(party)},
        what=_("Đối tượng không còn hiện trong vụ việc; quản trị viên có thể khôi phục."),
        write=lambda reason, _version: services.party_remove(party=party, actor=request.user, reason=reason),
        done=_("Đã xóa đối tượng “%(name)s”.") % {"name": str(party)},
        back_url=edit_url(case, "#parties"),
        next_url=edit_url(case, "#parties"),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    form = AttachmentForm(request.POST, request.FILES)
    return part_action(
        request,
        case,
        form,
        "attachment_form",
        lambda data: services.attachment_add(
            case=case, actor=request.user, upload=data["file"], kind=data["kind"]
        ),
        _("Đã đính kèm tệp."),
        "#attachments",
    )


# --- correcting a goods line or a party in place -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goods_edit(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    line = part_or_404(selectors.goods_line_get, case=case, pk=line_id)
    return part_edit(
        request,
        case,
        part=line,
        reload=lambda current: part_or_404(selectors.goods_line_get, case=current, pk=line_id),
        form_class=GoodsLineEditForm,
        prefix="goods",
        write=lambda **data: services.goods_line_update(line=line, actor=request.user, **data),
        title=_("Sửa hàng hóa “%(name)s”") % {"name": line.description},
        done=_("Đã lưu hàng hóa “%(name)s”.") % {"name": line.description},
        remove_url=reverse("cases:goods_remove", args=[case.pk, line.pk]),
        anchor="#goods",
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, pk: int, party_id: int) -> HttpResponse:
    case = case_or_404(request, pk, "change")
    party = part_or_404(selectors.party_get, case=case, pk=party_id)
    return part_edit(
        request,
        case,
        part=party,
        reload=lambda current: part_or_404(selectors.party_get, case=current, pk=party_id),
        form_class=PartyEditForm,
        prefix="party",
        write=lambda **data: services.party_update(party=party, actor=request.user, **data),
        title=_("Sửa đối tượng “%(name)s”") % {"name": str(party)},
        done=_("Đã lưu đối tượng “%(name)s”.") % {"name": str(party)},
        remove_url=reverse("cases:party_remove", args=[case.pk, party.pk]),
        anchor="#parties",
    )
