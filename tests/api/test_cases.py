"""Every case endpoint: the happy path and its errors, in the one error schema; writes audited."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sc389.cases import services
from sc389.cases.models import Case, CommodityGroup, ViolationType
from sc389.core.models import AuditEvent

from ..orgtree import historic
from .conftest import assert_error

OFFICER = "officer_langson_customs"
WHY = {"reason": "Ghi nhầm"}  # a removal needs its reason (soft delete, issue 6)


def events(case, verb):
    return AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk), verb=verb)


@pytest.fixture
def case(make_case):
    return make_case(place_text="Mốc 1119", narrative="Vận chuyển gia cầm qua đường mòn Lạng Sơn")


@pytest.fixture
def cigarettes(db):
    return CommodityGroup.objects.create(code="cigarettes", name="Thuốc lá điếu", name_en="Cigarettes")


# ---- list ----------------------------------------------------------------------------------------------------


def test_list_filters_like_the_web(call, make_case, tree, cigarettes):
    # given: three cases of the Hữu Nghị customs, different dates, categories and goods
    old = make_case(detected_on=dt.date(2024, 5, 1), narrative="Hàng Hoà Bình")
    fraud = make_case(detected_on=dt.date(2025, 4, 1), category="trade_fraud", place=tree.communes["kyla"])
    cig = make_case(detected_on=dt.date(2025, 6, 1))
    services.goods_line_add(
        case=cig, actor=tree.users[OFFICER], description="Thuốc lá điếu Jet", commodity_group=cigarettes
    )

    def ids(**query):
        response = call(OFFICER, "GET", "/cases", query=query)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    # then: newest first, and each filter of CaseFilters applies
    assert ids() == [cig.pk, fraud.pk, old.pk]
    assert ids(date_from="2025-01-01") == [cig.pk, fraud.pk]
    assert ids(date_to="2024-12-31") == [old.pk]
    assert ids(category="trade_fraud") == [fraud.pk]
    assert ids(commune=tree.communes["kyla"].pk) == [fraud.pk]
    assert ids(place=tree.communes["dongdang"].pk) == [cig.pk, old.pk]
    assert ids(province=tree.provinces["langson"].pk) == [cig.pk, fraud.pk, old.pk]
    assert ids(province=tree.provinces["hungyen"].pk) == []
    assert ids(unit=tree.units["customs_huunghi"].pk) == [cig.pk, fraud.pk, old.pk]
    assert ids(unit=tree.units["bp_langson"].pk) == []
    assert ids(status="open") == [cig.pk, fraud.pk, old.pk]
    assert ids(channel="trail") == []
    assert ids(commodity_group=cigarettes.pk) == [cig.pk]
    assert ids(goods="thuoc la") == [cig.pk]
    assert ids(q="hoa binh") == [old.pk]  # "Hoà" found without marks


def test_list_walks_pages_by_cursor_without_counting(call, make_case, django_assert_max_num_queries):
    made = [make_case(detected_on=dt.date(2025, 1, 1) + dt.timedelta(days=i % 3)) for i in range(7)]
    expected = [c.pk for c in sorted(made, key=lambda c: (c.detected_on, c.pk), reverse=True)]
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        response = call(OFFICER, "GET", "/cases", query=query)
        body = response.json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == expected and pages == 3
    assert set(body) == {"items", "next"}  # no total: a page never counts the whole result


def test_list_query_count_does_not_grow_with_the_page(call, make_case, django_assert_max_num_queries):
    for i in range(30):
        make_case(detected_on=dt.date(2025, 1, 1) + dt.timedelta(days=i))
    call(OFFICER, "GET", "/cases", query={"limit": 1})  # warm up (token last-used write)
    with CaptureQueriesContext(connection) as one_row:
        call(OFFICER, "GET", "/cases", query={"limit": 1})
    # token, memberships, unit tree, scope checks and the page itself: a fixed number, whatever the page size
    with django_assert_max_num_queries(10):
        response = call(OFFICER, "GET", "/cases", query={"limit": 30})
    assert len(response.json()["items"]) == 30
    with CaptureQueriesContext(connection) as thirty_rows:
        call(OFFICER, "GET", "/cases", query={"limit": 30})
    assert len(thirty_rows) == len(one_row)


def test_list_rejects_a_forged_cursor_and_bad_filters(call, case):
    assert_error(call(OFFICER, "GET", "/cases", query={"cursor": "!!!"}), 400, "invalid_cursor", "cursor")
    body = assert_error(
        call(OFFICER, "GET", "/cases", query={"category": "tea", "limit": 0}), 422, "invalid_input"
    )
    assert {e["field"] for e in body["errors"]} == {"category", "limit"}


# ---- detail --------------------------------------------------------------------------------------------------


def test_detail_has_parts_and_outcomes(call, case, tree):
    officer = tree.users[OFFICER]
    services.goods_line_add(
        case=case, actor=officer, description="Gà thải", quantity=500, unit="kg", value_vnd=10**7
    )
    services.party_add(case=case, actor=officer, kind="vehicle", plate="12C-123.45")
    services.outcome_add(
        case=case,
        actor=officer,
        kind="penalty",
        number="12/QĐ-XPHC",
        decided_on=dt.date(2025, 3, 5),
        fine_vnd=5_000_000,
    )
    services.case_update(case=case, actor=officer, participants=[tree.units["bp_langson"]])
    body = call(OFFICER, "GET", f"/cases/{case.pk}").json()
    assert body["reference"] == case.reference and body["status"] == "sanctioned"
    assert body["handled_on"] == "2025-03-05"
    assert body["goods"][0]["description"] == "Gà thải" and body["goods"][0]["value_vnd"] == 10**7
    assert body["parties"][0]["plate"] == "12C12345"  # normalised
    assert body["penalties"][0]["fine_vnd"] == 5_000_000
    assert [u["code"] for u in body["participants"]] == ["BP-LS"]
    assert body["province"]["name"] == "Lạng Sơn" and body["commune"]["id"] == tree.communes["dongdang"].pk


def test_detail_of_a_missing_case_is_404(call, db, tree):
    assert_error(call(OFFICER, "GET", "/cases/999999"), 404, "not_found")


def test_history_lists_the_audit_trail(call, case):
    call(OFFICER, "PATCH", f"/cases/{case.pk}", {"version": case.version, "narrative": "Sửa qua API"})
    body = call(OFFICER, "GET", f"/cases/{case.pk}/history").json()
    assert [e["verb"] for e in body] == ["case.updated", "case.created"]
    assert body[0]["channel"] == "api" and body[0]["actor"] == OFFICER
    assert body[0]["changes"]["narrative"][1] == "Sửa qua API"


# ---- create --------------------------------------------------------------------------------------------------


def test_create(call, tree):
    vt = ViolationType.objects.create(code="poultry", name="Vận chuyển gia cầm", category="smuggling")
    payload = {
        "lead_unit": tree.units["customs_huunghi"].pk,
        "category": "smuggling",
        "detected_on": "2025-07-15",
        "place": tree.communes["dongdang"].pk,
        "participants": [tree.units["bp_langson"].pk],
        "violation_type": vt.pk,
        "channel": "border_gate",
        "place_text": "Cửa khẩu  Hữu Nghị",
        "narrative": "Phát hiện xe tải chở gà",
    }
    response = call(OFFICER, "POST", "/cases", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("20-2025-") and body["place_text"] == "Cửa khẩu Hữu Nghị"
    assert body["violation_type"]["code"] == "poultry"
    assert [u["code"] for u in body["participants"]] == ["BP-LS"]
    case = Case.objects.get(pk=body["id"])
    event = events(case, "case.created").get()
    assert event.channel == "api" and event.actor == tree.users[OFFICER]


def test_create_historic_place_maps_to_todays_province(call, tree):
    payload = {
        "lead_unit": tree.units["police_hungyen"].pk,
        "category": "counterfeit_ip",
        "detected_on": "2024-02-01",
        "place": historic("district", "Thái Bình").pk,
    }
    body = call("officer_hungyen_police", "POST", "/cases", payload).json()
    assert body["province"]["code"] == "33" and body["commune"] is None
    assert body["place"]["valid_to"] is not None


def test_create_for_another_unit_is_403(call, tree):
    payload = {
        "lead_unit": tree.units["customs_huunghi"].pk,
        "category": "smuggling",
        "detected_on": "2025-07-15",
        "place": tree.communes["dongdang"].pk,
    }
    assert_error(call("officer_langson_qltt", "POST", "/cases", payload), 403, "case.not_allowed")
    assert not Case.objects.exists()


def test_create_with_unknown_references_and_bad_input(call, tree):
    base = {"category": "smuggling", "detected_on": "2025-07-15", "place": tree.communes["dongdang"].pk}
    assert_error(
        call(OFFICER, "POST", "/cases", {**base, "lead_unit": 999999}), 400, "invalid_reference", "lead_unit"
    )
    good = {**base, "lead_unit": tree.units["customs_huunghi"].pk}
    assert_error(
        call(OFFICER, "POST", "/cases", {**good, "participants": [999999]}), 400, field="participants"
    )
    body = assert_error(
        call(OFFICER, "POST", "/cases", {**good, "detected_on": "15/07/2025"}),
        422,
        "invalid_input",
        "detected_on",
    )
    assert "YYYY-MM-DD" in body["message"]
    assert_error(
        call(OFFICER, "POST", "/cases", {**good, "channel_url": "not a url"}), 400, "invalid", "channel_url"
    )
    assert not Case.objects.exists()


def test_error_messages_are_vietnamese_by_default(call, tree):
    payload = {
        "category": "smuggling",
        "detected_on": "2025-07-15",
        "place": tree.communes["dongdang"].pk,
        "lead_unit": tree.units["customs_huunghi"].pk,
    }
    vi = call("officer_langson_qltt", "POST", "/cases", payload).json()
    assert "không có quyền" in vi["message"]


# ---- update --------------------------------------------------------------------------------------------------


def test_update(call, case, tree):
    response = call(
        OFFICER,
        "PATCH",
        f"/cases/{case.pk}",
        {
            "version": case.version,
            "place": tree.communes["kyla"].pk,
            "channel": "trail",
            "participants": [tree.units["bp_langson"].pk],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["commune"]["id"] == tree.communes["kyla"].pk and body["channel"] == "trail"
    assert body["version"] == case.version + 1
    assert body["narrative"] == case.narrative  # fields not sent are kept
    changes = events(case, "case.updated").get().changes
    assert changes["channel"] == ["other", "trail"] and changes["participants"] == [
        [],
        [tree.units["bp_langson"].pk],
    ]


def test_update_with_a_stale_version_is_409_with_the_current_state(call, case, tree):
    first = call(OFFICER, "PATCH", f"/cases/{case.pk}", {"version": case.version, "narrative": "Bản A"})
    assert first.status_code == 200
    second = call(
        "reviewer_langson_customs",
        "PATCH",
        f"/cases/{case.pk}",
        {"version": case.version, "narrative": "Bản B"},
    )
    body = assert_error(second, 409, "case.stale_version")
    assert body["current"]["narrative"] == "Bản A" and body["current"]["version"] == case.version + 1
    assert Case.objects.get(pk=case.pk).narrative == "Bản A"


def test_update_errors(call, case, tree):
    path = f"/cases/{case.pk}"
    assert_error(call(OFFICER, "PATCH", path, {"narrative": "x"}), 422, "invalid_input", "version")
    assert_error(
        call(OFFICER, "PATCH", path, {"version": case.version, "category": None}), 400, "required", "category"
    )
    assert_error(
        call(OFFICER, "PATCH", path, {"version": case.version, "place": 999999}),
        400,
        "invalid_reference",
        "place",
    )
    assert_error(
        call("leader_langson", "PATCH", path, {"version": case.version, "narrative": "x"}),
        403,
        "case.not_allowed",
    )
    assert_error(
        call("officer_hungyen_police", "PATCH", path, {"version": case.version, "narrative": "x"}), 404
    )
    # moving the case to a unit the officer does not write for is refused
    moved = call(
        OFFICER, "PATCH", path, {"version": case.version, "lead_unit": tree.units["police_hungyen"].pk}
    )
    assert_error(moved, 403, "case.not_allowed")
    assert not events(case, "case.updated").exists()


# ---- goods and parties -----------------------------------------------------------------------------------------


def test_goods_add_and_remove(call, case, cigarettes):
    added = call(
        OFFICER,
        "POST",
        f"/cases/{case.pk}/goods",
        {
            "description": "Thuốc lá  Jet",
            "commodity_group": cigarettes.pk,
            "hs_code": "240220",
            "quantity": "1500.5",
            "unit": "bao",
            "value_vnd": 30_000_000,
        },
    )
    assert added.status_code == 201, added.content
    line = added.json()
    assert line["description"] == "Thuốc lá Jet" and line["commodity_group_id"] == cigarettes.pk
    assert events(case, "case.goods_added").get().channel == "api"
    assert call(OFFICER, "GET", "/cases", query={"goods": "jet"}).json()["items"][0]["id"] == case.pk
    removed = call(OFFICER, "DELETE", f"/cases/{case.pk}/goods/{line['id']}", WHY)
    assert removed.status_code == 204
    assert call(OFFICER, "GET", f"/cases/{case.pk}").json()["goods"] == []
    assert events(case, "case.goods_removed").exists()
    assert_error(call(OFFICER, "DELETE", f"/cases/{case.pk}/goods/{line['id']}"), 404)


def test_goods_errors(call, case):
    path = f"/cases/{case.pk}/goods"
    assert_error(
        call(OFFICER, "POST", path, {"description": "Gà", "hs_code": "12"}), 400, "invalid", "hs_code"
    )
    assert_error(call(OFFICER, "POST", path, {"description": "Gà", "value_vnd": -1}), 400, "invalid")
    assert_error(
        call(OFFICER, "POST", path, {"description": "Gà", "commodity_group": 999}),
        400,
        "invalid_reference",
        "commodity_group",
    )
    assert_error(call(OFFICER, "POST", path, {"value_vnd": 1}), 422, "invalid_input", "description")
    assert not events(case, "case.goods_added").exists()


def test_parties_add_update_remove(call, case):
    person = {
        "kind": "person",
        "name": "Nguyễn Văn An",
        "date_of_birth": "1985-03-02",
        "sex": "male",
        "id_number": "020085000123",
    }
    added = call(OFFICER, "POST", f"/cases/{case.pk}/parties", person)
    assert added.status_code == 201, added.content
    party = added.json()
    assert party["id_number"] == "020085000123"
    updated = call(
        OFFICER,
        "PATCH",
        f"/cases/{case.pk}/parties/{party['id']}",
        {"address": "Đồng Đăng, Lạng Sơn", "role": "driver"},
    )
    assert updated.status_code == 200 and updated.json()["role"] == "driver"
    assert events(case, "case.party_updated").get().changes["address"] == ["", "Đồng Đăng, Lạng Sơn"]
    assert call(OFFICER, "DELETE", f"/cases/{case.pk}/parties/{party['id']}", WHY).status_code == 204
    assert events(case, "case.party_removed").exists()


def test_party_identifiers_are_checked(call, case):
    path = f"/cases/{case.pk}/parties"
    wrong_year = {
        "kind": "person",
        "name": "Trần Thị B",
        "date_of_birth": "1990-01-01",
        "id_number": "020085000123",
    }
    body = assert_error(call(OFFICER, "POST", path, wrong_year), 400, "invalid", "id_number")
    assert "1985" in body["message"] and "1990" in body["message"]
    assert_error(
        call(OFFICER, "POST", path, {"kind": "company", "name": "Cty A", "tax_code": "0100109105"}),
        400,
        field="tax_code",
    )
    assert_error(call(OFFICER, "POST", path, {"kind": "vehicle"}), 400, field="plate")
    assert_error(call(OFFICER, "POST", path, {"kind": "alien"}), 422, "invalid_input", "kind")
    assert_error(call(OFFICER, "PATCH", f"{path}/999999", {"name": "x"}), 404)
    assert_error(call(OFFICER, "DELETE", f"{path}/999999"), 404)


# ---- outcomes ------------------------------------------------------------------------------------------------


def test_outcomes_add_and_remove_drive_the_status(call, case, tree):
    base = f"/cases/{case.pk}/outcomes"

    def status():
        return call(OFFICER, "GET", f"/cases/{case.pk}").json()["status"]

    transfer = call(
        OFFICER,
        "POST",
        f"{base}/transfer",
        {
            "to_unit": tree.units["police_hungyen"].pk,
            "transferred_on": "2025-03-10",
            "document_number": "05/CV-HQ",
        },
    )
    assert transfer.status_code == 201, transfer.content
    assert transfer.json()["to_unit"]["code"] == "CA-HY-KT" and status() == "transferred"
    penalty = call(
        OFFICER,
        "POST",
        f"{base}/penalty",
        {
            "number": "123/QĐ-XPHC",
            "decided_on": "2025-03-05",
            "fine_vnd": 20_000_000,
            "confiscated_value_vnd": 50_000_000,
            "destroyed": True,
        },
    )
    assert penalty.status_code == 201 and status() == "sanctioned"
    remittance = call(
        OFFICER, "POST", f"{base}/remittance", {"remitted_on": "2025-03-20", "amount_vnd": 20_000_000}
    )
    assert remittance.status_code == 201 and remittance.json()["kind"] == "fine"
    tax = call(
        OFFICER,
        "POST",
        f"{base}/remittance",
        {"remitted_on": "2025-03-21", "amount_vnd": 10**6, "kind": "tax"},
    )
    assert tax.status_code == 201 and tax.json()["kind"] == "tax"  # the remittance's own kind is kept
    prosecution = call(
        OFFICER,
        "POST",
        f"{base}/prosecution",
        {
            "decision_number": "01/QĐ-KTVA",
            "decided_on": "2025-04-01",
            "defendants": 2,
            "investigating_agency": "Cơ quan CSĐT Công an tỉnh Lạng Sơn",
        },
    )
    assert prosecution.status_code == 201 and status() == "prosecuted"
    assert call(OFFICER, "GET", f"/cases/{case.pk}").json()["handled_on"] == "2025-03-05"
    assert events(case, "case.prosecution_added").get().channel == "api"

    assert call(OFFICER, "DELETE", f"{base}/prosecution/{prosecution.json()['id']}", WHY).status_code == 204
    assert status() == "sanctioned"
    assert call(OFFICER, "DELETE", f"{base}/penalty/{penalty.json()['id']}", WHY).status_code == 204
    assert call(OFFICER, "DELETE", f"{base}/remittance/{remittance.json()['id']}", WHY).status_code == 204
    assert call(OFFICER, "DELETE", f"{base}/remittance/{tax.json()['id']}", WHY).status_code == 204
    assert call(OFFICER, "DELETE", f"{base}/transfer/{transfer.json()['id']}", WHY).status_code == 204
    assert status() == "open"
    assert events(case, "case.transfer_removed").exists()


def test_outcome_errors(call, case, make_case):
    base = f"/cases/{case.pk}/outcomes"
    assert_error(
        call(OFFICER, "POST", f"{base}/remittance", {"remitted_on": "2025-03-20", "amount_vnd": 0}),
        400,
        "invalid",
    )
    assert_error(
        call(
            OFFICER, "POST", f"{base}/penalty", {"number": "1/QĐ", "decided_on": "2025-03-05", "fine_vnd": -5}
        ),
        400,
        "invalid",
    )
    assert_error(call(OFFICER, "POST", f"{base}/transfer", {"transferred_on": "2025-03-05"}), 400, "invalid")
    assert_error(
        call(OFFICER, "POST", f"{base}/prosecution", {"decided_on": "2025-03-05"}),
        422,
        field="decision_number",
    )
    assert_error(call(OFFICER, "DELETE", f"{base}/verdict/1"), 422, "invalid_input", "kind")
    # an outcome of another case is not reachable through this one
    other = make_case()
    penalty = services.outcome_add(
        case=other, actor=case.created_by, kind="penalty", number="9/QĐ", decided_on=dt.date(2025, 3, 5)
    )
    assert_error(call(OFFICER, "DELETE", f"{base}/penalty/{penalty.pk}"), 404)


# ---- merge and share -----------------------------------------------------------------------------------------


def test_merge_and_undo(call, case, make_case, tree):
    # given: the same event recorded by the border guard, as a joint case the customs officer also writes for
    other = make_case(
        officer="officer_langson_bp", unit="bp_langson", participants=[tree.units["customs_huunghi"]]
    )
    merged = call(OFFICER, "POST", f"/cases/{case.pk}/merge", {"absorbed": other.pk, "reason": "Cùng một vụ"})
    assert merged.status_code == 201, merged.content
    merge = merged.json()
    assert merge["absorbed"]["id"] == other.pk and merge["added_unit_ids"] == [tree.units["bp_langson"].pk]
    detail = call(OFFICER, "GET", f"/cases/{case.pk}").json()
    assert detail["merges"][0]["id"] == merge["id"]
    assert call(OFFICER, "GET", f"/cases/{other.pk}").json()["merged_into"]["id"] == case.pk
    assert other.pk not in [c["id"] for c in call(OFFICER, "GET", "/cases").json()["items"]]
    assert other.pk in [
        c["id"] for c in call(OFFICER, "GET", "/cases", query={"include_merged": True}).json()["items"]
    ]
    assert_error(
        call(OFFICER, "POST", f"/cases/{case.pk}/merge", {"absorbed": other.pk}), 400, "case.already_merged"
    )

    undone = call(OFFICER, "POST", f"/cases/{case.pk}/merges/{merge['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert call(OFFICER, "GET", f"/cases/{other.pk}").json()["status"] == "open"
    assert_error(
        call(OFFICER, "POST", f"/cases/{case.pk}/merges/{merge['id']}/undo"), 400, "case.merge_already_undone"
    )
    assert events(case, "case.merged").get().channel == "api" and events(case, "case.unmerged").exists()


def test_merge_errors(call, case, make_case):
    assert_error(
        call(OFFICER, "POST", f"/cases/{case.pk}/merge", {"absorbed": case.pk}), 400, "case.merge_self"
    )
    hidden = make_case(
        officer="officer_hungyen_police", unit="police_hungyen", place=historic("district", "Thái Bình")
    )
    assert_error(call(OFFICER, "POST", f"/cases/{case.pk}/merge", {"absorbed": hidden.pk}), 404)
    assert_error(call(OFFICER, "POST", f"/cases/{case.pk}/merges/999999/undo"), 404)


def test_share(call, make_case, tree):
    case = make_case(
        officer="officer_hungyen_police", unit="police_hungyen", place=tree.communes["hungyen_ward"]
    )
    assert_error(call("officer_caobang_bp", "GET", f"/cases/{case.pk}"), 404)
    shared = call(
        "officer_hungyen_police",
        "POST",
        f"/cases/{case.pk}/shares",
        {"unit": tree.units["bp_caobang"].pk, "note": "Phối hợp"},
    )
    assert shared.status_code == 201, shared.content
    assert shared.json()["unit"]["code"] == "BP-CB"
    assert call("officer_caobang_bp", "GET", f"/cases/{case.pk}").status_code == 200
    assert events(case, "case.shared").get().channel == "api"
    by_committee = call(
        "officer_hungyen_police",
        "POST",
        f"/cases/{case.pk}/shares",
        {"committee": tree.committees["langson"].pk},
    )
    assert by_committee.status_code == 201 and by_committee.json()["committee"]["code"] == "BCD389-20"
    assert_error(call("officer_hungyen_police", "POST", f"/cases/{case.pk}/shares", {}), 400, "invalid")
    assert_error(
        call("officer_hungyen_police", "POST", f"/cases/{case.pk}/shares", {"unit": 999999}),
        400,
        "invalid_reference",
        "unit",
    )


def test_api_filters_are_the_web_filters():
    """The list's query parameters are exactly cases.selectors.CaseFilters, so the two channels never drift."""
    from dataclasses import fields

    from sc389.cases.schemas import CaseFiltersIn
    from sc389.cases.selectors import CaseFilters

    assert set(CaseFiltersIn.model_fields) == {f.name for f in fields(CaseFilters)}
