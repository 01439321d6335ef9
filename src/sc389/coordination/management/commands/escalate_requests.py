from django.core.management.base import BaseCommand

from sc389.coordination import services
from sc389.core import audit


class Command(BaseCommand):
    help = (
        "Chuyển các yêu cầu phối hợp quá hạn lên Ban Chỉ đạo (chạy mỗi ngày; mỗi yêu cầu chỉ chuyển một lần)."
    )

    def handle(self, *args, **options):
        with audit.context(channel="cli"):
            count = services.requests_escalate()
        self.stdout.write(f"{count}")
