"""`sc389 backup FILE.tar.gz`: the database and the attachments in one archive (core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from sc389.core import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite or PostgreSQL) and the attachments into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path)

    def handle(self, *args, target: Path, **options):
        path = backup.backup(target)
        self.stdout.write(f"Backup written: {path} ({path.stat().st_size:,} bytes)")
