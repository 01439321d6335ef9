"""Money in the plan: fines and confiscated values brought to the published sums, payments into the budget."""

import datetime as dt
import random

from sc389.cases.choices import Category, RemittanceKind

from .content import PlannedCase, Remittance, round_to
from .figures import figures
from .profiles import END, Window


def money_to_targets(cases: list[PlannedCase], window: Window) -> None:
    """Bring fines and confiscated values of a window's penalty decisions to the published sums."""
    live = [c for c in cases if c.province == window.province and c.merged_into is None]
    decisions = [(c, p) for c in live for p in c.penalties if window.contains(p.decided_on)]
    if window.fines_vnd is not None:
        factor = window.fines_vnd / sum(p.fine_vnd for _, p in decisions)
        for _, p in decisions:
            p.fine_vnd = round_to(p.fine_vnd * factor, 50_000)
        largest = max((p for _, p in decisions), key=lambda p: p.fine_vnd)
        largest.fine_vnd += window.fines_vnd - sum(p.fine_vnd for _, p in decisions)
    if window.confiscated_vnd is not None:
        seized = [(c, p) for c, p in decisions if p.confiscated_value_vnd]
        factor = window.confiscated_vnd / sum(p.confiscated_value_vnd for _, p in seized)
        for c, p in seized:
            for g in c.goods:
                g.value_vnd = round_to(g.value_vnd * factor, 1000)
            p.confiscated_value_vnd = sum(g.value_vnd for g in c.goods)
            p.destroyed_value_vnd = p.confiscated_value_vnd if p.destroyed else 0
        case, p = max(seized, key=lambda cp: cp[1].confiscated_value_vnd)
        rest = window.confiscated_vnd - sum(p.confiscated_value_vnd for _, p in seized)
        max(case.goods, key=lambda g: g.value_vnd).value_vnd += rest
        p.confiscated_value_vnd += rest
        p.destroyed_value_vnd = p.confiscated_value_vnd if p.destroyed else 0


def remittances_add(cases: list[PlannedCase], rng: random.Random) -> None:
    """Fines paid within the legal ten days or a little late; proceeds of confiscated goods sold later."""
    for case in cases:
        if case.merged_into is not None:
            continue
        for p in case.penalties:
            if rng.random() < 0.88:
                paid = p.decided_on + dt.timedelta(days=rng.randint(2, 28))
                if paid <= END:
                    case.remittances.append(Remittance(paid, RemittanceKind.FINE, p.fine_vnd))
            if p.confiscated_value_vnd and not p.destroyed and rng.random() < 0.5:
                sold = p.decided_on + dt.timedelta(days=rng.randint(30, 120))
                if sold <= END:
                    amount = round_to(p.confiscated_value_vnd * rng.uniform(0.5, 0.85), 1000)
                    case.remittances.append(Remittance(sold, RemittanceKind.GOODS_SALE, amount))


def remitted_to_target(cases: list[PlannedCase], window: Window, rng: random.Random) -> None:
    """Tax arrears recovered from trade-fraud cases penalised in the window make up the published total."""
    figure = figures(cases, window, window.province)["budget_remitted_vnd"]
    rest = window.remitted_vnd - figure
    if rest <= 0:
        raise RuntimeError(f"{window.key}: remittances already exceed the published total by {-rest}")
    candidates = [
        (c, p)
        for c in cases
        if c.province == window.province and c.merged_into is None and c.category == Category.TRADE_FRAUD
        for p in c.penalties[:1]
        if window.contains(p.decided_on)
    ]
    chosen = rng.sample(candidates, min(40, len(candidates)))
    shares = [rng.uniform(0.3, 1.7) for _ in chosen]
    amounts = [round_to(rest * s / sum(shares), 1000) for s in shares]
    amounts[-1] += rest - sum(amounts)
    for (case, p), amount in zip(chosen, amounts, strict=True):
        day = min(p.decided_on + dt.timedelta(days=rng.randint(5, 30)), window.end)
        case.remittances.append(Remittance(day, RemittanceKind.TAX, amount))
