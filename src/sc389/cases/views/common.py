"""What the case pages share: reaching a case (or a part of it) in scope."""

from collections.abc import Callable

from django.http import Http404, HttpRequest
from django.urls import reverse

from sc389.core import access
from sc389.core.errors import NotFound

from .. import selectors
from ..models import Case


def case_or_404(request: HttpRequest, pk: int, action: access.Action = "view") -> Case:
    """The case if the user may see (or change) it; otherwise it does not exist for them."""
    try:
        return selectors.case_get(user=request.user, pk=pk, action=action)
    except NotFound as exc:
        raise Http404 from exc


def part_or_404(getter: Callable, **kwargs):
    """A goods line, party, outcome or merge of a case already reached in scope; 404 if not that case's."""
    try:
        return getter(**kwargs)
    except NotFound as exc:
        raise Http404 from exc


def edit_url(case: Case, anchor: str = "") -> str:
    return reverse("cases:edit", kwargs={"pk": case.pk}) + anchor
