"""The report indicators counted with the ORM, as the reports will define them.

- a case counts for a province when its `province` (today's province) is that province;
- merged cases (merged_into set) never count; a joint case is one row, so it counts once;
- cases_detected: detected_on in the period; cases_handled: handled_on in the period (the first penalty,
  prosecution or transfer, set by the services);
- admin_penalty_cases / prosecuted_cases: distinct cases with a penalty decision / prosecution decided in the period;
- defendants: sum of Prosecution.defendants decided in the period;
- fines_vnd / confiscated_goods_value_vnd: sums over penalty decisions decided in the period;
- budget_remitted_vnd: sum of remittances made in the period.
"""

import datetime as dt

from django.db.models import QuerySet, Sum

from sc389.cases.models import BudgetRemittance, Case, PenaltyDecision, Prosecution


def live_cases(province_code: str, *, include_merged: bool = False) -> QuerySet[Case]:
    qs = Case.objects.filter(province__code=province_code, province__valid_to__isnull=True)
    return qs if include_merged else qs.filter(merged_into__isnull=True)


def indicators(province_code: str, start: dt.date, end: dt.date) -> dict[str, int]:
    cases = live_cases(province_code)
    period = (start, end)
    penalties = PenaltyDecision.objects.filter(case__in=cases, decided_on__range=period)
    prosecutions = Prosecution.objects.filter(case__in=cases, decided_on__range=period)
    remittances = BudgetRemittance.objects.filter(case__in=cases, remitted_on__range=period)
    return {
        "cases_detected": cases.filter(detected_on__range=period).count(),
        "cases_handled": cases.filter(handled_on__range=period).count(),
        "admin_penalty_cases": penalties.values("case_id").distinct().count(),
        "prosecuted_cases": prosecutions.values("case_id").distinct().count(),
        "defendants": prosecutions.aggregate(n=Sum("defendants"))["n"] or 0,
        "fines_vnd": penalties.aggregate(n=Sum("fine_vnd"))["n"] or 0,
        "confiscated_goods_value_vnd": penalties.aggregate(n=Sum("confiscated_value_vnd"))["n"] or 0,
        "budget_remitted_vnd": remittances.aggregate(n=Sum("amount_vnd"))["n"] or 0,
    }
