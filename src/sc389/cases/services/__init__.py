"""Every write to cases; each checks the actor's right, validates, and audits in the same transaction."""

from .case import case_close, case_create, case_share, case_update
from .delete import case_delete, case_restore, may_administer, may_delete_case, part_name, part_restore
from .exports import case_list_export_record
from .merge import case_merge, case_unmerge
from .outcomes import outcome_add, outcome_remove, outcome_update
from .parts import (
    attachment_add,
    attachment_remove,
    goods_line_add,
    goods_line_remove,
    goods_line_update,
    party_add,
    party_remove,
    party_update,
)

__all__ = [
    "attachment_add",
    "attachment_remove",
    "case_close",
    "case_create",
    "case_delete",
    "case_list_export_record",
    "case_restore",
    "case_merge",
    "case_share",
    "case_unmerge",
    "case_update",
    "goods_line_add",
    "goods_line_remove",
    "goods_line_update",
    "may_administer",
    "may_delete_case",
    "outcome_add",
    "outcome_remove",
    "outcome_update",
    "part_name",
    "part_restore",
    "party_add",
    "party_remove",
    "party_update",
]
