"""One entry point for the file exports, used by the web download and `sc389 report --format`."""

from ..indicators import Area
from ..periods import Period
from .document import ReportDocument, document_build
from .docx import docx_write
from .pdf import pdf_write
from .xlsx import xlsx_write

WRITERS = {"xlsx": xlsx_write, "docx": docx_write, "pdf": pdf_write}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FILE_FORMATS = tuple(WRITERS)


def write(fmt: str, doc: ReportDocument) -> bytes:
    return WRITERS[fmt](doc)


def export_bytes(fmt: str, *, area: Area, period: Period, compare: str, by: str | None, user=None) -> bytes:
    """The report of `area` over `period` as a file of format `fmt`, charts included, scoped to `user` if any."""
    doc = document_build(area=area, period=period, compare=compare, by=by, user=user)
    return write(fmt, doc)
