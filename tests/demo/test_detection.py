"""`sc389 seed_demo_detection`: the analysts' pages get generated invoices, leads, scored shops and a registry fed
by them, through the product's own paths; a second run does nothing."""

import io

from django.core.management import call_command

from sc389.core.models import AuditEvent
from sc389.entities.models import Entity, Sighting
from sc389.invoices.models import InvoiceImport, InvoiceLead
from sc389.listings.models import Shop


def test_the_demo_detection_data_is_loaded_once(tree, settings, tmp_path):
    settings.INVOICES_STORE_DIR = tmp_path / "store"
    out = io.StringIO()
    call_command("seed_demo_detection", stdout=out)
    leads, flagged = InvoiceLead.objects.count(), Shop.objects.filter(flagged=True).count()
    assert "Đã tạo dữ liệu phát hiện mẫu" in out.getvalue()
    assert (
        InvoiceImport.objects.count() == 2 and not InvoiceImport.objects.filter(files_rejected__gt=0).exists()
    )
    # (the legalised-goods detector needs seizures in cases of the buyers' area: none in this test's cases)
    assert leads >= 10 and {x.detector for x in InvoiceLead.objects.all()} >= {
        "provenance",
        "ghost",
        "circular",
    }
    assert 0 < flagged < Shop.objects.count()
    # the registry is fed by both detectors: one sighting per lead and per flagged shop
    assert Sighting.objects.filter(source="invoice_lead").count() == leads
    assert Sighting.objects.filter(source="shop").count() == flagged
    assert Entity.objects.filter(sightings__isnull=False).distinct().count() > 0
    # leads land in the demo provinces too, so a provincial analyst has some (Lạng Sơn: GSO code 20)
    assert InvoiceLead.objects.filter(province__isnull=False).exists()
    # when: again
    events = AuditEvent.objects.count()
    again = io.StringIO()
    call_command("seed_demo_detection", stdout=again)
    # then: nothing more
    assert "không tạo thêm" in again.getvalue()
    assert (InvoiceLead.objects.count(), AuditEvent.objects.count()) == (leads, events)
