"""The case list: filters, diacritic-blind search, keyset pages, bounded queries, htmx partial."""

import datetime as dt

import pytest
from django.urls import reverse

from sc389.cases.views import listing as views

from ..orgtree import commune


def refs(response) -> set[str]:
    return {c.reference for c in response.context["rows"]}


@pytest.fixture
def three(make_case, tree):
    a = make_case(narrative="Xe tải chở gia cầm qua đường mòn", detected_on=dt.date(2025, 3, 1))
    b = make_case(
        place=commune("Phường Kỳ Lừa", "20"),
        narrative="Kho chứa mỹ phẩm giả ở Hoà Bình",
        category="counterfeit_ip",
        detected_on=dt.date(2025, 5, 1),
    )
    c = make_case(
        officer="officer_hungyen_police",
        unit="police_hungyen",
        place=tree.communes["hungyen_ward"],
        narrative="Hóa đơn khống",
        category="trade_fraud",
        detected_on=dt.date(2024, 12, 1),
    )
    return a, b, c


@pytest.mark.parametrize("query", ["dong dang", "ĐỒNG ĐĂNG", "Đồng Đăng"])
def test_search_ignores_diacritics(login, three, query):
    a, b, c = three
    response = login("admin_national").get(reverse("cases:list"), {"q": query})
    assert refs(response) == {a.reference}


@pytest.mark.parametrize("query", ["Hoà Bình", "Hòa Bình", "hoa binh"])
def test_search_ignores_tone_mark_placement(login, three, query):
    a, b, c = three
    assert refs(login("admin_national").get(reverse("cases:list"), {"q": query})) == {b.reference}


def test_search_by_province_name_without_marks(login, three):
    a, b, c = three
    assert refs(login("admin_national").get(reverse("cases:list"), {"q": "lang son"})) == {
        a.reference,
        b.reference,
    }


def test_filters(login, three, tree):
    a, b, c = three
    client = login("admin_national")
    url = reverse("cases:list")
    assert refs(client.get(url, {"category": "counterfeit_ip"})) == {b.reference}
    assert refs(client.get(url, {"date_from": "2025-01-01", "date_to": "2025-04-01"})) == {a.reference}
    assert refs(client.get(url, {"province": tree.provinces["hungyen"].pk})) == {c.reference}
    assert refs(client.get(url, {"place": tree.communes["dongdang"].pk})) == {a.reference}
    assert refs(client.get(url, {"place_q": "Phường Kỳ Lừa"})) == {b.reference}
    assert refs(client.get(url, {"unit": tree.units["police_hungyen"].pk})) == {c.reference}
    assert refs(client.get(url, {"status": "open", "channel": "other"})) == {
        a.reference,
        b.reference,
        c.reference,
    }


def test_goods_filter(login, three, tree):
    a, b, c = three
    from sc389.cases import services

    services.goods_line_add(case=a, actor=tree.users["officer_langson_customs"], description="Gà thải loại")
    assert refs(login("admin_national").get(reverse("cases:list"), {"goods": "ga thai"})) == {a.reference}


def test_invalid_filter_is_reported_and_left_out(login, three):
    response = login("admin_national").get(
        reverse("cases:list"), {"date_from": "2025-13-45", "q": "dong dang"}
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
    assert "Một số điều kiện lọc không hợp lệ" in response.content.decode()
    response = login("admin_national", lang="en").get(
        reverse("cases:list"), {"date_from": "2025-05-01", "date_to": "2025-01-01"}
    )
    assert "The end date must come after the start date." in response.content.decode()


def test_keyset_pages_cover_every_case_once(login, make_case, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    made = {make_case(detected_on=dt.date(2025, 1, 1 + i % 3)).reference for i in range(10)}
    client = login("officer_langson_customs")
    seen, url, pages = [], reverse("cases:list"), 0
    while url:
        response = client.get(url if url.startswith("/") else reverse("cases:list") + url)
        seen += [c.reference for c in response.context["rows"]]
        url, pages = response.context["next_url"], pages + 1
    assert pages == 3 and len(seen) == 10 and set(seen) == made
    dates = [c.detected_on for c in response.context["rows"]]
    assert dates == sorted(dates, reverse=True)


def test_count_is_capped(login, make_case, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for _ in range(5):
        make_case()
    html = login("officer_langson_customs").get(reverse("cases:list")).content.decode()
    assert "Hơn 3 vụ việc" in html
    html = login("officer_langson_customs", lang="en").get(reverse("cases:list")).content.decode()
    assert "More than 3 cases" in html


def test_exact_count_in_both_languages(login, make_case):
    for _ in range(2):
        make_case()
    assert "2 vụ việc" in login("officer_langson_customs").get(reverse("cases:list")).content.decode()
    assert (
        "2 cases" in login("officer_langson_customs", lang="en").get(reverse("cases:list")).content.decode()
    )


def test_list_queries_do_not_grow_with_rows(login, make_case, django_assert_max_num_queries):
    client = login("leader_national")
    make_case()
    client.get(reverse("cases:list"))  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("cases:list"), {"q": "dong dang", "category": "smuggling"})
    for i in range(30):
        make_case(detected_on=dt.date(2025, 1, 1) + dt.timedelta(days=i))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cases:list"), {"q": "dong dang", "category": "smuggling"})
    assert len(response.context["rows"]) == 31


def test_htmx_request_gets_only_the_results(login, three):
    response = login("admin_national").get(
        reverse("cases:list"), {"q": "dong dang"}, headers={"HX-Request": "true", "HX-Target": "case-results"}
    )
    html = response.content.decode()
    assert "<table" in html and "<html" not in html
    assert three[0].reference in html


def test_place_picker_lists_current_communes_first_and_labels_historic(login, tree):
    client = login("officer_langson_customs")
    response = client.get(reverse("cases:place_search"), {"place_q": "dong dang"})
    places = [unit for unit, label in response.context["places"]]
    assert places[0] == tree.communes["dongdang"]
    assert "Xã Đồng Đăng — Lạng Sơn" in response.content.decode()
    html = client.get(reverse("cases:place_search"), {"place_q": "van lang"}).content.decode()
    assert "huyện cũ" in html and "đơn vị cũ, đến" in html
