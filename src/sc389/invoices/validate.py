"""An invoice's own arithmetic and validity (notes §1.2, §1.5): the reasons it is refused, empty when sound.

Tolerance: one đồng per figure (vendors round tax per line or per rate), and one đồng per line in a sum.
"""

import re
from decimal import Decimal

from stdnum.vn import mst

from .records import Invoice, Notice
from .synth.catalogue import rate_fraction

SERIES = re.compile(r"^[CK]\d{2}[TDLMNBGHXF][A-Z0-9]{2}$")  # Circular 78/2021 Art. 4: C25TAA
TEMPLATE = re.compile(r"^[1-9]$")  # KHMSHDon: 1 VAT ... 6 release notes (7-9 from Circular 32/2025)
NUMBER = re.compile(r"^\d{1,8}$")
CCCD = re.compile(r"^0\d{11}$")  # 12-digit personal ID used as tax code since 1 Jul 2025 (Circular 86/2024)
ONE = Decimal(1)


def tax_code_kind(value: str) -> str | None:
    """'mst' for a valid 10/13-digit tax code, 'cccd' for a 12-digit personal ID, None when invalid."""
    compact = value.replace("-", "").replace(" ", "")
    if CCCD.match(compact):
        return "cccd"
    return "mst" if len(compact) in (10, 13) and mst.is_valid(compact) else None


def invoice_problems(inv: Invoice) -> list[str]:
    problems = []
    if tax_code_kind(inv.seller_tax_code) != "mst":
        problems.append(f"NBan/MST '{inv.seller_tax_code}': mã số thuế người bán không hợp lệ")
    if inv.buyer_tax_code and tax_code_kind(inv.buyer_tax_code) is None:
        problems.append(f"NMua/MST '{inv.buyer_tax_code}': mã số thuế người mua không hợp lệ")
    if not TEMPLATE.match(inv.template):
        problems.append(f"KHMSHDon '{inv.template}': ký hiệu mẫu số phải là một chữ số 1-9")
    if not SERIES.match(inv.series):
        problems.append(
            f"KHHDon '{inv.series}': ký hiệu hóa đơn phải có dạng C25TAA (C/K, năm, loại, 2 ký tự)"
        )
    elif int(inv.series[1:3]) != inv.issued_on.year % 100:
        problems.append(f"KHHDon '{inv.series}': năm {inv.series[1:3]} khác năm lập {inv.issued_on.year}")
    if not NUMBER.match(inv.number):
        problems.append(f"SHDon '{inv.number}': số hóa đơn phải có 1-8 chữ số")
    if inv.related is not None and inv.related.number == inv.number and inv.related.series == inv.series:
        problems.append("TTHDLQuan: hóa đơn không thể thay thế hay điều chỉnh chính nó")
    problems += arithmetic_problems(inv)
    return problems


def arithmetic_problems(inv: Invoice) -> list[str]:
    problems = []
    per_rate: dict[str, Decimal] = {}
    for line in inv.lines:
        if line.kind == 4:  # a note line carries no money
            continue
        if line.kind == 1 and line.quantity and line.price:
            expected = line.quantity * line.price - line.discount
            if abs(expected - line.amount) > ONE:
                problems.append(
                    f"HHDVu[{line.position}]: SLuong × DGia − STCKhau = {expected} ≠ ThTien {line.amount}"
                )
        sign = -1 if line.kind == 3 else 1  # a trade-discount line lowers the rate's total
        per_rate[line.rate] = per_rate.get(line.rate, Decimal(0)) + sign * line.amount
    declared = {r.rate: r for r in inv.rates}
    tolerance = ONE * max(1, len(inv.lines))
    for rate, total in per_rate.items():
        r = declared.get(rate)
        if r is None:
            if total:
                problems.append(f"THTTLTSuat: thiếu thuế suất {rate} của các dòng hàng ({total})")
            continue
        if abs(r.amount - total) > tolerance:
            problems.append(f"LTSuat {rate}: ThTien {r.amount} ≠ tổng các dòng {total}")
    for rate, r in declared.items():
        if rate not in per_rate and r.amount:
            problems.append(f"LTSuat {rate}: không có dòng hàng nào mang thuế suất này")
        fraction = rate_fraction(rate)
        if fraction is None and rate not in ("KCT", "KKKNT"):
            problems.append(f"LTSuat: thuế suất '{rate}' không hợp lệ")
        elif abs(r.amount * (fraction or 0) - r.tax) > tolerance:
            problems.append(f"LTSuat {rate}: TThue {r.tax} ≠ {rate} × {r.amount}")
    if abs(sum((r.amount for r in inv.rates), Decimal(0)) - inv.total_before_tax) > tolerance:
        problems.append(f"TToan: TgTCThue {inv.total_before_tax} ≠ tổng ThTien theo thuế suất")
    if abs(sum((r.tax for r in inv.rates), Decimal(0)) - inv.total_tax) > tolerance:
        problems.append(f"TToan: TgTThue {inv.total_tax} ≠ tổng TThue theo thuế suất")
    expected = inv.total_before_tax + inv.total_tax + inv.fees
    if abs(expected - inv.total) > tolerance and abs(expected - inv.trade_discount - inv.total) > tolerance:
        problems.append(f"TToan: TgTTTBSo {inv.total} ≠ TgTCThue + TgTThue (+ phí) = {expected}")
    return problems


def notice_problems(notice: Notice) -> list[str]:
    problems = []
    if tax_code_kind(notice.seller_tax_code) != "mst":
        problems.append(f"TBao/MST '{notice.seller_tax_code}': mã số thuế không hợp lệ")
    if not notice.items:
        problems.append("TBao: thông báo không có hóa đơn nào (DSHDon)")
    for i, item in enumerate(notice.items, start=1):
        if not SERIES.match(item.series) or not NUMBER.match(item.number):
            problems.append(f"DSHDon/HDon[{i}]: ký hiệu '{item.series}' hoặc số '{item.number}' không hợp lệ")
    return problems
