"""Seeded-like data for the output tests: Lạng Sơn's published figures of 10 months of 2020 against 2019
(4.365 cases handled, 81,27%; 3.593 administrative penalty cases, 84,7%; 328 prosecuted cases with 482
defendants, 96,98%; fines of about 66,4 tỷ đồng, confiscated goods of about 27 tỷ đồng).

About ten thousand cases are needed to reproduce them, so the rows are written with bulk_create: this is test
data standing in for a seeded register, not a product write (the services and their audit are tested in
tests/cases). Each year's figures are spread over months, categories, forces and two communes.
"""

import datetime as dt

from sc389.cases.choices import CaseStatus
from sc389.cases.models import Case, PenaltyDecision, Prosecution
from sc389.reports import facts

UNITS = ("customs_huunghi", "bp_langson", "qltt_langson5")
CATEGORIES = ("smuggling", "smuggling", "trade_fraud", "counterfeit_ip", "other")
COMMUNES = ("dongdang", "kyla", "dongdang")

# year: (handled, admin penalty cases, prosecuted cases, defendants, fines, confiscated)
FIGURES = {
    2020: (4365, 3593, 328, 482, 66_380_000_000, 27_150_000_000),
    2019: (5371, 4242, 340, 497, 71_900_000_000, 30_400_000_000),
}


def _day(year: int, i: int) -> dt.date:
    return dt.date(year, 1 + i % 10, 1 + (i * 7) % 28)


def _split(total: int, n: int) -> list[int]:
    each, rest = divmod(total, n)
    return [each + (1 if i < rest else 0) for i in range(n)]


def seed_langson(tree) -> dict[int, list[Case]]:
    """Write both years; returns the cases of each year."""
    admin = tree.users["admin_national"]
    province = tree.provinces["langson"]
    out = {}
    for year, (handled, penalised, prosecuted, defendants, fines, confiscated) in FIGURES.items():
        rows = []
        for i in range(handled):
            day = _day(year, i)
            commune = tree.communes[COMMUNES[i % len(COMMUNES)]]
            rows.append(
                Case(
                    reference=f"SEED-{year}-{i:05d}",
                    category=CATEGORIES[i % len(CATEGORIES)],
                    detected_on=day,
                    handled_on=day,
                    place=commune,
                    province=province,
                    commune=commune,
                    lead_unit=tree.units[UNITS[i % len(UNITS)]],
                    status=CaseStatus.SANCTIONED if i < penalised else CaseStatus.PROSECUTED,
                    created_by=admin,
                )
            )
        cases = Case.objects.bulk_create(rows, batch_size=1000)
        penalties = [
            PenaltyDecision(
                case=case,
                number=f"{i}/QĐ-XPHC",
                decided_on=case.handled_on,
                fine_vnd=fine,
                confiscated_value_vnd=seized,
            )
            for i, (case, fine, seized) in enumerate(
                zip(cases[:penalised], _split(fines, penalised), _split(confiscated, penalised), strict=True)
            )
        ]
        PenaltyDecision.objects.bulk_create(penalties, batch_size=1000)
        # The prosecuted cases follow the penalised ones; `extra` of them have two defendants.
        extra = defendants - prosecuted
        prosecutions = [
            Prosecution(
                case=case,
                decision_number=f"{i}/QĐ-KTVA",
                decided_on=case.handled_on,
                defendants=2 if i < extra else 1,
            )
            for i, case in enumerate(cases[penalised : penalised + prosecuted])
        ]
        Prosecution.objects.bulk_create(prosecutions, batch_size=1000)
        out[year] = cases
    # written around the services, so around the audit hook too: bring the report facts up to date
    facts.refresh(case.pk for cases in out.values() for case in cases)
    return out
