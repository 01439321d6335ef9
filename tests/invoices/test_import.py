import copy
import csv
import zipfile
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from sc389.core.models import AuditEvent
from sc389.invoices import store
from sc389.invoices.importer import import_path
from sc389.invoices.models import InvoiceImport
from sc389.invoices.synth.render import invoice_xml


def outcomes(results):
    counts = defaultdict(int)
    for r in results:
        counts[r.outcome] += 1
    return dict(counts)


def test_folder_import_then_reimport_adds_nothing(store_dir, economy, economy_dir):
    # when
    first = import_path(economy_dir)
    second = import_path(economy_dir)
    # then
    files = len(economy.invoices) + len(economy.notices)
    assert outcomes(first) == {"accepted": files}
    assert outcomes(second) == {"duplicate": files}
    con = store.connect()
    assert con.execute("SELECT count(*) FROM invoices").fetchone()[0] == len(economy.invoices)
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == files
    sha, raw = con.execute("SELECT sha256, raw FROM files LIMIT 1").fetchone()
    assert __import__("hashlib").sha256(raw).hexdigest() == sha


def test_replaced_cancelled_and_voided_invoices_are_never_counted(store_dir, economy, economy_dir):
    import_path(economy_dir)
    con = store.connect()
    replaced = {
        store.invoice_id(i.seller_tax_code, i.related.template, i.related.series, i.related.number)
        for i in economy.invoices
        if i.related and i.related.kind == 1
    }
    cancelled = {
        store.invoice_id(n.seller_tax_code, it.template, it.series, it.number)
        for n in economy.notices
        for it in n.items
        if it.action == 1
    }
    effective = {r[0] for r in con.execute("SELECT invoice_id FROM effective_invoices").fetchall()}
    assert replaced and cancelled
    assert not effective & (replaced | cancelled)
    assert len(effective) == len(economy.invoices) - len(replaced) - len(cancelled)


def test_normal_firms_never_sell_more_than_they_source(store_dir, economy, economy_dir):
    """The generator's invariant holds in the store only if statuses are followed (replaced originals carry
    1.5x, adjusted ones an excess, cancelled ones a sale that never happened)."""
    import_path(economy_dir)
    con = store.connect()
    balance = defaultdict(Decimal)
    for seller, buyer, code, qty in con.execute(
        "SELECT seller_tax_code, buyer_tax_code, code, quantity FROM effective_lines WHERE code <> 'VC'"
    ).fetchall():
        balance[(seller, code)] -= qty
        if buyer:
            balance[(buyer, code)] += qty
    for name in ("declarations.csv", "opening_stock.csv"):
        with (economy_dir.parent / name).open() as fh:
            for row in csv.DictReader(fh):
                balance[(row["tax_code"], row["commodity"])] += Decimal(row["quantity"])
    flagged = {seller for (seller, _c), left in balance.items() if left < 0}
    assert flagged == set(economy.truth["provenance"])


def test_a_replacement_read_before_its_original_still_replaces_it(store_dir, economy, tmp_path):
    new = next(i for i in economy.invoices if i.related and i.related.kind == 1)
    old = next(
        i
        for i in economy.invoices
        if i.seller_tax_code == new.seller_tax_code
        and i.series == new.related.series
        and i.number == new.related.number
    )
    (tmp_path / "a.xml").write_bytes(invoice_xml(new, envelope=True))
    import_path(tmp_path / "a.xml")
    (tmp_path / "b.xml").write_bytes(invoice_xml(old, namespace=True))
    import_path(tmp_path / "b.xml")
    status = dict(store.connect().execute("SELECT invoice_id, status FROM invoice_status").fetchall())
    assert status == {store.key_of(new): "replacement", store.key_of(old): "replaced"}


def test_a_bad_file_is_skipped_whole_and_the_others_load(store_dir, economy, tmp_path):
    good, other = economy.invoices[10], economy.invoices[11]
    broken = copy.deepcopy(other)
    broken.total += 1000
    two = invoice_xml(other).replace(b"</HDon>", b"").replace(b"<HDon>", b"")  # two DLHDon in one envelope
    mixed = (
        b"<TDiep><DLieu><HDon>"
        + two.split(b"?>", 1)[1]
        + b"</HDon><HDon>"
        + invoice_xml(broken).split(b"?>", 1)[1].replace(b"<HDon>", b"").replace(b"</HDon>", b"")
        + b"</HDon></DLieu></TDiep>"
    )
    (tmp_path / "1_good.xml").write_bytes(invoice_xml(good))
    (tmp_path / "2_mixed.xml").write_bytes(mixed)
    results = import_path(tmp_path)
    assert [r.outcome for r in results] == ["accepted", "rejected"]
    assert any("TgTTTBSo" in reason for reason in results[1].reasons)
    ids = {r[0] for r in store.connect().execute("SELECT invoice_id FROM invoices").fetchall()}
    assert ids == {store.key_of(good)}  # nothing of the mixed file, not even its sound invoice


def test_same_invoice_in_another_file_is_refused(store_dir, economy, tmp_path):
    inv = economy.invoices[5]
    (tmp_path / "a.xml").write_bytes(invoice_xml(inv))
    (tmp_path / "b.xml").write_bytes(invoice_xml(inv, envelope=True))  # other bytes, same invoice
    results = import_path(tmp_path)
    assert [r.outcome for r in results] == ["accepted", "rejected"]
    assert "đã được nhập" in results[1].reasons[0]


def test_zip_archive_and_bomb_checks(store_dir, settings, economy, tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for inv in economy.invoices[:30]:
            zf.writestr(f"{inv.number}-{inv.series}-{inv.seller_tax_code}.xml", invoice_xml(inv))
        zf.writestr("bomb.xml", b"<HDon>" + b" " * 3_000_000 + b"</HDon>")  # ~3000:1
        zf.writestr("inner.zip", b"PK")
    results = import_path(archive)
    assert outcomes(results) == {"accepted": 30, "rejected": 2}
    reasons = {r.name.split("!")[1]: r.reasons[0] for r in results if r.outcome == "rejected"}
    assert "zip bomb" in reasons["bomb.xml"] and "lồng" in reasons["inner.zip"]
    # whole-archive limits refuse the archive before reading any entry
    settings.INVOICES_ZIP_MAX_ENTRIES = 10
    assert "vượt giới hạn 10" in import_path(archive)[0].reasons[0]
    settings.INVOICES_ZIP_MAX_ENTRIES = 1000
    settings.INVOICES_ZIP_MAX_TOTAL_BYTES = 1_000_000
    (result,) = import_path(archive)
    assert result.outcome == "rejected" and "giải nén ra" in result.reasons[0]


def test_oversized_file_is_refused_unread(store_dir, settings, economy, tmp_path):
    settings.INVOICES_MAX_FILE_BYTES = 500
    (tmp_path / "big.xml").write_bytes(invoice_xml(economy.invoices[0]))
    (result,) = import_path(tmp_path / "big.xml")
    assert result.outcome == "rejected" and "vượt giới hạn 500" in result.reasons[0]


@pytest.mark.django_db
def test_command_logs_audits_and_fails_on_a_refused_file(store_dir, economy, tmp_path, capsys):
    (tmp_path / "ok.xml").write_bytes(invoice_xml(economy.invoices[0]))
    (tmp_path / "bad.xml").write_bytes(b"<HDon><DLHDon>")
    with pytest.raises(SystemExit) as exit_:
        call_command("import_invoices", str(tmp_path))
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "1 tệp đã nhập" in out and "bad.xml" in out
    run = InvoiceImport.objects.get()
    assert (run.files_accepted, run.files_rejected, run.invoices_loaded) == (1, 1, 1)
    event = AuditEvent.objects.get(verb="invoices.imported")
    assert event.target_id == str(run.pk) and event.data["rejected"] == 1
    # a clean run exits 0
    (tmp_path / "bad.xml").unlink()
    call_command("import_invoices", str(tmp_path))
    assert InvoiceImport.objects.latest("started_at").files_duplicate == 1
