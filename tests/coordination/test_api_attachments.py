"""Replies with attachments through the API: multipart upload with the web's checks, stored under their
SHA-256, listed in the read API and downloaded by those who may see the request only (API and web)."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from sc389.coordination import services
from sc389.coordination.models import Reply

PDF = b"%PDF-1.7\n" + b"0" * 200


@pytest.fixture
def request_(tree):
    return services.request_create(
        actor=tree.users["officer_langson_customs"],
        kind="verify_vehicle",
        from_unit=tree.units["customs_huunghi"],
        to_unit=tree.units["bp_caobang"],
        subject="Xác minh xe 12C-123.45",
        deadline=dt.date.today() + dt.timedelta(days=3),
    )


def _post(call, persona, path, **data):
    return call.client.post(
        f"/api/v1/coordination/requests/{path}",
        data,
        headers={"Authorization": f"Bearer {call.tokens[persona]}"},
    )


def test_a_reply_with_files_is_stored_by_hash_listed_and_downloaded(tree, request_, call):
    # when the receiving unit answers with a PDF
    response = _post(
        call,
        "officer_caobang_bp",
        f"{request_.pk}/replies/upload",
        body="Xe đăng ký tại Cao Bằng",
        files=[SimpleUploadedFile("ket-qua.pdf", PDF, content_type="application/pdf")],
    )
    # then the request is answered and the file listed with its hash and its route
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "answered"
    [reply] = body["replies"]
    [file] = reply["files"]
    assert reply["attachments"] == ["ket-qua.pdf"]
    assert (file["name"], file["content_type"], file["size"]) == ("ket-qua.pdf", "application/pdf", len(PDF))
    assert file["sha256"] == hashlib.sha256(PDF).hexdigest()
    stored = Reply.objects.get().attachments.get()
    assert file["sha256"] in stored.file.name and "ket-qua" not in stored.file.name
    # the asking side downloads it, as an attachment that is never sniffed
    download = call("officer_langson_customs", "GET", file["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    # the unit above the asker and the national committee too; Hưng Yên's police and the commune do not
    assert call("leader_customs_region", "GET", file["url"]).status_code == 200
    assert call("analyst_national", "GET", file["url"]).status_code == 200
    for outsider in ("officer_hungyen_police", "staff_commune_a", "leader_hungyen"):
        assert call(outsider, "GET", file["url"]).status_code == 404, outsider
    # the read API lists it too
    listed = call("officer_langson_customs", "GET", f"/coordination/requests/{request_.pk}").json()
    assert listed["replies"][0]["files"] == [file]
    # and the web page links the same file, scoped alike
    web = f"/coordination/requests/{request_.pk}/attachments/{file['id']}/"
    call.client.force_login(tree.users["officer_langson_customs"])
    assert b"".join(call.client.get(web).streaming_content) == PDF
    call.client.force_login(tree.users["officer_hungyen_police"])
    assert call.client.get(web).status_code == 404


def test_a_file_of_another_kind_or_too_large_is_refused_and_nothing_written(tree, request_, call):
    response = _post(
        call,
        "officer_caobang_bp",
        f"{request_.pk}/replies/upload",
        body="Kết quả",
        files=[SimpleUploadedFile("ket-qua.pdf", b"MZ\x90\x00 not a pdf")],
    )
    assert response.status_code == 400
    assert response.json()["code"] == "case.bad_attachment" and "ket-qua.pdf" in response.json()["message"]
    with override_settings(ATTACHMENT_MAX_BYTES=100):
        response = _post(
            call,
            "officer_caobang_bp",
            f"{request_.pk}/replies/upload",
            body="Kết quả",
            files=[SimpleUploadedFile("lon.pdf", PDF)],
        )
    assert response.status_code == 400 and "lon.pdf" in response.json()["message"]
    request_.refresh_from_db()
    assert not Reply.objects.exists() and request_.status == "open"


def test_a_reply_without_files_through_the_multipart_route(tree, request_, call):
    response = _post(call, "officer_langson_customs", f"{request_.pk}/replies/upload", body="Bổ sung ảnh sau")
    assert response.status_code == 201
    assert response.json()["replies"][0]["files"] == []
    missing = _post(call, "officer_langson_customs", f"{request_.pk}/replies/upload", body="  ")
    assert missing.status_code == 400 and missing.json()["code"] == "coordination.empty_text"
