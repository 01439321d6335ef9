"""E-commerce listing snapshots, the shops behind them and the managed reference prices they are scored on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sc389.core.access import ScopeSpec
from sc389.core.text import fold_words, nfc


class ReferencePrice(models.Model):
    """The usual retail price of a brand, or of one product of a brand (managed by analysts). A listing is
    compared with its product's price when its title names the product, else with the brand's."""

    brand = models.CharField(_("nhãn hiệu"), max_length=120)
    brand_folded = models.CharField(max_length=120, editable=False, db_index=True)
    product = models.CharField(_("sản phẩm"), max_length=200, blank=True)
    product_folded = models.CharField(max_length=200, editable=False, blank=True)
    price_vnd = models.BigIntegerField(_("giá tham chiếu (đồng)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giá tham chiếu")
        verbose_name_plural = _("bảng giá tham chiếu")
        ordering = ["brand_folded", "product_folded"]
        constraints = [
            models.UniqueConstraint(
                fields=["brand_folded", "product_folded"],
                name="listings_refprice_once",
                violation_error_message=_("Nhãn hiệu và sản phẩm này đã có giá tham chiếu."),
            ),
            models.CheckConstraint(
                condition=models.Q(price_vnd__gt=0),
                name="listings_refprice_positive",
                violation_error_message=_("Giá tham chiếu phải lớn hơn 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.product}".strip()

    def clean(self) -> None:
        self.brand, self.product = nfc(self.brand), nfc(self.product)
        self.brand_folded, self.product_folded = fold_words(self.brand), fold_words(self.product)


class ListingImport(models.Model):
    """One file of listing snapshots loaded (all rows or none), with its SHA-256 and counts."""

    source = models.CharField(_("nguồn"), max_length=1000)
    sha256 = models.CharField(max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("nhập lúc"))
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created = models.PositiveIntegerField(_("tin mới"), default=0)
    updated = models.PositiveIntegerField(_("tin cập nhật"), default=0)

    class Meta:
        verbose_name = _("lần nhập tin đăng")
        verbose_name_plural = _("các lần nhập tin đăng")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.source} ({self.imported_at:%Y-%m-%d %H:%M})"


class Shop(models.Model):
    """A seller on a platform (gian hàng), identified by the platform's seller id; its score rolls up the
    signals of its listings. Seen by analysts of the province its listings give as location (national
    analysts see every shop, including those whose location matches no province)."""

    platform = models.CharField(_("sàn"), max_length=64)
    seller_id = models.CharField(_("mã người bán"), max_length=128)
    name = models.CharField(_("tên gian hàng"), max_length=255)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    province = models.ForeignKey(
        "org.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(_("điểm"), default=0)
    flagged = models.BooleanField(_("gắn cờ"), default=False, db_index=True)
    signals = models.JSONField(_("dấu hiệu"), default=list)
    reasons = models.JSONField(_("lý do"), default=list)
    listing_count = models.PositiveIntegerField(_("số tin"), default=0)
    scored_at = models.DateTimeField(_("chấm điểm lúc"), null=True, blank=True)

    scope_spec = ScopeSpec(province="province")

    class Meta:
        verbose_name = _("gian hàng")
        verbose_name_plural = _("các gian hàng")
        ordering = ["-score", "platform", "seller_id"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "seller_id"], name="listings_shop_once_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.platform})"


class Listing(models.Model):
    """One listing as seen on one snapshot date: re-importing the same date, platform and listing id
    updates it in place, a later date is a new snapshot."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="listings")
    run = models.ForeignKey(ListingImport, on_delete=models.PROTECT, related_name="listings")
    snapshot_on = models.DateField(_("ngày chụp"))
    platform = models.CharField(_("sàn"), max_length=64)
    listing_id = models.CharField(_("mã tin"), max_length=128)
    title = models.CharField(_("tiêu đề"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    price_vnd = models.BigIntegerField(_("giá (đồng)"))
    brand = models.CharField(_("nhãn hiệu"), max_length=120, blank=True)
    category = models.CharField(_("ngành hàng"), max_length=200, blank=True)
    location = models.CharField(_("nơi bán"), max_length=200, blank=True)
    sales_count = models.PositiveIntegerField(_("đã bán"), default=0)
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True)
    score = models.FloatField(_("điểm"), default=0)
    signals = models.JSONField(_("dấu hiệu"), default=list)
    reasons = models.JSONField(_("lý do"), default=list)

    scope_spec = ScopeSpec(province="shop__province")

    class Meta:
        verbose_name = _("tin đăng")
        verbose_name_plural = _("các tin đăng")
        ordering = ["-score", "-snapshot_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot_on", "platform", "listing_id"], name="listings_listing_once_per_snapshot"
            ),
            models.CheckConstraint(
                condition=models.Q(price_vnd__gte=0),
                name="listings_price_not_negative",
                violation_error_message=_("Giá không được âm."),
            ),
        ]
        indexes = [models.Index(fields=["shop", "-snapshot_on"], name="listings_shop_snapshot_idx")]

    def __str__(self) -> str:
        return f"{self.platform}:{self.listing_id}@{self.snapshot_on}"
