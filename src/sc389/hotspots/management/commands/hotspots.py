"""sc389 hotspots [--unit CODE] [--format json|text] [--category C] [--commodity G] [--window DAYS] [--as-of DATE]"""

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from ... import selectors
from ...api import out
from ...choices import WINDOWS


class Command(BaseCommand):
    help = (
        "Xếp hạng xã, đường mòn, cửa khẩu và chợ theo số vụ việc gần đây so với lịch sử của chính nó và các địa bàn "
        "lân cận; đánh dấu nơi hoạt động trở lại (rank hotspots of case activity)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", help="code of a province or commune (AdministrativeUnit.code); default: all"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--category", default="")
        parser.add_argument("--commodity", default="", help="commodity group code")
        parser.add_argument("--window", type=int, default=90, choices=WINDOWS)
        parser.add_argument(
            "--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default today)"
        )
        parser.add_argument("--steady", action="store_true", help="list steady places too")
        parser.add_argument("--limit", type=int, default=100)
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE)

    def handle(self, *args, unit, format, category, commodity, window, as_of, steady, limit, lang, **options):
        with translation.override(lang):
            area = None
            if unit:
                area = selectors.unit_by_code(unit)
                if area is None:
                    raise CommandError(_("Không có đơn vị hành chính mã %(code)s.") % {"code": unit})
            q = selectors.Query(
                as_of=as_of or dt.date.today(),
                window_days=window,
                category=category,
                commodity=commodity,
                area=area,
            )
            spots = selectors.hotspot_list(user=None, q=q, limit=limit, include_steady=steady)
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        {
                            "as_of": q.as_of.isoformat(),
                            "window_days": window,
                            "items": [out(h) for h in spots],
                        },
                        ensure_ascii=False,
                        indent=1,
                    )
                )
                return
            for h in spots:
                self.stdout.write(
                    f"{h.status}\t{h.kind}\t{h.label}\t{h.province_name}\t{h.recent}\t{h.expected:.1f}\t{h.score:.2f}"
                )
