"""sc389 seed_demo_detection: the demo's invoices, listings and entity registry (after seed_demo)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sc389.core.formats import format_number
from sc389.demo.detection import detection_seed


class Command(BaseCommand):
    help = (
        "Load the demo's detection data: a generated e-invoice economy and e-commerce market through the import "
        "paths, the invoice detectors' leads, the shops' scores, and the entity registry resolved from the demo "
        "cases and fed by those findings. Deterministic; a second run does nothing."
    )

    def handle(self, *args, **options):
        result = detection_seed()
        if not result.created:
            self.stdout.write(_("Dữ liệu phát hiện mẫu đã có: không tạo thêm gì."))
            return
        self.stdout.write(
            _(
                "Đã tạo dữ liệu phát hiện mẫu: %(leads)s dấu hiệu từ hóa đơn, %(flagged)s/%(shops)s gian hàng bị "
                "gắn cờ, %(entities)s đối tượng."
            )
            % {k: format_number(v) for k, v in result.counts.items()}
        )
