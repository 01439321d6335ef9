from .case import Case, CaseMerge, CaseShare, CaseUnit, CommodityGroup, ViolationType
from .imports import ImportFormat, ImportJob, ImportPhase, ImportStatus
from .outcomes import BudgetRemittance, PenaltyDecision, Prosecution, Transfer
from .parts import Attachment, GoodsLine, Party

__all__ = [
    "Attachment",
    "BudgetRemittance",
    "Case",
    "CaseMerge",
    "CaseShare",
    "CaseUnit",
    "CommodityGroup",
    "GoodsLine",
    "ImportFormat",
    "ImportJob",
    "ImportPhase",
    "ImportStatus",
    "Party",
    "PenaltyDecision",
    "Prosecution",
    "Transfer",
    "ViolationType",
]
