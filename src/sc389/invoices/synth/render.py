"""Write invoices and notices as spec-shaped XML (QĐ 1450/QĐ-TCT Part II; notes §1.2), bare or in a TDiep."""

import datetime as dt
from decimal import Decimal
from xml.sax.saxutils import escape

from ..records import Invoice, Notice

# The tax authority's schemas carry no target namespace in most samples; some vendors add one.
NAMESPACE = "http://kekhaithue.gdt.gov.vn/TKhaiThue"


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))


def _el(tag: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        text = _num(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = escape(str(value))
    return f"<{tag}>{text}</{tag}>"


def invoice_xml(invoice: Invoice, *, envelope: bool = False, namespace: bool = False) -> bytes:
    """One invoice as XML bytes (UTF-8)."""
    related = ""
    if invoice.related is not None:
        r = invoice.related
        related = (
            "<TTHDLQuan>"
            + _el("TCHDon", r.kind)
            + _el("LHDCLQuan", 1)
            + _el("KHMSHDCLQuan", r.template)
            + _el("KHHDCLQuan", r.series)
            + _el("SHDCLQuan", r.number)
            + _el("NLHDCLQuan", r.issued_on)
            + "</TTHDLQuan>"
        )
    general = (
        "<TTChung>"
        + _el("PBan", "2.1.0")
        + _el("THDon", "HÓA ĐƠN GIÁ TRỊ GIA TĂNG")
        + _el("KHMSHDon", invoice.template)
        + _el("KHHDon", invoice.series)
        + _el("SHDon", invoice.number)
        + _el("NLap", invoice.issued_on)
        + _el("DVTTe", invoice.currency)
        + _el("TGia", Decimal(1))
        + _el("HTTToan", "TM/CK")
        + _el("MSTTCGP", "0101360697")
        + related
        + "</TTChung>"
    )
    seller = (
        "<NBan>"
        + _el("Ten", invoice.seller_name)
        + _el("MST", invoice.seller_tax_code)
        + _el("DChi", invoice.seller_address)
        + "</NBan>"
    )
    buyer = (
        "<NMua>"
        + _el("Ten", invoice.buyer_name)
        + _el("MST", invoice.buyer_tax_code)
        + _el("DChi", invoice.buyer_address)
        + "</NMua>"
    )
    lines = "".join(
        "<HHDVu>"
        + _el("TChat", line.kind)
        + _el("STT", line.position)
        + _el("MHHDVu", line.code)
        + _el("THHDVu", line.name)
        + _el("DVTinh", line.unit)
        + _el("SLuong", line.quantity)
        + _el("DGia", line.price)
        + _el("STCKhau", line.discount)
        + _el("ThTien", line.amount)
        + _el("TSuat", line.rate)
        + "</HHDVu>"
        for line in invoice.lines
    )
    rates = "".join(
        "<LTSuat>" + _el("TSuat", r.rate) + _el("ThTien", r.amount) + _el("TThue", r.tax) + "</LTSuat>"
        for r in invoice.rates
    )
    totals = (
        "<TToan>"
        + f"<THTTLTSuat>{rates}</THTTLTSuat>"
        + _el("TgTCThue", invoice.total_before_tax)
        + _el("TgTThue", invoice.total_tax)
        + _el("TTCKTMai", invoice.trade_discount)
        + _el("TgTTTBSo", invoice.total)
        + _el("TgTTTBChu", "(bằng chữ)")
        + "</TToan>"
    )
    content = f"<NDHDon>{seller}{buyer}<DSHHDVu>{lines}</DSHHDVu>{totals}</NDHDon>"
    body = f'<DLHDon Id="data">{general}{content}</DLHDon><DSCKS><NBan/></DSCKS>'
    return _wrap("HDon", body, envelope=envelope, namespace=namespace, code="200")


def notice_xml(notice: Notice, *, envelope: bool = False, namespace: bool = False) -> bytes:
    """A 04/SS-HĐĐT notice (TBao/DLTBao) as XML bytes."""
    items = "".join(
        "<HDon>"
        + _el("STT", i)
        + _el("KHMSHDon", item.template)
        + _el("KHHDon", item.series)
        + _el("SHDon", item.number)
        + _el("Ngay", item.issued_on)
        + _el("LADHDDT", 1)
        + _el("TCTBao", item.action)
        + _el("LDo", item.reason)
        + "</HDon>"
        for i, item in enumerate(notice.items, start=1)
    )
    body = (
        '<DLTBao Id="data">'
        + _el("PBan", "2.1.0")
        + _el("MSo", "04/SS-HĐĐT")
        + _el("Ten", "Thông báo hóa đơn điện tử có sai sót")
        + _el("Loai", 1)
        + _el("MST", notice.seller_tax_code)
        + _el("NTBao", notice.notified_on)
        + f"<DSHDon>{items}</DSHDon>"
        + "</DLTBao><DSCKS><NNT/></DSCKS>"
    )
    return _wrap("TBao", body, envelope=envelope, namespace=namespace, code="300")


def _wrap(root: str, body: str, *, envelope: bool, namespace: bool, code: str) -> str:
    ns = f' xmlns="{NAMESPACE}"' if namespace else ""
    if envelope:
        # TDiep: the transmission message; TTChung carries the sender, the type (MLTDiep) and the message id.
        xml = (
            f"<TDiep{ns}><TTChung><PBan>2.1.0</PBan><MNGui>V0101360697</MNGui><MNNhan>TCT</MNNhan>"
            f"<MLTDiep>{code}</MLTDiep><MTDiep>V0101360697{code}</MTDiep></TTChung>"
            f"<DLieu><{root}>{body}</{root}></DLieu></TDiep>"
        )
    else:
        xml = f"<{root}{ns}>{body}</{root}>"
    return ('<?xml version="1.0" encoding="UTF-8"?>' + xml).encode()
