"""Imported cases are found by the word index, whichever way the import indexed them (deferred on SQLite)."""

import datetime as dt

import pytest
from django.db import connection

from sc389.cases import selectors
from sc389.cases.selectors import CaseFilters, case_page
from sc389.cases.textsearch import FTS_TABLE

from .files import csv_bytes, good_row


def insert_trigger_present() -> bool:
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='trigger' AND name=%s", [f"{FTS_TABLE}_ai"])
        return cursor.fetchone() is not None


def test_imported_cases_are_found_through_the_word_index(run_import, tree, make_case, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 1)  # force the word-index path
    officer = tree.users["officer_langson_customs"]
    result = run_import(csv_bytes([good_row(1, narrative="Xe tải chở thuốc lá Jet"), good_row(2)]))
    assert result.ok and result.created == 2
    found = case_page(user=officer, filters=CaseFilters(q="thuoc la jet")).rows
    assert [c.external_ref for c in found] == ["HN-2025-0001"]
    # the per-row trigger is back for every later write
    assert insert_trigger_present()
    later = make_case(narrative="Pháo nổ nhập lậu", detected_on=dt.date(2025, 4, 1))
    assert [c.pk for c in case_page(user=officer, filters=CaseFilters(q="phao no")).rows] == [later.pk]


def test_an_import_that_fails_while_writing_leaves_the_word_index_as_it_was(run_import, tree, monkeypatch):
    from sc389.cases.imports import importer
    from sc389.cases.models import Case, GoodsLine

    real_insert = importer.bulk.insert

    def insert_then_fail(model, rows, **kw):
        if model is GoodsLine:  # after the cases went in with the trigger dropped
            raise RuntimeError("disk full")
        return real_insert(model, rows, **kw)

    monkeypatch.setattr(importer.bulk, "insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        run_import(csv_bytes([good_row(1), good_row(2)]))
    assert not Case.objects.exists()
    assert insert_trigger_present()
