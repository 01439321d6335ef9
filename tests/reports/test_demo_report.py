"""`sc389 report` on the seeded demo gives the published figures, through the product's own engine."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sc389.cases.models import Case
from sc389.reports import periods
from sc389.reports.indicators import CODES, area_resolve, totals
from sc389.reports.selectors import report_build
from tests.demo.counting import indicators as counted
from tests.demo.test_seed_demo import seeded  # noqa: F401  (the module-scoped demo, rolled back at the end)

pytestmark = pytest.mark.django_db

LS_2020 = periods.first_months(2020, 10)
HY_CAMPAIGN = periods.date_range(dt.date(2025, 5, 17), dt.date(2025, 10, 15))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_lang_son_ten_months_2020_json(seeded):  # noqa: F811
    data = json.loads(
        run(
            "--unit",
            "20",
            "--from",
            "2020-01-01",
            "--to",
            "2020-10-31",
            "--compare",
            "same-period",
            "--format",
            "json",
        )
    )
    ind = data["indicators"]
    assert set(ind) == set(CODES)
    assert ind["cases_handled"] == {
        "value": 4365,
        "compare_value": 5371,
        "ratio_pct": 81.27,
        "change_pct": -18.73,
    }
    assert (ind["admin_penalty_cases"]["value"], ind["admin_penalty_cases"]["ratio_pct"]) == (3593, 84.7)
    assert (ind["defendants"]["value"], ind["defendants"]["ratio_pct"]) == (482, 96.98)
    assert ind["prosecuted_cases"]["value"] == 328
    demo = counted("20", LS_2020.start, LS_2020.end)
    demo["cases_inspected"] = demo["cases_detected"]  # from cases, inspected = detected (docs/indicators.md)
    assert {code: ind[code]["value"] for code in CODES} == demo
    assert 66_350_000_000 <= ind["fines_vnd"]["value"] < 66_400_000_000
    assert 27_000_000_000 < ind["confiscated_goods_value_vnd"]["value"] < 27_050_000_000
    assert data["period"] == {"from": "2020-01-01", "to": "2020-10-31", "label": "10 tháng năm 2020"}
    assert data["compare_period"]["from"] == "2019-01-01" and data["compare_period"]["to"] == "2019-10-31"
    assert data["area"] == {"code": "20", "kind": "province", "name": "Lạng Sơn"}
    assert data["data_cutoff"] and data["rows"] == []


def test_hung_yen_campaign_2025(seeded):  # noqa: F811
    data = json.loads(run("--unit", "33", "--from", "2025-05-17", "--to", "2025-10-15", "--format", "json"))
    ind = {code: v["value"] for code, v in data["indicators"].items()}
    assert ind["cases_detected"] == 898
    assert ind["admin_penalty_cases"] == 842
    assert ind["prosecuted_cases"] == 56
    assert ind["defendants"] == 76
    assert 24_900_000_000 < ind["budget_remitted_vnd"] < 25_000_000_000
    hy = counted("33", HY_CAMPAIGN.start, HY_CAMPAIGN.end)
    assert ind == {**hy, "cases_inspected": hy["cases_detected"]}
    assert data["compare_period"]["from"] == "2024-05-17"


def test_hung_yen_before_the_merger_counts_old_thai_binh(seeded):  # noqa: F811
    # given a period before 1 July 2025, when Thái Bình was its own province
    before = periods.date_range(dt.date(2025, 5, 17), dt.date(2025, 6, 30))
    got = totals(area=area_resolve("33"), period=before)
    # then today's Hưng Yên counts the cases placed in old Hưng Yên and in old Thái Bình
    live = Case.objects.filter(merged_into__isnull=True, detected_on__range=before.as_range())
    thai_binh = live.filter(place__level="district", place__parent__name="Tỉnh Thái Bình").count()
    old_hung_yen = live.filter(place__level="district", place__parent__name="Tỉnh Hưng Yên").count()
    assert thai_binh > 0 and old_hung_yen > 0
    assert got["cases_detected"] == thai_binh + old_hung_yen


@pytest.mark.parametrize("by", ["category", "force", "unit", "province", "commune", "channel", "month"])
def test_every_breakdown_of_the_demo_sums_to_the_total(seeded, by, django_assert_max_num_queries):  # noqa: F811
    area = area_resolve("national")
    with django_assert_max_num_queries(40):
        report = report_build(area=area, period=LS_2020, compare="same-period", by=by)
    assert report.rows
    for code in CODES:
        assert sum(r.indicators[code].value for r in report.rows) == report.indicators[code].value, code
        assert (
            sum(r.indicators[code].compare_value for r in report.rows)
            == report.indicators[code].compare_value
        )
    assert len({r.key for r in report.rows}) == len(report.rows)


def test_national_is_the_sum_of_the_provinces(seeded):  # noqa: F811
    national = report_build(area=area_resolve("national"), period=HY_CAMPAIGN, by="province")
    langson = next(r for r in national.rows if r.key == "20")
    hungyen = next(r for r in national.rows if r.key == "33")
    assert hungyen.indicators["cases_detected"].value == 898
    assert langson.label == "Lạng Sơn"
    assert (
        langson.indicators["cases_handled"].value
        == totals(area=area_resolve("20"), period=HY_CAMPAIGN)["cases_handled"]
    )


def test_text_summary_in_the_committees_style(seeded):  # noqa: F811
    text = run(
        "--unit", "20", "--from", "2020-01-01", "--to", "2020-10-31", "--format", "text", "--by", "category"
    )
    assert "Trong 10 tháng năm 2020, các lực lượng chức năng trên địa bàn tỉnh Lạng Sơn" in text
    assert "xử lý 4.365 vụ, bằng 81,27% so với cùng kỳ năm 2019" in text
    assert "xử phạt hành chính 3.593 vụ (bằng 84,7%)" in text
    assert "khởi tố hình sự 328 vụ" in text and "482 bị can (bằng 96,98%)" in text
    assert "tiền phạt 66,4 tỷ đồng" in text and "trị giá hàng tịch thu 27 tỷ đồng" in text
    assert "Buôn lậu, vận chuyển trái phép hàng hóa qua biên giới" in text


def test_english_summary_and_output_file(seeded, tmp_path):  # noqa: F811
    target = tmp_path / "hy.txt"
    args = [
        "--unit",
        "33",
        "--from",
        "2025-05-17",
        "--to",
        "2025-10-15",
        "--lang",
        "en",
        "--output",
        str(target),
    ]
    assert run(*args) == ""
    text = target.read_text(encoding="utf-8")
    assert "From 17/5 to 15/10/2025, enforcement forces in Hưng Yên province detected 898 cases" in text
    assert "VND 2" in text and "billion" in text


def test_the_report_follows_the_user_scope(seeded):  # noqa: F811
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="lanhdao.langson")
    mine = totals(area=area_resolve("national"), period=LS_2020, user=leader)
    assert mine == totals(area=area_resolve("20"), period=LS_2020)


def test_bad_arguments_are_explained():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        run("--unit", "20", "--from", "2020-13-01", "--to", "2020-10-31")
    with pytest.raises(CommandError, match="Ngày kết thúc phải sau ngày bắt đầu"):
        run("--unit", "20", "--from", "2020-10-31", "--to", "2020-01-01")
    with pytest.raises(CommandError, match="999"):
        run("--unit", "999", "--from", "2020-01-01", "--to", "2020-10-31")
