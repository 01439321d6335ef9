"""scoring.rank on generated histories where the expected hotspot is known."""

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from sc389.hotspots.scoring import Event, rank, z

AS_OF = dt.date(2026, 6, 30)


def _days(rng: random.Random, first_days_ago: int, last_days_ago: int, n: int) -> list[dt.date]:
    return [AS_OF - dt.timedelta(days=rng.randint(last_days_ago, first_days_ago)) for _ in range(n)]


def history(seed: int) -> list[Event]:
    """Province 1: communes 11-15 with about one case a month for 15 months; commune 11 surges in the last 90
    days; commune 15 was busy and went quiet; a trail in commune 13 was used long ago, quiet for more than four
    months, and busy again. Province 2: commune 21 steady."""
    rng = random.Random(seed)
    events = []
    for commune in (11, 12, 13, 14, 21):
        province = 2 if commune == 21 else 1
        events += [Event(d, province, commune, "road", "", "smuggling") for d in _days(rng, 454, 0, 15)]
    events += [Event(d, 1, 11, "road", "", "counterfeit_ip") for d in _days(rng, 89, 0, 14)]
    events += [
        Event(d, 1, 15, "inland_market", "Chợ Đông Kinh", "trade_fraud") for d in _days(rng, 454, 91, 40)
    ]
    trail = [Event(d, 1, 13, "trail", "Đường mòn Cốc Nam", "smuggling") for d in _days(rng, 400, 300, 3)]
    trail += [Event(d, 1, 13, "trail", "đường mòn cốc nam", "smuggling") for d in _days(rng, 60, 0, 4)]
    return events + trail


def test_the_surge_the_resumed_trail_and_the_quiet_market_are_found():
    for seed in range(5):
        spots = {h.key: h for h in rank(history(seed), as_of=AS_OF)}
        trail = spots["trail:1:duong mon coc nam"]  # one trail, however its name was typed
        assert trail.status == "resumed" and trail.recent == 4 and trail.quiet == 0 and trail.earlier == 3
        assert spots["c11"].status == "rising" and spots["c11"].top_category == "counterfeit_ip"
        assert spots["c11"].neighbours is not None and spots["c11"].z_neigh >= 2
        assert spots["c15"].status == "quieted" and spots["market:1:cho dong kinh"].status == "quieted"
        assert {spots[k].status for k in ("c12", "c14", "c21")} == {"steady"}
        assert spots["c21"].neighbours is None  # alone in its province: scored on its own history
        ordered = [h.key for h in rank(history(seed), as_of=AS_OF)]
        assert ordered.index("trail:1:duong mon coc nam") < ordered.index("c11") < ordered.index("c15")


def test_a_new_place_needs_the_minimum_count():
    one = [Event(AS_OF, 1, 11, "road", "", "smuggling")]
    assert rank(one, as_of=AS_OF)[0].status == "steady"
    three = one * 3
    assert rank(three, as_of=AS_OF)[0].status == "rising"


@given(st.integers(0, 500), st.floats(0, 500))
def test_z_is_signed_and_floored(observed, expected):
    value = z(observed, expected)
    assert (value > 0) == (observed > expected) or observed == expected
    assert abs(value) <= abs(observed - expected) + 1e-9  # the floor never inflates a deviation
