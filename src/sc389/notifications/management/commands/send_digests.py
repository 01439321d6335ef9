from django.core.management.base import BaseCommand

from sc389.core import audit
from sc389.notifications import services


class Command(BaseCommand):
    help = "Gửi thư tổng hợp thông báo trong ngày cho người dùng đã chọn (chạy mỗi ngày một lần; chạy lại không gửi trùng)."

    def handle(self, *args, **options):
        with audit.context(channel="cli"):
            sent = services.digests_send()
        self.stdout.write(f"{sent}")
