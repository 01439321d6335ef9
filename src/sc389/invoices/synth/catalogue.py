"""Commodities the synthetic economy trades, with the cases' commodity group each belongs to."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Commodity:
    code: str  # MHHDVu
    name: str  # THHDVu
    unit: str  # DVTinh
    price_low: int  # VND per unit, before tax
    price_high: int
    rate: str  # TSuat
    group: str  # the code of the cases' CommodityGroup it falls under (legalised-goods detector)


COMMODITIES: tuple[Commodity, ...] = (
    Commodity("XANG95", "Xăng RON 95-III", "lít", 19_000, 23_000, "10%", "fuel"),
    Commodity("DO05", "Dầu diesel 0,05S", "lít", 17_000, 21_000, "10%", "fuel"),
    Commodity("THEPPL", "Thép phế liệu", "kg", 7_000, 9_500, "10%", "metals"),
    Commodity("DUONG", "Đường kính trắng RE", "kg", 16_000, 21_000, "5%", "sugar"),
    Commodity("THUOCLA", "Thuốc lá điếu đầu lọc", "bao", 18_000, 30_000, "10%", "cigarettes"),
    Commodity("DTDD", "Điện thoại di động", "chiếc", 2_500_000, 9_000_000, "8%", "electronics"),
    Commodity("PHANBON", "Phân bón NPK 16-16-8", "kg", 11_000, 15_000, "5%", "fertiliser"),
    Commodity("RUOU", "Rượu vang nhập khẩu", "chai", 250_000, 900_000, "10%", "alcohol"),
)
BY_CODE = {c.code: c for c in COMMODITIES}

# A service line some sellers add: not goods, so no provenance is expected for it.
TRANSPORT = Commodity("VC", "Cước vận chuyển", "chuyến", 500_000, 3_000_000, "8%", "")


def rate_fraction(rate: str) -> Decimal | None:
    """0.10 for "10%"; None for the rates that carry no tax (KCT, KKKNT) or an unknown one."""
    if rate.endswith("%"):
        return Decimal(rate[:-1]) / 100
    if rate.startswith("KHAC:"):
        return Decimal(rate[5:]) / 100
    return None
