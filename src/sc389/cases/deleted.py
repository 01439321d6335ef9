"""Reads of deleted records, for the restore page: administrators of the scope only (core.access "administer").

Every soft-deletable model of the case register is listed: cases, and the goods lines, parties, outcomes and
attachments removed from a case (the part's scope is its case's, deleted or not).
"""

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sc389.core import access
from sc389.core.errors import NotFound

from .models import (
    Attachment,
    BudgetRemittance,
    Case,
    GoodsLine,
    Party,
    PenaltyDecision,
    Prosecution,
    Transfer,
)

LIMIT = 200  # newest deleted records shown per kind


@dataclass(frozen=True)
class DeletedKind:
    key: str
    model: type[Model]
    label: str | Promise


KINDS = {
    k.key: k
    for k in (
        DeletedKind("case", Case, _("Vụ việc")),
        DeletedKind("goods", GoodsLine, _("Hàng hóa")),
        DeletedKind("party", Party, _("Đối tượng, phương tiện")),
        DeletedKind("penalty", PenaltyDecision, _("Quyết định xử phạt")),
        DeletedKind("remittance", BudgetRemittance, _("Nộp ngân sách")),
        DeletedKind("prosecution", Prosecution, _("Khởi tố hình sự")),
        DeletedKind("transfer", Transfer, _("Chuyển lực lượng, cơ quan khác")),
        DeletedKind("attachment", Attachment, _("Tài liệu đính kèm")),
    )
}


def may_see_deleted(user) -> bool:
    """Administrators (role admin in some unit or committee) and superusers; the lists are scoped further."""
    p = access.principal(user)
    return p.superuser or "admin" in p.roles


def _administered_cases(user) -> QuerySet[Case]:
    return access.scope(Case.all_objects.all(), user=user, action="administer")


def deleted_list(*, user, kind: str) -> QuerySet:
    """The deleted records of one kind the user administers, newest deletion first."""
    model = KINDS[kind].model
    qs = model.all_objects.filter(deleted_at__isnull=False).select_related("deleted_by")
    if model is Case:
        qs = access.scope(qs, user=user, action="administer").select_related("lead_unit")
    else:
        qs = qs.filter(case__in=_administered_cases(user).values("pk")).select_related("case")
    return qs.order_by("-deleted_at", "-pk")


def deleted_lists(*, user) -> list[tuple[DeletedKind, list]]:
    return [(kind, list(deleted_list(user=user, kind=key)[:LIMIT])) for key, kind in KINDS.items()]


def deleted_get(*, user, kind: str, pk: int) -> Model:
    """One deleted record the user administers; anything else does not exist for them."""
    if kind not in KINDS:
        raise NotFound()
    found = deleted_list(user=user, kind=kind).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found
