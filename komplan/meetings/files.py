"""Serving the stored files of meetings through views that check access (MEDIA_ROOT is never served directly)."""

from __future__ import annotations

from django.http import FileResponse, Http404


def file_response(field, content_type: str, *, download_name: str | None = None, private: bool = True):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download_name is not None, filename=download_name or ""
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600" if private else "public, max-age=86400"
    return response
