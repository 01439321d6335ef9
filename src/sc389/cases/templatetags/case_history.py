"""A case's audit trail as people read it: who, when, through which channel, field by field before → after."""

import datetime as dt
from dataclasses import dataclass, field

from django import template
from django.utils.dateparse import parse_date
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sc389.core import formats
from sc389.core.models import AuditEvent
from sc389.core.templatetags.sc389_formats import format_day
from sc389.org.models import AdministrativeUnit, Committee, Unit

from ..choices import AttachmentKind, CaseStatus, Category, Channel, PartyKind, PartyRole, RemittanceKind, Sex
from ..forms import (
    CASE_FIELD_LABELS,
    OUTCOME_FORMS,
    OUTCOME_TITLES,
    GoodsLineForm,
    PartyForm,
)
from ..models import Case, CommodityGroup, ViolationType

register = template.Library()

VERBS = {
    "case.created": _("Ghi vụ việc"),
    "case.updated": _("Sửa vụ việc"),
    "case.closed": _("Đóng vụ việc"),
    "case.shared": _("Chia sẻ vụ việc"),
    "case.merged": _("Gộp vụ việc khác vào vụ này"),
    "case.merged_into": _("Gộp vào vụ việc khác"),
    "case.unmerged": _("Hoàn tác gộp vụ việc"),
    "case.unmerged_from": _("Tách khỏi vụ việc đã gộp"),
    "case.goods_added": _("Thêm hàng hóa"),
    "case.goods_removed": _("Xóa hàng hóa"),
    "case.goods_updated": _("Sửa hàng hóa"),
    "case.party_added": _("Thêm đối tượng"),
    "case.party_updated": _("Sửa đối tượng"),
    "case.party_removed": _("Xóa đối tượng"),
    "case.attachment_added": _("Thêm tài liệu đính kèm"),
    "case.penalty_added": _("Thêm quyết định xử phạt"),
    "case.penalty_removed": _("Xóa quyết định xử phạt"),
    "case.penalty_updated": _("Sửa quyết định xử phạt"),
    "case.remittance_added": _("Thêm khoản nộp ngân sách"),
    "case.remittance_removed": _("Xóa khoản nộp ngân sách"),
    "case.remittance_updated": _("Sửa khoản nộp ngân sách"),
    "case.prosecution_added": _("Thêm quyết định khởi tố"),
    "case.prosecution_removed": _("Xóa quyết định khởi tố"),
    "case.prosecution_updated": _("Sửa quyết định khởi tố"),
    "case.transfer_added": _("Chuyển lực lượng, cơ quan khác"),
    "case.transfer_removed": _("Xóa việc chuyển"),
    "case.transfer_updated": _("Sửa việc chuyển"),
    "case.imported": _("Nhập từ tệp dữ liệu"),
    "case.deleted": pgettext_lazy("history", "Xóa vụ việc"),  # the same words label the delete button
    "case.restored": _("Khôi phục vụ việc"),
    "case.attachment_removed": _("Xóa tài liệu đính kèm"),
    "case.attachment_restored": _("Khôi phục tài liệu đính kèm"),
    "case.goods_restored": _("Khôi phục hàng hóa"),
    "case.party_restored": _("Khôi phục đối tượng"),
    "case.penalty_restored": _("Khôi phục quyết định xử phạt"),
    "case.remittance_restored": _("Khôi phục khoản nộp ngân sách"),
    "case.prosecution_restored": _("Khôi phục quyết định khởi tố"),
    "case.transfer_restored": _("Khôi phục việc chuyển"),
    "case.handed_over": _(
        "Chuyển giao đơn vị chủ trì"
    ),  # coordination.handover (translated in its catalogue)
}
CHANNELS = {
    "web": _("trang web"),
    "api": _("API"),
    "admin": _("trang quản trị"),
    "import": _("nhập tệp"),
    "cli": _("dòng lệnh"),
    "task": _("tác vụ nền"),
}
CHOICES = {
    "category": dict(Category.choices),
    "channel": dict(Channel.choices),
    "status": dict(CaseStatus.choices),
    "role": dict(PartyRole.choices),
    "sex": dict(Sex.choices),
}
KIND_CHOICES = {
    "party": dict(PartyKind.choices),
    "remittance": dict(RemittanceKind.choices),
    "attachment": dict(AttachmentKind.choices),
}
HIDDEN = {"id", "case_id", "search_folded", "description_folded", "name_folded", "version"}
UNIT_KEYS = {"lead_unit_id", "source_unit_id", "to_unit_id"}
PLACE_KEYS = {"place_id", "province_id", "commune_id"}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryRow:
    at: dt.datetime
    actor: str
    channel: str
    verb: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Names:
    """Names of the units, places and lists the events point to, fetched once per model."""

    def __init__(self, events: list[AuditEvent]):
        ids: dict[str, set[int]] = {
            "unit": set(),
            "place": set(),
            "vtype": set(),
            "group": set(),
            "case": set(),
        }
        ids["committee"] = set()
        for event in events:
            for key, pair in (event.changes or {}).items():
                values = pair if isinstance(pair, list) else [pair]
                for value in values:
                    for k, v in self._flatten(key, value):
                        self._collect(ids, k, v)
            data = event.data or {}
            for k in ("survivor", "absorbed"):
                if isinstance(data.get(k), int):
                    ids["case"].add(data[k])
            if isinstance(data.get("unit"), int):
                ids["unit"].add(data["unit"])
            if isinstance(data.get("committee"), int):
                ids["committee"].add(data["committee"])
            for unit_id in data.get("added_units") or []:
                ids["unit"].add(unit_id)
        self.units = (
            dict(Unit.objects.filter(pk__in=ids["unit"]).values_list("pk", "name")) if ids["unit"] else {}
        )
        self.places = (
            {u.pk: str(u) for u in AdministrativeUnit.objects.filter(pk__in=ids["place"])}
            if ids["place"]
            else {}
        )
        self.vtypes = (
            dict(ViolationType.objects.filter(pk__in=ids["vtype"]).values_list("pk", "name"))
            if ids["vtype"]
            else {}
        )
        self.groups = (
            dict(CommodityGroup.objects.filter(pk__in=ids["group"]).values_list("pk", "name"))
            if ids["group"]
            else {}
        )
        self.cases = (
            dict(Case.objects.filter(pk__in=ids["case"]).values_list("pk", "reference"))
            if ids["case"]
            else {}
        )
        self.committees = (
            dict(Committee.objects.filter(pk__in=ids["committee"]).values_list("pk", "name"))
            if ids["committee"]
            else {}
        )

    @staticmethod
    def _flatten(key, value):
        if isinstance(value, dict):
            yield from value.items()
        else:
            yield key, value

    @staticmethod
    def _collect(ids, key, value):
        if key == "participants" and isinstance(value, list):
            ids["unit"].update(v for v in value if isinstance(v, int))
        if not isinstance(value, int) or isinstance(value, bool):
            return
        if key in UNIT_KEYS:
            ids["unit"].add(value)
        elif key in PLACE_KEYS:
            ids["place"].add(value)
        elif key == "violation_type_id":
            ids["vtype"].add(value)
        elif key == "commodity_group_id":
            ids["group"].add(value)
        elif key == "merged_into_id":
            ids["case"].add(value)


def _labels_for(verb: str) -> dict:
    context = verb.removeprefix("case.").rsplit("_", 1)[0]
    if context == "goods":
        return dict(GoodsLineForm.Meta.labels)
    if context == "party":
        return dict(PartyForm.Meta.labels)
    if context in OUTCOME_FORMS:
        return dict(OUTCOME_FORMS[context].Meta.labels)
    return CASE_FIELD_LABELS


def _show(key: str, value, names: Names, *, context: str) -> str:
    """One value as a person reads it, in the active language."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if key == "participants" and isinstance(value, list):
        return ", ".join(names.units.get(v, f"#{v}") for v in value)
    if key in UNIT_KEYS:
        return names.units.get(value, f"#{value}")
    if key in PLACE_KEYS:
        return names.places.get(value, f"#{value}")
    if key == "violation_type_id":
        return names.vtypes.get(value, f"#{value}")
    if key == "commodity_group_id":
        return names.groups.get(value, f"#{value}")
    if key == "merged_into_id":
        return names.cases.get(value, f"#{value}")
    if key == "kind" and context in KIND_CHOICES:
        return str(KIND_CHOICES[context].get(value, value))
    if key in CHOICES:
        return str(CHOICES[key].get(value, value))
    if isinstance(value, str) and len(value) == 10 and (day := parse_date(value)):
        return format_day(day)
    if key.endswith("_vnd") and isinstance(value, int | float | str):
        try:
            return formats.format_vnd(int(value), lang=_active_lang())
        except ValueError:
            return str(value)
    if isinstance(value, int):
        return formats.format_number(value, lang=_active_lang())
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(k, context)}: {_show(k, v, names, context=context)}"
            for k, v in value.items()
            if k not in HIDDEN and v not in (None, "", 0, False)
        )
    return str(value)


def _active_lang() -> str:
    return "vi" if (get_language() or "vi").startswith("vi") else "en"


def _label(key: str, context: str) -> str:
    labels = _labels_for(f"case.{context}_x") if context else CASE_FIELD_LABELS
    name = key.removesuffix("_id")
    return str(labels.get(name) or CASE_FIELD_LABELS.get(name) or key)


def present(events) -> list[HistoryRow]:
    """The rows of the history table, newest first, values resolved to names."""
    events = list(events)
    names = Names(events)
    rows = []
    for event in events:
        context = event.verb.removeprefix("case.").rsplit("_", 1)[0] if "_" in event.verb else ""
        actor = event.actor.get_full_name() if event.actor_id and event.actor else ""
        row = HistoryRow(
            at=event.at,
            actor=actor or event.actor_label or str(_("hệ thống")),
            channel=str(CHANNELS.get(event.channel, event.channel)),
            verb=str(VERBS.get(event.verb, event.verb)),
        )
        for key, pair in (event.changes or {}).items():
            if key in HIDDEN or not isinstance(pair, list) or len(pair) != 2:
                continue
            before, after = pair
            if key in OUTCOME_FORMS:
                title = str(OUTCOME_TITLES[key])
                row.changes.append(
                    Change(
                        title, _show(key, before, names, context=key), _show(key, after, names, context=key)
                    )
                )
                continue
            row.changes.append(
                Change(
                    _label(key, context),
                    _show(key, before, names, context=context),
                    _show(key, after, names, context=context),
                )
            )
        data = event.data or {}
        if event.verb.startswith("case.merged") or event.verb.startswith("case.unmerged"):
            for k, text in (("survivor", _("Vụ giữ lại")), ("absorbed", _("Vụ được gộp"))):
                if data.get(k):
                    row.notes.append(f"{text}: {names.cases.get(data[k], data[k])}")
            if data.get("reason"):
                row.notes.append(f"{_('Lý do')}: {data['reason']}")
        if event.verb == "case.shared":
            target = names.units.get(data.get("unit")) or names.committees.get(data.get("committee")) or ""
            row.notes.append(f"{_('Chia sẻ với')}: {target}")
            if data.get("note"):
                row.notes.append(str(data["note"]))
        if event.verb.startswith("case.attachment_") and data.get("name"):
            row.notes.append(str(data["name"]))
        if (event.verb == "case.deleted" or event.verb.endswith("_removed")) and data.get("reason"):
            row.notes.append(f"{_('Lý do xóa')}: {data['reason']}")  # soft delete: the reason is required
        if event.verb.endswith("restored") and data.get("reason"):
            row.notes.append(f"{_('Đã xóa vì')}: {data['reason']}")
        rows.append(row)
    return rows


@register.simple_tag
def case_history_rows(events) -> list[HistoryRow]:
    return present(events)
