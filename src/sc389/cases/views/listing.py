"""The case list: filters, word search, keyset pages both ways."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sc389.core.errors import DomainError

from .. import selectors
from ..forms import CaseFilterForm, place_label, place_matches, recordable_units

PAGE_SIZE = 50
# Counting every match of a million-row register on each page costs more than the page; beyond this we say "more than".
COUNT_CAP = 1_000  # beyond it the list says "more than 1.000": a count of a million rows is no use on a page


def _page(request: HttpRequest, filters: selectors.CaseFilters):
    """The page the link asks for: after a cursor (older), before one (newer), or the first."""
    after = request.GET.get("after") or None
    before = None if after else (request.GET.get("before") or None)
    try:
        page = selectors.case_page(
            user=request.user, filters=filters, cursor=after, before=before, size=PAGE_SIZE
        )
    except DomainError:  # a cursor edited by hand: start again from the first page
        page = selectors.case_page(user=request.user, filters=filters, size=PAGE_SIZE)
    return page


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases in the user's scope, newest first, filtered; keyset pages so page 1,000 costs what page 1 does."""
    form = CaseFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.CaseFilters()
    page = _page(request, filters)
    # A capped count is cheap on the indexed filters; a word search would have to read every match, so it shows none.
    # A list bounded by a date range (as the links from a report's figures are) is counted exactly, so the count
    # matches the figure it came from.
    total, cap = None, None if filters.bounded() else COUNT_CAP
    if not (filters.q or filters.goods):
        qs = selectors.case_list(user=request.user, filters=filters).order_by()
        total = (qs if cap is None else qs[: cap + 1]).count()
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("before", None)
    base = list(params.lists())

    def link(name: str, cursor: str | None) -> str:
        return "?" + urlencode([*base, (name, cursor)], doseq=True) if cursor else ""

    context = {
        "form": form,
        "rows": page.rows,
        "total": total if total is None or cap is None else min(total, cap),
        "total_capped": cap is not None and total is not None and total > cap,
        "more_open": form.more_used(),
        "commune": filters.commune and form.cleaned_data.get("commune"),
        "next_url": link("after", page.next_cursor),
        "prev_url": link("before", page.prev_cursor),
        "first_url": "?" + params.urlencode() if page.prev_cursor else "",
        "can_record": recordable_units(request.user).exists(),
        "export_query": params.urlencode(),  # the file and print links carry the filters, not the page
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
