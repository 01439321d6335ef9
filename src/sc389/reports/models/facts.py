"""The report engine's summary of the cases: a ledger of dated measures per case and its monthly rollup.

Kept by `reports.facts` from the audit hook (every audited write of a case refreshes that case's rows in the same
transaction) and rebuilt by `sc389 refresh_report_facts`. Nobody edits these rows by hand; the cases and their
outcomes stay the truth, and `reports.indicators.compute_from_cases` computes the same figures from them.
"""

from django.db import models
from django.db.models import Q


class FactKind(models.IntegerChoices):
    DETECTED = 1, "detected"  # Case.detected_on
    HANDLED = 2, "handled"  # Case.handled_on
    PENALTY = 3, "penalty"  # PenaltyDecision.decided_on: amount = fines, amount2 = confiscated value
    PROSECUTION = 4, "prosecution"  # Prosecution.decided_on: amount = defendants
    REMITTANCE = 5, "remittance"  # BudgetRemittance.remitted_on: amount = sum paid


class ReportFact(models.Model):
    """One dated measure of one counted case: its detection, its handling, or its outcomes of one kind on one day.

    Outcomes of one kind on the same day are one row (amounts summed). `prev_on` is the case's previous day with
    an outcome of that kind: a case counts once in a period [a, b] on its row with a ≤ on ≤ b and no earlier row
    in the period (prev_on empty or before a). The dimensions are copied from the case.
    """

    case_id = models.IntegerField()
    kind = models.PositiveSmallIntegerField(choices=FactKind.choices)
    on = models.DateField()
    prev_on = models.DateField(null=True)
    lead_unit_id = models.IntegerField()
    province_id = models.IntegerField()
    commune_id = models.IntegerField(null=True)
    place_id = models.IntegerField()
    category = models.CharField(max_length=24)
    channel = models.CharField(max_length=24)
    amount = models.BigIntegerField(default=0)
    amount2 = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case_id", "kind", "on"], name="reportfact_unique")]
        indexes = [
            models.Index(fields=["province_id", "on"], name="reportfact_province_on_idx"),
            models.Index(fields=["on"], name="reportfact_on_idx"),
            models.Index(fields=["commune_id", "on"], name="reportfact_commune_on_idx"),
            # the few rows of a case's second and later outcome days (the distinct-case correction)
            models.Index(fields=["on"], condition=Q(prev_on__isnull=False), name="reportfact_repeat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_kind_display()} {self.on}"


class ReportFactMonth(models.Model):
    """The facts summed per month, province, lead unit and category: a report over whole months reads these.

    The case counts of outcomes (`penalty_cases`, `prosecuted_cases`) count first rows only (prev_on empty); the
    engine adds the later rows whose previous day falls before the period from ReportFact.
    """

    month = models.DateField()  # the first day of the month
    province_id = models.IntegerField()
    lead_unit_id = models.IntegerField()
    category = models.CharField(max_length=24)
    detected = models.IntegerField(default=0)
    handled = models.IntegerField(default=0)
    penalty_cases = models.IntegerField(default=0)
    fines = models.BigIntegerField(default=0)
    confiscated = models.BigIntegerField(default=0)
    prosecuted_cases = models.IntegerField(default=0)
    defendants = models.BigIntegerField(default=0)
    remitted = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "province_id", "lead_unit_id", "category"], name="reportfactmonth_unique"
            )
        ]
        indexes = [models.Index(fields=["province_id", "month"], name="reportfactmonth_province_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.province_id} {self.lead_unit_id} {self.category}"
