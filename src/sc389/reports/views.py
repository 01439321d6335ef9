"""The report page and its downloads: parse the request → the report engine → render. Scoped twice: the area
must be one the user may report on (else 404), and the figures count only the cases in the user's scope."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sc389.core import access
from sc389.core.errors import NotFound

from . import sources
from .charts import charts_build
from .exports.document import ReportDocument, document_build
from .exports.files import CONTENT_TYPES, FILE_FORMATS, write
from .exports.issued import version_document
from .indicators import BY_CODE, CODES
from .periods import named_periods
from .versions import selectors as version_selectors
from .views_links import CaseLinks
from .views_params import (
    BY_CHOICES,
    COMPARE_LABELS,
    PERIOD_KINDS,
    ParamError,
    ReportParams,
    default_area,
    drill_area,
    drill_by,
    params_from,
    reportable_communes,
    reportable_provinces,
)

FIRST_YEAR = 2015


def _params(request: HttpRequest) -> ReportParams:
    try:
        return params_from(request.GET, user=request.user)
    except PermissionError as exc:  # an area outside the user's scope does not exist for them
        raise Http404 from exc


def _crumbs(params: ReportParams) -> list[tuple[str, str]]:
    """National → province → commune, each a link to the same report one level up."""
    area, out = params.area, []
    if area.unit is None:
        return out
    out.append((str(_("Toàn quốc")), "?" + params.query(area="national", by="province")))
    if area.kind == "commune" and area.unit.current_province is not None:
        province = area.unit.current_province
        out.append((province.name, "?" + params.query(area=province.code, by="commune")))
    return out


def _totals(doc: ReportDocument, links: CaseLinks) -> list[dict]:
    return [
        {
            "code": row.code,
            "label": row.label,
            "unit": row.unit,
            "value": row.value,
            "compare_value": row.compare_value,
            "ratio_pct": row.ratio_pct,
            "change_pct": row.change_pct,
            "href": links.total(row.code),
            "compare_href": links.compare_total(row.code),
            "from_submissions": links.from_submissions(),
        }
        for row in doc.totals()
    ]


def _breakdown(doc: ReportDocument, params: ReportParams, links: CaseLinks) -> list[dict]:
    rows = []
    for row in doc.report.rows:
        target = drill_area(params.area, row.key, params.by)
        cells = []
        for code in CODES:
            c = row.indicators[code]
            cells.append(
                {
                    "unit": BY_CODE[code].unit,
                    "value": c.value,
                    "compare_value": c.compare_value,
                    "ratio_pct": c.ratio_pct,
                    "href": links.row(code, row.key),
                    "from_submissions": links.from_submissions(row.key, row=True),
                }
            )
        rows.append(
            {
                "label": row.label,
                "drill": None if target is None else "?" + params.query(area=target, by=drill_by(params.by)),
                "cells": cells,
            }
        )
    return rows


def _form_context(request: HttpRequest, params: ReportParams | None) -> dict:
    user = request.user
    area = params.area if params else default_area(user)
    areas = [("national", str(_("Toàn quốc")))] if access.principal(user).national else []
    areas += [(p.code, p.name) for p in reportable_provinces(user)]
    areas += [(c.code, c.name) for c in reportable_communes(user)]
    if area is not None and area.code not in {code for code, _name in areas}:
        areas.append((area.code, area.name))  # a commune reached by drilling down
    today = dt.date.today()
    campaigns = named_periods(user)
    chosen = params.campaign_key if params is not None and params.kind == "campaign" else None
    return {
        "campaigns": [(c.key, c.label) for c in campaigns],
        "campaign": next((c for c in campaigns if c.key == chosen), None),
        "areas": areas,
        "kinds": list(PERIOD_KINDS.items()),
        "compares": list(COMPARE_LABELS.items()),
        "bys": list(BY_CHOICES.items()),
        "years": list(range(today.year, FIRST_YEAR - 1, -1)),
        "months": list(range(1, 13)),
    }


def _links(params: ReportParams, doc: ReportDocument, user) -> CaseLinks:
    """The figures' links; which submissions replace cases is asked again (two small queries per period)."""
    compare_period = doc.report.compare_period
    return CaseLinks(
        area=params.area,
        period=params.period,
        by=params.by,
        row_keys=[row.key for row in doc.report.rows],
        plan=sources.plan(area=params.area, period=params.period, user=user),
        compare_period=compare_period,
        compare_plan=None
        if compare_period is None
        else sources.plan(area=params.area, period=compare_period, user=user),
    )


@login_required
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """The period report of an area: summary, totals with comparison, breakdown with drill-down, charts."""
    try:
        params = _params(request)
    except ParamError as exc:
        context = {"error": str(exc), "params": None, "data": request.GET, **_form_context(request, None)}
        return render(request, "reports/report.html", context, status=400)
    doc = document_build(
        area=params.area,
        period=params.period,
        compare=params.compare,
        by=params.by,
        user=request.user,
        with_charts=False,
    )
    charts = charts_build(area=params.area, period=params.period, compare=params.compare, user=request.user)
    submitted = [
        s
        for s in getattr(doc.report, "sources", [])
        if s.get("period") == "period" and s.get("source") == "submission"
    ]
    links = _links(params, doc, request.user)
    query = params.query()
    context = {
        "params": params,
        "data": request.GET,
        "doc": doc,
        "report": doc.report,
        "totals": _totals(doc, links),
        "header": [str(BY_CODE[code].label) for code in CODES],
        "rows": _breakdown(doc, params, links),
        "charts": [{"title": c.title, "key": c.key, "src": c.src()} for c in charts.all()],
        "crumbs": _crumbs(params),
        "submitted": submitted,
        "drill_provinces": params.area.kind == "national" and params.by != "province",
        "drill_communes": params.area.kind == "province" and params.by != "commune",
        "query": query,
        "exports": [
            (fmt.upper(), reverse("reports:export", kwargs={"fmt": fmt}) + "?" + query)
            for fmt in FILE_FORMATS
        ],
        "by_query": {
            "province": "?" + params.query(by="province"),
            "commune": "?" + params.query(by="commune"),
        },
        **_form_context(request, params),
    }
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The same report as a file: XLSX, DOCX (administrative layout) or PDF, charts embedded."""
    if fmt not in FILE_FORMATS:
        raise Http404
    try:
        params = _params(request)
    except ParamError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    doc = document_build(
        area=params.area, period=params.period, compare=params.compare, by=params.by, user=request.user
    )
    response = HttpResponse(write(fmt, doc), content_type=CONTENT_TYPES[fmt])
    name = f"bao-cao-{params.area.code}-{params.period.start:%Y%m%d}-{params.period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def version_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """An issued version as a file: its frozen figures, with its number and date of issue in the heading."""
    if fmt not in FILE_FORMATS:
        raise Http404
    try:
        version = version_selectors.version_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    response = HttpResponse(write(fmt, version_document(version)), content_type=CONTENT_TYPES[fmt])
    name = f"bao-cao-{version.committee.code}-so-{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
