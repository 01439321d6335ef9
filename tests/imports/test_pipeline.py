"""The pipelined import (rows checked in forked workers while the parent writes) does what the sequential one does.

Both paths run on the same files: the same cases, parts, search words and audit rows; the same report for a refused
file, nothing written; re-imports unchanged; corrected files updated in place. Small chunks and a threshold of one
row make these few-row files take the pipelined path.
"""

import pytest
from django.db import connection

from sc389.cases.imports import pipeline
from sc389.cases.models import Case, GoodsLine, Party, PenaltyDecision
from sc389.cases.search import case_search_text
from sc389.core import chain
from sc389.core.models import AuditEvent
from sc389.core.text import fold_words

from .files import csv_bytes, good_row

MODES = ["sequential", "pipelined"]


@pytest.fixture
def mode(request, monkeypatch, settings):
    """The import path under test: the sequential one (pipeline off) or the pipelined one with tiny chunks."""
    if request.param == "pipelined":
        monkeypatch.setattr(pipeline, "MIN_ROWS", 1)
        monkeypatch.setattr(pipeline, "CHUNK_ROWS", 3)
        settings.SC389_IMPORT_WORKERS = 2
    else:
        settings.SC389_IMPORT_WORKERS = 0
    return request.param


def rows(prefix: str, count: int = 8) -> list[dict]:
    out = []
    for n in range(1, count + 1):
        row = good_row(n, external_ref=f"{prefix}-{n:04d}", party_name=f"Trần Thị Hòa {n}")
        if n % 3 == 0:  # some rows without a penalty
            row.update(penalty_number="", penalty_date="", penalty_fine_vnd="", penalty_confiscated_vnd="")
        out.append(row)
    return out


def imported(prefix: str) -> list[Case]:
    return list(Case.objects.filter(external_ref__startswith=f"{prefix}-").order_by("external_ref"))


def case_state(case: Case) -> dict:
    """What an import wrote for a case, without what depends on the id, number or file id."""
    skip = {"id", "reference", "external_ref", "search_folded", "created_at", "updated_at"}
    values = {
        f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields if f.attname not in skip
    }
    parts = {
        model.__name__: sorted(
            tuple(v for k, v in row.items() if k not in ("id", "case_id", "created_at", "updated_at"))
            for row in model.objects.filter(case=case).values()
        )
        for model in (GoodsLine, Party, PenaltyDecision)
    }
    event = AuditEvent.objects.get(target_type="cases.case", target_id=str(case.pk), verb="case.created")
    changes = {k: v for k, v in event.changes.items() if k not in ("reference", "external_ref")}
    return {
        "case": values,
        "parts": parts,
        "audit": (event.channel, event.actor_id, changes, event.data["row"]),
    }


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_good_file_is_written_whole_with_search_words_audit_and_numbers(run_import, mode):
    result = run_import(csv_bytes(rows("P")))
    assert result.ok and result.written
    assert (result.created, result.updated, result.unchanged) == (8, 0, 0)
    cases = imported("P")
    assert sorted(result.created_ids) == sorted(c.pk for c in cases)
    for case in cases:
        assert case.search_folded == case_search_text(case)  # the words the web's own save would give
    references = sorted(c.reference for c in cases)
    assert len(set(references)) == 8
    assert (
        AuditEvent.objects.filter(verb="case.created", target_id__in=[str(c.pk) for c in cases]).count() == 8
    )
    assert PenaltyDecision.objects.filter(case__in=cases).count() == 6
    assert [p["row"] for p in result.preview] == list(range(2, 10))
    assert chain.verify()[1] is None  # the audit rows extend the hash chain


@pytest.mark.parametrize("mode", ["pipelined"], indirect=True)
def test_both_paths_write_the_same_rows(run_import, mode, settings):
    assert run_import(csv_bytes(rows("PIPE"))).ok
    settings.SC389_IMPORT_WORKERS = 0
    assert run_import(csv_bytes(rows("SEQ"))).ok
    assert [case_state(c) for c in imported("PIPE")] == [case_state(c) for c in imported("SEQ")]


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_the_same_file_again_writes_nothing_and_a_corrected_one_updates_in_place(run_import, mode):
    data = rows("R")
    first = run_import(csv_bytes(data))
    assert first.ok
    events = AuditEvent.objects.count()
    again = run_import(csv_bytes(data))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)
    assert AuditEvent.objects.count() == events
    data[6]["goods_value_vnd"] = "46.000.000"
    data[1]["narrative"] = "Đã sửa"
    corrected = run_import(csv_bytes(data))
    assert corrected.ok
    assert (corrected.created, corrected.updated, corrected.unchanged) == (0, 2, 6)
    assert sorted(corrected.updated_ids) == sorted(
        c.pk for c in imported("R") if c.external_ref in ("R-0002", "R-0007")
    )
    assert Case.objects.get(external_ref="R-0002").narrative == "Đã sửa"
    assert GoodsLine.objects.get(case__external_ref="R-0007").value_vnd == 46_000_000
    assert AuditEvent.objects.filter(verb="case.updated").count() == 2
    assert len(imported("R")) == 8


def refused_file() -> bytes:
    data = rows("X", 10)
    data[1]["detected_on"] = "31/02/2025"  # first chunk
    data[8]["external_ref"] = "X-0004"  # a later chunk repeats an id
    data[9]["party_id_number"] = "020185001234"  # last chunk: CCCD says born in the 2000s, female
    return csv_bytes(data)


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_refused_row_anywhere_writes_nothing(run_import, mode):
    cases, events = Case.objects.count(), AuditEvent.objects.count()
    result = run_import(refused_file())
    assert not result.ok and not result.written
    assert [e.row for e in result.errors] == [3, 10, 11]
    assert "X-0004" in str(result.errors[1]) and "5" in str(result.errors[1])
    assert (result.created, result.updated, result.unchanged, result.created_ids) == (0, 0, 0, [])
    assert (Case.objects.count(), AuditEvent.objects.count()) == (cases, events)
    assert chain.verify()[1] is None


@pytest.mark.parametrize("mode", ["pipelined"], indirect=True)
def test_both_paths_give_the_same_report(run_import, mode, settings):
    pipelined = [e.as_dict() for e in run_import(refused_file()).errors]
    settings.SC389_IMPORT_WORKERS = 0
    assert pipelined == [e.as_dict() for e in run_import(refused_file()).errors]


@pytest.mark.parametrize("mode", ["pipelined"], indirect=True)
def test_rights_are_checked_by_the_workers_without_a_query(run_import, mode):
    """The actor's rights per province are read before the workers fork (a query there would raise)."""
    result = run_import(csv_bytes(rows("Q", 4)), unit="qltt_langson5")
    assert [e.row for e in result.errors] == [2, 3, 4, 5]
    assert all("không có quyền ghi vụ việc" in str(e) for e in result.errors)
    assert not imported("Q")


def test_the_pipeline_is_used_for_large_case_sheets_only(settings):
    from sc389.cases.imports.reader import Sheet, Workbook

    settings.SC389_IMPORT_WORKERS = 2
    big = Workbook("csv", {"cases": Sheet("", 1, [], [(n, ()) for n in range(pipeline.MIN_ROWS)])})
    assert pipeline.usable(big, dry_run=False)
    assert not pipeline.usable(big, dry_run=True)
    with_goods = Workbook("xlsx", {**big.sheets, "goods": Sheet("", 1, [], [])})
    assert not pipeline.usable(with_goods, dry_run=False)
    small = Workbook("csv", {"cases": Sheet("", 1, [], [(2, ())])})
    assert not pipeline.usable(small, dry_run=False)
    settings.SC389_IMPORT_WORKERS = 0
    assert not pipeline.usable(big, dry_run=False)


def test_a_worker_cannot_query_the_database(db):
    pipeline._no_database()
    try:
        with pytest.raises(RuntimeError, match="must not query"):
            Case.objects.count()
    finally:
        connection.execute_wrappers.remove(pipeline._refuse_query)
    assert Case.objects.count() >= 0


@pytest.mark.parametrize(
    "reference", ["20-2020-000123", "01-2025-999999", "4-2019-000001", "HN/2025-01", "Lạng-Sơn"]
)
def test_case_number_words_are_the_general_folding(reference):
    assert pipeline._reference_words(reference) == fold_words(reference)
