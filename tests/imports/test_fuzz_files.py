"""Generated spreadsheets fed to the case import: never a crash; either a clean import or a row-by-row report, and
when anything is refused, nothing written. An XLSX zip bomb is refused before it is unpacked.

Files: CSV and XLSX with headers taken from the real columns mixed with random ones, cells drawn from valid values,
unicode, formulas, huge numbers, wrong types and empty rows; and random or damaged bytes under either name.
"""

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sc389.cases.imports.columns import CASE_COLUMNS
from sc389.cases.models import Case, GoodsLine, Party, PenaltyDecision
from sc389.core.models import AuditEvent

from .files import good_row, xlsx_bytes

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same files in CI every time
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
HEADERS = [c.header for c in CASE_COLUMNS]
GOOD = good_row(1)

cells = st.one_of(
    st.sampled_from([v for v in GOOD.values() if v]),  # valid values in the wrong columns, or the right ones
    st.text(max_size=30),  # any unicode, control characters included
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "@SUM(A1)", "+84", "-0", "1e309", "NaN", "∞", "  "]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: f"{d:,}".replace(",", ".")),
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.just(""),
)
headers = st.lists(
    st.one_of(st.sampled_from(HEADERS), st.sampled_from([c.key for c in CASE_COLUMNS]), st.text(max_size=12)),
    min_size=1,
    max_size=len(HEADERS) + 3,
)


@st.composite
def sheets(draw) -> tuple[list, list[list]]:
    """A header (often the real one) and up to 8 rows: valid rows with a few cells replaced, or random ones."""
    header = HEADERS if draw(st.booleans()) else draw(headers)
    rows = []
    for n in range(draw(st.integers(min_value=0, max_value=8))):
        if draw(st.booleans()):
            row = [good_row(n + 1).get(c.key, "") for c in CASE_COLUMNS][: len(header)]
            for _ in range(draw(st.integers(min_value=0, max_value=3))):
                if row:
                    row[draw(st.integers(min_value=0, max_value=len(row) - 1))] = draw(cells)
        else:
            row = draw(st.lists(cells, max_size=len(header) + 2))
        rows.append(row)
    return header, rows


def _csv(header, rows, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


xlsx_cells = st.one_of(
    cells,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.none(),
)


def _xlsx(header, rows, data) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vụ việc"
    ws.append([_xlsx_safe(h) for h in header])
    for row in rows:
        # some cells replaced by typed values (numbers, dates, booleans) as Excel stores them
        values = [data.draw(xlsx_cells) if data is not None and data.draw(st.booleans()) else v for v in row]
        ws.append([_xlsx_safe(v) for v in values])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_safe(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    return value


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        GoodsLine.objects.count(),
        Party.objects.count(),
        PenaltyDecision.objects.count(),
        AuditEvent.objects.count(),
    )


def _check(run_import, data: bytes, name: str) -> None:
    before = _counts()
    result = run_import(data, name)  # an unhandled exception fails the test
    after = _counts()
    if result.errors:
        assert after == before, "a refused file wrote something"
        assert not result.written
        for error in result.errors:
            assert str(error.message).strip()  # every refusal says why
            assert error.row >= 0
    else:
        assert result.written and result.created + result.updated + result.unchanged == result.total_rows
        assert after[0] == before[0] + result.created


VALID = (HEADERS, [[good_row(n).get(c.key, "") for c in CASE_COLUMNS] for n in (7, 8)])


@FUZZ
@given(sheet=sheets(), delimiter=st.sampled_from([",", ";", "\t"]))
@example(sheet=VALID, delimiter=";")  # a clean import is always among the cases
def test_generated_csv_files(run_import, sheet, delimiter):
    header, rows = sheet
    _check(run_import, _csv(header, rows, delimiter), "vu-viec.csv")


@settings(FUZZ, max_examples=50)  # writing a workbook costs more than the import
@given(sheet=sheets(), data=st.data())
@example(sheet=VALID, data=None)
def test_generated_xlsx_files(run_import, sheet, data):
    header, rows = sheet
    _check(run_import, _xlsx(header, rows, data), "vu-viec.xlsx")


@FUZZ
@given(
    blob=st.binary(max_size=2000),
    name=st.sampled_from(["vu-viec.csv", "vu-viec.xlsx", "tep"]),
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xd0\xcf\x11\xe0"]),
)
@example(blob=b"", name="vu-viec.csv", prefix=b"")
@example(blob=b"\x00", name="vu-viec.csv", prefix=b"\xff\xfe")  # a UTF-16 mark, odd bytes: was a crash
def test_random_bytes(run_import, blob, name, prefix):
    _check(run_import, prefix + blob, name)


def test_oversized_csv_cell_is_refused_with_its_row(run_import):
    # csv refuses a cell over its size limit (1 MB): that was an unhandled csv.Error
    data = _csv(HEADERS, [VALID[1][0], ["x" * 2_000_000]])
    before = _counts()
    result = run_import(data, "vu-viec.csv")
    assert not result.written and _counts() == before
    assert "dòng 3" in str(result.errors[0].message)


@pytest.fixture(scope="module")
def valid_xlsx() -> bytes:
    return xlsx_bytes([good_row(1), good_row(2)])


@settings(FUZZ, max_examples=40)  # many damaged files go through both readers
@given(cut=st.integers(min_value=0, max_value=10_000), flips=st.lists(st.integers(min_value=0), max_size=8))
def test_damaged_xlsx(run_import, valid_xlsx, cut, flips):
    data = bytearray(valid_xlsx[: max(4, len(valid_xlsx) - cut)])
    for position in flips:
        data[position % len(data)] ^= 0xFF
    _check(run_import, bytes(data), "vu-viec.xlsx")


def _bomb(valid: bytes, padding: int) -> bytes:
    """The valid workbook with its case sheet padded by `padding` bytes of blanks: tiny packed, huge unpacked."""
    source = zipfile.ZipFile(io.BytesIO(valid))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                zf.writestr(info.filename, body.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1))
            else:
                zf.writestr(info, body)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_before_unpacking(run_import, valid_xlsx):
    bomb = _bomb(valid_xlsx, 200_000_000)  # 200 MB of blanks packed into ~200 KB
    assert len(bomb) < 1_000_000
    before = _counts()
    result = run_import(bomb, "bom.xlsx")
    assert not result.written and _counts() == before
    (error,) = result.errors
    assert "zip bomb" in str(error.message) and "bom.xlsx" in str(error.message)


def test_xlsx_unpacking_beyond_the_total_limit_is_refused(run_import, valid_xlsx, settings):
    settings.SC389_IMPORT_MAX_UNPACKED_BYTES = 20_000  # the two-row workbook unpacks to more
    result = run_import(valid_xlsx, "vu-viec.xlsx")
    assert not result.written and "zip bomb" in str(result.errors[0].message)


def test_a_normal_workbook_passes_the_bomb_check(run_import, valid_xlsx):
    padded = _bomb(valid_xlsx, 2_000)  # a little padding compresses well but is no bomb
    result = run_import(padded, "vu-viec.xlsx")
    assert result.written and result.created == 2, result.errors
