"""The home page of each role, made of panels.

Leaders, analysts and administrators of a committee see the year to date against the same period, the monthly
trend and the top categories of their area; officers and reviewers see their units' open and recent cases. Every
role sees what needs attention: missing submissions and overdue items. Those two lists come from the apps that
own them (submissions, direction, coordination) through `attention_register`, and say "none" until then.

Other apps add a whole panel with `panel_register` (an explicit call in their AppConfig.ready, no discovery).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sc389.cases import selectors as case_selectors
from sc389.cases.choices import CaseStatus
from sc389.core import access

from .charts import trend_chart
from .indicators import BY_CODE
from .periods import Period
from .selectors import report_build
from .views_params import default_area

ANALYST_ROLES = frozenset({"leader", "analyst", "admin"})
CASE_ROLES = frozenset({"officer", "reviewer"})
HEADLINE = ("cases_detected", "cases_handled", "admin_penalty_cases", "prosecuted_cases", "fines_vnd")
TOP_CATEGORIES = 5
RECENT_CASES = 10
OPEN_CAP = 1_000  # beyond it the panel says "more than 1.000", as the case list does


@dataclass(frozen=True)
class Panel:
    """One block of the home page. `context` returns None when the panel is not for this user."""

    key: str
    title: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


@dataclass(frozen=True)
class AttentionItem:
    """Something a user should act on: a submission not received, a task past its deadline."""

    text: str
    href: str | None = None
    due: dt.date | None = None


ATTENTION_SECTIONS = {
    "missing_submissions": _("Báo cáo số liệu chưa nộp"),
    "overdue": _("Việc quá hạn"),
}
_PANELS: dict[str, Panel] = {}
_ATTENTION: dict[str, list[Callable[..., list[AttentionItem]]]] = {k: [] for k in ATTENTION_SECTIONS}


def panel_register(panel: Panel) -> None:
    """Add (or replace, by key) a panel of the home page."""
    _PANELS[panel.key] = panel


def attention_register(section: str, provider: Callable[..., list[AttentionItem]]) -> None:
    """Add a source of attention items: provider(user=..., today=...) → items in the user's scope."""
    if section not in _ATTENTION:
        raise ValueError(f"unknown attention section {section!r}; one of {sorted(_ATTENTION)}")
    if provider not in _ATTENTION[section]:
        _ATTENTION[section].append(provider)


def attention_unregister(section: str, provider: Callable[..., list[AttentionItem]]) -> None:
    if provider in _ATTENTION.get(section, []):
        _ATTENTION[section].remove(provider)


def year_to_date(today: dt.date) -> Period:
    return Period(dt.date(today.year, 1, 1), today)


# --- the panels ----------------------------------------------------------------------------------------------


def _roles(user) -> frozenset[str]:
    p = access.principal(user)
    return p.roles | ({"admin"} if p.superuser else frozenset())


def figures_context(*, user, today: dt.date) -> dict | None:
    """Year to date against the same dates of last year, the monthly trend and the top categories."""
    if not _roles(user) & ANALYST_ROLES:
        return None
    area = default_area(user)
    if area is None:
        return None
    period = year_to_date(today)
    total = report_build(area=area, period=period, compare="same-period", user=user)
    by_month = report_build(area=area, period=period, compare="same-period", by="month", user=user)
    by_category = report_build(area=area, period=period, compare="same-period", by="category", user=user)
    top = sorted(by_category.rows, key=lambda r: -r.indicators["cases_handled"].value)[:TOP_CATEGORIES]
    query = f"area={area.code}&kind=range&start={period.start}&end={period.end}&compare=same-period"
    return {
        "area": area,
        "period": period,
        "compare_period": total.compare_period,
        "headline": [
            {"label": BY_CODE[code].label, "unit": BY_CODE[code].unit, "c": total.indicators[code]}
            for code in HEADLINE
        ],
        "trend": trend_chart(by_month),
        "top": [{"label": r.label, "c": r.indicators["cases_handled"]} for r in top if r.key],
        "report_url": f"{reverse('reports:report')}?{query}",
        "category_url": f"{reverse('reports:report')}?{query}&by=category",
    }


def cases_context(*, user, today: dt.date) -> dict | None:
    """The open cases of the user's units (their scope) and the ones detected most recently."""
    if not _roles(user) & CASE_ROLES:
        return None
    open_filter = case_selectors.CaseFilters(status=CaseStatus.OPEN)
    open_count = case_selectors.case_list(user=user, filters=open_filter).order_by()[: OPEN_CAP + 1].count()
    recent = case_selectors.case_page(user=user, size=RECENT_CASES).rows
    return {
        "open_count": min(open_count, OPEN_CAP),
        "open_capped": open_count > OPEN_CAP,
        "open_url": f"{reverse('cases:list')}?status={CaseStatus.OPEN}",
        "recent": recent,
    }


def attention_context(*, user, today: dt.date) -> dict:
    sections = []
    for key, title in ATTENTION_SECTIONS.items():
        items: list[AttentionItem] = []
        for provider in _ATTENTION[key]:
            items.extend(provider(user=user, today=today))
        sections.append({"key": key, "title": title, "items": items})
    return {"sections": sections}


panel_register(
    Panel("figures", _("Kết quả từ đầu năm"), "reports/dashboard/_figures.html", figures_context, 10)
)
panel_register(Panel("cases", _("Vụ việc của đơn vị"), "reports/dashboard/_cases.html", cases_context, 20))
panel_register(Panel("attention", _("Cần xử lý"), "reports/dashboard/_attention.html", attention_context, 30))


def dashboard_panels(*, user, today: dt.date | None = None) -> list[tuple[Panel, dict]]:
    """The panels that apply to `user`, in order, each with its context."""
    today = today or dt.date.today()
    out = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(user=user, today=today)
        if context is not None:
            out.append((panel, context))
    return out
