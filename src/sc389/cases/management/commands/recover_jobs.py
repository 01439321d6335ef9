"""sc389 recover_jobs: queue again the import jobs whose worker died (run before each worker start)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sc389.core import audit

from ...imports.recovery import import_jobs_recover


class Command(BaseCommand):
    help = "Queue again the import jobs left running by a worker that died (safe while other workers run)."

    def handle(self, *args, **options):
        with audit.context(channel="cli"):
            recovered = import_jobs_recover()
        if recovered:
            self.stdout.write(
                _("Đã đưa lại vào hàng đợi %(count)s lượt nhập bị gián đoạn: %(ids)s.")
                % {"count": len(recovered), "ids": ", ".join(map(str, recovered))}
            )
        elif options["verbosity"] >= 1:
            self.stdout.write(_("Không có lượt nhập nào bị gián đoạn."))
