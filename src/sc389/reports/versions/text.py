"""What changed since an issued version, as plain text for the CLI (the page shows the same)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sc389.core.formats import format_number

from ..indicators import BY_CODE


def diff_text(diff: dict) -> str:
    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    v = diff["version"]
    lines = [
        str(_("Phiên bản %(number)s của %(committee)s, chốt số liệu lúc %(cutoff)s; tính lại lúc %(now)s"))
        % {
            "number": v["number"],
            "committee": v["committee"],
            "cutoff": diff["data_cutoff"],
            "now": diff["recomputed_at"],
        },
        "",
    ]
    if not diff["changed"]:
        lines.append(str(_("Số liệu không thay đổi.")))
    for code, fields in diff["changed"].items():
        for name, change in fields.items():
            which = _("kỳ báo cáo") if name == "value" else _("kỳ so sánh")
            lines.append(
                f"- {BY_CODE[code].label} ({which}): {format_number(change['then'], lang=lang)} → "
                f"{format_number(change['now'], lang=lang)}"
            )
    reasons = diff["reasons"]
    lines += ["", str(_("Lý do"))]
    for key, label in (
        ("late_cases", _("Vụ việc nhập sau thời điểm chốt")),
        ("corrected_outcomes", _("Kết quả xử lý được sửa sau thời điểm chốt")),
        ("corrected_cases", _("Vụ việc được sửa sau thời điểm chốt")),
    ):
        found = reasons[key]
        lines.append(
            f"- {label}: {found['count']}" + (f" ({', '.join(found['cases'])})" if found["cases"] else "")
        )
    subs = reasons["new_submissions"]
    lines.append(
        f"- {_('Báo cáo tổng hợp được duyệt sau thời điểm chốt')}: {len(subs)}"
        + (f" ({', '.join(s['unit'] + ' ' + s['from'] for s in subs)})" if subs else "")
    )
    return "\n".join(lines) + "\n"
