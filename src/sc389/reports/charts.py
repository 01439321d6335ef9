"""The report's charts: monthly trend, categories, forces and hotspots by commune.

Each chart is a Vega-Lite spec built with Altair from the report engine's own rows, rendered by vl-convert
(embedded V8, no browser, nothing fetched: `allowed_base_urls=[]`) to SVG for the page and PNG for exports.
Numbers on the axes use the language's marks (4.365 in Vietnamese, 4,365 in English).
"""

import base64
from dataclasses import dataclass

import altair as alt
import vl_convert as vlc
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .indicators import BY_CODE, Area
from .periods import Period
from .selectors import Report, report_build

CHART_INDICATOR = "cases_handled"  # the headline figure of published reports ("phát hiện, xử lý 4.365 vụ")
HOTSPOT_INDICATOR = "cases_detected"  # a hotspot is where cases are found
TOP_COMMUNES = 10
NAVY, GREY = "#173a5e", "#9aa7b4"
FONT = "DejaVu Sans"  # Debian's fonts-dejavu-core: Vietnamese glyphs on every machine

LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đ"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["VND ", ""]},
}


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@dataclass
class Chart:
    """One chart: its title and its Vega-Lite spec (a dict that vl-convert renders)."""

    key: str
    title: str
    spec: dict

    def svg(self) -> str:
        return vlc.vegalite_to_svg(self.spec, format_locale=LOCALES[_lang()], allowed_base_urls=[])

    def src(self) -> str:
        """The SVG as an <img> source: the page's CSP forbids inline styles, and an image runs nothing."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg().encode("utf-8")).decode("ascii")

    def png(self, *, scale: float = 2) -> bytes:
        return vlc.vegalite_to_png(
            self.spec, scale=scale, format_locale=LOCALES[_lang()], allowed_base_urls=[]
        )


def _config(chart: alt.TopLevelMixin) -> dict:
    spec = chart.configure(font=FONT).configure_view(stroke=None).configure_axis(labelFontSize=11).to_dict()
    spec.pop("$schema", None)  # the schema URL is never fetched, but leave no address in what we store
    return spec


def trend_chart(report: Report) -> Chart:
    """Cases handled month by month, with the comparison period's same months when there is one."""
    label = str(BY_CODE[CHART_INDICATOR].label)
    this = str(report.period.label())
    before = str(report.compare_period.label()) if report.compare_period else None
    values = []
    for row in report.rows:
        c = row.indicators[CHART_INDICATOR]
        values.append({"month": row.label, "order": row.key, "series": this, "value": c.value})
        if before is not None:
            values.append(
                {"month": row.label, "order": row.key, "series": before, "value": c.compare_value or 0}
            )
    domain = [this] + ([before] if before else [])
    chart = (
        alt.Chart(alt.Data(values=values), width=520, height=220)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "month:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelAngle=-40)
            ),
            y=alt.Y("value:Q", title=label, axis=alt.Axis(format=",d")),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=domain, range=[NAVY, GREY][: len(domain)]),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )
    return Chart("trend", _("Diễn biến theo tháng"), _config(chart))


def _bar_chart(
    key: str, title: str, report: Report, code: str, *, limit: int | None = None, known_only: bool = False
) -> Chart:
    rows = [
        {"label": r.label, "value": r.indicators[code].value}
        for r in report.rows
        if not (known_only and r.key is None)
    ]
    rows = [r for r in rows if r["value"]]
    rows.sort(key=lambda r: -r["value"])
    if limit is not None:
        rows = rows[:limit]
    chart = (
        alt.Chart(alt.Data(values=rows), width=420, height=max(60, 26 * len(rows)))
        .mark_bar(color=NAVY)
        .encode(
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("value:Q", title=str(BY_CODE[code].label), axis=alt.Axis(format=",d")),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("value:Q", format=",d")],
        )
    )
    text = chart.mark_text(align="left", dx=3, color="#1d2733").encode(text=alt.Text("value:Q", format=",d"))
    return Chart(key, title, _config(chart + text))


@dataclass
class ChartSet:
    """The four charts of a report and the breakdown reports they were drawn from."""

    trend: Chart
    categories: Chart
    forces: Chart
    hotspots: Chart

    def all(self) -> list[Chart]:
        return [self.trend, self.categories, self.forces, self.hotspots]


def charts_build(*, area: Area, period: Period, compare: str, user=None) -> ChartSet:
    """Compute the breakdowns the charts need (scoped to `user` like the report) and build the specs."""
    by_month = report_build(area=area, period=period, compare=compare, by="month", user=user)
    by_category = report_build(area=area, period=period, compare="none", by="category", user=user)
    by_force = report_build(area=area, period=period, compare="none", by="force", user=user)
    by_commune = report_build(area=area, period=period, compare="none", by="commune", user=user)
    return ChartSet(
        trend=trend_chart(by_month),
        categories=_bar_chart("categories", _("Theo lĩnh vực"), by_category, CHART_INDICATOR),
        forces=_bar_chart("forces", _("Theo lực lượng"), by_force, CHART_INDICATOR),
        hotspots=_bar_chart(
            "hotspots",
            _("Địa bàn trọng điểm (xã, phường)"),
            by_commune,
            HOTSPOT_INDICATOR,
            limit=TOP_COMMUNES,
            known_only=True,  # cases placed before 2025 without a commune of today are no hotspot
        ),
    )
