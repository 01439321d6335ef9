"""sc389 refresh_entities [--enqueue] [--force]: bring the entity registry up to date with the cases' parties."""

from dataclasses import asdict

from django.core.management.base import BaseCommand

from sc389.core import audit

from ...services import entities_refresh
from ...tasks import entities_refresh_task


class Command(BaseCommand):
    help = "Resolve the parties of all cases into entities (exact identifiers, then the Splink person model)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="queue the refresh for `sc389 db_worker`")
        parser.add_argument("--force", action="store_true", help="re-resolve even when no party changed")

    def handle(self, *args, enqueue=False, force=False, **options):
        if enqueue:
            entities_refresh_task.enqueue()
            self.stdout.write("queued")
            return
        with audit.context(channel="cli"):
            result = entities_refresh(force=force)
        self.stdout.write(" ".join(f"{k}={v}" for k, v in asdict(result).items()))
