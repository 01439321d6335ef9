"""Create and edit a case's own fields; the edit page also holds the forms that add parts and outcomes."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sc389.core.errors import DomainError

from .. import services
from ..errors import CaseErrorCode
from ..forms import (
    CASE_FIELD_LABELS,
    OUTCOME_FORMS,
    OUTCOME_TITLES,
    AttachmentForm,
    CaseForm,
    CloseForm,
    GoodsLineForm,
    MergeForm,
    PartyForm,
    apply_error,
    place_label,
    recordable_units,
)
from ..models import Case
from .common import case_or_404, edit_url
from .detail import detail_context


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not recordable_units(request.user).exists():
        raise PermissionDenied(_("Bạn không có quyền ghi vụ việc."))
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            case = services.case_create(
                actor=request.user,
                lead_unit=data.pop("lead_unit"),
                category=data.pop("category"),
                detected_on=data.pop("detected_on"),
                place=data.pop("place"),
                participants=list(form.cleaned_data["participants"]),
                **data,
            )
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ghi vụ việc %(reference)s.") % {"reference": case.reference})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": None})


def edit_context(request: HttpRequest, case: Case, **bound) -> dict:
    """The edit page: the case's own fields and one form for each kind of part; `bound` holds a failed one."""
    outcome_forms = [
        (kind, OUTCOME_TITLES[kind], bound.get(f"outcome_{kind}") or form_class(prefix=kind))
        for kind, form_class in OUTCOME_FORMS.items()
    ]
    context = detail_context(request, case)
    context.update(
        {
            "form": bound.get("form")
            or CaseForm(initial=CaseForm.initial_for(case), user=request.user, case=case),
            "conflicts": bound.get("conflicts") or [],
            "goods_form": bound.get("goods_form") or GoodsLineForm(prefix="goods"),
            "party_form": bound.get("party_form") or PartyForm(prefix="party"),
            "outcome_forms": outcome_forms,
            "close_form": bound.get("close_form") or CloseForm(initial={"version": case.version}),
            "merge_form": bound.get("merge_form") or MergeForm(),
            "attachment_form": bound.get("attachment_form") or AttachmentForm(),
            "open_merges": case.merges_in.filter(undone_at__isnull=True).select_related(
                "absorbed", "merged_by"
            ),
        }
    )
    return context


def render_edit(request: HttpRequest, case: Case, **bound) -> HttpResponse:
    return render(request, "cases/edit.html", edit_context(request, case, **bound))


def part_action(
    request: HttpRequest,
    case: Case,
    form,
    key: str,
    write: Callable[[dict], object],
    done: str,
    anchor: str,
) -> HttpResponse:
    """Validate `form`, call the service `write`, and come back to the edit page (or show it with the errors)."""
    if form.is_valid():
        try:
            write(form.service_kwargs() if hasattr(form, "service_kwargs") else form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(edit_url(case, anchor))
    return render_edit(request, case, **{key: form})


def _current_value(case: Case, name: str) -> str:
    if name == "participants":
        return ", ".join(p.unit.name for p in case.participations.select_related("unit")) or "—"
    if name == "place":
        return place_label(case.place)
    display = getattr(case, f"get_{name}_display", None)
    value = display() if display else getattr(case, name)
    return "—" if value in (None, "") else str(value)


def _conflicts(form: CaseForm, current: Case) -> list[tuple[str, str]]:
    """Fields where the saved case now differs from what the user submitted: shown beside the form."""
    out = []
    for name in (*CaseForm.SERVICE_FIELDS, "participants"):
        if name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        theirs = (
            {p.unit_id for p in current.participations.all()}
            if name == "participants"
            else getattr(current, name)
        )
        if name == "participants":
            mine = {u.pk for u in mine}
        if (mine or None) != (theirs or None):
            out.append((str(CASE_FIELD_LABELS[name]), _current_value(current, name)))
    return out


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the case's own fields; a save based on an old read is refused and shown, nothing typed is lost."""
    case = case_or_404(request, pk, "change")
    if request.method == "GET":
        return render_edit(request, case)
    form = CaseForm(request.POST, user=request.user, case=case)
    if not form.is_valid():
        return render_edit(request, case, form=form)
    try:
        services.case_update(
            case=case,
            actor=request.user,
            expected_version=form.cleaned_data.get("version"),
            participants=list(form.cleaned_data["participants"]),
            **form.service_kwargs(),
        )
    except DomainError as exc:
        if exc.code != CaseErrorCode.STALE:
            apply_error(form, exc)
            return render_edit(request, case, form=form)
        # Keep what the user typed, show what changed meanwhile; saving again deliberately overwrites it.
        current = case_or_404(request, pk, "change")
        data = request.POST.copy()
        data["version"] = str(current.version)
        form = CaseForm(data, user=request.user, case=current)
        form.is_valid()
        form.add_error(None, str(exc.message))
        return render_edit(request, current, form=form, conflicts=_conflicts(form, current))
    except ValidationError as exc:
        apply_error(form, exc)
        return render_edit(request, case, form=form)
    messages.success(request, _("Đã lưu vụ việc %(reference)s.") % {"reference": case.reference})
    return redirect("cases:detail", pk=case.pk)
