"""What a user asks of the report page, and which areas they may ask it for.

The parameters travel in the query string (area, period kind and numbers, comparison, breakdown), so a report
is a link that can be bookmarked, shared and downloaded in any format with the same figures.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sc389.core import access
from sc389.org.models import AdministrativeUnit, Unit

from . import periods
from .indicators import DIMENSIONS, Area
from .periods import Period
from .selectors import COMPARES
from .summary import BY_LABELS

PERIOD_KINDS: dict[str, str] = {
    "month": gettext_lazy("Tháng"),
    "quarter": gettext_lazy("Quý"),
    "half": gettext_lazy("6 tháng"),
    "first": gettext_lazy("Số tháng đầu năm"),
    "year": gettext_lazy("Năm"),
    "reporting_month": gettext_lazy("Tháng báo cáo (15 đến 14)"),
    "range": gettext_lazy("Khoảng ngày"),
    "campaign": gettext_lazy("Đợt cao điểm"),
}
COMPARE_LABELS: dict[str, str] = {
    "same-period": gettext_lazy("Cùng kỳ năm trước"),
    "previous": gettext_lazy("Kỳ trước"),
    "none": gettext_lazy("Không so sánh"),
}
_BY_LABELS: dict[str, str] = {
    "": gettext_lazy("Không phân tích"),
    "category": gettext_lazy("Lĩnh vực"),
    "force": gettext_lazy("Lực lượng"),
    "unit": gettext_lazy("Đơn vị chủ trì"),
    "province": gettext_lazy("Tỉnh, thành phố"),
    "commune": gettext_lazy("Xã, phường"),
    "channel": gettext_lazy("Phương thức, địa điểm"),
    "month": gettext_lazy("Tháng"),
}
# Every breakdown the engine offers (a new one appears here with the engine's own label until it gets its own).
BY_CHOICES: dict[str, str] = {"": _BY_LABELS[""]} | {
    by: _BY_LABELS.get(by) or BY_LABELS.get(by, by) for by in DIMENSIONS
}


class ParamError(ValueError):
    """A parameter the user typed cannot make a report; the message says which and why."""


# --- areas in scope ------------------------------------------------------------------------------------------


def _unit_provinces(p: access.Principal) -> set[int]:
    """The provinces that the user's force units work in (a unit's `area`)."""
    if not p.unit_ids:
        return set()
    return set(
        Unit.area.through.objects.filter(
            unit_id__in=p.unit_ids, administrativeunit__level="province"
        ).values_list("administrativeunit_id", flat=True)
    )


def reportable_provinces(user) -> QuerySet[AdministrativeUnit]:
    """Today's provinces the user may report on: all for national staff, else their committees' provinces and
    the provinces their units work in (the figures themselves are still limited to the user's scope)."""
    p = access.principal(user)
    qs = AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True)
    if p.is_anonymous:
        return qs.none()
    if not p.national:
        qs = qs.filter(pk__in=set(p.province_ids) | _unit_provinces(p))
    return qs.order_by("name")


def reportable_communes(user) -> QuerySet[AdministrativeUnit]:
    """Today's communes of a commune committee the user sits on (the others are reached by drilling down)."""
    p = access.principal(user)
    return AdministrativeUnit.objects.filter(
        level="commune", valid_to__isnull=True, pk__in=p.commune_ids
    ).order_by("name")


def may_report_on(user, area: Area) -> bool:
    """National staff report on anything; others on their provinces, the communes in them and their communes."""
    p = access.principal(user)
    if p.is_anonymous:
        return False
    if p.national:
        return True
    if area.kind == "national":
        return False
    provinces = set(p.province_ids) | _unit_provinces(p)
    if area.kind == "province":
        return area.unit.pk in provinces
    return area.unit.pk in p.commune_ids or area.unit.current_province_id in provinces


def area_from_code(code: str) -> Area:
    """`national`, a current province code or a current commune code (the codes of vietnam-provinces)."""
    code = (code or "").strip()
    if code == "national":
        return Area("national")
    for level in ("province", "commune"):
        unit = (
            AdministrativeUnit.objects.filter(level=level, code=code, valid_to__isnull=True)
            .select_related("parent")
            .first()
        )
        if unit is not None:
            return Area(level, unit)
    raise ParamError(_("Không có địa bàn mang mã %(code)s.") % {"code": code})


def default_area(user) -> Area | None:
    """National staff start at the whole country, others at their first province or commune."""
    p = access.principal(user)
    if p.national:
        return Area("national")
    province = reportable_provinces(user).first()
    if province is not None:
        return Area("province", province)
    commune = reportable_communes(user).first()
    return None if commune is None else Area("commune", commune)


# --- the parameters ------------------------------------------------------------------------------------------


def _int(data, name: str, default: int | None = None) -> int:
    raw = (data.get(name) or "").strip()
    if not raw:
        if default is None:
            raise ParamError(_("Thiếu %(name)s.") % {"name": name})
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ParamError(_("%(name)s phải là số: %(value)s") % {"name": name, "value": raw}) from exc


def _date(data, name: str) -> dt.date:
    raw = (data.get(name) or "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ParamError(_("Ngày không hợp lệ (cần YYYY-MM-DD): %(value)s") % {"value": raw}) from exc


def _range(data, name: str) -> str:
    raw = (data.get(name) or "").strip()
    if ".." not in raw:
        raise ParamError(_("Chọn một đợt cao điểm."))
    return raw


def period_from(data, *, today: dt.date) -> Period:
    """The period named by `kind` and its numbers; the default is the year to date."""
    kind = data.get("kind") or "first"
    year = _int(data, "year", today.year)
    try:
        if kind == "month":
            return periods.month(year, _int(data, "n", today.month))
        if kind == "quarter":
            return periods.quarter(year, _int(data, "n", (today.month - 1) // 3 + 1))
        if kind == "half":
            return periods.half_year(year, _int(data, "n", 1 if today.month <= 6 else 2))
        if kind == "first":
            return periods.first_months(year, _int(data, "n", today.month))
        if kind == "year":
            return periods.year(year)
        if kind == "reporting_month":
            return periods.reporting_month(year, _int(data, "n", today.month))
        if kind == "range":
            return periods.date_range(_date(data, "start"), _date(data, "end"))
        if kind == "campaign":  # a named period offered by another app, travelling as its date range
            return periods.parse(_range(data, "campaign"))
    except ParamError:
        raise
    except ValueError as exc:
        raise ParamError(str(exc)) from exc
    raise ParamError(_("Không có loại kỳ %(kind)s.") % {"kind": kind})


@dataclass(frozen=True)
class ReportParams:
    """A report request: area, period, comparison and breakdown, plus the raw period fields for the form."""

    area: Area
    period: Period
    compare: str
    by: str | None
    kind: str
    year: int
    n: int | None

    @property
    def campaign_key(self) -> str:
        return f"{self.period.start.isoformat()}..{self.period.end.isoformat()}"

    def query(self, **changes) -> str:
        """The query string of this report, with `changes` (area=..., by=...) applied."""
        values = {
            "area": self.area.code,
            "kind": self.kind,
            "year": self.year,
            "n": self.n if self.n is not None else "",
            "start": self.period.start.isoformat() if self.kind == "range" else "",
            "end": self.period.end.isoformat() if self.kind == "range" else "",
            "campaign": self.campaign_key if self.kind == "campaign" else "",
            "compare": self.compare,
            "by": self.by or "",
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def params_from(data, *, user, today: dt.date | None = None) -> ReportParams:
    """Parse and check a request; ParamError for a bad value, PermissionError for an area outside scope."""
    today = today or dt.date.today()
    code = (data.get("area") or "").strip()
    area = area_from_code(code) if code else default_area(user)
    if area is None or not may_report_on(user, area):
        raise PermissionError(code)
    compare = data.get("compare") or "same-period"
    if compare not in COMPARES:
        raise ParamError(_("So sánh không hợp lệ: %(value)s") % {"value": compare})
    by = data.get("by") or None
    if by is not None and by not in DIMENSIONS:
        raise ParamError(_("Không có cách phân tích %(by)s.") % {"by": by})
    period = period_from(data, today=today)
    kind = data.get("kind") or "first"
    n = None
    if kind in ("month", "quarter", "half", "first", "reporting_month"):
        n = {
            "month": period.end.month,
            "quarter": (period.end.month - 1) // 3 + 1,
            "half": 1 if period.end.month <= 6 else 2,
            "first": period.end.month,
            "reporting_month": period.end.month,
        }[kind]
    return ReportParams(
        area=area, period=period, compare=compare, by=by, kind=kind, year=period.end.year, n=n
    )


def drill_area(area: Area, key: str | None, by: str) -> str | None:
    """The area code a breakdown row opens (national → province → commune), or None when it opens nothing."""
    if key is None:
        return None
    if by == "province" and area.kind == "national":
        return key
    if by == "commune" and area.kind in ("national", "province"):
        return key
    return None


def drill_by(by: str) -> str:
    """What the drilled report breaks down by: a province by its communes, a commune by category."""
    return "commune" if by == "province" else "category"
