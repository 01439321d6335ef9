"""sc389 import_cases FILE [--unit CODE] [--user USERNAME] [--dry-run]"""

import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sc389.core import audit
from sc389.core.formats import format_number
from sc389.org.models import Unit

from ...imports.importer import import_cases
from ...imports.jobs import default_unit, may_import


class Command(BaseCommand):
    help = "Nhập vụ việc từ bảng tính CSV hoặc XLSX của đơn vị: cả tệp hoặc không dòng nào (import cases)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--unit", help="code of the unit the cases belong to (default: the user's unit)")
        parser.add_argument("--user", help="username recorded as the actor; needs write rights for the unit")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, help="language of the messages (vi, en)"
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            return self._handle(**options)

    def _handle(self, *, file, unit, user, dry_run, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": file})
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
        if unit:
            target = Unit.objects.filter(code__iexact=unit).first()
            if target is None:
                raise CommandError(_("Không có đơn vị mã %(unit)s.") % {"unit": unit})
        elif actor is not None:
            target = default_unit(actor)
            if target is None:
                raise CommandError(
                    _("Người dùng %(user)s không thuộc đơn vị nào; hãy ghi --unit.") % {"user": user}
                )
        else:
            raise CommandError(_("Cần ghi --unit MÃ_ĐƠN_VỊ hoặc --user TÊN_ĐĂNG_NHẬP."))
        if actor is not None and not may_import(actor, target):
            raise CommandError(
                _("Người dùng %(user)s không có quyền nhập vụ việc cho đơn vị %(unit)s.")
                % {"user": user, "unit": target.code}
            )

        def progress(phase: str, done: int, total: int) -> None:
            if verbosity < 1:
                return
            if phase == "validating":
                self.stderr.write(
                    _("Đã kiểm tra %(done)s/%(total)s dòng")
                    % {"done": format_number(done), "total": format_number(total)}
                )
            else:
                self.stderr.write(_("Đang ghi vào cơ sở dữ liệu ..."))

        with audit.context(channel="import"):
            result = import_cases(
                data=path.read_bytes(),
                file_name=path.name,
                unit=target,
                actor=actor,
                dry_run=dry_run,
                progress=progress,
            )
        for error in result.errors:
            self.stdout.write(str(error))
        if result.unknown_columns and verbosity >= 1:
            self.stderr.write(
                _("Bỏ qua các cột không dùng: %(columns)s") % {"columns": ", ".join(result.unknown_columns)}
            )
        counts = {
            "rows": format_number(result.total_rows),
            "created": format_number(result.created),
            "updated": format_number(result.updated),
            "unchanged": format_number(result.unchanged),
            "errors": format_number(len(result.errors)),
        }
        if result.errors:
            self.stdout.write(
                _("Từ chối tệp %(file)s: %(errors)s lỗi trong %(rows)s dòng; không ghi dòng nào.")
                % {**counts, "file": path.name}
            )
            raise CommandError(_("Tệp có dòng bị từ chối."), returncode=1)
        summary = (
            _("%(rows)s dòng: %(created)s vụ việc mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
            % counts
        )
        if dry_run:
            summary = _("Kiểm tra xong, không ghi (--dry-run). ") + summary
        self.stdout.write(summary)
        sys.stdout.flush()
