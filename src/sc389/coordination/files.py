"""Serving a stored file back (reply attachments): always a download, never rendered inline or sniffed."""

from django.http import FileResponse


def download(field, name: str, content_type: str) -> FileResponse:
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
