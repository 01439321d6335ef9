"""A fast reader of XLSX cell values: the sheet XML streamed with the standard library's expat-based iterparse.

openpyxl's read-only mode costs about half a millisecond a row of the case sheet (a cell object and a dict per
cell), which alone would keep an XLSX import under the required 2,000 rows/s. This reader takes only what the
import needs, each sheet's cell values by row, and gives them the same Python values openpyxl would
(`values_only=True, data_only=True`): shared strings (rich text flattened), inline strings, numbers as int or
float, serial numbers with a date or time style as datetime/time/timedelta (1900 and 1904 calendars, through
openpyxl's own date helpers), booleans, cached formula results and error codes as text.

Anything it does not know (the "strict" OOXML namespace, a part it cannot find, XML it cannot parse) raises
`Unsupported`, and the caller reads the file with openpyxl instead, which either reads it or explains what is wrong.
"""

import posixpath
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError, fromstring, iterparse

from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

_ROW, _C, _V, _IS, _T, _R = (MAIN + tag for tag in ("row", "c", "v", "is", "t", "r"))
_DIGITS = "0123456789"


class Unsupported(ValueError):
    """This reader does not handle the file; read it with openpyxl."""


class Book:
    """The worksheets of an XLSX package, by title in workbook order; rows are read on demand."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        workbook_path = self._office_document()
        workbook = self._xml(workbook_path)
        if workbook.tag != MAIN + "workbook":
            raise Unsupported(workbook.tag)
        rels = self._rels(workbook_path)
        properties = workbook.find(MAIN + "workbookPr")
        date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH
        self.sheets: dict[str, str] = {}  # title → part path (worksheets only, not chart sheets)
        sheets = workbook.find(MAIN + "sheets")
        for sheet in sheets if sheets is not None else ():
            kind, target = rels.get(sheet.get(REL + "id"), ("", ""))
            if kind == WORKSHEET:
                self.sheets[sheet.get("name", "")] = target
        by_kind = {kind: target for kind, target in rels.values()}
        self.shared_strings = self._strings(by_kind.get(SHARED_STRINGS))
        self.date_styles, self.timedelta_styles = self._styles(by_kind.get(STYLES))

    def _xml(self, path: str):
        try:
            return fromstring(self.archive.read(path))
        except KeyError as exc:
            raise Unsupported(path) from exc

    def _office_document(self) -> str:
        for rel in self._xml("_rels/.rels"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                return rel.get("Target", "").lstrip("/")
        raise Unsupported("no office document")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = {}
        for rel in self._xml(posixpath.join(folder, "_rels", name + ".rels")):
            if rel.tag != PKG_REL + "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            rels[rel.get("Id")] = (rel.get("Type"), path)
        return rels

    def _strings(self, path: str | None) -> list[str]:
        if path is None:
            return []
        strings = []
        with self.archive.open(path) as stream:
            for _event, element in iterparse(stream):
                if element.tag == MAIN + "si":
                    # openpyxl's read_string_table: the text of the item and its runs, "_x005F_" unescaped.
                    strings.append(_text(element).replace("x005F_", ""))
                    element.clear()
        return strings

    def _styles(self, path: str | None) -> tuple[set[int], set[int]]:
        """Which cell styles (indexes into cellXfs) show a number as a date, and which as a duration."""
        if path is None:
            return set(), set()
        styles = self._xml(path)
        custom = {}
        formats = styles.find(MAIN + "numFmts")
        for fmt in formats if formats is not None else ():
            custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode")
        dates, durations = set(), set()
        xfs = styles.find(MAIN + "cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else ()):
            number_format = int(xf.get("numFmtId", "0"))
            code = custom.get(number_format) or builtin_format_code(number_format)
            if code and is_date_format(code):
                dates.add(index)
            if code and is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def rows(self, title: str) -> Iterator[tuple[int, tuple]]:
        """(row number, cell values) for each row written in the sheet, numbered as the spreadsheet shows them."""
        strings, epoch = self.shared_strings, self.epoch
        dates, durations = self.date_styles, self.timedelta_styles
        columns: dict[str, int] = {}
        number = 0
        with self.archive.open(self.sheets[title]) as stream:
            for _event, row in iterparse(stream):
                if row.tag != _ROW:
                    continue
                number = int(row.get("r") or number + 1)
                cells: dict[int, object] = {}
                position = -1
                for cell in row:
                    if cell.tag != _C:
                        continue
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip(_DIGITS)
                        position = columns.get(letters)
                        if position is None:
                            position = columns[letters] = _column_index(letters)
                    else:
                        position += 1
                    kind = cell.get("t", "n")
                    if kind == "inlineStr":
                        inline = cell.find(_IS)
                        value = _text(inline) if inline is not None else None
                    else:
                        value = cell.findtext(_V) or None
                        if value is not None:
                            if kind == "n":
                                value = (
                                    float(value)
                                    if "." in value or "E" in value or "e" in value
                                    else int(value)
                                )
                                style = cell.get("s")
                                if style and int(style) in dates:
                                    try:
                                        value = from_excel(value, epoch, timedelta=int(style) in durations)
                                    except (OverflowError, ValueError):
                                        value = "#VALUE!"  # as openpyxl: a date out of range is an error cell
                            elif kind == "s":
                                value = strings[int(value)]
                            elif kind == "b":
                                value = bool(int(value))
                            elif kind == "d":
                                value = from_ISO8601(value)
                            # "str" (a formula's text) and "e" (an error code such as #N/A) stay text
                    if value is not None:
                        cells[position] = value
                row.clear()
                if cells:
                    values = [None] * (max(cells) + 1)
                    for position, value in cells.items():
                        values[position] = value
                    yield number, tuple(values)


def _text(element) -> str:
    """A string item's text: its <t>, or the <t> of each rich-text run (phonetic runs left out)."""
    plain = element.find(_T)
    parts = [plain.text or ""] if plain is not None else []
    for run in element.findall(_R):
        parts.append(run.findtext(_T) or "")
    return "".join(parts)


def _column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def open_book(data_stream) -> Book:
    """The workbook in a zip stream, or Unsupported (the caller then uses openpyxl)."""
    try:
        return Book(zipfile.ZipFile(data_stream))
    except (zipfile.BadZipFile, ParseError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise Unsupported(str(exc)) from exc
