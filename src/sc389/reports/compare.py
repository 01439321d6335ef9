"""Comparing a figure with the same period or the previous period, as committees write it:
"bằng 81,27% so với cùng kỳ" (ratio) and "giảm 18,73%" (change)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def ratio_pct(value: int, compare_value: int | None) -> Decimal | None:
    """value / compare_value × 100, rounded half-up to 2 decimals; None when there is nothing to compare with."""
    if not compare_value:
        return None
    return (Decimal(value) * 100 / Decimal(compare_value)).quantize(CENT, rounding=ROUND_HALF_UP)


def change_pct(value: int, compare_value: int | None) -> Decimal | None:
    """The increase (positive) or decrease (negative) in percent: ratio − 100."""
    ratio = ratio_pct(value, compare_value)
    return None if ratio is None else ratio - 100


@dataclass(frozen=True)
class Compared:
    """One indicator value with its comparison value (None when the report compares with nothing)."""

    value: int
    compare_value: int | None = None

    @property
    def ratio_pct(self) -> Decimal | None:
        return ratio_pct(self.value, self.compare_value)

    @property
    def change_pct(self) -> Decimal | None:
        return change_pct(self.value, self.compare_value)

    def as_json(self) -> dict:
        def number(d: Decimal | None) -> float | None:
            return None if d is None else float(d)

        return {
            "value": self.value,
            "compare_value": self.compare_value,
            "ratio_pct": number(self.ratio_pct),
            "change_pct": number(self.change_pct),
        }
