"""Every URL of the cases app, with the right it needs and a request that exercises it.

`rule`: "view" (may see the case), "change" (may change it), "record" (may record cases at all), "login" (any
signed-in user). `build(case, ctx)` returns (method, url, data) and may create what the request needs (an
outcome to remove, a merge to undo), always as the national administrator, so the persona's own right is what
the request tests. A successful GET answers 200, a successful POST redirects (302).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sc389.cases import services

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
REASON = {"reason": "Ghi nhầm"}


@dataclass(frozen=True)
class Endpoint:
    rule: str
    build: Callable


def _admin(ctx):
    return ctx.tree.users["admin_national"]


def _goods(case, ctx):
    line = services.goods_line_add(case=case, actor=_admin(ctx), description="Hàng thử")
    return "post", reverse("cases:goods_remove", args=[case.pk, line.pk]), REASON


def _party(case, ctx):
    party = services.party_add(case=case, actor=_admin(ctx), kind="phone", phone="0912345678")
    return "post", reverse("cases:party_remove", args=[case.pk, party.pk]), REASON


def _goods_edit(case, ctx):
    line = services.goods_line_add(case=case, actor=_admin(ctx), description="Hàng thử")
    data = {"goods-description": "Hàng đã sửa", "goods-value_vnd": 5, "goods-version": line.case.version}
    return "post", reverse("cases:goods_edit", args=[case.pk, line.pk]), data


def _party_edit(case, ctx):
    party = services.party_add(case=case, actor=_admin(ctx), kind="phone", phone="0912345678")
    data = {"party-kind": "phone", "party-role": "related", "party-phone": "0987654321"}
    return "post", reverse("cases:party_edit", args=[case.pk, party.pk]), data


def _outcome(case, ctx):
    outcome = services.outcome_add(
        case=case,
        actor=_admin(ctx),
        kind="transfer",
        to_agency="Công an tỉnh",
        transferred_on=dt.date(2025, 9, 1),
    )
    return "post", reverse("cases:outcome_remove", args=[case.pk, "transfer", outcome.pk]), REASON


def _outcome_edit(case, ctx):
    outcome = services.outcome_add(
        case=case, actor=_admin(ctx), kind="remittance", remitted_on=dt.date(2025, 9, 1), amount_vnd=1000
    )
    data = {"remittance-remitted_on": "02/09/2025", "remittance-kind": "tax", "remittance-amount_vnd": 2000}
    return "post", reverse("cases:outcome_edit", args=[case.pk, "remittance", outcome.pk]), data


def _attachment(case, ctx):
    upload = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    attachment = services.attachment_add(case=case, actor=_admin(ctx), upload=upload, kind="photo")
    return "get", reverse("cases:attachment", args=[case.pk, attachment.pk]), {}


def _twin(case, ctx):
    """Another record of the same event, by the same units at the same place."""
    return services.case_create(
        actor=_admin(ctx),
        lead_unit=case.lead_unit,
        participants=[p.unit for p in case.participations.all()],
        category="smuggling",
        detected_on=case.detected_on,
        place=case.place,
    )


def _merge(case, ctx):
    return "post", reverse("cases:merge", args=[case.pk]), {"reference": _twin(case, ctx).reference}


def _unmerge(case, ctx):
    merge = services.case_merge(survivor=case, absorbed=_twin(case, ctx), actor=_admin(ctx))
    return "post", reverse("cases:unmerge", args=[case.pk, merge.pk]), {}


def _attachment_remove(case, ctx):
    upload = SimpleUploadedFile("c.png", PNG, content_type="image/png")
    attachment = services.attachment_add(case=case, actor=_admin(ctx), upload=upload, kind="photo")
    return "post", reverse("cases:attachment_remove", args=[case.pk, attachment.pk]), REASON


def _restore(case, ctx):
    """A goods line removed by the national administrator, restored by the persona."""
    line = services.goods_line_add(case=case, actor=_admin(ctx), description="Hàng xóa nhầm")
    services.goods_line_remove(line=line, actor=_admin(ctx), reason="Thử khôi phục")
    return "post", reverse("cases:restore", args=["goods", line.pk]), {}


# Administrators of a case's scope (core.access "administer"): the national and the Lạng Sơn committee admins.
ADMINS = {"admin_national", "admin_langson"}

WEB_MATRIX: dict[str, Endpoint] = {
    "list": Endpoint("login", lambda case, ctx: ("get", reverse("cases:list"), {})),
    "place_search": Endpoint(
        "login", lambda case, ctx: ("get", reverse("cases:place_search"), {"place_q": "ky lua"})
    ),
    "export": Endpoint("login", lambda case, ctx: ("get", reverse("cases:export", args=["csv"]), {})),
    "print": Endpoint("login", lambda case, ctx: ("get", reverse("cases:print"), {"category": "smuggling"})),
    "create": Endpoint("record", lambda case, ctx: ("get", reverse("cases:create"), {})),
    "detail": Endpoint("view", lambda case, ctx: ("get", reverse("cases:detail", args=[case.pk]), {})),
    "attachment": Endpoint("view", _attachment),
    "share": Endpoint(
        "view",
        lambda case, ctx: (
            "post",
            reverse("cases:share", args=[case.pk]),
            {"unit": ctx.tree.units["bp_caobang"].pk},
        ),
    ),
    "edit": Endpoint("change", lambda case, ctx: ("get", reverse("cases:edit", args=[case.pk]), {})),
    "goods_add": Endpoint(
        "change",
        lambda case, ctx: (
            "post",
            reverse("cases:goods_add", args=[case.pk]),
            {"goods-description": "Pháo", "goods-value_vnd": 0},
        ),
    ),
    "goods_remove": Endpoint("change", _goods),
    "goods_edit": Endpoint("change", _goods_edit),
    "party_add": Endpoint(
        "change",
        lambda case, ctx: (
            "post",
            reverse("cases:party_add", args=[case.pk]),
            {"party-kind": "phone", "party-role": "related", "party-phone": "0912345678"},
        ),
    ),
    "party_remove": Endpoint("change", _party),
    "party_edit": Endpoint("change", _party_edit),
    "outcome_add": Endpoint(
        "change",
        lambda case, ctx: (
            "post",
            reverse("cases:outcome_add", args=[case.pk, "remittance"]),
            {"remittance-remitted_on": "2025-09-01", "remittance-kind": "tax", "remittance-amount_vnd": 1000},
        ),
    ),
    "outcome_remove": Endpoint("change", _outcome),
    "outcome_edit": Endpoint("change", _outcome_edit),
    "attachment_add": Endpoint(
        "change",
        lambda case, ctx: (
            "post",
            reverse("cases:attachment_add", args=[case.pk]),
            {"kind": "photo", "file": SimpleUploadedFile("b.png", PNG, content_type="image/png")},
        ),
    ),
    "merge": Endpoint("change", _merge),
    "unmerge": Endpoint("change", _unmerge),
    "close": Endpoint(
        "change",
        lambda case, ctx: ("post", reverse("cases:close", args=[case.pk]), {"reason": "Không vi phạm"}),
    ),
    "attachment_remove": Endpoint("change", _attachment_remove),
    "deleted": Endpoint("admin", lambda case, ctx: ("get", reverse("cases:deleted"), {})),
    "restore": Endpoint("administer", _restore),
    # Deleting a case that has outcomes (added above) and is closed: its administrators only.
    "delete": Endpoint("delete", lambda case, ctx: ("post", reverse("cases:delete", args=[case.pk]), REASON)),
}
# Run last on each case: close changes the case's status, delete hides the case.
ORDER = [name for name in WEB_MATRIX if name not in ("close", "delete")] + ["close", "delete"]
