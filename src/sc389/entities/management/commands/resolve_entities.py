"""sc389 resolve_entities --input people.csv --output clusters.csv: deduplicate any CSV of person records."""

from django.core.management.base import BaseCommand, CommandError

from ...resolution import engine
from ...resolution.prepare import INPUT_COLUMNS


class Command(BaseCommand):
    help = (
        "Resolve a CSV of person records into clusters (one cluster = one person) and write each row's id with "
        "its cluster id. Columns read (header names, any order, case-insensitive): "
        + ", ".join(INPUT_COLUMNS)
        + ". Only `id` is required; missing columns are treated as empty and any other column is ignored. "
        "`full_name` may be written with or without diacritics and in either name order; `dob` as YYYY-MM-DD or "
        "DD/MM/YYYY; `sex` as male/female (nam/nữ); `cccd` 12 digits (or a 9-digit CMND); `phone` in any usual "
        "form (+84 ..., 09...)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV of person records (UTF-8, header row)")
        parser.add_argument("--output", required=True, help="CSV written: id,cluster_id")
        parser.add_argument(
            "--threshold",
            type=float,
            default=engine.AUTO_MATCH,
            help=f"match probability at which two records are one person (default {engine.AUTO_MATCH})",
        )
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit (default 3GB)")

    def handle(self, *args, input, output, threshold, threads, memory_limit, **options):
        try:
            stats = engine.resolve_csv(
                input, output, threshold=threshold, threads=threads, memory_limit=memory_limit
            )
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # DuckDB's errors on an unreadable CSV: say which file
            if type(exc).__module__.startswith(("duckdb", "_duckdb")):
                raise CommandError(f"{input}: {exc}") from exc
            raise
        self.stdout.write(
            f"{stats['records']} records, {stats['pairs']} scored pairs, {stats['clusters']} clusters → {output}"
        )
