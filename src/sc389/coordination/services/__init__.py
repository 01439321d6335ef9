"""Every write of coordination; each checks the actor's right, validates, and audits in the same transaction."""

from .bulletins import (
    bulletin_acknowledge,
    bulletin_publish,
    bulletin_read,
    bulletin_report_action,
    bulletin_update,
    bulletin_withdraw,
)
from .groups import sharing_group_create, sharing_group_set_members, sharing_group_update
from .networks import case_network_add_case, case_network_create
from .requests import (
    reply_add,
    request_accept_handover,
    request_close,
    request_create,
    request_decline,
    request_escalate,
    requests_escalate,
)

__all__ = [
    "bulletin_acknowledge",
    "bulletin_publish",
    "bulletin_read",
    "bulletin_report_action",
    "bulletin_update",
    "bulletin_withdraw",
    "case_network_add_case",
    "case_network_create",
    "reply_add",
    "request_accept_handover",
    "request_close",
    "request_create",
    "request_decline",
    "request_escalate",
    "requests_escalate",
    "sharing_group_create",
    "sharing_group_set_members",
    "sharing_group_update",
]
