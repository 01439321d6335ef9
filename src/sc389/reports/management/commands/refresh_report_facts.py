import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sc389.reports import facts
from sc389.reports.models import FactKind, ReportFact


class Command(BaseCommand):
    help = (
        "The report facts (the summary the reports read): without options, build them for the counted cases that "
        "have none (cases written around the audit, e.g. by a benchmark generator); --all rebuilds everything; "
        "--check compares the stored facts with a fresh build and fails on a difference; --case refreshes cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="rebuild every fact and rollup row")
        parser.add_argument("--check", action="store_true", help="compare with a fresh build, change nothing")
        parser.add_argument("--case", type=int, nargs="+", default=[], help="refresh these case ids")

    def handle(self, *args, **options):
        start = time.perf_counter()
        if options["check"]:
            differences = facts.check()
            for line in differences[:50]:
                self.stdout.write(line)
            if differences:
                raise CommandError(f"{len(differences)} differences between the stored facts and the cases")
            self.stdout.write(f"report facts match the cases ({time.perf_counter() - start:.1f} s)")
            return
        if options["all"]:
            rows = facts.rebuild_all()
            self.stdout.write(f"{rows} fact rows rebuilt in {time.perf_counter() - start:.1f} s")
            return
        ids = options["case"] or list(
            facts.counted_cases()
            .exclude(pk__in=ReportFact.objects.filter(kind=FactKind.DETECTED).values("case_id"))
            .values_list("pk", flat=True)
        )
        with transaction.atomic():
            for begin in range(0, len(ids), 50_000):
                facts.refresh(ids[begin : begin + 50_000])
        self.stdout.write(f"{len(ids)} cases refreshed in {time.perf_counter() - start:.1f} s")
