"""sc389 detect_invoices [--format json] [--save] [--send-top N --user USERNAME] [--engine spark]
[--load-companies CSV] [--load-imports CSV] [--load-opening CSV]"""

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.errors import DomainError

from ... import engines, reference, store
from ...leads import invoice_leads_refresh, run_all
from ...referrals import leads_send_top


class Command(BaseCommand):
    help = (
        "Chạy bốn phương pháp phát hiện trên kho hóa đơn và liệt kê mã số thuế bị gắn cờ, điểm và lý do; "
        "--save lưu thành dấu hiệu cho cán bộ phân tích (detect invoice leads)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--save", action="store_true", help="replace the leads shown on /invoices/leads/")
        parser.add_argument("--user", help="username recorded as the actor of --save and --send-top")
        parser.add_argument(
            "--send-top",
            type=int,
            default=0,
            metavar="N",
            help="send the N highest-scoring saved leads not sent yet to their competent units (needs --user)",
        )
        parser.add_argument("--load-companies", help="companies.csv: tax_code,name,province,registered_on")
        parser.add_argument("--load-imports", help="declarations.csv: tax_code,commodity,quantity")
        parser.add_argument("--load-opening", help="opening_stock.csv: tax_code,commodity,quantity")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE)
        parser.add_argument(
            "--engine",
            choices=["duckdb", "spark"],
            default="duckdb",
            help="spark: the same SQL on Spark local mode over a Parquet copy (the optional extra)",
        )

    def handle(
        self,
        *args,
        format,
        save,
        user,
        send_top,
        load_companies,
        load_imports,
        load_opening,
        lang,
        engine,
        **options,
    ):
        with translation.override(lang):
            actor = None
            if user:
                actor = get_user_model().objects.filter(username=user).first()
                if actor is None:
                    raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
            if send_top and actor is None:
                raise CommandError(_("--send-top cần --user: nhiệm vụ được giao dưới tên người đó."))
            con = store.connect()
            try:
                if load_companies:
                    reference.companies_load(con, load_companies)
                if load_imports:
                    reference.stock_load(con, load_imports, kind="import")
                if load_opening:
                    reference.stock_load(con, load_opening, kind="opening")
                leads = run_all(con) if engine == "duckdb" else self._on_spark(con)
            finally:
                con.close()
            if save:
                with audit.context(channel="cli"):
                    invoice_leads_refresh(actor=actor)
            if send_top:
                self._send(actor, send_top)
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

    def _send(self, actor, count: int) -> None:
        with audit.context(channel="cli"):
            try:
                sent, skipped = leads_send_top(actor=actor, count=count)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
        for referral in sent:
            self.stderr.write(
                _("Đã chuyển %(tax_code)s (%(detector)s) cho %(unit)s")
                % {"tax_code": referral.tax_code, "detector": referral.detector, "unit": referral.unit.name}
            )
        for lead in skipped:
            self.stderr.write(
                _("Chưa chuyển %(tax_code)s (%(detector)s): tỉnh không có đơn vị có thẩm quyền")
                % {"tax_code": lead.tax_code, "detector": lead.detector}
            )

    def _on_spark(self, con):
        try:
            import pyspark  # noqa: F401
        except ImportError as exc:
            raise CommandError(
                _("Chưa cài Spark: .venv/bin/pip install -e '.[spark]' (cần Java 17).")
            ) from exc
        spark = engines.spark_session()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                runner = engines.SparkRunner(spark, engines.export_parquet(con, Path(tmp)))
                return run_all(runner)
        finally:
            spark.stop()
