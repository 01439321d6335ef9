"""The report page: the published figures in Vietnamese formats, the links to the cases behind them, the drill
down from the country to a commune, the charts inline, and the download links."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LS_2020 = {"area": "20", "kind": "first", "year": "2020", "n": "10", "compare": "same-period"}


def totals_row(html: str, code: str) -> str:
    match = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S)
    assert match, code
    return match.group(1)


def test_lang_son_ten_months_shows_the_published_figures(login):
    # when
    response = login("leader_langson").get(reverse("reports:report"), LS_2020)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    handled = totals_row(html, "cases_handled")
    assert "4.365" in handled and "5.371" in handled and "81,27%" in handled and "-18,73%" in handled
    assert "84,7%" in totals_row(html, "admin_penalty_cases")
    assert "96,98%" in totals_row(html, "defendants")
    assert "66,4 tỷ đồng" in totals_row(html, "fines_vnd")
    assert "xử lý 4.365 vụ, bằng 81,27% so với cùng kỳ năm 2019" in html
    assert html.count('src="data:image/svg+xml;base64,') == 4  # trend, categories, forces, hotspots


def test_english_page_uses_english_number_marks(login):
    html = login("leader_langson", lang="en").get(reverse("reports:report"), LS_2020).content.decode()
    handled = totals_row(html, "cases_handled")
    assert "4,365" in handled and "81.27%" in handled


def test_detected_count_links_to_the_same_cases_on_the_case_list(login):
    # given: the report and the link of its detected count
    client = login("leader_langson")
    html = client.get(reverse("reports:report"), LS_2020).content.decode()
    found = re.search(r'href="([^"]+)"[^>]*>([^<]+)</a>', totals_row(html, "cases_detected"))
    link, figure = found.group(1).replace("&amp;", "&"), found.group(2)
    assert link.startswith(reverse("cases:list"))
    # when: the case list is opened with those filters
    listed = client.get(link).content.decode()
    # then: it counts exactly the cases the report counts (a list bounded by dates is counted past the cap)
    assert f"{figure} vụ việc" in listed and int(figure.replace(".", "")) > 1_000
    assert "date_from=2020-01-01" in link and "date_to=2020-10-31" in link


def test_breakdown_by_category_rows_add_up_and_link_by_category(login):
    params = {**LS_2020, "by": "category"}
    html = login("leader_langson").get(reverse("reports:report"), params).content.decode()
    body = re.search(r'<table class="figures" id="report-breakdown">(.*?)</table>', html, re.S).group(1)
    assert "category=smuggling" in body
    assert "category=trade_fraud" in body


def test_drill_down_from_the_country_to_a_commune(login):
    client = login("leader_national")
    national = {**LS_2020, "area": "national", "by": "province"}
    html = client.get(reverse("reports:report"), national).content.decode()
    province_link = re.search(r'<a href="(\?[^"]*area=20[^"]*)" class="drill-link">', html)
    assert province_link, "the Lạng Sơn row opens the province"
    html = client.get(
        reverse("reports:report") + province_link.group(1).replace("&amp;", "&")
    ).content.decode()
    assert "by=commune" in province_link.group(1)
    commune_link = re.search(r'<a href="(\?[^"]*)" class="drill-link">Xã Đồng Đăng</a>', html)
    assert commune_link
    response = client.get(reverse("reports:report") + commune_link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert "Xã Đồng Đăng" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"area": "20", "kind": "range", "start": "2020-05-01", "end": "bad"},
        {"area": "20", "compare": "sideways"},
        {"area": "20", "by": "colour"},
        {"area": "20", "kind": "quarter", "n": "5"},
        {"area": "zz"},
    ],
)
def test_bad_parameters_answer_400_with_a_message(login, data):
    response = login("leader_langson").get(reverse("reports:report"), data)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()


def test_figures_count_only_the_cases_in_the_users_scope(login):
    # The market-surveillance officer reports on Lạng Sơn but sees only his team's third of the cases.
    client = login("officer_langson_qltt")
    params = {"area": "20", "kind": "first", "year": "2020", "n": "10"}
    html = client.get(reverse("reports:report"), params).content.decode()
    assert "xử lý 1.455 vụ" in html and "4.365" not in html
