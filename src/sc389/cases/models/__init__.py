from .case import Case, CaseMerge, CaseShare, CaseUnit, CommodityGroup, ViolationType
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
    "Party",
    "PenaltyDecision",
    "Prosecution",
    "Transfer",
    "ViolationType",
]
