"""An e-invoice and a 04/SS-HĐĐT notice as plain values, shared by the parser, the store and the generator.

Field names follow the glossary; the XML tag each comes from is in the comment (QĐ 1450/QĐ-TCT, notes §1.2).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)


@dataclass
class InvoiceLine:
    """HHDVu: one line. kind (TChat) 1 goods/service, 2 promotion, 3 trade discount, 4 note."""

    kind: int
    position: int  # STT
    code: str  # MHHDVu: the seller's goods code
    name: str  # THHDVu
    unit: str  # DVTinh
    quantity: Decimal  # SLuong
    price: Decimal  # DGia
    discount: Decimal  # STCKhau
    amount: Decimal  # ThTien (before tax)
    rate: str  # TSuat: "0%", "5%", "8%", "10%", "KCT", "KKKNT", "KHAC:AB.CD"


@dataclass
class RateTotal:
    """LTSuat: the total before tax and the tax of one VAT rate."""

    rate: str
    amount: Decimal
    tax: Decimal


@dataclass
class RelatedInvoice:
    """TTHDLQuan: this invoice replaces (1) or adjusts (2) the one identified here (same seller)."""

    kind: int  # TCHDon
    template: str  # KHMSHDCLQuan
    series: str  # KHHDCLQuan
    number: str  # SHDCLQuan
    issued_on: dt.date | None = None  # NLHDCLQuan


@dataclass
class Invoice:
    """HDon: one e-invoice (Circular 78/2021, Decree 123/2020 Art. 10)."""

    template: str  # KHMSHDon
    series: str  # KHHDon
    number: str  # SHDon
    issued_on: dt.date  # NLap
    currency: str  # DVTTe
    seller_tax_code: str  # NBan/MST
    seller_name: str
    seller_address: str
    buyer_tax_code: str  # NMua/MST ("" for a consumer)
    buyer_name: str
    buyer_address: str
    lines: list[InvoiceLine] = field(default_factory=list)
    rates: list[RateTotal] = field(default_factory=list)  # THTTLTSuat
    total_before_tax: Decimal = ZERO  # TgTCThue
    total_tax: Decimal = ZERO  # TgTThue
    trade_discount: Decimal = ZERO  # TTCKTMai
    fees: Decimal = ZERO  # Σ DSLPhi/LPhi/TPhi
    total: Decimal = ZERO  # TgTTTBSo
    related: RelatedInvoice | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The invoice's identity: seller, template, series, number."""
        return (self.seller_tax_code, self.template, self.series, self.number)


@dataclass
class NoticeItem:
    """TBSaiSot's DSHDon/HDon: one invoice the notice is about. action (TCTBao) 1 cancel, 2 adjust, 3 replace,
    4 explain, 5 aggregation error."""

    template: str
    series: str
    number: str
    issued_on: dt.date | None
    action: int
    reason: str


@dataclass
class Notice:
    """04/SS-HĐĐT (TBao): a seller tells the tax authority an invoice is wrong; action 1 cancels it."""

    seller_tax_code: str  # MST
    notified_on: dt.date  # NTBao
    items: list[NoticeItem] = field(default_factory=list)
