"""The case register's pages: parse → selector or service → render. No rules and no ORM writes here.

One module per area; urls.py names the views through this package.
"""

from .delete import attachment_remove, case_delete, deleted_list, deleted_restore
from .detail import attachment_download, case_detail, case_share
from .edit import case_create, case_edit
from .export import case_export, case_print
from .listing import COUNT_CAP, PAGE_SIZE, case_list, place_search
from .merge import case_merge, case_unmerge
from .outcomes import case_close, outcome_add, outcome_edit, outcome_remove
from .parts import attachment_add, goods_add, goods_edit, goods_remove, party_add, party_edit, party_remove

__all__ = [
    "COUNT_CAP",
    "PAGE_SIZE",
    "attachment_add",
    "attachment_download",
    "attachment_remove",
    "case_close",
    "case_create",
    "case_delete",
    "case_detail",
    "case_edit",
    "case_export",
    "case_list",
    "case_merge",
    "case_print",
    "case_share",
    "case_unmerge",
    "deleted_list",
    "deleted_restore",
    "goods_add",
    "goods_edit",
    "goods_remove",
    "outcome_add",
    "outcome_edit",
    "outcome_remove",
    "party_add",
    "party_edit",
    "party_remove",
    "place_search",
]
