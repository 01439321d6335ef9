"""The report as PDF: the same administrative layout as the DOCX (Decree 30/2020/NĐ-CP), printed by WeasyPrint
from an HTML template.

Decree 30/2020 asks for Times New Roman. The PDF embeds Liberation Serif 2 (SIL OFL, shipped in
static/sc389/reports-fonts/ with its licence): it has Times New Roman's metrics and every Vietnamese letter,
whereas Debian's older fonts-liberation 1.07, which fontconfig substitutes for "Times New Roman", lacks letters
such as Ộ, Ủ and ự, and a PDF would mix two typefaces. Nothing is fetched: the charts are data: URLs, the font
files are read from that folder, and any other address is refused.
"""

import base64
from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import HTML

from .document import ReportDocument

FONTS = Path(__file__).resolve().parents[2] / "static" / "sc389" / "reports-fonts"
FACES = (
    ("normal", "normal", "LiberationSerif-Regular.ttf"),
    ("bold", "normal", "LiberationSerif-Bold.ttf"),
    ("normal", "italic", "LiberationSerif-Italic.ttf"),
    ("bold", "italic", "LiberationSerif-BoldItalic.ttf"),
)


def _allowed(url: str) -> bool:
    if url.startswith("data:"):
        return True
    prefix = FONTS.as_uri() + "/"
    return url.startswith(prefix) and "/" not in url[len(prefix) :] and ".." not in url


try:  # WeasyPrint 68+: a fetcher object
    from weasyprint.urls import URLFetcher

    class _Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not _allowed(url):
                raise ValueError(f"SC389 PDF export fetches nothing: {url}")
            return super().fetch(url, headers)

    def _fetcher():
        return _Fetcher(allowed_protocols={"data", "file"})

except ImportError:  # older WeasyPrint: a function
    from weasyprint import default_url_fetcher

    def _fetcher():
        def fetch(url: str, *args, **kwargs):
            if not _allowed(url):
                raise ValueError(f"SC389 PDF export fetches nothing: {url}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch


def pdf_html(doc: ReportDocument) -> str:
    charts = []
    if doc.charts is not None:
        for chart in doc.charts.all():
            data = base64.b64encode(doc.pngs[chart.key]).decode("ascii")
            charts.append({"title": chart.title, "src": f"data:image/png;base64,{data}"})
    faces = [
        {"weight": weight, "style": style, "url": (FONTS / name).as_uri()} for weight, style, name in FACES
    ]
    return render_to_string("reports/export_pdf.html", {"doc": doc, "charts": charts, "faces": faces})


def pdf_write(doc: ReportDocument) -> bytes:
    """The PDF's bytes."""
    return HTML(string=pdf_html(doc), url_fetcher=_fetcher()).write_pdf()
