from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sc389.core.formats import format_number
from sc389.demo.org import PASSWORD
from sc389.demo.seed import demo_seed


class Command(BaseCommand):
    help = (
        "Load the demo: the national committee and six provincial committees with their forces, units and users, "
        "and about 60,000 cases from 2019 to 2025 that reproduce the published Lạng Sơn and Hưng Yên figures. "
        "Deterministic; a second run does nothing."
    )

    def handle(self, *args, **options):
        result = demo_seed()
        if result.created:
            c = result.counts
            self.stdout.write(
                _(
                    "Đã tạo dữ liệu mẫu: %(cases)s vụ việc, %(parties)s đối tượng, %(goods)s dòng hàng hóa, "
                    "%(outcomes)s kết quả xử lý, %(users)s người dùng."
                )
                % {k: format_number(c[k]) for k in ("cases", "parties", "goods", "outcomes", "users")}
            )
        else:
            self.stdout.write(_("Dữ liệu mẫu đã có trong cơ sở dữ liệu: không tạo thêm gì."))
        self.print_logins(result.logins)

    def print_logins(self, logins: list[tuple[str, str, str]]) -> None:
        header = (_("Tên đăng nhập"), _("Vai trò"), _("Đơn vị / Ban Chỉ đạo"))
        widths = [max(len(row[i]) for row in [header, *logins]) for i in range(2)]
        self.stdout.write("")
        self.stdout.write(_("Tài khoản mẫu (mật khẩu chung: %(password)s)") % {"password": PASSWORD})
        for row in [header, *logins]:
            self.stdout.write(f"  {row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}")
