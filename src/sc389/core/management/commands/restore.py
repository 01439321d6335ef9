"""`sc389 restore FILE.tar.gz`: replace the database and the attachments with a backup's. Stop the services first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sc389.core import backup


class Command(BaseCommand):
    help = "Restore the database and the attachments from `sc389 backup`'s archive (replaces what is there)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, source: Path, yes: bool, **options):
        if not source.is_file():
            raise CommandError(f"No file {source}.")
        if not yes and input("This replaces the database and the attachments. Type 'yes': ") != "yes":
            raise CommandError("Cancelled.")
        backup.restore(source)
        self.stdout.write(f"Restored from {source}. Run `sc389 verify_audit` to check the audit log.")
