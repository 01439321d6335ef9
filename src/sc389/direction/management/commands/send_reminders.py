"""`sc389 send_reminders`: remind units of task deadlines and reporting deadlines. Run it daily (cron or a
systemd timer); running it twice sends nothing twice."""

import datetime as dt

from django.core.management.base import BaseCommand

from sc389.core import audit
from sc389.direction import obligations, services


class Command(BaseCommand):
    help = "Nhắc hạn nhiệm vụ và hạn gửi báo cáo (chạy hằng ngày; chạy lại không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="as if today were this day (YYYY-MM-DD)"
        )

    def handle(self, *args, today: dt.date | None = None, **options):
        with audit.context(channel="cli"):
            tasks = services.reminders_send(today=today)
            reports = obligations.deadline_reminders_send(today=today)
        self.stdout.write(f"task reminders: {tasks}, report reminders: {reports}")
