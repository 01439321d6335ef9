"""Coordination between units and provinces: bulletins, sharing groups, requests, case networks."""

from .bulletins import Bulletin, BulletinCase, BulletinEntity, BulletinReach, Distribution, Receipt
from .groups import SharingGroup, SharingGroupMember
from .networks import CaseHandover, CaseNetwork, CaseNetworkMember
from .requests import Reply, ReplyAttachment, Request

__all__ = [
    "Bulletin",
    "BulletinCase",
    "BulletinEntity",
    "BulletinReach",
    "CaseHandover",
    "CaseNetwork",
    "CaseNetworkMember",
    "Distribution",
    "Receipt",
    "Reply",
    "ReplyAttachment",
    "Request",
    "SharingGroup",
    "SharingGroupMember",
]
