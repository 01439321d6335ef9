"""What the fast paths of the import must not change: every row's errors, ids from the database's own counter,
the index that finds a unit's cases, garbage collection afterwards, and folding the same as the slow way."""

import datetime as dt
import gc

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from sc389.cases.imports import importer, planning
from sc389.cases.models import Case
from sc389.cases.services.case import case_create
from sc389.core import text
from sc389.core.models import AuditEvent

from .files import csv_bytes, good_row, xlsx_bytes


def test_the_same_bad_value_is_reported_on_every_row_that_has_it(run_import):
    # given three rows sharing a bad date and a bad amount (each spelling is parsed once and remembered)
    rows = [good_row(n, detected_on="32/01/2025", goods_value_vnd="nhiều") for n in (1, 2, 3)]
    # when the file is checked
    result = run_import(csv_bytes(rows))
    # then each row gets both errors
    assert not result.ok
    assert sorted((e.row, e.column.split(" ")[0]) for e in result.errors) == [
        (2, "B"),
        (2, "R"),
        (3, "B"),
        (3, "R"),
        (4, "B"),
        (4, "R"),
    ]
    assert Case.objects.count() == 0


def test_new_cases_take_ids_from_the_database_counter(run_import, tree):
    # given cases created by hand before and after an import
    officer, unit = tree.users["officer_langson_customs"], tree.units["customs_huunghi"]

    def by_hand():
        return case_create(
            actor=officer,
            lead_unit=unit,
            category="smuggling",
            detected_on=dt.date(2025, 3, 1),
            place=tree.communes["dongdang"],
        )

    before = by_hand()
    # when a file of three cases is imported
    result = run_import(csv_bytes([good_row(n) for n in (1, 2, 3)]))
    after = by_hand()
    # then the imported cases have the ids in between, and their audit rows point at them
    assert result.ok and len(result.created_ids) == 3
    assert before.pk < min(result.created_ids) and max(result.created_ids) < after.pk
    imported = dict(Case.objects.filter(pk__in=result.created_ids).values_list("external_ref", "id"))
    assert sorted(imported.values()) == sorted(result.created_ids)
    audited = AuditEvent.objects.filter(
        verb="case.created", target_id__in=[str(i) for i in result.created_ids]
    )
    assert sorted(int(i) for i in audited.values_list("target_id", flat=True)) == sorted(result.created_ids)
    assert {e.data["row"] for e in audited} == {2, 3, 4}


def test_a_units_cases_are_found_through_the_partial_unique_index(tree):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner scans tables this small whatever the index")
    sql, params = planning.by_external_ref(
        tree.units["customs_huunghi"], ["HN-1", "HN-2"]
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "case_unique_external_ref" in plan, plan


def test_garbage_collection_is_paused_during_an_import_and_resumes_after(run_import, monkeypatch):
    seen = []
    validate = importer._validate

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return validate(*args, **kwargs)

    monkeypatch.setattr(importer, "_validate", spy)
    assert gc.isenabled()
    assert run_import(csv_bytes([good_row(1)])).ok
    assert not run_import(csv_bytes([good_row(2, detected_on="hôm qua")])).ok
    assert seen == [False, False] and gc.isenabled()


@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "Zs")), max_size=40))
def test_folding_shortcuts_agree_with_the_slow_way(value):
    slow_words = [text._fold_slow(w) for w in value.split()]
    slow = " ".join(w for w in slow_words if w)
    assert text.fold(value) == slow
    tokens = [t for t in text._NOT_WORD.split(slow) if t]
    assert text.fold_words(value) == " ".join(tokens)
    assert text.fold_words(value) == " ".join(tokens)  # the remembered answer too


def test_parts_in_another_order_are_unchanged_and_a_changed_one_is_not(run_import):
    def book(goods: list[dict]) -> bytes:
        return xlsx_bytes([good_row(1)], goods=goods)

    extra = [
        {
            "external_ref": "HN-2025-0001",
            "goods_description": "Thuốc lá điếu",
            "goods_value_vnd": "12.500.000",
        },
        {"external_ref": "HN-2025-0001", "goods_description": "Rượu ngoại", "goods_value_vnd": "3.000.000"},
    ]
    assert run_import(book(extra), "a.xlsx").created == 1
    again = run_import(book(list(reversed(extra))), "a.xlsx")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = run_import(book([extra[0], {**extra[1], "goods_value_vnd": "4.000.000"}]), "a.xlsx")
    assert changed.ok and changed.updated == 1
    case = Case.objects.get(external_ref="HN-2025-0001")
    assert sorted(case.goods.values_list("value_vnd", flat=True)) == [4_000_000, 12_500_000, 45_000_000]
