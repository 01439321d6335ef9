"""The reports app's own records: reporting schedules, aggregate submissions and issued report versions."""

from .facts import FactKind, ReportFact, ReportFactMonth
from .submissions import ReportingSchedule, Submission, SubmissionLine
from .versions import ReportVersion

__all__ = [
    "FactKind",
    "ReportFact",
    "ReportFactMonth",
    "ReportVersion",
    "ReportingSchedule",
    "Submission",
    "SubmissionLine",
]
