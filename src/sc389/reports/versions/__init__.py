"""Issued report versions: freezing a report, and what changed since (late cases, corrections, submissions)."""
