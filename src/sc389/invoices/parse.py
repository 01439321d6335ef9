"""Read one XML document into Invoice / Notice values, safely and whatever its namespaces or envelope.

Tags are matched by local name, so `HDon`, `{ns}HDon` and `TDiep/DLieu/HDon` read alike. defusedxml refuses
DTDs, entity declarations and external references (billion laughs, XXE): an invoice never needs them.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from .records import Invoice, InvoiceLine, Notice, NoticeItem, RateTotal, RelatedInvoice


class ParseError(ValueError):
    """The document cannot be read as an invoice or notice; the message says where and why."""


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(el: Element | None, name: str) -> Element | None:
    if el is None:
        return None
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def children(el: Element | None, name: str) -> list[Element]:
    return [] if el is None else [c for c in el if local(c.tag) == name]


def _or(el: Element | None, default: Element) -> Element:
    return default if el is None else el  # an Element with no children is falsy: never use `or`


def find_all(root: Element, name: str) -> list[Element]:
    return [el for el in root.iter() if local(el.tag) == name]


def text(el: Element | None, name: str) -> str:
    c = child(el, name)
    return (c.text or "").strip() if c is not None else ""


def amount(el: Element | None, name: str, *, where: str, required: bool = False) -> Decimal:
    raw = text(el, name)
    if not raw:
        if required:
            raise ParseError(f"{where}/{name}: thiếu giá trị")
        return Decimal(0)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ParseError(f"{where}/{name}: '{raw[:30]}' không phải là số") from None
    if not value.is_finite():
        raise ParseError(f"{where}/{name}: '{raw[:30]}' không phải là số")
    return value


def date(el: Element | None, name: str, *, where: str, required: bool = True) -> dt.date | None:
    raw = text(el, name)
    if not raw:
        if required:
            raise ParseError(f"{where}/{name}: thiếu ngày")
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise ParseError(f"{where}/{name}: '{raw[:30]}' không phải ngày YYYY-MM-DD") from None


def parse_document(data: bytes) -> tuple[list[Invoice], list[Notice]]:
    """Every invoice (HDon with DLHDon) and every 04/SS-HĐĐT notice (DLTBao) in one XML document."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ParseError(f"XML bị từ chối vì lý do an toàn ({type(exc).__name__})") from None
    except SafeET.ParseError as exc:
        raise ParseError(f"XML không hợp lệ: {exc}") from None
    except LookupError as exc:  # expat asks Python for the declared encoding, which may not exist
        raise ParseError(f"XML không hợp lệ: khai báo bảng mã không được hỗ trợ ({exc})") from None
    invoices = [parse_invoice(d) for d in find_all(root, "DLHDon")]
    notices = [parse_notice(d) for d in find_all(root, "DLTBao")]
    if not invoices and not notices:
        raise ParseError(
            f"không có hóa đơn (HDon/DLHDon) hay thông báo 04/SS-HĐĐT (TBao/DLTBao); gốc là <{local(root.tag)}>"
        )
    return invoices, notices


def parse_invoice(data: Element) -> Invoice:
    general = child(data, "TTChung")
    content = child(data, "NDHDon")
    if general is None or content is None:
        raise ParseError("DLHDon: thiếu TTChung hoặc NDHDon")
    seller, buyer, totals = child(content, "NBan"), child(content, "NMua"), child(content, "TToan")
    if seller is None or totals is None:
        raise ParseError("NDHDon: thiếu NBan hoặc TToan")
    related = None
    rel = child(general, "TTHDLQuan")
    if rel is not None:
        kind = text(rel, "TCHDon")
        if kind not in ("1", "2"):
            raise ParseError(f"TTHDLQuan/TCHDon: '{kind}' không phải 1 (thay thế) hay 2 (điều chỉnh)")
        related = RelatedInvoice(
            int(kind),
            text(rel, "KHMSHDCLQuan"),
            text(rel, "KHHDCLQuan"),
            text(rel, "SHDCLQuan"),
            date(rel, "NLHDCLQuan", where="TTHDLQuan", required=False),
        )
    lines = []
    for i, el in enumerate(find_all(_or(child(content, "DSHHDVu"), content), "HHDVu"), start=1):
        where = f"HHDVu[{i}]"
        kind = text(el, "TChat") or "1"
        if kind not in ("1", "2", "3", "4"):
            raise ParseError(f"{where}/TChat: '{kind}' không phải 1-4")
        lines.append(
            InvoiceLine(
                kind=int(kind),
                position=int(text(el, "STT")) if text(el, "STT").isdigit() else i,
                code=text(el, "MHHDVu"),
                name=text(el, "THHDVu"),
                unit=text(el, "DVTinh"),
                quantity=amount(el, "SLuong", where=where),
                price=amount(el, "DGia", where=where),
                discount=amount(el, "STCKhau", where=where),
                amount=amount(el, "ThTien", where=where),
                rate=text(el, "TSuat"),
            )
        )
    rate_list = child(totals, "THTTLTSuat")
    rates = [
        RateTotal(
            text(el, "TSuat"), amount(el, "ThTien", where="LTSuat"), amount(el, "TThue", where="LTSuat")
        )
        for el in children(rate_list, "LTSuat")
    ]
    fees = sum((amount(f, "TPhi", where="LPhi") for f in find_all(totals, "LPhi")), Decimal(0))
    return Invoice(
        template=text(general, "KHMSHDon"),
        series=text(general, "KHHDon"),
        number=text(general, "SHDon"),
        issued_on=date(general, "NLap", where="TTChung"),
        currency=text(general, "DVTTe") or "VND",
        seller_tax_code=text(seller, "MST"),
        seller_name=text(seller, "Ten"),
        seller_address=text(seller, "DChi"),
        buyer_tax_code=text(buyer, "MST"),
        buyer_name=text(buyer, "Ten") or text(buyer, "HVTNMHang"),
        buyer_address=text(buyer, "DChi"),
        lines=lines,
        rates=rates,
        total_before_tax=amount(totals, "TgTCThue", where="TToan", required=True),
        total_tax=amount(totals, "TgTThue", where="TToan"),
        trade_discount=amount(totals, "TTCKTMai", where="TToan"),
        fees=fees,
        total=amount(totals, "TgTTTBSo", where="TToan", required=True),
        related=related,
    )


def parse_notice(data: Element) -> Notice:
    items = []
    for i, el in enumerate(find_all(_or(child(data, "DSHDon"), data), "HDon"), start=1):
        action = text(el, "TCTBao")
        if action not in ("1", "2", "3", "4", "5"):
            raise ParseError(f"DSHDon/HDon[{i}]/TCTBao: '{action}' không phải 1-5")
        items.append(
            NoticeItem(
                text(el, "KHMSHDon"),
                text(el, "KHHDon"),
                text(el, "SHDon"),
                date(el, "Ngay", where=f"DSHDon/HDon[{i}]", required=False),
                int(action),
                text(el, "LDo"),
            )
        )
    return Notice(text(data, "MST"), date(data, "NTBao", where="DLTBao"), items)
