from collections import Counter

from stdnum.vn import mst

from sc389.invoices.parse import parse_document
from sc389.invoices.synth.render import invoice_xml, notice_xml
from sc389.invoices.synth.scenario import generate
from sc389.invoices.validate import SERIES, invoice_problems


def test_same_seed_same_economy_other_seed_other():
    a, b, c = generate(3), generate(3), generate(4)
    assert [invoice_xml(i) for i in a.invoices] == [invoice_xml(i) for i in b.invoices]
    assert a.truth == b.truth
    assert a.truth != c.truth


def test_every_invoice_is_sound_and_spec_shaped(economy):
    for inv in economy.invoices:
        assert mst.is_valid(inv.seller_tax_code)
        assert not inv.buyer_tax_code or mst.is_valid(inv.buyer_tax_code)
        assert SERIES.match(inv.series)
        assert invoice_problems(inv) == [], inv.key


def test_the_economy_has_status_noise_and_planted_schemes(economy):
    kinds = Counter(inv.related.kind for inv in economy.invoices if inv.related)
    assert kinds[1] > 5 and kinds[2] > 5  # replacements and adjustments
    assert sum(i.action == 1 for n in economy.notices for i in n.items) > 5  # cancellations
    assert set(economy.truth["ghost"]) < set(economy.truth["provenance"])
    assert len(economy.truth["circular"]) >= 6
    roles = Counter(c.role for c in economy.companies)
    assert roles["ghost"] == len(economy.truth["ghost"])


def test_ghosts_have_no_inputs_and_many_buyers(economy):
    for ghost in economy.truth["ghost"]:
        assert not any(inv.buyer_tax_code == ghost for inv in economy.invoices)
        buyers = {inv.buyer_tax_code for inv in economy.invoices if inv.seller_tax_code == ghost}
        assert len(buyers) >= 15


def test_the_four_shapes_read_back_the_same(economy):
    inv = next(i for i in economy.invoices if i.related is not None)
    for envelope in (False, True):
        for namespace in (False, True):
            xml = invoice_xml(inv, envelope=envelope, namespace=namespace)
            assert (b"<TDiep" in xml) is envelope and (b"xmlns=" in xml) is namespace
            invoices, notices = parse_document(xml)
            assert invoices == [inv] and notices == []
    notice = economy.notices[0]
    assert parse_document(notice_xml(notice, envelope=True, namespace=True)) == ([], [notice])
