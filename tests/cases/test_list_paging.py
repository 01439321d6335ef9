import datetime as dt

import pytest

from sc389.cases import selectors, services
from sc389.cases.selectors import CaseFilters, case_page


def all_pages(user, filters, size):
    seen, cursor = [], None
    while True:
        page = case_page(user=user, filters=filters, cursor=cursor, size=size)
        seen += [c.reference for c in page.rows]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.fixture
def seven(make_case):
    days = [dt.date(2025, 1, d) for d in (3, 3, 3, 5, 9, 9, 20)]
    narratives = [
        "Thuốc lá điếu nhập lậu",
        "Gia cầm qua đường mòn",
        "Đường cát",
        "Thuốc lá điếu",
        "Mỹ phẩm giả",
        "Sữa bột không rõ nguồn gốc",
        "Hoà Bình thuốc lá",
    ]
    return [make_case(detected_on=d, narrative=n) for d, n in zip(days, narratives, strict=True)]


def test_keyset_pages_cover_everything_once_newest_first(seven, tree):
    user = tree.users["officer_langson_customs"]
    refs = all_pages(user, CaseFilters(), size=3)
    expected = [c.reference for c in sorted(seven, key=lambda c: (c.detected_on, c.pk), reverse=True)]
    assert refs == expected


@pytest.mark.parametrize(
    "window", [10_000, 1]
)  # the scan window, and the text-index path when it is too small
def test_word_search_ignores_marks_on_both_paths(seven, tree, monkeypatch, window):
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", window)
    user = tree.users["officer_langson_customs"]
    found = all_pages(user, CaseFilters(q="thuoc la"), size=2)
    assert found == [seven[6].reference, seven[3].reference, seven[0].reference]
    assert all_pages(user, CaseFilters(q="hòa binh"), size=2) == [seven[6].reference]
    assert all_pages(user, CaseFilters(q="HOÀ"), size=2) == [seven[6].reference]
    assert all_pages(user, CaseFilters(q="không có"), size=2) == []


def test_text_index_follows_edits(seven, tree, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 1)
    officer = tree.users["officer_langson_customs"]
    case = seven[2]
    services.case_update(case=case, actor=officer, narrative="Xăng dầu trái phép")
    assert all_pages(officer, CaseFilters(q="xang dau"), size=5) == [case.reference]
    assert all_pages(officer, CaseFilters(q="duong cat"), size=5) == []
    services.goods_line_add(case=case, actor=officer, description="Bột ngọt Trung Quốc", value_vnd=1000)
    assert all_pages(officer, CaseFilters(goods="bot ngot"), size=5) == [case.reference]


def test_search_never_leaves_scope(seven, tree, make_case):
    make_case(officer="officer_langson_qltt", unit="qltt_langson5", narrative="Thuốc lá của QLTT")
    customs = tree.users["officer_langson_customs"]
    qltt = tree.users["officer_langson_qltt"]
    assert len(all_pages(customs, CaseFilters(q="thuoc la"), size=10)) == 3
    assert len(all_pages(qltt, CaseFilters(q="thuoc la"), size=10)) == 1


def test_bad_cursor_is_a_clear_error(tree):
    from sc389.core.errors import DomainError

    with pytest.raises(DomainError):
        case_page(user=tree.users["admin_national"], cursor="not-a-cursor")
