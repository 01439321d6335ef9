from pathlib import Path

from django.core.management.base import BaseCommand

from sc389.core import audit
from sc389.org import services


class Command(BaseCommand):
    help = (
        "Load abolished or merged administrative units from CSV with the columns "
        "code,name,level,parent,valid_from,valid_to,successors (parent and successors as level:code, "
        "successors separated by ';'). All rows or none; exit status 1 on any bad row."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)

    def handle(self, *args, csv: Path, **options):
        with audit.context(channel="cli"):
            result = services.admin_units_load_historic(path=csv)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(result.errors)} error(s); nothing was loaded.")
            raise SystemExit(1)
        self.stdout.write(f"{result.created} created, {result.updated} updated")
