"""Pure rules of tips: receipt codes and the routing suggestion (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from sc389.tips import codes
from sc389.tips.routing import Candidate, rank


def test_codes_are_short_typeable_and_distinct():
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) == 2000
    for code in list(made)[:50]:
        assert len(code) == 11 and code[5] == "-"
        assert not set(code.replace("-", "")) & set("0O1IL")


@given(
    st.lists(st.sampled_from(codes.ALPHABET), min_size=10, max_size=10), st.sampled_from(["", " ", "-", "  "])
)
def test_a_code_typed_any_way_reads_back(symbols, separator):
    raw = "".join(symbols)
    typed = (raw[:5] + separator + raw[5:]).lower()
    assert codes.normalise(typed) == f"{raw[:5]}-{raw[5:]}"


def test_wrong_codes_are_refused():
    assert codes.normalise("ABCDE-FGHJ") is None  # too short
    assert codes.normalise("ABCDE-FGHJ0") is None  # 0 is not in the alphabet
    assert codes.normalise("") is None


def c(uid, force, commune=False, provinces=1):
    return Candidate(
        unit_id=uid, force=force, covers_commune=commune, provinces_covered=provinces, name=str(uid)
    )


def test_smuggling_goes_to_the_border_guard_before_customs():
    ranked = rank([c(1, "customs"), c(2, "border_guard"), c(3, "tax")], "smuggling")
    assert [x.unit_id for x in ranked] == [2, 1]  # tax is not competent for smuggling


def test_counterfeits_go_to_market_surveillance_and_local_units_first():
    ranked = rank(
        [c(1, "market_surveillance", provinces=2), c(2, "market_surveillance", commune=True), c(3, "police")],
        "counterfeit_ip",
    )
    assert [x.unit_id for x in ranked] == [2, 1, 3]
