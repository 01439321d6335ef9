"""Row by row: cells → a case record with its parts, or the reasons the row is refused.

Plain functions over a `Lookups` and the header; no database. A record's parts are unsaved model instances that
went through their models' own one-row rules (`clean_party`, which `Party.clean()` calls, checks CCCD against birth
year and sex and tax codes with python-stdnum; `clean_goods_line` checks HS codes), so the import and the forms apply
the same rules.
"""

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from sc389.core.errors import DomainError
from sc389.core.text import fold, nfc
from sc389.org.models import AdministrativeUnit, Unit
from sc389.org.services import RowError as BaseRowError

from ..choices import Category, Channel, PartyKind, PartyRole, RemittanceKind, Sex
from ..models import BudgetRemittance, GoodsLine, Party, PenaltyDecision, Prosecution, Transfer, ViolationType
from ..models.parts import clean_goods_line, clean_party
from ..services.case import locate
from . import parsers
from .columns import CASE_COLUMNS, GOODS_COLUMNS, PARTY_COLUMNS, Column, column_letter, header_index
from .lookups import Lookups
from .parsers import ParseError

EARLIEST = dt.date(1990, 1, 1)
MEMO_MAX = 50_000  # distinct spellings remembered per column; ids and numbers unique to a row stop filling it
_MISSING = object()


@dataclass
class RowError(BaseRowError):
    """A refused cell: where (sheet, row, column) and why, in the user's language."""

    sheet: str = ""

    def __str__(self) -> str:
        if not self.row:  # the file as a whole
            return str(self.message)
        text = super().__str__()
        return f"{self.sheet}: {text}" if self.sheet else text

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": str(self.message)}


CATEGORIES = parsers.choice_index(
    Category.choices, aliases={"hàng giả": Category.COUNTERFEIT_IP, "SHTT": Category.COUNTERFEIT_IP}
)
CHANNELS = parsers.choice_index(
    Channel.choices,
    aliases={
        "TMĐT": Channel.ECOMMERCE,
        "Sàn TMĐT": Channel.ECOMMERCE,
        "Thương mại điện tử": Channel.ECOMMERCE,
        "Chợ": Channel.INLAND_MARKET,
        "Kho": Channel.WAREHOUSE,
        "Chuyển phát": Channel.COURIER,
        "Sân bay": Channel.AIRPORT,
    },
)
PARTY_KINDS = parsers.choice_index(
    PartyKind.choices,
    aliases={
        "Gian hàng trực tuyến": PartyKind.ONLINE_ACCOUNT,
        "Tài khoản": PartyKind.ONLINE_ACCOUNT,
        "Xe": PartyKind.VEHICLE,
    },
)
PARTY_ROLES = parsers.choice_index(PartyRole.choices, aliases={"Đối tượng": PartyRole.SUSPECT})
SEXES = parsers.choice_index(Sex.choices, aliases={"M": Sex.MALE, "F": Sex.FEMALE})
_url = URLValidator()

# Where a model field's error is shown: the column it came from.
PARTY_FIELD_COLUMNS = {
    "name": "party_name",
    "account": "party_name",
    "id_number": "party_id_number",
    "tax_code": "party_tax_code",
    "plate": "party_plate",
    "phone": "party_phone",
    "date_of_birth": "party_date_of_birth",
    "sex": "party_sex",
}
GOODS_FIELD_COLUMNS = {"hs_code": "goods_hs_code", "description": "goods_description"}
# The one-row rules GoodsLine.clean and Party.clean apply, as plain functions of the part's attributes.
MODEL_RULES = {GoodsLine: clean_goods_line, Party: clean_party}


class Part(SimpleNamespace):
    """A goods line, party or outcome as plain attributes (attname → value), cheap to make by the 100,000.

    `MODEL_RULES[model](part)` applies the model's own one-row rules to it; `values()` is what gets inserted.
    """

    model: type

    def values(self) -> dict[str, Any]:
        data = dict(vars(self))
        data.pop("model", None)
        return data

    def label(self) -> str:
        for name in ("name", "description", "plate", "account", "phone", "number", "decision_number"):
            value = getattr(self, name, "")
            if value:
                return str(value)
        return ""


_DEFAULTS: dict[type, dict[str, Any]] = {}


def part(model: type, **values: Any) -> Part:
    """A Part of `model` with the model's defaults for the fields not given."""
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = {
            f.attname: f.get_default()
            if f.has_default()
            else (None if f.null or not f.empty_strings_allowed else "")
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name != "case"
        }
    return Part(model=model, **{**defaults, **values})


@dataclass
class CaseRecord:
    """One valid row of the case sheet, ready to compare with the database and write."""

    row: int
    external_ref: str
    fields: dict[
        str, Any
    ]  # Case fields: category, violation_type, channel, ..., detected_on, place, place_text
    province: AdministrativeUnit
    commune: AdministrativeUnit | None
    participants: list[Unit] = field(default_factory=list)
    goods: list["Part"] = field(default_factory=list)
    parties: list["Part"] = field(default_factory=list)
    penalties: list["Part"] = field(default_factory=list)
    remittances: list["Part"] = field(default_factory=list)
    prosecutions: list["Part"] = field(default_factory=list)
    transfers: list["Part"] = field(default_factory=list)


class Header:
    """Which column holds which key in one sheet; missing required columns are reported once, on row 1."""

    def __init__(self, headers: list[str], columns: list[Column], *, sheet: str, header_row: int = 1):
        index = header_index(columns)
        self.sheet = sheet
        self.positions: dict[str, int] = {}
        self.labels: dict[str, str] = {c.key: c.header for c in columns}
        self.unknown: list[str] = []
        self.errors: list[RowError] = []
        for position, name in enumerate(headers):
            key = index.get(fold(name))
            if key is None:
                if name:
                    self.unknown.append(name)
                continue
            if key in self.positions:
                self.errors.append(
                    RowError(header_row, self.label_at(position, name), _("cột bị lặp lại."), sheet)
                )
                continue
            self.positions[key] = position
            self.labels[key] = self.label_at(position, name)
        self.items = list(self.positions.items())
        self.keys = [key for key, _position in self.items]
        self.last = max(self.positions.values(), default=-1)
        # Picks a row's cells in `keys` order in one C call (itemgetter of one index returns a bare value).
        self.pick = operator.itemgetter(*self.positions.values()) if len(self.positions) > 1 else None
        # Per column, what each distinct text cell parsed to (value, or the ParseError): a 100,000-row file
        # repeats its dates, amounts, places and list values, and parsing each spelling once makes it cheap.
        self.memo: dict[str, dict[str, Any]] = {key: {} for key in self.positions}
        self.today = dt.date.today()
        for c in columns:
            if c.required and c.key not in self.positions:
                self.errors.append(RowError(header_row, c.header, _("thiếu cột bắt buộc."), sheet))

    @staticmethod
    def label_at(position: int, name: str) -> str:
        return f"{column_letter(position)} ({name})"

    def has(self, *keys: str) -> bool:
        return any(k in self.positions for k in keys)


class Cells:
    """One row's non-blank cells by key, collecting the row's errors."""

    __slots__ = ("cells", "header", "row", "errors")

    def __init__(self, values: tuple, header: Header, row: int):
        cells = {}
        if len(values) > header.last and header.pick is not None:
            pairs = zip(header.keys, header.pick(values), strict=True)
        else:  # a short row (or a one-column sheet): only the cells it has
            size = len(values)
            pairs = ((key, values[position]) for key, position in header.items if position < size)
        for key, value in pairs:
            if value is None:
                continue
            if type(value) is str:
                if not value:
                    continue
                value = value.strip()
                if not value:
                    continue
            cells[key] = value
        self.cells, self.header, self.row, self.errors = cells, header, row, []

    def raw(self, key: str):
        return self.cells.get(key)

    def present(self, *keys: str) -> bool:
        return not self.cells.keys().isdisjoint(keys)

    def error(self, key: str, message) -> None:
        self.errors.append(RowError(self.row, self.header.labels.get(key, key), message, self.header.sheet))

    def text(self, key: str, *, max_length: int, required: bool = False) -> str:
        raw = self.cells.get(key)
        if raw is None:
            value = ""
        elif type(raw) is str:
            memo = self.header.memo[key]
            value = memo.get(raw)
            if value is None:
                value = nfc(raw)
                if len(memo) < MEMO_MAX:
                    memo[raw] = value
        else:
            value = nfc(parsers.text(raw))
        if required and not value:
            self.error(key, _("bắt buộc, không được để trống."))
        elif len(value) > max_length:
            self.error(
                key, _("dài %(n)s ký tự, quá giới hạn %(max)s.") % {"n": len(value), "max": max_length}
            )
            return value[:max_length]
        return value

    def parse(self, key: str, parser: Callable, *args, required: bool = False, default=None):
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("bắt buộc, không được để trống."))
            return default
        if type(value) is not str:  # numbers and dates of XLSX cells (True == 1: never share a memo)
            try:
                return parser(value, *args)
            except ParseError as exc:
                self.error(key, exc.message)
                return default
        memo = self.header.memo[key]
        found = memo.get(value, _MISSING)
        if found is _MISSING:
            try:
                found = parser(value, *args)
            except ParseError as exc:
                found = exc
            if len(memo) < MEMO_MAX:
                memo[value] = found
        if type(found) is ParseError:
            self.error(key, found.message)
            return default
        return found

    def date(self, key: str, *, required: bool = False, not_before: dt.date | None = None) -> dt.date | None:
        day = self.parse(key, parsers.parse_date, required=required)
        if day is None:
            return None
        if day > self.header.today:
            self.error(key, _("ngày %(day)s ở tương lai.") % {"day": day.strftime("%d/%m/%Y")})
        elif day < EARLIEST:
            self.error(key, _("ngày %(day)s quá xa (trước năm 1990).") % {"day": day.strftime("%d/%m/%Y")})
        elif not_before is not None and day < not_before:
            self.error(
                key,
                _("ngày %(day)s trước ngày phát hiện vụ việc %(detected)s.")
                % {"day": day.strftime("%d/%m/%Y"), "detected": not_before.strftime("%d/%m/%Y")},
            )
        return day

    def lookup(self, key: str, finder: Callable, *args, **kwargs):
        value = self.raw(key)
        if value is None:
            return None
        try:
            return finder(parsers.text(value), *args, **kwargs)
        except ParseError as exc:
            self.error(key, exc.message)
            return None


@dataclass
class RowContext:
    """What every row of one import shares: the lists, the import unit, the actor's rights per province."""

    lookups: Lookups
    unit: Unit
    may_record: Callable[[AdministrativeUnit], bool]  # may the actor record for `unit` in this province?
    _allowed: dict[int, bool] = field(default_factory=dict)

    def allowed(self, province: AdministrativeUnit) -> bool:
        if province.pk not in self._allowed:
            self._allowed[province.pk] = self.may_record(province)
        return self._allowed[province.pk]


def case_row(
    values: tuple, *, header: Header, row: int, ctx: RowContext
) -> tuple[CaseRecord | None, list[RowError]]:
    """A row of the case sheet (CSV row): the case, its inline goods line, party and outcomes."""
    c = Cells(values, header, row)
    lk = ctx.lookups
    external_ref = c.text("external_ref", max_length=64, required=True)
    detected_on = c.date("detected_on", required=True)
    violation_type: ViolationType | None = c.lookup("violation_type", lk.violation_type)
    category = c.parse("category", parsers.parse_choice, CATEGORIES)
    if category is None and violation_type is not None:
        category = violation_type.category
    elif category is None and not c.present("category", "violation_type"):
        c.error("category", _("cần ghi lĩnh vực hoặc mã loại vi phạm."))
    elif violation_type is not None and category and violation_type.category != category:
        c.error(
            "violation_type",
            _("loại vi phạm “%(type)s” thuộc lĩnh vực khác với lĩnh vực đã ghi.")
            % {"type": violation_type.code},
        )
    channel = c.parse("channel", parsers.parse_choice, CHANNELS, default=Channel.OTHER)
    channel_url = c.text("channel_url", max_length=500)
    if channel_url:
        if "://" not in channel_url:
            channel_url = "https://" + channel_url
        try:
            _url(channel_url)
        except ValidationError:
            c.error("channel_url", _("đường dẫn “%(value)s” không hợp lệ.") % {"value": channel_url})
    province = c.lookup("province", lk.province)
    place = None
    if c.present("place"):
        place = c.lookup("place", lk.place, province=province, on=detected_on)
    elif province is not None:
        place = province
    else:
        c.error("place", _("bắt buộc, không được để trống."))
    record_province = record_commune = None
    if place is not None:
        record_province, record_commune = _locate(place)
        if record_province is None:
            c.error("place", _("không xác định được tỉnh hiện nay của địa bàn này."))
        elif not ctx.allowed(record_province):
            c.error(
                "place",
                _("bạn không có quyền ghi vụ việc của đơn vị %(unit)s tại %(province)s.")
                % {"unit": ctx.unit.code, "province": record_province.name},
            )
    participants: list[Unit] = []
    for code in parsers.parse_list(c.raw("participants")):
        try:
            unit = lk.unit(code)
        except ParseError as exc:
            c.error("participants", exc.message)
            continue
        if unit.pk != ctx.unit.pk and unit not in participants:
            participants.append(unit)
    fields = {
        "category": category,
        "violation_type": violation_type,
        "channel": channel,
        "channel_url": channel_url,
        "channel_shop": c.text("channel_shop", max_length=200),
        "detected_on": detected_on,
        "place": place,
        "place_text": c.text("place_text", max_length=255),
        "narrative": parsers.text(c.raw("narrative")),
    }
    record = CaseRecord(row, external_ref, fields, record_province, record_commune, participants)
    line = goods_line(c, lk)
    if line is not None:
        record.goods.append(line)
    party = party_from(c)
    if party is not None:
        record.parties.append(party)
    _outcomes(c, record, detected_on, lk)
    if c.errors:
        return None, c.errors
    return record, []


def _locate(place: AdministrativeUnit) -> tuple[AdministrativeUnit | None, AdministrativeUnit | None]:
    try:
        return locate(place)
    except DomainError:  # BAD_PLACE: reported on the row
        return None, None


def goods_line(c: Cells, lk: Lookups) -> Part | None:
    if not c.present(
        "goods_description", "goods_group", "goods_hs_code", "goods_quantity", "goods_unit", "goods_value_vnd"
    ):
        return None
    group = c.lookup("goods_group", lk.commodity_group)
    line = part(
        GoodsLine,
        description=c.text("goods_description", max_length=255, required=True),
        commodity_group_id=group.pk if group is not None else None,
        hs_code=parsers.text(c.raw("goods_hs_code")).replace(".", "").replace(" ", ""),
        quantity=c.parse("goods_quantity", parsers.parse_quantity),
        unit=c.text("goods_unit", max_length=32),
        value_vnd=c.parse("goods_value_vnd", parsers.parse_money, default=0),
    )
    _clean(line, c, GOODS_FIELD_COLUMNS, "goods_description")
    return line


def party_from(c: Cells) -> Part | None:
    keys = (
        "party_name",
        "party_date_of_birth",
        "party_id_number",
        "party_tax_code",
        "party_plate",
        "party_phone",
        "party_address",
    )
    if not c.present(*keys):
        if c.present("party_kind", "party_role", "party_sex"):
            c.error(
                "party_name", _("đã ghi loại hoặc vai trò đối tượng nhưng chưa ghi tên hay số định danh.")
            )
        return None
    kind = c.parse("party_kind", parsers.parse_choice, PARTY_KINDS)
    if kind is None:
        kind = (
            PartyKind.COMPANY
            if c.present("party_tax_code") and not c.present("party_id_number", "party_date_of_birth")
            else PartyKind.PERSON
            if c.present("party_name", "party_id_number", "party_date_of_birth")
            else PartyKind.VEHICLE
            if c.present("party_plate")
            else PartyKind.PHONE
        )
    name = c.text("party_name", max_length=200)
    party = part(
        Party,
        kind=kind,
        role=c.parse("party_role", parsers.parse_choice, PARTY_ROLES, default=PartyRole.SUSPECT),
        name="" if kind == PartyKind.ONLINE_ACCOUNT else name,
        account=name if kind == PartyKind.ONLINE_ACCOUNT else "",
        date_of_birth=c.parse("party_date_of_birth", parsers.parse_date),
        sex=c.parse("party_sex", parsers.parse_choice, SEXES, default=""),
        id_number=parsers.text(c.raw("party_id_number")),
        tax_code=parsers.text(c.raw("party_tax_code")),
        plate=c.text("party_plate", max_length=16),
        phone=parsers.text(c.raw("party_phone")),
        address=c.text("party_address", max_length=255),
    )
    _clean(party, c, PARTY_FIELD_COLUMNS, "party_name")
    return party


def _clean(obj: "Part", c: Cells, columns: dict[str, str], fallback: str) -> None:
    """The model's own one-row rules (the function its `clean` calls); messages land on the value's column."""
    try:
        MODEL_RULES[obj.model](obj)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                c.error(columns.get(name, fallback), message)


def _outcomes(c: Cells, record: CaseRecord, detected_on: dt.date | None, lk: Lookups) -> None:
    if c.present("penalty_number", "penalty_date", "penalty_fine_vnd", "penalty_confiscated_vnd"):
        record.penalties.append(
            part(
                PenaltyDecision,
                number=c.text("penalty_number", max_length=64, required=True),
                decided_on=c.date("penalty_date", required=True, not_before=detected_on),
                fine_vnd=c.parse("penalty_fine_vnd", parsers.parse_money, default=0),
                confiscated_value_vnd=c.parse("penalty_confiscated_vnd", parsers.parse_money, default=0),
            )
        )
    if c.present("remittance_date", "remittance_amount_vnd"):
        amount = c.parse("remittance_amount_vnd", parsers.parse_money, required=True)
        if amount == 0:
            c.error("remittance_amount_vnd", _("số tiền nộp ngân sách phải lớn hơn 0."))
        record.remittances.append(
            part(
                BudgetRemittance,
                remitted_on=c.date("remittance_date", required=True, not_before=detected_on),
                amount_vnd=amount,
                kind=RemittanceKind.FINE,
            )
        )
    if c.present("prosecution_number", "prosecution_date", "defendants", "investigating_agency"):
        record.prosecutions.append(
            part(
                Prosecution,
                decision_number=c.text("prosecution_number", max_length=64, required=True),
                decided_on=c.date("prosecution_date", required=True, not_before=detected_on),
                defendants=c.parse("defendants", parsers.parse_count, default=0),
                investigating_agency=c.text("investigating_agency", max_length=200),
            )
        )
    if c.present("transfer_to", "transfer_date", "transfer_number"):
        to = c.text("transfer_to", max_length=200, required=True)
        to_unit = lk.units.get(to.upper()) if to else None
        record.transfers.append(
            part(
                Transfer,
                to_unit_id=to_unit.pk if to_unit is not None else None,
                to_agency="" if to_unit else to,
                transferred_on=c.date("transfer_date", required=True, not_before=detected_on),
                document_number=c.text("transfer_number", max_length=64),
            )
        )


def extra_goods_row(
    values: tuple, *, header: Header, row: int, lk: Lookups
) -> tuple[str, Part | None, list[RowError]]:
    """A row of the sheet "Hàng hóa": (case id, goods line)."""
    c = Cells(values, header, row)
    ref = c.text("external_ref", max_length=64, required=True)
    line = goods_line(c, lk)
    if line is None and not c.errors:
        c.error("goods_description", _("bắt buộc, không được để trống."))
    return ref, line, c.errors


def extra_party_row(values: tuple, *, header: Header, row: int) -> tuple[str, Part | None, list[RowError]]:
    """A row of the sheet "Đối tượng": (case id, party)."""
    c = Cells(values, header, row)
    ref = c.text("external_ref", max_length=64, required=True)
    party = party_from(c)
    if party is None and not c.errors:
        c.error("party_name", _("bắt buộc, không được để trống."))
    return ref, party, c.errors


__all__ = [
    "CASE_COLUMNS",
    "GOODS_COLUMNS",
    "PARTY_COLUMNS",
    "CaseRecord",
    "Header",
    "RowContext",
    "RowError",
    "case_row",
    "extra_goods_row",
    "extra_party_row",
]
