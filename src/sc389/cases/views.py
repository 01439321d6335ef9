"""The case register's pages: parse → selector or service → render. No rules and no ORM writes here."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sc389.core import access
from sc389.core.errors import DomainError, NotFound

from . import selectors, services
from .errors import CaseErrorCode
from .forms import (
    CASE_FIELD_LABELS,
    OUTCOME_FORMS,
    OUTCOME_TITLES,
    AttachmentForm,
    CaseFilterForm,
    CaseForm,
    CloseForm,
    GoodsLineForm,
    MergeForm,
    PartyForm,
    ShareForm,
    apply_error,
    place_label,
    place_matches,
    recordable_units,
)
from .models import Case

PAGE_SIZE = 50
# Counting every match of a million-row register on each page costs more than the page; beyond this we say "more than".
COUNT_CAP = 1_000  # beyond it the list says "more than 1.000": a count of a million rows is no use on a page


def _case(request: HttpRequest, pk: int, action: access.Action = "view") -> Case:
    """The case if the user may see (or change) it; otherwise it does not exist for them."""
    try:
        return selectors.case_get(user=request.user, pk=pk, action=action)
    except NotFound as exc:
        raise Http404 from exc


def _part(getter, **kwargs):
    """A goods line, party, outcome or merge of a case already reached in scope; 404 if not that case's."""
    try:
        return getter(**kwargs)
    except NotFound as exc:
        raise Http404 from exc


# --- the list ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases in the user's scope, newest first, filtered; keyset pages so page 1,000 costs what page 1 does."""
    form = CaseFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.CaseFilters()
    cursor = request.GET.get("after") or None
    try:
        page = selectors.case_page(user=request.user, filters=filters, cursor=cursor, size=PAGE_SIZE)
    except DomainError:  # a cursor edited by hand: start again from the first page
        cursor, page = None, selectors.case_page(user=request.user, filters=filters, size=PAGE_SIZE)
    rows = page.rows
    # A capped count is cheap on the indexed filters; a word search would have to read every match, so it shows none.
    total = None
    if not (filters.q or filters.goods):
        total = selectors.case_list(user=request.user, filters=filters).order_by()[: COUNT_CAP + 1].count()
    params = request.GET.copy()
    params.pop("after", None)
    base_query = params.urlencode()
    next_url = ""
    if page.next_cursor:
        next_url = "?" + urlencode([*params.lists(), ("after", page.next_cursor)], doseq=True)
    context = {
        "form": form,
        "rows": rows,
        "total": None if total is None else min(total, COUNT_CAP),
        "total_capped": total is not None and total > COUNT_CAP,
        "next_url": next_url,
        "first_url": "?" + base_query if cursor else "",
        "can_record": recordable_units(request.user).exists(),
    }
    if request.htmx and request.htmx.target == "case-results":
        return render(request, "cases/_results.html", context)
    return render(request, "cases/list.html", context)


@login_required
@require_GET
def place_search(request: HttpRequest) -> HttpResponse:
    """The commune picker's suggestions (htmx): today's communes first, abolished units labelled."""
    query = request.GET.get("place_q") or request.GET.get("q") or ""
    places = [(unit, place_label(unit)) for unit in place_matches(query)]
    return render(request, "cases/_place_results.html", {"places": places, "query": query})


# --- the case page -----------------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, case: Case, **forms) -> dict:
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
        "history": selectors.case_history(case=case),
        "can_change": access.can(request.user, case, "change"),
        "share_form": forms.get("share_form") or ShareForm(),
        "labels": CASE_FIELD_LABELS,
    }


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render(request, "cases/detail.html", _detail_context(request, case))


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A case file, only to those who may see the case; never rendered inline, never sniffed."""
    case = _case(request, pk)
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
    case = _case(request, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.case_share(case=case, actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã chia sẻ vụ việc %(reference)s.") % {"reference": case.reference})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/detail.html", _detail_context(request, case, share_form=form))


# --- create and edit ---------------------------------------------------------------------------------------


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


def _edit_context(request: HttpRequest, case: Case, **bound) -> dict:
    """The edit page: the case's own fields and one form for each kind of part; `bound` holds a failed one."""
    outcome_forms = [
        (kind, OUTCOME_TITLES[kind], bound.get(f"outcome_{kind}") or form_class(prefix=kind))
        for kind, form_class in OUTCOME_FORMS.items()
    ]
    context = _detail_context(request, case)
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


def _render_edit(request: HttpRequest, case: Case, **bound) -> HttpResponse:
    return render(request, "cases/edit.html", _edit_context(request, case, **bound))


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
    case = _case(request, pk, "change")
    if request.method == "GET":
        return _render_edit(request, case)
    form = CaseForm(request.POST, user=request.user, case=case)
    if not form.is_valid():
        return _render_edit(request, case, form=form)
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
            return _render_edit(request, case, form=form)
        # Keep what the user typed, show what changed meanwhile; saving again deliberately overwrites it.
        current = _case(request, pk, "change")
        data = request.POST.copy()
        data["version"] = str(current.version)
        form = CaseForm(data, user=request.user, case=current)
        form.is_valid()
        form.add_error(None, str(exc.message))
        return _render_edit(request, current, form=form, conflicts=_conflicts(form, current))
    except ValidationError as exc:
        apply_error(form, exc)
        return _render_edit(request, case, form=form)
    messages.success(request, _("Đã lưu vụ việc %(reference)s.") % {"reference": case.reference})
    return redirect("cases:detail", pk=case.pk)


def _part_action(request: HttpRequest, case: Case, form, key: str, write, done: str, anchor: str):
    """Validate `form`, call the service `write`, and come back to the edit page (or show the errors)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(reverse("cases:edit", kwargs={"pk": case.pk}) + anchor)
    return _render_edit(request, case, **{key: form})


@login_required
@require_POST
def goods_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = GoodsLineForm(request.POST, prefix="goods")
    return _part_action(
        request,
        case,
        form,
        "goods_form",
        lambda data: services.goods_line_add(case=case, actor=request.user, **data),
        _("Đã thêm hàng hóa."),
        "#goods",
    )


@login_required
@require_POST
def goods_remove(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    case = _case(request, pk, "change")
    line = _part(selectors.goods_line_get, case=case, pk=line_id)
    services.goods_line_remove(line=line, actor=request.user)
    messages.success(request, _("Đã xóa hàng hóa “%(name)s”.") % {"name": line.description})
    return redirect(reverse("cases:edit", kwargs={"pk": case.pk}) + "#goods")


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = PartyForm(request.POST, prefix="party")
    return _part_action(
        request,
        case,
        form,
        "party_form",
        lambda data: services.party_add(case=case, actor=request.user, **data),
        _("Đã thêm đối tượng."),
        "#parties",
    )


@login_required
@require_POST
def party_remove(request: HttpRequest, pk: int, party_id: int) -> HttpResponse:
    case = _case(request, pk, "change")
    party = _part(selectors.party_get, case=case, pk=party_id)
    services.party_remove(party=party, actor=request.user)
    messages.success(request, _("Đã xóa đối tượng “%(name)s”.") % {"name": str(party)})
    return redirect(reverse("cases:edit", kwargs={"pk": case.pk}) + "#parties")


@login_required
@require_POST
def outcome_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in OUTCOME_FORMS:
        raise Http404
    case = _case(request, pk, "change")
    form = OUTCOME_FORMS[kind](request.POST, prefix=kind)
    return _part_action(
        request,
        case,
        form,
        f"outcome_{kind}",
        lambda data: services.outcome_add(case=case, actor=request.user, kind=kind, values=data),
        _("Đã ghi kết quả xử lý: %(kind)s.") % {"kind": OUTCOME_TITLES[kind]},
        "#outcomes",
    )


@login_required
@require_POST
def outcome_remove(request: HttpRequest, pk: int, kind: str, outcome_id: int) -> HttpResponse:
    if kind not in OUTCOME_FORMS:
        raise Http404
    case = _case(request, pk, "change")
    outcome = _part(selectors.outcome_get, case=case, kind=kind, pk=outcome_id)
    services.outcome_remove(outcome=outcome, actor=request.user)
    messages.success(request, _("Đã xóa kết quả xử lý: %(kind)s.") % {"kind": OUTCOME_TITLES[kind]})
    return redirect(reverse("cases:edit", kwargs={"pk": case.pk}) + "#outcomes")


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = CloseForm(request.POST)
    return _part_action(
        request,
        case,
        form,
        "close_form",
        lambda data: services.case_close(
            case=case, actor=request.user, reason=data["reason"], expected_version=data.get("version")
        ),
        _("Đã đóng vụ việc %(reference)s.") % {"reference": case.reference},
        "",
    )


@login_required
@require_POST
def case_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another record of the same event (picked by its number) into this case."""
    case = _case(request, pk, "change")
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

    return _part_action(request, case, form, "merge_form", write, _("Đã gộp vụ việc."), "#merges")


@login_required
@require_POST
def case_unmerge(request: HttpRequest, pk: int, merge_id: int) -> HttpResponse:
    case = _case(request, pk, "change")
    merge = _part(selectors.case_merge_get, case=case, pk=merge_id)
    if merge.undone_at is not None:
        raise Http404
    services.case_unmerge(merge=merge, actor=request.user)
    messages.success(
        request, _("Đã hoàn tác việc gộp vụ %(reference)s.") % {"reference": merge.absorbed.reference}
    )
    return redirect(reverse("cases:edit", kwargs={"pk": case.pk}) + "#merges")


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = AttachmentForm(request.POST, request.FILES)
    return _part_action(
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
