"""The reference lists a file's codes and names are resolved against, loaded once per import into dicts."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sc389.core.text import fold
from sc389.org.choices import AdminLevel
from sc389.org.models import AdministrativeUnit, Unit

from ..models import CommodityGroup, ViolationType
from .parsers import ParseError

# "Xã Đồng Đăng", "xa Dong Dang" and "Đồng Đăng" name one commune.
_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|xa|phuong|thi tran|dac khu|huyen|quan|thi xa) ")
_LEVEL_ORDER = {AdminLevel.COMMUNE: 0, AdminLevel.DISTRICT: 1, AdminLevel.PROVINCE: 2}


def bare_name(name: str) -> str:
    return _PREFIX.sub("", fold(name))


@dataclass
class Lookups:
    places_by_code: dict[str, list[AdministrativeUnit]] = field(default_factory=dict)
    places_by_name: dict[str, list[AdministrativeUnit]] = field(default_factory=dict)
    provinces: dict[str, AdministrativeUnit] = field(default_factory=dict)  # code, folded and bare names
    units: dict[str, Unit] = field(default_factory=dict)  # upper-case code
    violation_types: dict[str, ViolationType] = field(default_factory=dict)  # folded code
    commodity_groups: dict[str, CommodityGroup] = field(default_factory=dict)  # folded code and name

    @classmethod
    def from_objects(cls, *, places, units=(), violation_types=(), commodity_groups=()) -> "Lookups":
        """Built from objects already in memory (tests build it without a database)."""
        lk = cls()
        for place in places:
            lk.places_by_code.setdefault(place.code, []).append(place)
            for key in {fold(place.name), bare_name(place.name)}:
                lk.places_by_name.setdefault(key, []).append(place)
            if place.level == AdminLevel.PROVINCE and place.valid_to is None:
                for key in (place.code, place.code.zfill(2), fold(place.name), bare_name(place.name)):
                    lk.provinces[key] = place
        lk.units = {u.code.upper(): u for u in units}
        lk.violation_types = {fold(v.code): v for v in violation_types}
        for group in commodity_groups:
            lk.commodity_groups[fold(group.code)] = group
            lk.commodity_groups.setdefault(fold(group.name), group)
        return lk

    @classmethod
    def load(cls) -> "Lookups":
        return cls.from_objects(
            places=AdministrativeUnit.objects.select_related("current_province"),
            units=Unit.objects.select_related("force"),
            violation_types=ViolationType.objects.filter(active=True),
            commodity_groups=CommodityGroup.objects.filter(active=True),
        )

    def province(self, value: str) -> AdministrativeUnit:
        key = value.strip()
        found = self.provinces.get(key) or self.provinces.get(fold(key)) or self.provinces.get(bare_name(key))
        if found is None:
            raise ParseError(_("Không tìm thấy tỉnh “%(value)s”.") % {"value": value})
        return found

    def place(
        self, value: str, *, province: AdministrativeUnit | None, on: dt.date | None
    ) -> AdministrativeUnit:
        """A commune (or historic district, or province) by code or name, valid on the day the case was found.

        A name shared by communes of several provinces needs the province column; a unit abolished before the
        day is refused (the case must name today's commune), while today's communes are accepted for earlier days.
        """
        raw = value.strip()
        candidates = self.places_by_code.get(raw) or self.places_by_name.get(fold(raw))
        if not candidates:
            candidates = self.places_by_name.get(bare_name(raw), [])
        if province is not None:
            candidates = [
                c for c in candidates if c.pk == province.pk or c.current_province_id == province.pk
            ]
        if not candidates:
            where = _(" ở %(province)s") % {"province": province.name} if province is not None else ""
            raise ParseError(
                _("Không tìm thấy địa bàn “%(value)s”%(where)s.") % {"value": raw, "where": where}
            )
        if on is not None:
            valid = [c for c in candidates if c.is_valid_on(on)]
            if not valid:
                ended = [c for c in candidates if c.valid_to is not None and c.valid_to < on]
                if len(ended) == len(candidates):
                    raise ParseError(
                        _("“%(value)s” đã hết hiệu lực từ %(day)s; hãy ghi xã, phường hiện nay.")
                        % {
                            "value": raw,
                            "day": (max(c.valid_to for c in ended) + dt.timedelta(days=1)).strftime(
                                "%d/%m/%Y"
                            ),
                        }
                    )
                valid = [c for c in candidates if c.valid_to is None]
            candidates = valid
        best = min(_LEVEL_ORDER.get(c.level, 9) for c in candidates)
        candidates = [c for c in candidates if _LEVEL_ORDER.get(c.level, 9) == best]
        if len(candidates) > 1:
            raise ParseError(
                _("Có %(n)s địa bàn tên “%(value)s”; hãy ghi cột Tỉnh hoặc dùng mã xã.")
                % {"n": len(candidates), "value": raw}
            )
        return candidates[0]

    def unit(self, code: str) -> Unit:
        found = self.units.get(code.strip().upper())
        if found is None:
            raise ParseError(_("Không có đơn vị mã “%(value)s”.") % {"value": code})
        return found

    def violation_type(self, code: str) -> ViolationType:
        found = self.violation_types.get(fold(code))
        if found is None:
            raise ParseError(_("Không có loại vi phạm mã “%(value)s” trong danh mục.") % {"value": code})
        return found

    def commodity_group(self, value: str) -> CommodityGroup:
        found = self.commodity_groups.get(fold(value))
        if found is None:
            raise ParseError(_("Không có nhóm hàng “%(value)s” trong danh mục.") % {"value": value})
        return found
