"""sc389 detect_invoices [--format json] [--save] [--load-companies CSV] [--load-imports CSV] [--load-opening CSV]"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sc389.core import audit

from ... import reference, store
from ...leads import invoice_leads_refresh, run_all


class Command(BaseCommand):
    help = (
        "Chạy bốn phương pháp phát hiện trên kho hóa đơn và liệt kê mã số thuế bị gắn cờ, điểm và lý do; "
        "--save lưu thành dấu hiệu cho cán bộ phân tích (detect invoice leads)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--save", action="store_true", help="replace the leads shown on /invoices/leads/")
        parser.add_argument("--user", help="username recorded as the actor of --save")
        parser.add_argument("--load-companies", help="companies.csv: tax_code,name,province,registered_on")
        parser.add_argument("--load-imports", help="declarations.csv: tax_code,commodity,quantity")
        parser.add_argument("--load-opening", help="opening_stock.csv: tax_code,commodity,quantity")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE)

    def handle(self, *args, format, save, user, load_companies, load_imports, load_opening, lang, **options):
        with translation.override(lang):
            actor = None
            if user:
                actor = get_user_model().objects.filter(username=user).first()
                if actor is None:
                    raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
            con = store.connect()
            try:
                if load_companies:
                    reference.companies_load(con, load_companies)
                if load_imports:
                    reference.stock_load(con, load_imports, kind="import")
                if load_opening:
                    reference.stock_load(con, load_opening, kind="opening")
                leads = run_all(con)
            finally:
                con.close()
            if save:
                with audit.context(channel="cli"):
                    invoice_leads_refresh(actor=actor)
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        [
                            {
                                "tax_code": x.tax_code,
                                "detector": x.detector,
                                "score": round(x.score, 4),
                                "reasons": x.reasons,
                                "invoices": x.invoices[:20],
                            }
                            for x in leads
                        ],
                        ensure_ascii=False,
                        indent=1,
                    )
                )
                return
            for x in sorted(leads, key=lambda x: (x.detector, -x.score, x.tax_code)):
                self.stdout.write(f"{x.tax_code}\t{x.detector}\t{x.score:.2f}\t{x.reasons[0]}")
