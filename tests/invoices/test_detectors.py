import pytest

from sc389.invoices import detectors, reference, store
from sc389.invoices.importer import import_path


@pytest.fixture
def loaded(store_dir, economy_dir):
    import_path(economy_dir)
    con = store.connect()
    eco = economy_dir.parent
    reference.companies_load(con, eco / "companies.csv")
    reference.stock_load(con, eco / "declarations.csv", kind="import")
    reference.stock_load(con, eco / "opening_stock.csv", kind="opening")
    return con


@pytest.mark.parametrize("name", ["provenance", "ghost", "circular"])
def test_detector_finds_the_planted_scheme_and_says_why(loaded, economy, name):
    leads = getattr(detectors, name)(loaded)
    assert {lead.tax_code for lead in leads} == set(economy.truth[name])
    assert all(lead.reasons and lead.score > 0 for lead in leads)


def test_provenance_counts_opening_stock(loaded, economy):
    # given: the opening stock forgotten
    loaded.execute("DELETE FROM declared_stock WHERE kind = 'opening'")
    # then: firms that sell into their opening stock look like they sell goods without provenance
    flagged = {lead.tax_code for lead in detectors.provenance(loaded)}
    assert flagged > set(economy.truth["provenance"])


def test_provenance_reason_gives_the_figures(loaded, economy):
    lead = next(
        lead for lead in detectors.provenance(loaded) if lead.tax_code == economy.truth["provenance"][0]
    )
    assert "bán" in lead.reasons[0] and "thiếu nguồn" in lead.reasons[0]


def test_circular_needs_near_equal_amounts(loaded, economy):
    assert detectors.circular(loaded, tolerance=0.0) == []
    assert detectors.circular(loaded, window_days=0) == []


def test_precision_recall():
    assert detectors.precision_recall({"a", "b"}, {"b", "c"}) == (0.5, 0.5)
    assert detectors.precision_recall(set(), {"a"}) == (1.0, 0.0)


@pytest.fixture
def seizure(tree, make_case):
    """A Lạng Sơn customs case that seized fuel (the tree's cases are in Lạng Sơn, GSO code 20)."""
    from sc389.cases import services as cases
    from sc389.cases.models import CommodityGroup

    fuel = CommodityGroup.objects.create(code="fuel", name="Xăng dầu")
    case = make_case()
    cases.goods_line_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        description="Dầu diesel không rõ nguồn gốc",
        commodity_group=fuel,
        quantity=5000,
        unit="lít",
        value_vnd=100_000_000,
    )
    return case


def _fuel_buyers_of_flagged(con, economy):
    """Buyers of fuel from the flagged sellers, from the economy itself (not from the detector)."""
    flagged = set(economy.truth["provenance"])
    return sorted(
        {
            inv.buyer_tax_code
            for inv in economy.invoices
            if inv.seller_tax_code in flagged
            and inv.buyer_tax_code
            and any(line.code in ("XANG95", "DO05") for line in inv.lines)
        }
    )


def test_legalised_goods_buyers_in_the_province_of_a_seizure(loaded, economy, seizure):
    from sc389.invoices.legalised import legalised

    buyers = _fuel_buyers_of_flagged(loaded, economy)
    assert len(buyers) >= 2
    # given: one fuel buyer registered in Lạng Sơn (today's code 20), one in Cao Bằng (4), no case there
    loaded.execute("UPDATE companies SET province = '99'")
    loaded.execute("UPDATE companies SET province = '20' WHERE tax_code = ?", [buyers[0]])
    loaded.execute("UPDATE companies SET province = '4' WHERE tax_code = ?", [buyers[1]])
    # when
    leads = legalised(loaded)
    # then
    assert [lead.tax_code for lead in leads] == [buyers[0]]
    assert seizure.reference in leads[0].reasons[0] and "fuel" in leads[0].reasons[0]
    # a seizure before `since` does not count
    assert legalised(loaded, since=seizure.detected_on + __import__("datetime").timedelta(days=1)) == []
