"""Mutated e-invoice XML fed to the parser and the importer: never a crash; a bad file is reported with a reason
and nothing of it is stored. Bombs (entity expansion, quadratic blow-up, external entities) are refused by name.

Documents start from the generator's valid invoices and notices (invoices/synth), then elements are dropped or
duplicated, texts replaced by bad numbers, dates and random text, and the bytes truncated, re-encoded or corrupted.
"""

import copy
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sc389.invoices import store
from sc389.invoices.importer import ACCEPTED, DUPLICATE, REJECTED, check, import_path
from sc389.invoices.parse import ParseError, parse_document
from sc389.invoices.sources import Document
from sc389.invoices.synth.render import invoice_xml, notice_xml

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same documents in CI every time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TABLES = ("files", "invoices", "lines", "notices")

BAD_TEXTS = [
    "",
    "abc",
    "-1",
    "1e999",
    "NaN",
    "Infinity",
    "１２３",  # full-width digits
    "12,5",
    "1.000.000",
    "9" * 400,
    "0x1F",
    "2025-02-30",
    "31/12/2025",
    "0000-00-00",
    "\u202e\u0000",
    "Nguyễn Văn Hùng",
]


class Originals(list):
    """The valid documents; a short repr, since hypothesis prints the test's arguments."""

    def __repr__(self) -> str:
        return f"<{len(self)} valid documents>"


@pytest.fixture(scope="module")
def originals(economy) -> Originals:
    docs = [
        invoice_xml(inv, envelope=i % 2 == 0, namespace=i % 3 == 0)
        for i, inv in enumerate(economy.invoices[:40])
    ]
    docs += [notice_xml(n, envelope=True) for n in economy.notices[:5]]
    return Originals(docs)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with override_settings(INVOICES_STORE_DIR=tmp_path_factory.mktemp("fuzz-store")):
        connection = store.connect()
        yield connection
        connection.close()


def _counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


mutation = st.one_of(
    st.tuples(st.just("drop"), st.integers(min_value=0)),
    st.tuples(st.just("duplicate"), st.integers(min_value=0)),
    st.tuples(st.just("text"), st.integers(min_value=0), st.sampled_from(BAD_TEXTS) | st.text(max_size=20)),
)
byte_mutation = st.one_of(
    st.none(),
    st.tuples(st.just("truncate"), st.integers(min_value=0)),
    st.tuples(st.just("encode"), st.sampled_from(["utf-16", "latin-1", "cp1258", "utf-8-sig", "utf-32"])),
    st.tuples(st.just("insert"), st.integers(min_value=0), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("declare"), st.sampled_from(["UTF-16", "ISO-8859-1", "windows-1258", "bogus"])),
)


def _mutate(data: bytes, mutations, byte_op) -> bytes:
    root = ET.fromstring(data)  # our own generated XML: safe to read with the standard parser
    for op, index, *rest in mutations:
        nodes = [(parent, el) for parent in root.iter() for el in parent]
        if not nodes:
            break
        parent, el = nodes[index % len(nodes)]
        if op == "drop":
            parent.remove(el)
        elif op == "duplicate":
            parent.insert(list(parent).index(el), copy.deepcopy(el))
        else:
            el.text = rest[0]
    out = ET.tostring(root, encoding="unicode")
    if byte_op is None:
        return out.encode()
    kind = byte_op[0]
    if kind == "truncate":
        raw = out.encode()
        return raw[: byte_op[1] % (len(raw) + 1)]
    if kind == "encode":
        return out.encode(byte_op[1], errors="replace")
    if kind == "insert":
        raw = out.encode()
        at = byte_op[1] % (len(raw) + 1)
        return raw[:at] + byte_op[2] + raw[at:]
    return f'<?xml version="1.0" encoding="{byte_op[1]}"?>'.encode() + out.encode()


def _check_one(con, tmp_path, data: bytes) -> None:
    result, checked = check(Document("hoa-don.xml", data))  # an unhandled exception fails the test
    if checked is None:  # refused: it says why
        assert result.outcome == REJECTED and result.reasons and all(r.strip() for r in result.reasons)
    else:
        assert not result.reasons
    before = _counts(con)
    path = tmp_path / "hoa-don.xml"
    path.write_bytes(data)
    (stored,) = import_path(path, con=con)
    after = _counts(con)
    if stored.outcome in (REJECTED, DUPLICATE):
        assert after == before, "a refused file left something in the store"
    else:
        assert stored.outcome == ACCEPTED
        assert after["files"] == before["files"] + 1
        assert after["invoices"] == before["invoices"] + stored.invoices
        assert after["notices"] == before["notices"] + stored.notices


@settings(FUZZ, max_examples=400)
@given(
    pick=st.integers(min_value=0),
    mutations=st.lists(mutation, max_size=4),
    byte_op=byte_mutation,
)
@example(pick=0, mutations=[], byte_op=None)  # the unchanged invoice is accepted
def test_mutated_invoices_never_crash_and_refused_files_store_nothing(
    originals, con, tmp_path_factory, pick, mutations, byte_op
):
    data = _mutate(originals[pick % len(originals)], mutations, byte_op)
    _check_one(con, tmp_path_factory.mktemp("doc"), data)


@FUZZ
@given(
    data=st.binary(max_size=3000), prefix=st.sampled_from([b"", b"<?xml version='1.0'?>", b"<HDon><DLHDon>"])
)
def test_random_bytes_are_refused_with_a_reason(con, tmp_path_factory, data, prefix):
    _check_one(con, tmp_path_factory.mktemp("doc"), prefix + data)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<HDon><DLHDon><TTChung><THDon>&d;</THDon></TTChung></DLHDon></HDon>"""
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x "'
    + b"x" * 50_000
    + b'">]><HDon><DLHDon>'
    + b"&x;" * 5_000
    + b"</DLHDon></HDon>"
)
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><HDon>&e;</HDon>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE HDon SYSTEM "http://127.0.0.1:9/hdon.dtd"><HDon/>"""
PARAMETER = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]><HDon/>"""


@pytest.mark.parametrize(
    "bomb",
    [BILLION_LAUGHS, QUADRATIC, EXTERNAL, EXTERNAL_DTD, PARAMETER],
    ids=["billion-laughs", "quadratic-blowup", "external-entity", "external-dtd", "parameter-entity"],
)
def test_xml_bombs_are_refused_with_a_reason(con, tmp_path, bomb):
    with pytest.raises(ParseError, match="lý do an toàn"):
        parse_document(bomb)
    before = _counts(con)
    (tmp_path / "bom.xml").write_bytes(bomb)
    (result,) = import_path(tmp_path / "bom.xml", con=con)
    assert result.outcome == REJECTED and "an toàn" in result.reasons[0]
    assert _counts(con) == before
