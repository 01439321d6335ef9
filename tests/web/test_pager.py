"""The case list's keyset pages, both ways: "next" and "previous" walk the same pages, and stay cheap."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sc389.cases import selectors
from sc389.cases.selectors import CaseFilters, case_page
from sc389.cases.views import listing

OFFICER = "officer_langson_customs"


@pytest.fixture
def eleven(make_case):
    # Several cases share a day, so the id breaks ties at the page edges.
    days = [dt.date(2025, 1, 1 + i % 4) for i in range(11)]
    narratives = ["Thuốc lá điếu" if i % 2 else "Gia cầm" for i in range(11)]
    return [make_case(detected_on=d, narrative=n) for d, n in zip(days, narratives, strict=True)]


def walk(client, params, link):
    """Follow `link` ("next_url" or "prev_url") from the page at `params`; the references of each page."""
    pages, url = [], reverse("cases:list") + params
    while url:
        response = client.get(url)
        pages.append([c.reference for c in response.context["rows"]])
        following = response.context[link]
        url = reverse("cases:list") + following if following else ""
    return pages, response


@pytest.mark.parametrize("window", [10_000, 1])  # a word search: the scan window, and the text-index path
@pytest.mark.parametrize("query", ["", "?q=thuoc+la"])
def test_previous_walks_back_the_same_pages(login, eleven, monkeypatch, query, window):
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", window)
    client = login(OFFICER)
    forward, last = walk(client, query, "next_url")
    assert forward[0] and all(len(p) == 3 for p in forward[:-1])
    assert last.context["prev_url"]  # the last page links back
    backward, first = walk(client, last.context["prev_url"], "prev_url")
    assert backward == forward[-2::-1]  # the same pages, newest last
    assert first.context["prev_url"] == "" and first.context["first_url"] == ""
    if query:
        assert "q=thuoc+la" in last.context["prev_url"]  # the filters travel with the cursor


def test_first_page_has_no_previous_and_the_pager_shows_both_links(login, eleven, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 4)
    client = login(OFFICER, lang="en")
    first = client.get(reverse("cases:list"))
    assert first.context["prev_url"] == "" and "Previous page" not in first.content.decode()
    second = client.get(reverse("cases:list") + first.context["next_url"])
    html = second.content.decode()
    assert "Previous page" in html and "Next page" in html and 'rel="prev"' in html


def test_previous_from_near_the_top_gives_a_full_first_page(tree, eleven):
    user = tree.users[OFFICER]
    newest = sorted(eleven, key=lambda c: (c.detected_on, c.pk), reverse=True)
    # "previous" from the second-newest case: only one case is newer, so the page is the first, full.
    page = case_page(user=user, before=selectors._cursor_encode(newest[1]), size=3)
    assert [c.pk for c in page.rows] == [c.pk for c in newest[:3]] and page.prev_cursor is None


def test_bad_before_cursor_starts_again(login, eleven):
    response = login(OFFICER).get(reverse("cases:list"), {"before": "nonsense"})
    assert response.status_code == 200 and len(response.context["rows"]) == 11


def test_previous_page_costs_what_next_costs(login, eleven, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    client = login(OFFICER)
    first = client.get(reverse("cases:list"))
    second_url = reverse("cases:list") + first.context["next_url"]
    with CaptureQueriesContext(connection) as forward:
        second = client.get(second_url)
    with django_assert_max_num_queries(len(forward.captured_queries)):
        client.get(reverse("cases:list") + second.context["prev_url"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_previous_page_seeks_in_the_date_index(tree, eleven):
    """No sort of every newer case: the database walks the date index up from the cursor and stops at a page."""
    user = tree.users[OFFICER]
    cursor = selectors._cursor_encode(eleven[5])
    with CaptureQueriesContext(connection) as ctx:
        case_page(user=user, filters=CaseFilters(), before=cursor, size=3)
    ascending = [
        q["sql"] for q in ctx.captured_queries if 'ORDER BY "cases_case"."detected_on" ASC' in q["sql"]
    ]
    assert ascending, [q["sql"] for q in ctx.captured_queries]
    with connection.cursor() as db:
        db.execute("EXPLAIN QUERY PLAN " + ascending[0])
        plan = " | ".join(str(row[-1]) for row in db.fetchall())
    assert "TEMP B-TREE" not in plan, plan
    assert "detected_on>?" in plan.replace(" ", ""), plan
