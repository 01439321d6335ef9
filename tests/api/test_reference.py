"""Reference lists: administrative units across the 2025 reform, forces, units, committees, managed lists."""

from sc389.cases.models import CommodityGroup, ViolationType

from ..orgtree import historic
from .conftest import assert_error

WHO = "leader_hungyen"


def test_admin_units_search_ignores_marks_and_pages(call, tree):
    body = call(WHO, "GET", "/reference/admin-units", query={"q": "lang son", "level": "province"}).json()
    assert [u["name"] for u in body["items"]] == ["Lạng Sơn"] and body["count"] == 1
    communes = call(
        WHO, "GET", "/reference/admin-units", query={"parent": tree.provinces["langson"].pk, "limit": 5}
    )
    page = communes.json()
    assert len(page["items"]) == 5 and page["count"] > 5
    assert all(u["parent_id"] == tree.provinces["langson"].pk for u in page["items"])
    provinces = call(WHO, "GET", "/reference/admin-units", query={"level": "province", "limit": 100}).json()
    assert provinces["count"] == 34  # today's map only, by default


def test_admin_units_by_validity(call, tree):
    thai_binh = historic("district", "Thái Bình")
    today = call(WHO, "GET", "/reference/admin-units", query={"q": "thai binh", "level": "district"}).json()
    assert today["items"] == []
    then = call(
        WHO,
        "GET",
        "/reference/admin-units",
        query={"q": "thai binh", "level": "district", "on": "2024-01-01"},
    )
    assert thai_binh.pk in [u["id"] for u in then.json()["items"]]
    anytime = call(
        WHO, "GET", "/reference/admin-units", query={"q": "thai binh", "include_historic": True}
    ).json()
    assert thai_binh.pk in [u["id"] for u in anytime["items"]]
    assert all(u["valid_to"] for u in anytime["items"] if u["level"] == "district")


def test_admin_unit_detail_has_predecessors_and_successors(call, tree):
    hung_yen = call(WHO, "GET", f"/reference/admin-units/{tree.provinces['hungyen'].pk}").json()
    assert "Tỉnh Thái Bình" in [p["name"] for p in hung_yen["predecessors"]]
    old = next(p for p in hung_yen["predecessors"] if p["name"] == "Tỉnh Thái Bình")
    old_detail = call(WHO, "GET", f"/reference/admin-units/{old['id']}").json()
    assert [s["name"] for s in old_detail["successors"]] == ["Hưng Yên"] and old_detail[
        "valid_to"
    ] == "2025-06-30"
    assert old_detail["current_province"]["id"] == tree.provinces["hungyen"].pk
    assert_error(call(WHO, "GET", "/reference/admin-units/99999999"), 404, "not_found")


def test_forces_units_committees(call, tree):
    forces = call(WHO, "GET", "/reference/forces").json()
    assert {"customs", "border_guard", "police", "market_surveillance"} <= {f["code"] for f in forces}
    customs = call(WHO, "GET", "/reference/units", query={"force": "customs"}).json()
    assert {u["code"] for u in customs["items"]} == {"HQ-KV6", "HQ-HN"}
    # the regional customs branch covers Cao Bằng though it is based in Lạng Sơn
    caobang = call(WHO, "GET", "/reference/units", query={"province": tree.provinces["caobang"].pk}).json()
    assert {u["code"] for u in caobang["items"]} == {"HQ-KV6", "BP-CB"}
    found = call(WHO, "GET", "/reference/units", query={"q": "huu nghi"}).json()
    assert [u["code"] for u in found["items"]] == ["HQ-HN"] and found["items"][0]["force"] == "customs"
    committees = call(WHO, "GET", "/reference/committees", query={"level": "province"}).json()
    assert {c["code"] for c in committees} == {"BCD389-20", "BCD389-4", "BCD389-33"}
    assert [
        c["code"] for c in call(WHO, "GET", "/reference/committees", query={"q": "dong dang"}).json()
    ] == ["BCD389-DD"]


def test_managed_lists_and_choices(call, tree):
    ViolationType.objects.create(code="poultry", name="Vận chuyển gia cầm", category="smuggling")
    ViolationType.objects.create(code="old", name="Cũ", category="smuggling", active=False)
    ViolationType.objects.create(code="fake_cosmetics", name="Mỹ phẩm giả", category="counterfeit_ip")
    CommodityGroup.objects.create(code="sugar", name="Đường cát")
    types = call(WHO, "GET", "/reference/violation-types", query={"category": "smuggling"}).json()
    assert [t["code"] for t in types] == ["poultry"]
    everything = call(WHO, "GET", "/reference/violation-types", query={"include_inactive": True}).json()
    assert len(everything) == 3
    assert [g["code"] for g in call(WHO, "GET", "/reference/commodity-groups").json()] == ["sugar"]
    case_choices = call(WHO, "GET", "/reference/case-choices").json()
    assert {
        "value": "smuggling",
        "label": "Buôn lậu, vận chuyển trái phép hàng hóa qua biên giới",
    } in case_choices["category"]
    assert {c["value"] for c in case_choices["status"]} >= {"open", "sanctioned", "prosecuted", "merged"}
    org_choices = call(WHO, "GET", "/reference/org-choices").json()
    assert {"value": "officer", "label": "Cán bộ nhập vụ việc"} in org_choices["role"]
