"""Ninja schemas of the hotspots API."""

import datetime as dt

from ninja import Schema


class HotspotOut(Schema):
    kind: str
    key: str
    label: str
    province: str
    commune: str
    status: str
    score: float
    recent: int
    baseline: int
    expected: float
    neighbours: float | None
    z_self: float
    z_neigh: float | None
    quiet: int
    top_category: str


class HotspotPage(Schema):
    as_of: dt.date
    window_days: int
    baseline_days: int
    items: list[HotspotOut]
