"""Every page of the case register renders for a user allowed on it."""

import pytest
from django.urls import reverse

from sc389.cases import services
from sc389.core.models import AuditEvent

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def full_case(make_case, tree):
    """A case with every kind of part, so each section of the pages has something to show."""
    officer = tree.users["officer_langson_customs"]
    case = make_case(place_text="Mốc 1119", narrative="Vận chuyển 1.200 bao thuốc lá điếu nhập lậu")
    services.goods_line_add(
        case=case,
        actor=officer,
        description="Thuốc lá điếu Jet",
        quantity=1200,
        unit="bao",
        value_vnd=36_000_000,
    )
    services.party_add(case=case, actor=officer, kind="vehicle", role="owner", plate="12C-345.67")
    services.outcome_add(
        case=case,
        actor=officer,
        kind="penalty",
        number="15/QĐ-XPHC",
        decided_on=case.detected_on,
        fine_vnd=66_400_000_000,
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.attachment_add(
        case=case,
        actor=officer,
        kind="photo",
        upload=SimpleUploadedFile("anh hien truong.png", PNG, content_type="image/png"),
    )
    case.refresh_from_db()
    return case


def test_login_page_is_public(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.parametrize("name", ["home", "cases:list", "cases:create", "cases:place_search"])
def test_pages_require_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_leads_to_the_home_page_of_the_role(login):
    # the home page moved from the case list to the reports dashboard (core.views.home)
    response = login("leader_national").get("/")
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


def test_login_with_password_reaches_the_list(client, tree):
    from tests.orgtree import PASSWORD

    response = client.post(
        reverse("login"), {"username": "officer_langson_customs", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("cases:list")
    assert "Sổ vụ việc vi phạm" in response.content.decode()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders_for_its_officer(login, full_case, lang):
    client = login("officer_langson_customs", lang=lang)
    pages = [
        reverse("cases:list"),
        reverse("cases:create"),
        reverse("cases:detail", args=[full_case.pk]),
        reverse("cases:edit", args=[full_case.pk]),
        reverse("cases:place_search") + "?place_q=dong+dang",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Language"] == lang


def test_case_page_shows_parts_history_and_vietnamese_money(login, full_case):
    html = login("leader_langson").get(reverse("cases:detail", args=[full_case.pk])).content.decode()
    for text in ("Thuốc lá điếu Jet", "12C34567", "15/QĐ-XPHC", "anh hien truong.png", "Mốc 1119"):
        assert text in html
    assert "66,4 tỷ đồng" in html  # the fine
    assert "36 triệu đồng" in html  # the goods value
    assert "1.200 bao" in html
    # history: who, what, field-level before → after
    assert "Thêm quyết định xử phạt" in html and "Đã xử phạt hành chính" in html
    assert "Officer Langson Customs" in html


def test_case_page_in_english(login, full_case):
    html = (
        login("leader_langson", lang="en").get(reverse("cases:detail", args=[full_case.pk])).content.decode()
    )
    assert "VND 66.4 billion" in html
    assert "1,200" in html
    assert "Penalty decision added" in html
    assert "Administrative penalty imposed" in html


def test_attachment_download_is_an_attachment_with_its_type(login, full_case):
    attachment = full_case.attachments.get()
    response = login("leader_langson").get(reverse("cases:attachment", args=[full_case.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PNG


def test_attachment_of_another_case_is_not_found(login, full_case, make_case):
    other = make_case()
    attachment = full_case.attachments.get()
    response = login("officer_langson_customs").get(
        reverse("cases:attachment", args=[other.pk, attachment.pk])
    )
    assert response.status_code == 404


def test_writes_from_the_pages_are_audited_as_web(login, full_case):
    client = login("officer_langson_customs")
    client.post(
        reverse("cases:goods_add", args=[full_case.pk]),
        {"goods-description": "Pháo hoa", "goods-value_vnd": "0"},
    )
    event = AuditEvent.objects.filter(verb="case.goods_added").order_by("-id").first()
    assert event.channel == "web" and event.ip == "127.0.0.1"
