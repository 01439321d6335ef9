"""Hotspots: places whose recent case activity stands out against their own history and their neighbours.

A place is a commune (every case with a commune), or a trail, border gate or market: a case whose channel is
one of those and whose place text names it, keyed by province and the folded name ("Đường mòn Cốc Nam" and
"duong mon coc nam" are one trail). For each place, with W the window and B the baseline (the B days before
the window):

    expected  = baseline count × W / B            (its own rate, scaled to the window)
    z_self    = (recent − expected) / √max(expected, 1)
    neighbours = mean recent count of the other places of the same kind in the same province
    z_neigh   = (recent − neighbours) / √max(neighbours, 1)

(a Poisson count's deviation in standard deviations; the floor of 1 keeps a place with no history from
scoring infinity on one case). The score is the mean of the two (z_self alone when the place has no
neighbours). Statuses, from a minimum of MIN_COUNT recent cases:
- resumed: nothing in the QUIET_DAYS before the window, something earlier (a trail quiet for four months
  and busy again);
- rising: z_self ≥ Z;
- quieted: the baseline expected MIN_COUNT or more and z_self ≤ −Z (where activity moved away from);
- steady otherwise.
Neighbours are the places of the same province: the organisation data holds no commune adjacency, so the
province is the documented approximation.
"""

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sc389.core.text import fold_words

PLACE_CHANNELS = {"trail": "trail", "border_gate": "border_gate", "inland_market": "market"}
MIN_COUNT = 3
Z = 2.0
QUIET_DAYS = 120
FLOOR = 1.0
STATUS_ORDER = {"resumed": 0, "rising": 1, "quieted": 2, "steady": 3}
KIND_ORDER = {
    "trail": 0,
    "border_gate": 1,
    "market": 2,
    "commune": 3,
}  # on a tie, the named place before its commune


@dataclass(frozen=True)
class Event:
    """A count of cases on one day at one place (as the database aggregates them)."""

    day: dt.date
    province_id: int
    commune_id: int | None
    channel: str
    place_text: str
    category: str
    count: int = 1


@dataclass
class Hotspot:
    kind: str  # commune, trail, border_gate, market
    key: str
    label: str
    province_id: int
    commune_id: int | None
    recent: int = 0
    baseline: int = 0
    quiet: int = 0  # cases in the QUIET_DAYS before the window
    earlier: int = 0  # cases before those QUIET_DAYS (within the baseline)
    expected: float = 0.0
    neighbours: float | None = None
    z_self: float = 0.0
    z_neigh: float | None = None
    score: float = 0.0
    status: str = "steady"
    last_before: dt.date | None = None
    categories: Counter = field(default_factory=Counter)
    province_name: str = ""
    commune_name: str = ""

    @property
    def top_category(self) -> str:
        return self.categories.most_common(1)[0][0] if self.categories else ""


def z(observed: float, expected: float) -> float:
    return (observed - expected) / math.sqrt(max(expected, FLOOR))


def places_of(e: Event) -> list[tuple[str, str, str, int | None]]:
    """(kind, key, label, commune id) of each place the event counts for."""
    out = []
    if e.commune_id:
        out.append(("commune", f"c{e.commune_id}", "", e.commune_id))
    kind = PLACE_CHANNELS.get(e.channel)
    folded = fold_words(e.place_text)
    if kind and folded:
        out.append((kind, f"{kind}:{e.province_id}:{folded}", e.place_text, e.commune_id))
    return out


def rank(
    events: list[Event], *, as_of: dt.date, window_days: int = 90, baseline_days: int = 365
) -> list[Hotspot]:
    """Every place with activity in the window or the baseline, scored and ordered: resumed, rising, quieted,
    steady; by score within each (a trail, gate or market before a commune of equal score)."""
    start = as_of - dt.timedelta(days=window_days)  # window: (start, as_of]
    base_start = start - dt.timedelta(days=baseline_days)  # baseline: (base_start, start]
    quiet_start = start - dt.timedelta(days=QUIET_DAYS)
    spots: dict[str, Hotspot] = {}
    for e in events:
        if not (base_start < e.day <= as_of):
            continue
        for kind, key, label, commune in places_of(e):
            h = spots.get(key)
            if h is None:
                h = spots[key] = Hotspot(kind, key, label, e.province_id, commune)
            if e.day > start:
                h.recent += e.count
                h.categories[e.category] += e.count
            else:
                h.baseline += e.count
                if e.day > quiet_start:
                    h.quiet += e.count
                else:
                    h.earlier += e.count
                h.last_before = max(h.last_before or e.day, e.day)
    by_area: dict[tuple[str, int], list[Hotspot]] = defaultdict(list)
    for h in spots.values():
        by_area[(h.kind, h.province_id)].append(h)
    for group in by_area.values():
        total = sum(h.recent for h in group)
        for h in group:
            h.expected = h.baseline * window_days / baseline_days
            h.z_self = z(h.recent, h.expected)
            if len(group) > 1:
                h.neighbours = (total - h.recent) / (len(group) - 1)
                h.z_neigh = z(h.recent, h.neighbours)
            h.score = round(h.z_self if h.z_neigh is None else (h.z_self + h.z_neigh) / 2, 3)
            h.z_self = round(h.z_self, 3)
            h.z_neigh = None if h.z_neigh is None else round(h.z_neigh, 3)
            h.status = status(h)
    return sorted(spots.values(), key=lambda h: (STATUS_ORDER[h.status], -h.score, KIND_ORDER[h.kind], h.key))


def status(h: Hotspot) -> str:
    if h.recent >= MIN_COUNT and h.quiet == 0 and h.earlier > 0:
        return "resumed"
    if h.recent >= MIN_COUNT and h.z_self >= Z:
        return "rising"
    if h.expected >= MIN_COUNT and h.z_self <= -Z:
        return "quieted"
    return "steady"
