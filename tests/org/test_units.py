import datetime as dt

import pytest

from sc389.org import services
from sc389.org.models import AdministrativeUnit


@pytest.mark.django_db
def test_current_units_are_the_2025_map():
    current = AdministrativeUnit.objects.filter(valid_to__isnull=True)
    assert current.filter(level="province").count() == 34
    assert current.filter(level="commune").count() == 3321


@pytest.mark.django_db
def test_merged_and_abolished_units_stay_addressable():
    hung_yen = AdministrativeUnit.objects.get(level="province", code="33", valid_to__isnull=True)
    thai_binh = AdministrativeUnit.objects.get(level="province", code="34")
    assert thai_binh.valid_to == dt.date(2025, 6, 30)
    assert hung_yen.valid_from == dt.date(2025, 7, 1)
    assert thai_binh in hung_yen.predecessors.all()
    assert thai_binh.current_province == hung_yen
    lang_son = AdministrativeUnit.objects.get(level="province", code="20", valid_to__isnull=True)
    assert lang_son.valid_from is None  # not merged: one unit across the reform
    for name in ("Văn Lãng", "Cao Lộc", "Lộc Bình"):
        district = AdministrativeUnit.objects.get(level="district", name=f"Huyện {name}")
        assert district.parent == lang_son and district.current_province == lang_son
        assert district.valid_to == dt.date(2025, 6, 30)


@pytest.mark.django_db
def test_loading_again_creates_nothing():
    before = AdministrativeUnit.objects.count()
    assert services.admin_units_load_current()["created"] == 0
    assert services.admin_units_load_historic(path=services.HISTORIC_2025_CSV).created == 0
    assert AdministrativeUnit.objects.count() == before


@pytest.mark.django_db
def test_bad_historic_csv_loads_nothing_and_says_where(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,level,parent,valid_from,valid_to,successors\n"
        "901,Huyện Mới,district,province:20,,2025-06-30,province:20\n"
        "902,Huyện Sai,district,province:20,,30/06/2025,province:20\n"
        "903,Huyện Lạc,district,province:99,,2025-06-30,province:20\n",
        encoding="utf-8",
    )
    before = AdministrativeUnit.objects.count()
    result = services.admin_units_load_historic(path=path)
    assert [(e.row, e.column) for e in result.errors] == [(3, "valid_from/valid_to"), (4, "parent")]
    assert AdministrativeUnit.objects.count() == before
