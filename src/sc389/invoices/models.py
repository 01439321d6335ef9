"""The import log: the invoices themselves live in the DuckDB store (store.py), not in the Django database."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec


class InvoiceImport(models.Model):
    """One run of `sc389 import_invoices PATH` (or of the service): what was read and what came of it."""

    source = models.CharField(_("nguồn"), max_length=1000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("kết thúc"))
    files_accepted = models.PositiveIntegerField(_("tệp đã nhập"), default=0)
    files_duplicate = models.PositiveIntegerField(_("tệp đã có"), default=0)
    files_rejected = models.PositiveIntegerField(_("tệp bị từ chối"), default=0)
    invoices_loaded = models.PositiveIntegerField(_("hóa đơn đã nhập"), default=0)
    notices_loaded = models.PositiveIntegerField(_("thông báo 04/SS đã nhập"), default=0)

    class Meta:
        verbose_name = _("lần nhập hóa đơn")
        verbose_name_plural = _("các lần nhập hóa đơn")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("đã nhập")
    DUPLICATE = "duplicate", _("đã có (trùng SHA-256)")
    REJECTED = "rejected", _("bị từ chối")


class InvoiceImportFile(models.Model):
    """One XML document of a run: its SHA-256 and, when refused, the reasons (the file is not loaded at all)."""

    run = models.ForeignKey(InvoiceImport, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("tệp"), max_length=1000)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    invoices = models.PositiveIntegerField(default=0)
    notices = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(_("lý do"), default=list, blank=True)

    class Meta:
        verbose_name = _("tệp hóa đơn đã đọc")
        verbose_name_plural = _("các tệp hóa đơn đã đọc")
        indexes = [models.Index(fields=["sha256"], name="invoices_file_sha256")]

    def __str__(self) -> str:
        return f"{self.name}: {self.outcome}"


class Detector(models.TextChoices):
    PROVENANCE = "provenance", _("Hàng không rõ nguồn gốc")
    GHOST = "ghost", _("Doanh nghiệp ma bán hóa đơn")
    LEGALISED = "legalised", _("Hợp thức hóa hàng nhập lậu")
    CIRCULAR = "circular", _("Mua bán vòng tròn")


class InvoiceLead(models.Model):
    """A tax code a detector flagged, with its score, the reasons an officer can check and the invoices
    behind it (copied from the store, so the page never opens the DuckDB file). Seen by analysts of the
    company's province (the registry's, mapped to today's province) and national analysts."""

    detector = models.CharField(_("phương pháp"), max_length=16, choices=Detector.choices)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, db_index=True)
    name = models.CharField(_("tên"), max_length=255, blank=True)
    province = models.ForeignKey(
        "org.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(_("điểm"))
    reasons = models.JSONField(_("lý do"), default=list)
    evidence = models.JSONField(_("hóa đơn liên quan"), default=list)
    detected_at = models.DateTimeField(_("phát hiện lúc"))

    scope_spec = ScopeSpec(province="province")

    class Meta:
        verbose_name = _("dấu hiệu từ hóa đơn")
        verbose_name_plural = _("các dấu hiệu từ hóa đơn")
        ordering = ["-score", "tax_code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["detector", "tax_code"], name="invoices_lead_once_per_detector")
        ]

    def __str__(self) -> str:
        return f"{self.tax_code} ({self.detector})"


class LeadReferral(models.Model):
    """A lead sent to the competent unit (the tax or market-surveillance unit of the company's province, or
    one the analyst chose) as a task of the sending committee: the unit sees it in its to-do list with the
    reasons. Kept by (detector, tax code) across detector runs, so a lead is never sent twice."""

    detector = models.CharField(_("phương pháp"), max_length=16, choices=Detector.choices)
    tax_code = models.CharField(_("mã số thuế"), max_length=14)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị nhận")
    )
    task = models.OneToOneField("direction.Task", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("chuyển lúc"))

    class Meta:
        verbose_name = _("dấu hiệu đã chuyển đơn vị")
        verbose_name_plural = _("các dấu hiệu đã chuyển đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["detector", "tax_code"], name="invoices_lead_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.tax_code} ({self.detector}) → {self.unit_id}"
