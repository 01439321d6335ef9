"""Every figure of the report page that comes from cases links to the case list of exactly those cases.

The test data is varied on purpose (joint and merged cases, a case placed before 2025 with no commune of today,
goods of two commodity groups, decisions in two months, all categories including `other`); the walk goes over
every breakdown × every indicator, follows each link with the same user and checks the list against the figure:
its count for a count, the outcomes summed over the listed cases for an amount.
"""

import datetime as dt
import html
import random
from urllib.parse import urlsplit

import pytest
from django.db.models import Sum
from django.http import QueryDict

from sc389.cases import selectors as case_selectors
from sc389.cases import services as cases
from sc389.cases.choices import Category, Channel
from sc389.cases.forms import CaseFilterForm
from sc389.cases.models import BudgetRemittance, CommodityGroup, PenaltyDecision, Prosecution
from sc389.org.models import AdministrativeUnit
from sc389.reports.indicators import BY_CODE, CODES, DIMENSIONS

from .world import submission

pytestmark = pytest.mark.django_db

UNITS = ["customs_huunghi", "customs_region6", "bp_langson", "qltt_langson5", "police_hungyen"]
PLACES = ["dongdang", "kyla", "hungyen_ward", "oldhungyen"]
# Amount indicators: the outcome model, the summed field, its date and the list parameters of that date.
SUMS = {
    "fines_vnd": (PenaltyDecision, "fine_vnd", "decided_on", "penalty"),
    "confiscated_goods_value_vnd": (PenaltyDecision, "confiscated_value_vnd", "decided_on", "penalty"),
    "budget_remitted_vnd": (BudgetRemittance, "amount_vnd", "remitted_on", "remitted"),
    "defendants": (Prosecution, "defendants", "decided_on", "prosecution"),
}
QUERY = {"kind": "half", "year": "2025", "n": "1", "compare": "same-period"}


def _groups() -> list[CommodityGroup]:
    return [
        CommodityGroup.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("fuel", "Xăng dầu"), ("cigarettes", "Thuốc lá"))
    ]


@pytest.fixture
def varied(tree):
    """About forty cases in the first halves of 2024 and 2025, recorded through the services."""
    rng = random.Random(389)
    actor = tree.users["admin_national"]
    old_hung_yen = AdministrativeUnit.objects.filter(
        level="district", valid_to__isnull=False, parent__name="Tỉnh Hưng Yên"
    ).order_by("code")[0]
    where = {**tree.communes, "oldhungyen": old_hung_yen}
    groups = _groups()
    made = []
    for i in range(44):
        year = 2025 if i % 4 else 2024
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 170))
        case = cases.case_create(
            actor=actor,
            lead_unit=tree.units[UNITS[i % len(UNITS)]],
            category=Category.values[i % len(Category.values)],
            channel=rng.choice(Channel.values),
            detected_on=day,
            place=where[PLACES[i % len(PLACES)]],
            participants=[tree.units[UNITS[(i + 1) % len(UNITS)]]] if i % 5 == 0 else [],
        )
        for n in range(i % 3):  # no goods, one group, or two groups
            cases.goods_line_add(case=case, actor=actor, description=f"Hàng {n}", commodity_group=groups[n])
        for n in range(rng.randint(0, 2)):  # decisions up to two months apart
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="penalty",
                number=f"{case.pk}-{n}/QĐ-XPHC",
                decided_on=day + dt.timedelta(days=rng.randint(0, 60)),
                fine_vnd=rng.randint(1, 90) * 1_000_000,
                confiscated_value_vnd=rng.randint(0, 50) * 1_000_000,
            )
        if rng.random() < 0.35:
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="prosecution",
                decision_number=f"{case.pk}/QĐ-KTVA",
                decided_on=day + dt.timedelta(days=rng.randint(0, 45)),
                defendants=rng.randint(1, 4),
            )
        if rng.random() < 0.5:
            cases.outcome_add(
                case=case,
                actor=actor,
                kind="remittance",
                values={
                    "remitted_on": day + dt.timedelta(days=rng.randint(0, 40)),
                    "amount_vnd": rng.randint(1, 99) * 1_000_000,
                    "kind": "fine",
                },
            )
        if i % 11 == 10:  # merged away: counts nowhere, listed nowhere
            cases.case_merge(survivor=made[-1], absorbed=case, actor=actor)
        else:
            made.append(case)
    return made


def _listed(client, user, href: str):
    """Follow the link; the listed case ids (all pages) as the list's own filters select them."""
    response = client.get(href)
    assert response.status_code == 200, href
    query = QueryDict(urlsplit(href).query)
    form = CaseFilterForm(query)
    filters = form.filters()
    assert not form.errors, (href, form.errors)
    ids = list(case_selectors.case_list(user=user, filters=filters).values_list("pk", flat=True))
    assert response.context["total"] == len(ids), href  # the page counts what it lists
    return response, query, ids


def _check(client, user, href: str, code: str, figure: int) -> None:
    _response, query, ids = _listed(client, user, href)
    if code not in SUMS:
        assert len(ids) == figure, (code, href)
        return
    model, field, date, prefix = SUMS[code]
    start, end = query[f"{prefix}_from"], query[f"{prefix}_to"]
    summed = model.objects.filter(case_id__in=ids, **{f"{date}__range": (start, end)}).aggregate(s=Sum(field))
    assert (summed["s"] or 0) == figure, (code, href)


def _walk(client, user, area: str, by: str | None) -> int:
    """Check every link of one report page; return how many there were."""
    response = client.get("/reports/", {**QUERY, "area": area, "by": by or ""})
    assert response.status_code == 200
    content = response.content.decode()
    seen = 0
    for t in response.context["totals"]:
        for href, figure in ((t["href"], t["value"]), (t["compare_href"], t["compare_value"])):
            assert href, (area, by, t["code"])  # no submissions here: every total links
            assert html.escape(href) in content
            _check(client, user, href, t["code"], figure)
            seen += 1
    for row in response.context["rows"]:
        for code, cell in zip(CODES, row["cells"], strict=True):
            assert cell["href"], (area, by, row["label"], code)
            assert html.escape(cell["href"]) in content
            _check(client, user, cell["href"], code, cell["value"])
            seen += 1
    return seen


@pytest.mark.parametrize("by", [None, *DIMENSIONS])
@pytest.mark.parametrize("who,area", [("admin_national", "national"), ("leader_langson", "20")])
def test_every_figure_links_to_exactly_its_cases(tree, varied, login, who, area, by):
    client = login(who)
    seen = _walk(client, tree.users[who], area, by)
    assert seen >= 2 * len(CODES)
    if by is not None:
        report_rows = client.get("/reports/", {**QUERY, "area": area, "by": by}).context["rows"]
        assert report_rows, by  # the breakdown has rows to walk


def test_month_rows_count_a_case_in_the_month_of_its_first_decision(tree, login, make_case):
    # given a case with penalty decisions in January and in February
    case = make_case(detected_on=dt.date(2025, 1, 3))
    for n, day in enumerate((dt.date(2025, 1, 10), dt.date(2025, 2, 10))):
        cases.outcome_add(
            case=case,
            actor=tree.users["officer_langson_customs"],
            kind="penalty",
            number=f"{n}/QĐ",
            decided_on=day,
            fine_vnd=1_000_000,
        )
    client = login("leader_langson")
    response = client.get("/reports/", {**QUERY, "area": "20", "by": "month"})
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    penalised = CODES.index("admin_penalty_cases")
    fines = CODES.index("fines_vnd")
    # then it is one penalised case in January and none in February, though fined in both
    assert [rows[m][penalised]["value"] for m in ("Tháng 1/2025", "Tháng 2/2025")] == [1, 0]
    assert rows["Tháng 2/2025"][fines]["value"] == 1_000_000
    feb = rows["Tháng 2/2025"][penalised]["href"]
    assert "penalty_since=2025-01-01" in feb
    _check(client, tree.users["leader_langson"], feb, "admin_penalty_cases", 0)
    _check(client, tree.users["leader_langson"], rows["Tháng 2/2025"][fines]["href"], "fines_vnd", 1_000_000)


def test_figures_from_an_approved_submission_do_not_link(tree, login, make_case):
    # given cases of two units in January 2025 and an approved submission of the Hữu Nghị customs for January
    make_case(detected_on=dt.date(2025, 1, 5))
    make_case(officer="officer_langson_bp", unit="bp_langson", detected_on=dt.date(2025, 1, 7))
    make_case(officer="officer_langson_bp", unit="bp_langson", detected_on=dt.date(2025, 1, 9))
    submission(tree, status="approved")
    client = login("leader_langson")
    query = {"area": "20", "kind": "month", "year": "2025", "n": "1", "compare": "none", "by": "unit"}
    response = client.get("/reports/", query)
    detected = CODES.index("cases_detected")
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    # then the submitting unit's figures say where they come from and do not link, nor do the totals
    customs = rows[tree.units["customs_huunghi"].name][detected]
    assert customs["value"] == 12 and customs["href"] is None and customs["from_submissions"]
    assert all(t["href"] is None and t["from_submissions"] for t in response.context["totals"])
    assert "từ báo cáo số liệu" in response.content.decode()
    # and the other unit's row still links to exactly its cases
    border = rows[tree.units["bp_langson"].name][detected]
    assert not border["from_submissions"]
    _check(client, tree.users["leader_langson"], border["href"], "cases_detected", 2)


def test_case_list_filters_on_each_indicator_date_in_scope(tree, login, make_case):
    # given a Lạng Sơn case handled in March and a Hưng Yên one, both penalised in March
    actor = tree.users["admin_national"]
    ls = make_case(detected_on=dt.date(2025, 1, 3))
    hy = make_case(
        officer="officer_hungyen_police",
        unit="police_hungyen",
        place=tree.communes["hungyen_ward"],
        detected_on=dt.date(2025, 1, 4),
    )
    for case in (ls, hy):
        cases.outcome_add(
            case=case, actor=actor, kind="penalty", number=f"{case.pk}/QĐ", decided_on=dt.date(2025, 3, 2)
        )
    march = {"penalty_from": "2025-03-01", "penalty_to": "2025-03-31"}
    # then the national analyst finds both by decision date, and none by a February decision date
    national = login("analyst_national")
    assert national.get("/cases/", march).context["total"] == 2
    assert (
        national.get("/cases/", {"handled_from": "2025-03-01", "handled_to": "2025-03-31"}).context["total"]
        == 2
    )
    assert (
        national.get("/cases/", {"penalty_from": "2025-02-01", "penalty_to": "2025-02-28"}).context["total"]
        == 0
    )
    # and the Lạng Sơn leader only their own, with the same filters
    assert login("leader_langson").get("/cases/", march).context["total"] == 1
    # and a range given backwards is reported and left out
    backwards = national.get("/cases/", {"penalty_from": "2025-03-31", "penalty_to": "2025-03-01"})
    assert "penalty_to" in backwards.context["form"].errors


def test_the_api_list_takes_the_same_filters(tree, call, make_case):
    case = make_case(detected_on=dt.date(2025, 1, 3))
    cases.outcome_add(
        case=case,
        actor=tree.users["officer_langson_customs"],
        kind="prosecution",
        decision_number="1/QĐ-KTVA",
        decided_on=dt.date(2025, 2, 2),
        defendants=2,
    )
    make_case(detected_on=dt.date(2025, 1, 4))
    force = tree.units["customs_huunghi"].force_id
    found = call(
        "leader_langson",
        "GET",
        f"/api/v1/cases?prosecution_from=2025-02-01&prosecution_to=2025-02-28&lead_force={force}",
    )
    assert [item["id"] for item in found.json()["items"]] == [case.pk]
    assert BY_CODE["prosecuted_cases"].date == "Prosecution.decided_on"
