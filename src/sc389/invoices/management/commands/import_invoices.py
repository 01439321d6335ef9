"""sc389 import_invoices PATH [--user USERNAME]: e-invoice XML files, a folder of them or zip archives."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sc389.core import audit

from ...services import invoices_import


class Command(BaseCommand):
    help = (
        "Nhập hóa đơn điện tử XML (TT 78/2021) và thông báo 04/SS-HĐĐT từ một tệp, thư mục hoặc tệp zip; "
        "mã thoát khác 0 khi có tệp bị từ chối (import e-invoices)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="XML file, folder or zip archive")
        parser.add_argument("--user", help="username recorded as the actor")
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, help="language of the messages (vi, en)"
        )
        parser.add_argument(
            "--show", type=int, default=20, help="how many refused files to list (default 20)"
        )

    def handle(self, *args, path, user, lang, show, verbosity, **options):
        with translation.override(lang):
            target = Path(path)
            if not target.exists():
                raise CommandError(_("Không tìm thấy %(path)s.") % {"path": path})
            actor = None
            if user:
                actor = get_user_model().objects.filter(username=user).first()
                if actor is None:
                    raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})

            def progress(done: int) -> None:
                if verbosity >= 2:
                    self.stderr.write(_("Đã đọc %(done)s tệp") % {"done": done})

            with audit.context(channel="cli"):
                run = invoices_import(path=target, actor=actor, progress=progress)
            self.stdout.write(
                _(
                    "%(accepted)s tệp đã nhập (%(invoices)s hóa đơn, %(notices)s thông báo), "
                    "%(duplicate)s tệp đã có, %(rejected)s tệp bị từ chối."
                )
                % {
                    "accepted": run.files_accepted,
                    "invoices": run.invoices_loaded,
                    "notices": run.notices_loaded,
                    "duplicate": run.files_duplicate,
                    "rejected": run.files_rejected,
                }
            )
            for f in run.files.filter(outcome="rejected").order_by("pk")[:show]:
                self.stdout.write(f"  {f.name}: " + "; ".join(f.reasons))
            if run.files_rejected:
                raise SystemExit(1)
