"""Aggregate submissions: schedules, the submission workflow, XLSX upload, completeness, and their pages."""
