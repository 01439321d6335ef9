"""The reports app's own records: reporting schedules, aggregate submissions and issued report versions."""

from .submissions import ReportingSchedule, Submission, SubmissionLine
from .versions import ReportVersion

__all__ = ["ReportVersion", "ReportingSchedule", "Submission", "SubmissionLine"]
