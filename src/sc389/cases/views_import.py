"""Import pages: upload → preview (every error with row and column) → confirm → progress → result."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from sc389.core.errors import DomainError, NotFound
from sc389.org.models import Unit

from .imports import jobs
from .imports.templates import template_csv, template_xlsx

RECENT_JOBS = 20


class UploadForm(forms.Form):
    """Only checks the input; the service decides rights and reads the file."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị"))
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX"))

    def __init__(self, *args, units: list[Unit], initial_unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("code")
        if initial_unit is not None:
            self.fields["unit"].initial = initial_unit.pk


def _job(request, pk: int, action="view"):
    try:
        return jobs.import_job_get(user=request.user, pk=pk, action=action)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def import_index(request):
    units = jobs.importable_units(request.user)
    form = UploadForm(
        request.POST or None, request.FILES or None, units=units, initial_unit=jobs.default_unit(request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = jobs.import_job_create(
                    actor=request.user, unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"]
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
                status = exc.status if exc.status in (400, 403) else 400
            else:
                return redirect("imports:detail", pk=job.pk)
        else:
            status = 400
    recent = jobs.import_job_list(user=request.user)[:RECENT_JOBS]
    return render(
        request, "cases/import_index.html", {"form": form, "units": units, "jobs": recent}, status=status
    )


@login_required
def import_template(request, fmt: str):
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-vu-viec.{fmt}"'
    return response


@login_required
def import_detail(request, pk: int):
    job = _job(request, pk)
    return render(
        request,
        "cases/import_detail.html",
        {"job": job, "may_confirm": jobs.may_import(request.user, job.unit)},
    )


@login_required
def import_progress(request, pk: int):
    """The progress block, polled by htmx while the job runs; a finished job reloads the page."""
    job = _job(request, pk)
    if job.is_finished() and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "cases/import_progress.html", {"job": job})


@login_required
@require_POST
def import_confirm(request, pk: int):
    job = _job(request, pk)
    try:
        jobs.import_job_confirm(job=job, actor=request.user)
    except DomainError as exc:
        return render(
            request,
            "cases/import_detail.html",
            {"job": job, "may_confirm": False, "confirm_error": exc.message},
            status=exc.status,
        )
    return redirect("imports:detail", pk=job.pk)
