"""The downloadable files of a version (PDF, DOCX): only those generated and stored (komplan.plan.tasks)."""

from __future__ import annotations

from django.urls import reverse

from .models import RenderingStatus


def files(version, process_slug: str) -> list[dict]:
    """``[{"format": "pdf", "label": "PDF", "url": ..., "size": bytes}]`` of the finished files of ``version``.

    Uses ``version.renderings.all()`` so that a prefetch on a list of versions is honoured.
    """
    done = [r for r in version.renderings.all() if r.status == RenderingStatus.DONE and r.file]
    return [
        {
            "format": r.format,
            "label": r.get_format_display(),
            "url": reverse(
                "plan:version_file", kwargs={"process": process_slug, "number": version.number, "fmt": r.format}
            ),
            "size": r.size,
        }
        for r in sorted(done, key=lambda r: r.format != "pdf")
    ]
