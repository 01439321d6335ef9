"""Pages of issued report versions: the list with the issue form, and one version with what changed since."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sc389.core.errors import DomainError, NotFound
from sc389.org.models import Committee

from ..indicators import BY_CODE, CODES, DIMENSIONS
from ..periods import Period
from ..selectors import COMPARES
from . import selectors, services
from .diff import version_diff


class IssueForm(forms.Form):
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), label=gettext_lazy("Ban Chỉ đạo"))
    date_from = forms.DateField(label=gettext_lazy("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    compare = forms.ChoiceField(choices=[(c, c) for c in COMPARES], label=gettext_lazy("So sánh"))
    by = forms.ChoiceField(
        choices=[("", "—"), *[(d, d) for d in DIMENSIONS]],
        required=False,
        label=gettext_lazy("Phân tích theo"),
    )
    title = forms.CharField(required=False, max_length=255, label=gettext_lazy("Tiêu đề"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(
            pk__in=[
                c.pk for c in Committee.objects.filter(memberships__user=user) if services.may_issue(user, c)
            ]
        )


@login_required
def version_list(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.report_issue(
                committee=data["committee"],
                period=Period(data["date_from"], data["date_to"]),
                compare=data["compare"],
                by=data["by"] or None,
                title=data["title"],
                actor=request.user,
            )
        except (DomainError, ValueError) as exc:
            form.add_error(None, str(getattr(exc, "message", exc)))
        else:
            messages.success(request, _("Đã ban hành báo cáo, phiên bản số %(n)s.") % {"n": version.number})
            return redirect("reports:version", pk=version.pk)
    rows = selectors.version_list(user=request.user)[:200]
    return render(
        request,
        "reports/versions/list.html",
        {"rows": rows, "form": form, "may_issue": form.fields["committee"].queryset.exists()},
    )


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        version = selectors.version_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    changes = version_diff(version)
    frozen = version.figures["indicators"]
    table = []
    for code in CODES:
        change = changes["changed"].get(code, {}).get("value")
        table.append(
            {
                "label": BY_CODE[code].label,
                "unit": BY_CODE[code].unit,
                "then": frozen[code]["value"],
                "now": change["now"] if change else frozen[code]["value"],
                "delta": change["delta"] if change else 0,
            }
        )
    return render(
        request,
        "reports/versions/detail.html",
        {"v": version, "table": table, "diff": changes, "sources": version.figures.get("sources", [])},
    )
