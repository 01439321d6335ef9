"""The case list taken out: CSV and XLSX files (web and API) and the print page hold exactly the rows the list shows
the user — the same scope, filters and order, every row and not one page — safe to open, typed, and audited."""

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from sc389.api import services as api_services
from sc389.cases import exports, services
from sc389.cases.views import listing
from sc389.core.models import AuditEvent

from .matrix import MATRIX, build_cases

# An officer of one unit, a provincial committee, the national committee, another province's committee.
PERSONAS = ("officer_langson_customs", "leader_langson", "leader_national", "leader_hungyen")
API = "/api/v1/cases/export"


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)  # Excel reads the Vietnamese right only with it
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def listed(client, query: dict | None = None) -> list[str]:
    """The references the list page shows, in its order."""
    response = client.get(reverse("cases:list"), query or {})
    assert response.status_code == 200
    return [case.reference for case in response.context["rows"]]


def signed_in(client, user, lang: str = "vi"):
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_services.api_token_create(user=user, name='export').raw}"}


def exported(client, query: dict | None = None, *, user=None) -> dict[str, list[str]]:
    """The references in each way out: web CSV, web XLSX, print page, API CSV, API XLSX."""
    query = query or {}
    out = {
        "csv": [r[0] for r in csv_rows(client.get(reverse("cases:export", args=["csv"]), query))[1:]],
        "xlsx": [r[0] for r in xlsx_rows(client.get(reverse("cases:export", args=["xlsx"]), query))[1:]],
    }
    page = client.get(reverse("cases:print"), query)
    assert page.status_code == 200
    out["print"] = [row[0] for row in page.context["rows"]]
    if user is not None:
        headers = bearer(user)
        api_csv = client.get(API, {**query, "format": "csv"}, headers=headers)
        out["api csv"] = [r[0] for r in csv_rows(api_csv)[1:]]
        api_xlsx = client.get(API, {**query, "format": "xlsx"}, headers=headers)
        out["api xlsx"] = [r[0] for r in xlsx_rows(api_xlsx)[1:]]
    return out


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_export_holds_exactly_the_cases_the_list_shows(client, tree, persona):
    # given: the matrix cases, one per kind of scope (own unit, joint, other unit, other province, shared, historic)
    cases = build_cases(tree)
    names = {case.reference: name for name, case in cases.items()}
    user = tree.users[persona]
    signed_in(client, user)
    # when
    shown = listed(client)
    found = exported(client, user=user)
    # then: the list's rows in the list's order, the persona's scope and nothing of another's
    assert {names[ref] for ref in shown} == MATRIX[persona][0]
    for way, refs in found.items():
        assert refs == shown, way


def test_anonymous_gets_nothing(client, tree):
    build_cases(tree)
    for url in (reverse("cases:export", args=["csv"]), reverse("cases:print")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.get(API, {"format": "csv"}).status_code == 401


def test_unknown_format_is_refused(client, tree):
    signed_in(client, tree.users["leader_national"])
    assert client.get(reverse("cases:export", args=["pdf"])).status_code == 404
    response = client.get(API, {"format": "pdf"}, headers=bearer(tree.users["leader_national"]))
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("invalid_input", "format")


@pytest.fixture
def varied(make_case, tree):
    """Cases of the Hữu Nghị customs officer that differ by category, date, status and goods."""
    officer = tree.users["officer_langson_customs"]
    made = {
        "jan_smuggling": make_case(detected_on=dt.date(2025, 1, 10), narrative="Thuốc lá điếu"),
        "feb_fraud": make_case(detected_on=dt.date(2025, 2, 10), category="trade_fraud"),
        "mar_smuggling": make_case(detected_on=dt.date(2025, 3, 10)),
        "apr_fraud": make_case(detected_on=dt.date(2025, 4, 10), category="trade_fraud"),
        "may_counterfeit": make_case(detected_on=dt.date(2025, 5, 10), category="counterfeit_ip"),
    }
    services.goods_line_add(case=made["mar_smuggling"], actor=officer, description="Đường cát")
    services.outcome_add(
        case=made["apr_fraud"],
        actor=officer,
        kind="penalty",
        number="7/QĐ-XPHC",
        decided_on=dt.date(2025, 4, 20),
    )
    return made


@pytest.mark.parametrize(
    "query",
    [
        {"category": "trade_fraud"},
        {"date_from": "2025-02-01", "date_to": "2025-03-31"},
        {"status": "sanctioned"},
        {"q": "thuoc la"},
        {"goods": "duong cat"},
        {"category": "smuggling", "date_from": "2025-03-01"},
        {"category": "no-such-category"},  # invalid: the page leaves it out, so its files too (the API: 422)
    ],
    ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()),
)
def test_filters_are_the_lists(client, tree, varied, query):
    user = tree.users["officer_langson_customs"]
    signed_in(client, user)
    shown = listed(client, query)
    assert shown, "each filter keeps some case"
    valid = "no-such-category" not in query.values()
    if valid:
        assert len(shown) < len(varied)
    for way, refs in exported(client, query, user=user if valid else None).items():
        assert refs == shown, way


def test_the_file_holds_every_row_not_one_page(client, tree, varied, make_case, monkeypatch):
    # given: a list page of two cases, files written two cases at a time, three cases on one day across chunks
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    monkeypatch.setattr(exports, "CHUNK", 2)
    same_day = [make_case(detected_on=dt.date(2025, 3, 10)) for _ in range(3)]
    signed_in(client, tree.users["officer_langson_customs"])
    everything = [*varied.values(), *same_day]
    newest_first = [
        c.reference for c in sorted(everything, key=lambda c: (c.detected_on, c.pk), reverse=True)
    ]
    # when
    page = listed(client)
    found = exported(client)
    # then
    assert page == newest_first[:2]
    assert found["csv"] == found["xlsx"] == found["print"] == newest_first


def test_list_links_carry_the_filters(client, tree, varied):
    signed_in(client, tree.users["officer_langson_customs"])
    response = client.get(reverse("cases:list"), {"category": "trade_fraud", "after": "2025-04-10_1"})
    html = response.content.decode()
    # the page's cursor stays behind: a file holds the whole list
    assert 'href="/cases/export/csv/?category=trade_fraud"' in html
    assert 'href="/cases/export/xlsx/?category=trade_fraud"' in html
    assert 'href="/cases/print/?category=trade_fraud"' in html


@pytest.fixture
def valued(make_case, tree):
    """A case with two goods lines, two penalty decisions and a remittance."""
    officer = tree.users["officer_langson_customs"]
    case = make_case(detected_on=dt.date(2025, 8, 1))
    services.goods_line_add(
        case=case,
        actor=officer,
        description="Thuốc lá điếu",
        quantity=Decimal("5000"),
        unit="bao",
        value_vnd=75_000_000,
    )
    services.goods_line_add(
        case=case,
        actor=officer,
        description="Gà thải",
        quantity=Decimal("1.5"),
        unit="tấn",
        value_vnd=30_000_000,
    )
    day = dt.date(2025, 8, 5)
    for number, fine in (("1/QĐ-XPHC", 40_000_000), ("2/QĐ-XPHC", 5_000_000)):
        services.outcome_add(
            case=case, actor=officer, kind="penalty", number=number, decided_on=day, fine_vnd=fine
        )
    services.outcome_add(case=case, actor=officer, kind="remittance", remitted_on=day, amount_vnd=45_000_000)
    return case


def test_csv_row_values(client, tree, valued):
    signed_in(client, tree.users["officer_langson_customs"])
    head, row = csv_rows(client.get(reverse("cases:export", args=["csv"])))
    assert head == exports.header()
    assert head[0] == "Số vụ việc"
    values = dict(zip([c.key for c in exports.COLUMNS], row, strict=True))
    assert values["reference"] == valued.reference
    assert values["category"] == "Buôn lậu, vận chuyển trái phép hàng hóa qua biên giới"
    assert values["detected_on"] == "2025-08-01"
    assert values["province"] == "Lạng Sơn"
    assert values["commune"] == "Xã Đồng Đăng"
    assert values["lead_unit"] == "Hải quan cửa khẩu Hữu Nghị"
    assert values["status"] == "Đã xử phạt hành chính"
    assert values["goods"] == "Thuốc lá điếu (5.000 bao); Gà thải (1,5 tấn)"
    assert (values["goods_value_vnd"], values["fines_vnd"], values["remitted_vnd"]) == (
        "105000000",
        "45000000",
        "45000000",
    )


def test_xlsx_holds_numbers_as_numbers_and_dates_as_dates(client, tree, valued):
    signed_in(client, tree.users["officer_langson_customs"])
    sheet = xlsx_sheet(client.get(reverse("cases:export", args=["xlsx"])))
    head = [cell.value for cell in sheet[1]]
    assert head == exports.header()
    row = {c.key: cell for c, cell in zip(exports.COLUMNS, sheet[2], strict=True)}
    assert row["detected_on"].is_date
    assert row["detected_on"].value.date() == dt.date(2025, 8, 1)
    assert row["detected_on"].number_format == exports.DATE_FORMAT
    for key, amount in (
        ("goods_value_vnd", 105_000_000),
        ("fines_vnd", 45_000_000),
        ("remitted_vnd", 45_000_000),
    ):
        assert row[key].data_type == "n"
        assert row[key].value == amount and isinstance(row[key].value, int)
        assert row[key].number_format == exports.MONEY_FORMAT
    assert sheet.max_row == 2


def test_english_user_gets_english_headers_and_labels(client, tree, valued):
    user = tree.users["officer_langson_customs"]
    signed_in(client, user, lang="en")
    head, row = csv_rows(client.get(reverse("cases:export", args=["csv"])))
    assert head[:2] == ["Case number", "Category"]
    assert head[-3:] == [
        "Total value of goods (VND)",
        "Total fines (VND)",
        "Total remitted to the state budget (VND)",
    ]
    assert "Số vụ việc" not in head
    sheet = xlsx_sheet(client.get(reverse("cases:export", args=["xlsx"])))
    assert [cell.value for cell in sheet[1]] == head
    assert sheet.title == "Cases"
    api = client.get(API, {"format": "csv"}, headers={**bearer(user), "Accept-Language": "en"})
    assert csv_rows(api)[0] == head
    # the rows too: the goods quantity in English digits
    assert row[9] == "Thuốc lá điếu (5,000 bao); Gà thải (1.5 tấn)"


INJECTIONS = ['=HYPERLINK("http://example.com","x")', "+1+2", "-3+4", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]


@pytest.fixture
def injected(make_case, tree):
    officer = tree.users["officer_langson_customs"]
    for i, text in enumerate(INJECTIONS):
        case = make_case(detected_on=dt.date(2025, 6, 1 + i))
        services.goods_line_add(case=case, actor=officer, description=text)
    return INJECTIONS


def test_formula_injection_is_neutralised(client, tree, injected):
    signed_in(client, tree.users["officer_langson_customs"])
    goods_at = [c.key for c in exports.COLUMNS].index("goods")
    # CSV: every such cell starts with an apostrophe, so a spreadsheet shows it as text
    rows = csv_rows(client.get(reverse("cases:export", args=["csv"])))[1:]
    assert sorted(r[goods_at] for r in rows) == sorted("'" + text for text in injected)
    # XLSX: the text as written, stored as a string, never as a formula
    sheet = xlsx_sheet(client.get(reverse("cases:export", args=["xlsx"])))
    cells = [row[goods_at] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in cells) == sorted(injected)
    assert all(cell.data_type == "s" for cell in cells)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("Gà = 1", "Gà = 1")],
)
def test_safe_text(text, safe):
    assert exports.safe_text(text) == safe


def test_each_export_is_audited(client, tree, varied):
    user = tree.users["officer_langson_customs"]
    signed_in(client, user)
    query = {"category": "trade_fraud", "date_from": "2025-01-01"}
    before = AuditEvent.objects.filter(verb="case.list_exported").count()
    csv_rows(client.get(reverse("cases:export", args=["csv"]), query))
    client.get(reverse("cases:print"), query)
    xlsx_rows(client.get(API, {**query, "format": "xlsx"}, headers=bearer(user)))
    events = list(AuditEvent.objects.filter(verb="case.list_exported").order_by("id"))[before:]
    want = {"category": "trade_fraud", "date_from": "2025-01-01"}
    assert [(e.actor_id, e.channel, e.data["format"], e.data["rows"], e.data["filters"]) for e in events] == [
        (user.pk, "web", "csv", 2, want),
        (user.pk, "web", "print", 2, want),
        (user.pk, "api", "xlsx", 2, want),
    ]


def test_print_page_cuts_long_lists_and_says_so(client, tree, varied, monkeypatch):
    monkeypatch.setattr(exports, "PRINT_LIMIT", 3)
    user = tree.users["officer_langson_customs"]
    signed_in(client, user)
    response = client.get(reverse("cases:print"), {"date_from": "2025-01-01"})
    assert response.context["cut"] is True
    assert response.context["total"] == 5
    assert len(response.context["rows"]) == 3
    html = response.content.decode()
    assert "Danh sách có 5 vụ việc; bản in chỉ gồm 3 vụ mới nhất." in html
    assert "Phát hiện từ ngày" in html and "01/01/2025" in html  # the filters are printed with the list
    event = AuditEvent.objects.filter(verb="case.list_exported").latest("id")
    assert event.data["rows"] == 3
    # a short list is whole and says nothing of a cut
    response = client.get(reverse("cases:print"), {"category": "trade_fraud"})
    assert response.context["cut"] is False
    assert "bản in chỉ gồm" not in response.content.decode()


def test_print_pages_use_the_apps_print_stylesheet_and_nothing_inline(client, tree, valued):
    signed_in(client, tree.users["officer_langson_customs"])
    for url, link in (
        (reverse("cases:print"), '<link rel="stylesheet" href="/static/cases/print.css">'),
        (
            reverse("cases:detail", args=[valued.pk]),
            '<link rel="stylesheet" href="/static/cases/print.css" media="print">',
        ),
    ):
        html = client.get(url).content.decode()
        assert link in html, url
        assert "<style" not in html and "style=" not in html, url
        assert "<script>" not in html and "onclick" not in html, url
    assert finders.find("cases/print.css") and finders.find("cases/print.js")


def test_xlsx_longer_than_a_worksheet_is_refused_not_cut(client, tree, varied, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 4)
    user = tree.users["officer_langson_customs"]
    signed_in(client, user)
    before = AuditEvent.objects.filter(verb="case.list_exported").count()
    response = client.get(reverse("cases:export", args=["xlsx"]))
    assert response.status_code == 400
    assert "Danh sách có 5 vụ việc, quá 4 dòng" in response.content.decode()
    api = client.get(API, {"format": "xlsx"}, headers=bearer(user))
    assert api.status_code == 400
    assert (api.json()["code"], api.json()["field"]) == ("too_many_rows", "format")
    assert AuditEvent.objects.filter(verb="case.list_exported").count() == before  # nothing left the system
    # a narrower list, or the CSV, still comes out whole
    assert (
        len(xlsx_rows(client.get(reverse("cases:export", args=["xlsx"]), {"category": "trade_fraud"}))) == 3
    )
    assert len(csv_rows(client.get(reverse("cases:export", args=["csv"])))) == 6
