"""Report exports: XLSX, DOCX and PDF writers over one ReportDocument."""
