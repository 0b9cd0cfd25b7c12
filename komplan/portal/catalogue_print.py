"""The printed catalogue of social services of a process, as a PDF shown in the browser."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from komplan.directory.printing import catalogue_pdf


@require_GET
def catalogue_pdf_view(request, process):
    """``/<slug>/katalog/tisk.pdf``: the catalogue in the active language, inline (prints from the viewer)."""
    process = request.process
    response = HttpResponse(catalogue_pdf(process), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{process.slug}-katalog-socialnich-sluzeb.pdf"
    )
    return response
