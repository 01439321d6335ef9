"""Outcomes of a case, each with its own dates and document numbers; the case status follows from them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sc389.core.softdelete import SoftDeletable
from sc389.org.models import Unit

from ..choices import RemittanceKind
from .case import Case


class PenaltyDecision(SoftDeletable):
    """An administrative penalty decision (quyết định xử phạt vi phạm hành chính)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalties")
    number = models.CharField(max_length=64)
    decided_on = models.DateField(db_index=True)
    issuer = models.CharField(max_length=200, blank=True)
    fine_vnd = models.BigIntegerField(default=0)
    confiscated_value_vnd = models.BigIntegerField(default=0)
    destroyed = models.BooleanField(default=False)
    destroyed_value_vnd = models.BigIntegerField(default=0)
    other_measures = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_vnd__gte=0)
                & Q(confiscated_value_vnd__gte=0)
                & Q(destroyed_value_vnd__gte=0),
                name="penalty_amounts_not_negative",
                violation_error_message=_("Số tiền không được âm."),
            )
        ]

    def __str__(self) -> str:
        return self.number


class BudgetRemittance(SoftDeletable):
    """A sum paid into the state budget (fines, tax arrears, proceeds of confiscated goods)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remittances")
    document_number = models.CharField(max_length=64, blank=True)
    remitted_on = models.DateField(db_index=True)
    kind = models.CharField(max_length=16, choices=RemittanceKind.choices, default=RemittanceKind.FINE)
    amount_vnd = models.BigIntegerField()

    class Meta:
        ordering = ["remitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_vnd__gt=0),
                name="remittance_amount_positive",
                violation_error_message=_("Số tiền nộp ngân sách phải lớn hơn 0."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.amount_vnd}"


class Prosecution(SoftDeletable):
    """A criminal prosecution decision (khởi tố vụ án) with its defendants and transfer to the investigators."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prosecutions")
    decision_number = models.CharField(max_length=64)
    decided_on = models.DateField(db_index=True)
    defendants = models.PositiveIntegerField(default=0)
    investigating_agency = models.CharField(max_length=200, blank=True)
    transferred_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return self.decision_number


class Transfer(SoftDeletable):
    """The case sent to another force or agency to handle (it stays this case; it is not a hand-over)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_agency = models.CharField(max_length=200, blank=True)
    transferred_on = models.DateField()
    document_number = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["transferred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False) | ~Q(to_agency=""),
                name="transfer_has_recipient",
                violation_error_message=_("Cần ghi đơn vị hoặc cơ quan nhận."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_unit or self.to_agency}"
