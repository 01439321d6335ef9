"""`sc389 report ... --issue` and `sc389 report --diff VERSION`: issue a version, or say what changed since one."""

import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from sc389.core import audit
from sc389.core.errors import DomainError
from sc389.org.models import Committee

from ..indicators import area_resolve
from ..models import ReportVersion
from ..periods import Period
from .diff import version_diff
from .services import report_issue
from .text import diff_text


def _committee(options) -> Committee:
    if options.get("committee"):
        found = Committee.objects.filter(code=options["committee"]).first()
    else:
        area = area_resolve(options["unit"] or "")
        qs = (
            Committee.objects.filter(area__isnull=True, level="national")
            if area.unit is None
            else (Committee.objects.filter(area=area.unit))
        )
        found = qs.order_by("id").first()
    if found is None:
        raise CommandError("Không tìm thấy Ban Chỉ đạo (dùng --committee CODE).")
    return found


def versions_command(options) -> str:
    try:
        if options.get("diff") is not None:
            version = ReportVersion.objects.filter(pk=options["diff"]).select_related("committee").first()
            if version is None:
                raise CommandError(f"Không có phiên bản {options['diff']}.")
            changes = version_diff(version)
            if options["fmt"] == "json":
                changes.pop("now")
                return json.dumps(changes, ensure_ascii=False, indent=2) + "\n"
            return diff_text(changes)
        if (
            not (options.get("unit") or options.get("committee"))
            or not options.get("date_from")
            or not options.get("date_to")
        ):
            raise CommandError("--issue cần --unit (hoặc --committee), --from và --to.")
        user = get_user_model().objects.filter(username=options.get("user") or "").first()
        if user is None:
            raise CommandError("--issue cần --user USERNAME (người ban hành, được ghi nhật ký).")
        period = Period(
            dt.date.fromisoformat(options["date_from"]), dt.date.fromisoformat(options["date_to"])
        )
        with audit.context(channel="cli"):
            version = report_issue(
                committee=_committee(options),
                period=period,
                compare=options["compare"],
                by=options["by"],
                actor=user,
            )
        return (
            json.dumps(
                {
                    "version": version.pk,
                    "number": version.number,
                    "committee": version.committee.code,
                    "data_cutoff": version.data_cutoff.isoformat(),
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    except (ValueError, DomainError) as exc:
        raise CommandError(str(getattr(exc, "message", exc))) from exc
