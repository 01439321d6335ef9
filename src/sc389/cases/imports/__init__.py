"""Spreadsheet import of cases (CSV, XLSX): templates, row-by-row validation, all-or-nothing idempotent writes."""
