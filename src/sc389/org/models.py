"""Organisation: administrative units across the 2025 reform, committees, forces, their units, memberships."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.core.text import fold

from .choices import AdminLevel, CommitteeLevel, ForceCode, Role


class AdministrativeUnit(models.Model):
    """A province, a (pre-2025) district or a commune, valid over an interval.

    Units abolished or merged by the 2025 reform stay here with `valid_to` set and their successors, so historic
    cases keep their place. `current_province` is the province of today that holds the unit's territory (itself for
    a current province); scope and today's reports use it.
    """

    code = models.CharField(max_length=16)
    level = models.CharField(max_length=16, choices=AdminLevel.choices)
    name = models.CharField(max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True, editable=False)
    division_type = models.CharField(max_length=32, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    predecessors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="successors")
    current_province = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=True
    )

    class Meta:
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_to__isnull=True),
                name="adminunit_one_current_per_code",
                violation_error_message=_("Mã đơn vị hành chính đã tồn tại."),
            ),
            models.UniqueConstraint(fields=["level", "code", "valid_to"], name="adminunit_unique_interval"),
        ]

    def __str__(self) -> str:
        return self.name if self.valid_to is None else f"{self.name} (đến {self.valid_to:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Force(models.Model):
    """An enforcement force (customs, border guard, police, market surveillance, tax ...)."""

    code = models.CharField(max_length=32, unique=True, choices=ForceCode.choices)
    name = models.CharField(max_length=128)
    name_en = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A concrete office of a force ("Chi cục Hải quan cửa khẩu Hữu Nghị", "Đội QLTT số 5").

    Its place in the force (`parent`) is modelled apart from the area it covers (`area`): since 2025 customs and
    tax units are regional and one unit may cover several provinces.
    """

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    area = models.ManyToManyField(AdministrativeUnit, blank=True, related_name="force_units")
    home_province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="home_units"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    predecessors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="successors")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Committee(models.Model):
    """A Steering Committee 389: national, ministry, province or commune level; `area` empty for national."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=255)
    level = models.CharField(max_length=16, choices=CommitteeLevel.choices)
    area = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=CommitteeLevel.NATIONAL)
                | Q(level=CommitteeLevel.MINISTRY)
                | Q(area__isnull=False),
                name="committee_area_required",
                violation_error_message=_("Ban Chỉ đạo cấp tỉnh, xã phải có địa bàn."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """A member agency of a committee (customs, police, health ...), optionally tied to one of our units."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=255)
    force = models.ForeignKey(Force, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="committee_seats"
    )

    class Meta:
        ordering = ["committee", "name"]

    def __str__(self) -> str:
        return f"{self.name} — {self.committee}"


class Membership(models.Model):
    """A user's role in one unit or one committee; the unit or the committee's area is the user's scope."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(committee__isnull=True))
                | (Q(unit__isnull=True) & Q(committee__isnull=False)),
                name="membership_unit_xor_committee",
                violation_error_message=_("Mỗi vai trò thuộc đúng một đơn vị hoặc một Ban Chỉ đạo."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit or self.committee}"
