"""Links to the generated files of a version (PDF, DOCX) — only when the app serving them is installed.

The files are served under the URL name ``plan:version_file`` (kwargs process, number, fmt), added by the outputs
part of issue #8; until it exists no download link is shown and the API lists no file.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

FORMATS = (("pdf", "PDF"), ("docx", "DOCX"))


def file_url(process_slug: str, number: int, fmt: str) -> str:
    try:
        return reverse("plan:version_file", kwargs={"process": process_slug, "number": number, "fmt": fmt})
    except NoReverseMatch:
        return ""


def files(process_slug: str, number: int) -> list[dict]:
    """``[{"format": "pdf", "label": "PDF", "url": ...}]`` for the formats that have a URL."""
    found = []
    for fmt, label in FORMATS:
        url = file_url(process_slug, number, fmt)
        if url:
            found.append({"format": fmt, "label": label, "url": url})
    return found
