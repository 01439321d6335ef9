"""Integration of submissions: a unit-period counts from its cases or its approved submission, never both; the
report says which. Also the restructured force units and the commodity breakdown, by example."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from sc389.cases import services as cases
from sc389.cases.models import CommodityGroup
from sc389.reports import periods
from sc389.reports.indicators import Area, area_resolve, totals
from sc389.reports.selectors import report_build
from sc389.reports.summary import summary_text

from .world import FIGURES, JAN, submission

pytestmark = pytest.mark.django_db
LANGSON = "20"


def langson_january(tree, make_case):
    """Two Hữu Nghị customs cases and one border guard case in January 2025, one fine on each customs case."""
    officer = tree.users["officer_langson_customs"]
    for day in (5, 20):
        case = make_case(detected_on=dt.date(2025, 1, day))
        cases.outcome_add(
            case=case,
            actor=officer,
            kind="penalty",
            number=f"{day}/QĐ",
            decided_on=dt.date(2025, 1, day + 1),
            fine_vnd=1_000_000,
        )
    make_case(officer="officer_langson_bp", unit="bp_langson", detected_on=dt.date(2025, 1, 7))


def test_cases_count_until_the_submission_is_approved(tree, make_case):
    langson_january(tree, make_case)
    s = submission(tree, status="submitted")
    report = report_build(area=area_resolve(LANGSON), period=JAN, compare="none")
    assert report.indicators["cases_detected"].value == 3 and report.sources == []
    from sc389.reports.submissions import services

    services.submission_approve(submission=s, actor=tree.users["analyst_langson"])
    report = report_build(area=area_resolve(LANGSON), period=JAN, compare="none", by="unit")
    # the customs cases are replaced by the submission's 12; the border guard case still counts
    assert report.indicators["cases_detected"].value == 12 + 1
    assert report.indicators["fines_vnd"].value == FIGURES["fines_vnd"]["total"]
    assert report.indicators["admin_penalty_cases"].value == 0  # the submission does not give this indicator
    assert {r.key: r.indicators["cases_detected"].value for r in report.rows} == {"HQ-HN": 12, "BP-LS": 1}
    assert report.as_json()["sources"] == [
        {
            "period": "period",
            "source": "submission",
            "unit": "HQ-HN",
            "unit_name": "Hải quan cửa khẩu Hữu Nghị",
            "from": "2025-01-01",
            "to": "2025-01-31",
            "submission_id": s.pk,
            "note": "",
        }
    ]
    assert "báo cáo số liệu tổng hợp đã duyệt số" in summary_text(report)


def test_submission_counts_in_its_province_and_the_nation_only(tree, make_case):
    langson_january(tree, make_case)
    submission(tree, status="approved")
    quarter = periods.quarter(2025, 1)
    assert totals(area=Area("national"), period=quarter)["cases_detected"] == 13
    assert totals(area=area_resolve("33"), period=quarter)["cases_detected"] == 0
    # a commune report has no submission figures, and the unit's cases are replaced everywhere: the border
    # guard's case alone is left in Đồng Đăng
    assert totals(area=area_resolve(tree.communes["dongdang"].code), period=quarter)["cases_detected"] == 1


def test_a_submission_only_partly_inside_the_period_leaves_the_cases_counting(tree, make_case):
    langson_january(tree, make_case)
    submission(tree, status="approved")
    window = periods.date_range(dt.date(2025, 1, 15), dt.date(2025, 2, 14))
    report = report_build(area=area_resolve(LANGSON), period=window, compare="none")
    assert (
        report.indicators["cases_detected"].value == 1
    )  # the customs case of the 20th; the 5th and 7th are out
    assert [s["note"] for s in report.sources] == ["submission_not_inside_period"]


def test_category_rows_of_a_submission_use_its_parts(tree, make_case):
    submission(tree, status="approved")
    report = report_build(area=area_resolve(LANGSON), period=JAN, compare="none", by="category")
    rows = {r.key: r.indicators for r in report.rows}
    assert rows["smuggling"]["cases_detected"].value == 7 and rows["trade_fraud"]["cases_detected"].value == 3
    assert rows[None]["cases_handled"].value == 10  # given as a total only: the "not known" row
    assert sum(r["cases_detected"].value for r in rows.values()) == 12


def test_cli_text_and_json_name_the_sources(tree, make_case):
    submission(tree, status="approved")
    out = io.StringIO()
    call_command(
        "report",
        "--unit",
        LANGSON,
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--format",
        "text",
        stdout=out,
    )
    assert "Nguồn số liệu" in out.getvalue() and "Hải quan cửa khẩu Hữu Nghị" in out.getvalue()


def test_merged_force_unit_compares_with_the_sum_of_its_predecessors(tree, make_case):
    from sc389.org.models import Unit
    from sc389.org.services import unit_create

    old_a, old_b = tree.units["customs_huunghi"], tree.units["bp_langson"]
    for day, unit, officer in (
        (3, "customs_huunghi", "officer_langson_customs"),
        (4, "bp_langson", "officer_langson_bp"),
        (5, "bp_langson", "officer_langson_bp"),
    ):
        make_case(officer=officer, unit=unit, detected_on=dt.date(2024, 3, day))
    merged = unit_create(
        code="LS-MERGED",
        name="Đơn vị hợp nhất",
        force=old_a.force,
        home_province=tree.provinces["langson"],
        valid_from=dt.date(2025, 1, 1),
    )
    merged.predecessors.set([old_a, old_b])
    Unit.objects.filter(pk__in=[old_a.pk, old_b.pk]).update(valid_to=dt.date(2024, 12, 31))
    make_case(
        officer="admin_national", unit="customs_huunghi", detected_on=dt.date(2024, 3, 9)
    )  # before the end
    case = cases.case_create(
        actor=tree.users["admin_national"],
        lead_unit=merged,
        category="smuggling",
        detected_on=dt.date(2025, 3, 2),
        place=tree.communes["dongdang"],
    )
    assert case.pk
    report = report_build(area=area_resolve(LANGSON), period=periods.month(2025, 3), by="unit")
    rows = {r.key: r.indicators["cases_detected"] for r in report.rows}
    assert set(rows) == {"LS-MERGED"}
    assert (rows["LS-MERGED"].value, rows["LS-MERGED"].compare_value) == (1, 4)
    # the ended units still report for their own periods
    old = report_build(area=area_resolve(LANGSON), period=periods.month(2024, 3), by="unit", compare="none")
    assert {r.key: r.indicators["cases_detected"].value for r in old.rows} == {"HQ-HN": 2, "BP-LS": 2}


def test_commodity_breakdown_counts_a_case_once_in_each_of_its_groups(tree, make_case):
    officer = tree.users["officer_langson_customs"]
    cig = CommodityGroup.objects.create(code="cig", name="Thuốc lá")
    fuel = CommodityGroup.objects.create(code="fuel", name="Xăng dầu")
    two = make_case(detected_on=dt.date(2025, 1, 3))
    for group in (cig, cig, fuel, None):
        cases.goods_line_add(case=two, actor=officer, description="Hàng", commodity_group=group)
    cases.outcome_add(
        case=two,
        actor=officer,
        kind="penalty",
        number="1/QĐ",
        decided_on=dt.date(2025, 1, 9),
        fine_vnd=5_000_000,
    )
    one = make_case(detected_on=dt.date(2025, 1, 4))
    cases.goods_line_add(case=one, actor=officer, description="Thuốc", commodity_group=cig)
    make_case(detected_on=dt.date(2025, 1, 5))  # no goods
    report = report_build(area=area_resolve(LANGSON), period=JAN, compare="none", by="commodity")
    rows = {
        r.key: (r.indicators["cases_detected"].value, r.indicators["fines_vnd"].value) for r in report.rows
    }
    assert rows == {"cig": (2, 5_000_000), "fuel": (1, 5_000_000), None: (1, 0)}
    assert report.indicators["cases_detected"].value == 3
    assert {r.key: r.label for r in report.rows}["cig"] == "Thuốc lá"


def test_a_removed_goods_line_no_longer_puts_its_case_in_its_commodity_group(tree, make_case):
    # given a case with cigarettes and fuel, and a case whose only goods (cigarettes) were entered by mistake
    officer = tree.users["officer_langson_customs"]
    cig = CommodityGroup.objects.create(code="cig", name="Thuốc lá")
    fuel = CommodityGroup.objects.create(code="fuel", name="Xăng dầu")
    both = make_case(detected_on=dt.date(2025, 1, 3))
    wrong = cases.goods_line_add(case=both, actor=officer, description="Thuốc", commodity_group=cig)
    cases.goods_line_add(case=both, actor=officer, description="Xăng", commodity_group=fuel)
    cases.outcome_add(
        case=both, actor=officer, kind="penalty", number="2/QĐ", decided_on=dt.date(2025, 1, 9), fine_vnd=7
    )
    only = make_case(detected_on=dt.date(2025, 1, 4))
    mistaken = cases.goods_line_add(case=only, actor=officer, description="Thuốc", commodity_group=cig)
    # when both cigarette lines are removed
    cases.goods_line_remove(line=wrong, actor=officer, reason="Nhập nhầm")
    cases.goods_line_remove(line=mistaken, actor=officer, reason="Nhập nhầm")
    # then the first case counts under fuel only, the second under "not known", each case once in the total
    report = report_build(area=area_resolve(LANGSON), period=JAN, compare="none", by="commodity")
    rows = {
        r.key: (r.indicators["cases_detected"].value, r.indicators["fines_vnd"].value) for r in report.rows
    }
    assert rows == {"fuel": (1, 7), None: (1, 0)}
    assert report.indicators["cases_detected"].value == 2
