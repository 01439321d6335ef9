"""sc389 score_listings FILE [--format json] [--save --user U] [--prices CSV]"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sc389.core import audit

from ...reading import FileRefused, read
from ...score import FLAG_AT
from ...services import listings_import, reference_prices_load, score_rows


class Command(BaseCommand):
    help = (
        "Chấm điểm các tin đăng thương mại điện tử trong tệp CSV/JSON (giá so với giá tham chiếu, từ ngữ che giấu, "
        "hàng cấm, người bán chưa đăng ký, liên quan vụ việc, không có hóa đơn đầu vào) và gộp theo gian hàng; "
        "--save nhập tệp để cán bộ phân tích xem (score e-commerce listings)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV or JSON: snapshot_date, platform, listing_id, shop, seller_id, title, price ..."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--save", action="store_true", help="import the file (idempotent) and keep its scores"
        )
        parser.add_argument("--user", help="username recorded as the actor of --save and --prices")
        parser.add_argument("--prices", help="reference prices CSV: brand,product,price_vnd (loaded first)")
        parser.add_argument("--all", action="store_true", help="list every shop, not only the flagged ones")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE)

    def handle(self, *args, file, format, save, user, prices, all, lang, **options):
        with translation.override(lang), audit.context(channel="cli"):
            actor = None
            if user:
                actor = get_user_model().objects.filter(username=user).first()
                if actor is None:
                    raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
            path = Path(file)
            if not path.is_file():
                raise CommandError(_("Không tìm thấy %(path)s.") % {"path": file})
            try:
                if prices:
                    reference_prices_load(path=Path(prices), actor=actor)
                data = path.read_bytes()
                rows = read(data, name=path.name)
                if save:
                    listings_import(data=data, name=str(path), actor=actor)
            except FileRefused as refused:
                for e in refused.errors[:200]:
                    where = {"file": path.name, "row": e.row, "column": e.column or "-", "message": e.message}
                    self.stderr.write(_("%(file)s: dòng %(row)s, cột %(column)s: %(message)s") % where)
                raise CommandError(
                    _("Tệp bị từ chối: %(count)s lỗi, không dòng nào được nhập.")
                    % {"count": len(refused.errors)}
                ) from None
            listings, shops = score_rows(rows)
            shown = sorted(
                ((key, s) for key, s in shops.items() if all or s.score >= FLAG_AT),
                key=lambda kv: (-kv[1].score, kv[0]),
            )
            names = {(r.platform, r.seller_id): r.shop for r in rows}
            seller_of = {(r.snapshot_on, r.platform, r.listing_id): (r.platform, r.seller_id) for r in rows}
            by_shop: dict = {}
            for key, x in sorted(listings.items()):
                by_shop.setdefault(seller_of[key], []).append((key, x))
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        [
                            {
                                "platform": platform,
                                "seller_id": seller,
                                "shop": names[(platform, seller)],
                                "score": s.score,
                                "flagged": s.score >= FLAG_AT,
                                "signals": s.signals,
                                "reasons": [r.as_dict() for r in s.reasons],
                                "listings": [
                                    {
                                        "snapshot_date": k[0].isoformat(),
                                        "listing_id": k[2],
                                        "score": x.score,
                                        "reasons": [r.text for r in x.reasons],
                                    }
                                    for k, x in by_shop.get((platform, seller), [])
                                    if x.reasons
                                ],
                            }
                            for (platform, seller), s in shown
                        ],
                        ensure_ascii=False,
                        indent=1,
                    )
                )
                return
            for (platform, seller), s in shown:
                first = s.reasons[0].text if s.reasons else ""
                self.stdout.write(
                    f"{platform}\t{seller}\t{names[(platform, seller)]}\t{s.score:.2f}\t{first}"
                )
