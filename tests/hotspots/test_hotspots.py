"""Hotspots over real cases: the page, the command and scope (a province sees its own places only)."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from sc389.cases import services as cases
from sc389.cases.models import CommodityGroup
from sc389.hotspots import selectors
from sc389.org.models import AdministrativeUnit

from ..orgtree import PASSWORD

AS_OF = dt.date(2026, 6, 30)


def ago(days: int) -> dt.date:
    return AS_OF - dt.timedelta(days=days)


@pytest.fixture
def histories(tree, make_case):
    """Lạng Sơn: four communes with a case every two months; Đồng Đăng surges in the last 90 days (counterfeit
    goods); a trail in Kỳ Lừa used a year ago and again now. Cao Bằng: one commune surges too."""
    ls = tree.provinces["langson"]
    others = list(
        AdministrativeUnit.objects.filter(level="commune", parent=ls, valid_to__isnull=True)
        .exclude(pk__in=[tree.communes["dongdang"].pk, tree.communes["kyla"].pk])
        .order_by("code")[:2]
    )
    steady = [tree.communes["dongdang"], tree.communes["kyla"], *others]
    for place in steady:
        for days in range(30, 450, 60):
            make_case(place=place, detected_on=ago(days))
    for days in range(2, 80, 10):
        make_case(place=tree.communes["dongdang"], detected_on=ago(days), category="counterfeit_ip")
    group = CommodityGroup.objects.create(code="cigarettes_t", name="Thuốc lá (thử)")
    for days in (330, 300, 40, 20, 5):
        case = make_case(
            place=tree.communes["kyla"],
            detected_on=ago(days),
            channel="trail",
            place_text="Đường mòn Cốc Nam",
        )
        cases.goods_line_add(
            case=case,
            actor=tree.users["officer_langson_customs"],
            description="Thuốc lá",
            commodity_group=group,
        )
    cb_commune = AdministrativeUnit.objects.filter(
        level="commune", parent=tree.provinces["caobang"], valid_to__isnull=True
    ).first()
    for days in range(1, 60, 12):
        make_case(place=cb_commune, detected_on=ago(days), officer="officer_caobang_bp", unit="bp_caobang")
    return {"cb_commune": cb_commune, "group": group}


def statuses(spots) -> dict[str, str]:
    return {h.label: h.status for h in spots}


def test_scope_category_and_commodity(tree, histories):
    q = selectors.Query(as_of=AS_OF)
    mine = statuses(selectors.hotspot_list(user=tree.users["leader_langson"], q=q))
    assert mine == {"Đường mòn Cốc Nam": "resumed", "Xã Đồng Đăng": "rising"}
    national = statuses(selectors.hotspot_list(user=tree.users["leader_national"], q=q))
    assert national[histories["cb_commune"].name] == "rising" and "Xã Đồng Đăng" in national
    caobang = statuses(selectors.hotspot_list(user=tree.users["leader_caobang"], q=q))
    assert caobang == {histories["cb_commune"].name: "rising"}
    smuggling = selectors.Query(as_of=AS_OF, category="smuggling")
    assert "Xã Đồng Đăng" not in statuses(
        selectors.hotspot_list(user=tree.users["leader_langson"], q=smuggling)
    )
    cigarettes = selectors.Query(as_of=AS_OF, commodity="cigarettes_t")
    # only the trail's cases carry cigarettes: the trail, and its commune with it, resumed
    assert statuses(selectors.hotspot_list(user=tree.users["leader_langson"], q=cigarettes)) == {
        "Đường mòn Cốc Nam": "resumed",
        "Phường Kỳ Lừa": "resumed",
    }


def test_page_filters_and_refuses_nobody_logged_in(tree, histories, client):
    assert client.get("/hotspots/").status_code == 302
    client.login(username="leader_langson", password=PASSWORD)
    body = client.get("/hotspots/", {"as_of": AS_OF.isoformat(), "window": 90}).content.decode()
    assert "Đường mòn Cốc Nam" in body and "Xã Đồng Đăng" in body and histories["cb_commune"].name not in body
    body = client.get("/hotspots/", {"as_of": AS_OF.isoformat(), "category": "smuggling"}).content.decode()
    assert "Xã Đồng Đăng" not in body


def test_command_for_one_province(tree, histories):
    out = StringIO()
    call_command("hotspots", "--unit", "20", "--as-of", AS_OF.isoformat(), "--format", "json", stdout=out)
    items = json.loads(out.getvalue())["items"]
    assert [(i["label"], i["status"]) for i in items] == [
        ("Đường mòn Cốc Nam", "resumed"),
        ("Xã Đồng Đăng", "rising"),
    ]
    assert items[0]["kind"] == "trail" and items[0]["commune"] == "Phường Kỳ Lừa"
    text = StringIO()
    call_command("hotspots", "--as-of", AS_OF.isoformat(), stdout=text)
    assert histories["cb_commune"].name in text.getvalue()
