"""The case list as a file (CSV, XLSX) and as a printout: the list page's filters, scope and order, every row."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sc389.core.errors import DomainError

from .. import exports, selectors, services
from ..forms import CaseFilterForm


def _filters(request: HttpRequest) -> tuple[CaseFilterForm, selectors.CaseFilters]:
    """Read exactly as the list page reads them (views.listing.case_list)."""
    form = CaseFilterForm(request.GET or None)
    return form, form.filters() if request.GET else selectors.CaseFilters()


@login_required
@require_GET
def case_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every case of the filtered list as CSV or XLSX; the export is audited before the first row is sent."""
    if fmt not in exports.FILE_FORMATS:
        raise Http404
    _form, filters = _filters(request)
    try:
        count = exports.case_count(user=request.user, filters=filters, file_format=fmt)
    except DomainError as exc:
        return HttpResponse(str(exc.message), status=exc.status, content_type="text/plain; charset=utf-8")
    services.case_list_export_record(actor=request.user, filters=filters, kind=fmt, rows=count)
    return exports.response(user=request.user, filters=filters, file_format=fmt)


@login_required
@require_GET
def case_print(request: HttpRequest) -> HttpResponse:
    """The filtered list on paper: at most PRINT_LIMIT cases, saying so when the list is longer."""
    form, filters = _filters(request)
    limit = exports.PRINT_LIMIT
    rows = list(exports.rows(user=request.user, filters=filters, limit=limit + 1))
    cut = len(rows) > limit
    rows = rows[:limit]
    total = exports.case_count(user=request.user, filters=filters) if cut else len(rows)
    services.case_list_export_record(actor=request.user, filters=filters, kind="print", rows=len(rows))
    params = request.GET.copy()
    for name in ("after", "before"):
        params.pop(name, None)
    context = {
        "form": form,
        "filters": form.described() if request.GET else [],
        "columns": exports.COLUMNS,
        "rows": rows,
        "total": total,
        "cut": cut,
        "limit": limit,
        "printed_at": timezone.now(),
        "query": params.urlencode(),
    }
    return render(request, "cases/print.html", context)
