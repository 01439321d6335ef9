import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sc389.reports.exports.files import FILE_FORMATS, export_bytes
from sc389.reports.indicators import DIMENSIONS, area_resolve
from sc389.reports.periods import Period
from sc389.reports.selectors import COMPARES, report_build
from sc389.reports.summary import summary_text


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (cần YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = (
        "Period report: every standard indicator of a province (vietnam-provinces code: Lạng Sơn 20, Hưng Yên 33), "
        "a commune or the whole country (national), compared with the same period of the previous year or the "
        "previous period, optionally broken down. JSON or a Vietnamese/English text summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="national, a province code or a commune code")
        parser.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
        parser.add_argument(
            "--issue", action="store_true", help="freeze the report as a version of the committee"
        )
        parser.add_argument(
            "--committee", help="with --issue: the committee code (default: the one of --unit)"
        )
        parser.add_argument("--user", help="with --issue: the username issuing it (audited)")
        parser.add_argument(
            "--diff", type=int, metavar="VERSION", help="what changed since an issued version"
        )
        parser.add_argument("--compare", choices=COMPARES, default="same-period")
        parser.add_argument("--by", choices=list(DIMENSIONS), default=None)
        parser.add_argument("--format", dest="fmt", choices=["json", "text", *FILE_FORMATS], default="text")
        parser.add_argument("--lang", choices=["vi", "en"], default="vi")
        parser.add_argument("--output", default=None, help="write to this file instead of the console")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            if options["diff"] is not None or options["issue"]:
                from sc389.reports.versions.cli import versions_command

                return self._write(options, versions_command(options))
            if not (options["unit"] and options["date_from"] and options["date_to"]):
                raise CommandError("--unit, --from và --to là bắt buộc.")
            try:
                area = area_resolve(options["unit"])
                period = Period(_date(options["date_from"]), _date(options["date_to"]))
                if options["fmt"] in FILE_FORMATS:
                    return self._export(options, area=area, period=period)
                report = report_build(area=area, period=period, compare=options["compare"], by=options["by"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            if options["fmt"] == "json":
                text = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
            else:
                text = summary_text(report)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")

    def _export(self, options, *, area, period) -> None:
        """XLSX, DOCX or PDF (reports.exports) into --output, which these binary formats require."""
        if not options["output"]:
            raise CommandError(f"--format {options['fmt']} cần --output FILE")
        data = export_bytes(
            options["fmt"], area=area, period=period, compare=options["compare"], by=options["by"]
        )
        with open(options["output"], "wb") as f:
            f.write(data)

    def _write(self, options, text: str) -> None:
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")
