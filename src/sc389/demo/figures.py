"""The report indicators over a plan, with the definitions the reports use, and the check against the windows."""

from .content import PlannedCase
from .profiles import Window


def figures(cases: list[PlannedCase], window: Window, province: str) -> dict[str, int]:
    """The report indicators over a plan, with the definitions the reports use (merged cases never count)."""
    inside = window.contains
    live = [c for c in cases if c.province == province and c.merged_into is None]
    penalties = [p for c in live for p in c.penalties if inside(p.decided_on)]
    prosecutions = [p for c in live for p in c.prosecutions if inside(p.decided_on)]
    return {
        "cases_detected": sum(inside(c.detected_on) for c in live),
        "cases_handled": sum(c.handled_on is not None and inside(c.handled_on) for c in live),
        "admin_penalty_cases": sum(any(inside(p.decided_on) for p in c.penalties) for c in live),
        "prosecuted_cases": sum(any(inside(p.decided_on) for p in c.prosecutions) for c in live),
        "defendants": sum(p.defendants for p in prosecutions),
        "fines_vnd": sum(p.fine_vnd for p in penalties),
        "confiscated_goods_value_vnd": sum(p.confiscated_value_vnd for p in penalties),
        "budget_remitted_vnd": sum(
            r.amount_vnd for c in live for r in c.remittances if inside(r.remitted_on)
        ),
    }


def expected(window: Window) -> dict[str, int]:
    """The published figures of a window, by indicator code."""
    values = {
        "cases_handled": window.handled,
        "cases_detected": window.detected,
        "admin_penalty_cases": window.penalty_cases,
        "prosecuted_cases": window.prosecuted_cases,
        "defendants": window.defendants,
        "fines_vnd": window.fines_vnd,
        "confiscated_goods_value_vnd": window.confiscated_vnd,
        "budget_remitted_vnd": window.remitted_vnd,
    }
    return {k: v for k, v in values.items() if v is not None}


def check_figures(cases: list[PlannedCase], windows: list[Window]) -> None:
    """Refuse a plan that misses any published figure."""
    for window in windows:
        got = figures(cases, window, window.province)
        wrong = {k: (got[k], v) for k, v in expected(window).items() if got[k] != v}
        if wrong:
            raise RuntimeError(f"demo plan misses the figures of {window.key}: {wrong}")
