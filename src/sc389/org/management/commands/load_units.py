from django.core.management.base import BaseCommand

from sc389.core import audit
from sc389.org import services


class Command(BaseCommand):
    help = "Load today's 34 provinces and 3,321 communes, then the units abolished in 2025 (idempotent)."

    def handle(self, *args, **options):
        with audit.context(channel="cli"):
            current = services.admin_units_load_current()
            historic = services.admin_units_load_historic(path=services.HISTORIC_2025_CSV)
        if historic.errors:
            for error in historic.errors:
                self.stderr.write(str(error))
            raise SystemExit(1)
        self.stdout.write(
            f"current: {current['created']} created, {current['updated']} updated; "
            f"historic: {historic.created} created, {historic.updated} updated"
        )
