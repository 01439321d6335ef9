"""sc389 import_cases FILE [--unit CODE] [--user USERNAME] [--dry-run]: summary, errors, exit status."""

import io

import pytest
from django.core.management import CommandError, call_command

from sc389.cases.models import Case
from sc389.core.models import AuditEvent

from .files import csv_bytes, good_row


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "vu-viec.csv"
    path.write_bytes(csv_bytes([good_row(1), good_row(2)]))
    return path


def test_import_prints_progress_and_summary(tree, good_file):
    out, err = run(str(good_file), "--user", "officer_langson_customs")
    assert "2 dòng: 2 vụ việc mới, 0 cập nhật, 0 không đổi." in out
    assert "Đã kiểm tra 2/2 dòng" in err
    assert Case.objects.filter(source_unit=tree.units["customs_huunghi"]).count() == 2
    assert AuditEvent.objects.filter(verb="case.created", channel="import").count() == 2
    out, _err = run(str(good_file), "--user", "officer_langson_customs")
    assert "0 vụ việc mới, 0 cập nhật, 2 không đổi" in out


def test_dry_run_writes_nothing(tree, good_file):
    out, _err = run(str(good_file), "--unit", "HQ-HN", "--dry-run")
    assert "không ghi (--dry-run)" in out and "2 vụ việc mới" in out
    assert not Case.objects.exists()


def test_rejected_rows_give_each_error_and_a_non_zero_exit(tree, tmp_path):
    path = tmp_path / "sai.csv"
    path.write_bytes(csv_bytes([good_row(1), good_row(2, detected_on="30/02/2025")]))
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_cases", str(path), "--unit", "HQ-HN", stdout=out, stderr=io.StringIO())
    assert exc.value.returncode == 1
    assert "dòng 3, cột B (Ngày phát hiện): Ngày “30/02/2025” không có trên lịch." in out.getvalue()
    assert "không ghi dòng nào" in out.getvalue()
    assert not Case.objects.exists()


def test_english_messages(tree, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([good_row(1, detected_on="hôm qua")]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_cases", str(path), "--unit", "HQ-HN", "--lang", "en", stdout=out, stderr=io.StringIO()
        )
    assert "B (Ngày phát hiện)" in out.getvalue() and "“hôm qua”" in out.getvalue()


def test_user_without_rights_for_the_unit_is_refused(tree, good_file):
    with pytest.raises(CommandError, match="không có quyền"):
        run(str(good_file), "--user", "officer_langson_qltt", "--unit", "HQ-HN")
    with pytest.raises(CommandError, match="--unit"):
        run(str(good_file))


def test_exit_status_through_the_command_line_entry(tree, tmp_path, capsys, monkeypatch):
    """run_from_argv is what `sc389 import_cases ...` runs: a refused file exits with status 1, a good one with 0."""
    from django.db import connections

    from sc389.cases.management.commands.import_cases import Command

    monkeypatch.setattr(connections, "close_all", lambda: None)  # it would end the test's transaction

    bad = tmp_path / "sai.csv"
    bad.write_bytes(csv_bytes([good_row(1, goods_value_vnd="-5")]))
    with pytest.raises(SystemExit) as exc:
        Command().run_from_argv(["sc389", "import_cases", str(bad), "--unit", "HQ-HN"])
    assert exc.value.code == 1
    assert "không được âm" in capsys.readouterr().out
    good = tmp_path / "dung.csv"
    good.write_bytes(csv_bytes([good_row(1)]))
    Command().run_from_argv(["sc389", "import_cases", str(good), "--unit", "HQ-HN"])
    assert Case.objects.count() == 1
