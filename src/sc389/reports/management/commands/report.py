import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

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
        parser.add_argument("--unit", required=True, help="national, a province code or a commune code")
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--compare", choices=COMPARES, default="same-period")
        parser.add_argument("--by", choices=list(DIMENSIONS), default=None)
        parser.add_argument("--format", dest="fmt", choices=["json", "text"], default="text")
        parser.add_argument("--lang", choices=["vi", "en"], default="vi")
        parser.add_argument("--output", default=None, help="write to this file instead of the console")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            try:
                area = area_resolve(options["unit"])
                period = Period(_date(options["date_from"]), _date(options["date_to"]))
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
