"""The report as committees write it: one summary paragraph and plain-text tables, in the active language.

"Trong 10 tháng năm 2020, các lực lượng chức năng trên địa bàn tỉnh Lạng Sơn đã phát hiện 4.120 vụ, xử lý
4.365 vụ, bằng 81,27% so với cùng kỳ năm 2019; ..."
"""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sc389.core.formats import format_number, format_percent, format_vnd

from .compare import Compared
from .indicators import BY_CODE, CODES
from .selectors import Report

BY_LABELS = {
    "category": gettext_lazy("lĩnh vực"),
    "force": gettext_lazy("lực lượng"),
    "unit": gettext_lazy("đơn vị chủ trì"),
    "province": gettext_lazy("tỉnh, thành phố"),
    "commune": gettext_lazy("xã, phường"),
    "channel": gettext_lazy("phương thức, địa điểm"),
    "commodity": gettext_lazy("nhóm hàng"),
    "month": gettext_lazy("tháng"),
}


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _compare_phrase(report: Report) -> str:
    before = report.compare_period
    if report.compare == "previous":
        return str(_("so với kỳ trước"))
    if before.start.year == before.end.year:
        return str(_("so với cùng kỳ năm %(year)s")) % {"year": before.start.year}
    return str(_("so với cùng kỳ"))


def _ratio(c: Compared, *, full: str | None = None) -> str:
    """The ratio: ", bằng 81,27% so với cùng kỳ năm 2019" the first time, " (bằng 84,7%)" after; nothing
    without a base."""
    if c.ratio_pct is None:
        return ""
    pct = format_percent(c.ratio_pct, lang=_lang())
    if full:
        return str(_(", bằng %(pct)s %(compare)s")) % {"pct": pct, "compare": full}
    return str(_(" (bằng %(pct)s)")) % {"pct": pct}


def summary_paragraph(report: Report) -> str:
    """The generated summary paragraph of the report."""
    lang = _lang()
    ind = report.indicators
    full = _compare_phrase(report) if report.compare_period else None

    def n(code: str) -> str:
        return format_number(ind[code].value, lang=lang)

    def vnd(code: str) -> str:
        return format_vnd(ind[code].value, lang=lang)

    period = report.period
    if period.whole_months() is not None and period.start.year == period.end.year:
        opening = str(_("Trong %(period)s")) % {"period": period.label()}
    else:
        label = str(period.label())
        opening = label[:1].upper() + label[1:]
    text = str(
        _(
            "%(opening)s, các lực lượng chức năng %(area)s đã phát hiện %(detected)s vụ, xử lý %(handled)s vụ"
            "%(handled_ratio)s; trong đó xử phạt hành chính %(admin)s vụ%(admin_ratio)s, khởi tố hình sự "
            "%(prosecuted)s vụ%(prosecuted_ratio)s với %(defendants)s bị can%(defendants_ratio)s; tiền phạt "
            "%(fines)s%(fines_ratio)s, trị giá hàng tịch thu %(confiscated)s%(confiscated_ratio)s; thu nộp "
            "ngân sách nhà nước %(budget)s%(budget_ratio)s."
        )
    ) % {
        "opening": opening,
        "area": report.area.phrase(),
        "detected": n("cases_detected"),
        "handled": n("cases_handled"),
        "handled_ratio": _ratio(ind["cases_handled"], full=full),
        "admin": n("admin_penalty_cases"),
        "admin_ratio": _ratio(ind["admin_penalty_cases"]),
        "prosecuted": n("prosecuted_cases"),
        "prosecuted_ratio": _ratio(ind["prosecuted_cases"]),
        "defendants": n("defendants"),
        "defendants_ratio": _ratio(ind["defendants"]),
        "fines": vnd("fines_vnd"),
        "fines_ratio": _ratio(ind["fines_vnd"]),
        "confiscated": vnd("confiscated_goods_value_vnd"),
        "confiscated_ratio": _ratio(ind["confiscated_goods_value_vnd"]),
        "budget": vnd("budget_remitted_vnd"),
        "budget_ratio": _ratio(ind["budget_remitted_vnd"]),
    }
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *[line(r) for r in rows]]


def summary_text(report: Report) -> str:
    """Paragraph, totals table and, with a breakdown, its table."""
    lang = _lang()
    lines = [
        str(_("Báo cáo %(area)s, %(period)s")) % {"area": report.area.name, "period": report.period.label()},
        str(_("Số liệu tính đến %(cutoff)s"))
        % {"cutoff": report.data_cutoff.strftime("%d/%m/%Y %H:%M:%S %Z")},
        "",
        summary_paragraph(report),
        "",
    ]
    header = [str(_("Chỉ tiêu")), str(_("Kỳ báo cáo"))]
    if report.compare_period:
        header += [str(report.compare_period.label()), str(_("Tỷ lệ")), str(_("Tăng, giảm"))]
    body = []
    for code in CODES:
        c = report.indicators[code]
        row = [str(BY_CODE[code].label), format_number(c.value, lang=lang)]
        if report.compare_period:
            row += [
                format_number(c.compare_value, lang=lang),
                format_percent(c.ratio_pct, lang=lang),
                format_percent(c.change_pct, lang=lang),
            ]
        body.append(row)
    lines += _table(header, body)
    if report.rows:
        lines += ["", str(_("Phân tích theo %(by)s")) % {"by": BY_LABELS[report.by]}]
        header = [str(_("Nhóm"))] + [str(BY_CODE[code].label) for code in CODES]
        body = [
            [r.label] + [format_number(r.indicators[code].value, lang=lang) for code in CODES]
            for r in report.rows
        ]
        lines += _table(header, body)
    lines += ["", *sources_lines(report)]
    return "\n".join(lines) + "\n"


def sources_lines(report: Report) -> list[str]:
    """Where the figures come from: cases, except the unit-periods counted from approved submissions."""
    lines = [str(_("Nguồn số liệu"))]
    counted = [s for s in report.sources if s["source"] == "submission"]
    partial = [s for s in report.sources if s["source"] == "cases"]
    for s in counted:
        which = _("kỳ báo cáo") if s["period"] == "period" else _("kỳ so sánh")
        lines.append(
            "- "
            + str(_("%(unit)s, %(start)s-%(end)s (%(which)s): báo cáo số liệu tổng hợp đã duyệt số %(id)s"))
            % {
                "unit": s["unit_name"],
                "start": s["from"],
                "end": s["to"],
                "which": which,
                "id": s["submission_id"],
            }
        )
    for s in partial:
        lines.append(
            "- "
            + str(
                _("%(unit)s, %(start)s-%(end)s: báo cáo tổng hợp không nằm trọn trong kỳ, tính theo vụ việc")
            )
            % {"unit": s["unit_name"], "start": s["from"], "end": s["to"]}
        )
    lines.append(
        "- "
        + str(
            _("Các đơn vị, kỳ khác: tính từ vụ việc")
            if counted or partial
            else _("Mọi đơn vị: tính từ vụ việc")
        )
    )
    return lines
