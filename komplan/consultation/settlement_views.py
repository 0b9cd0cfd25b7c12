"""The public settlement of comments (see settlement_urls.py): every comment a row with the id
``pripominka-<reference>`` (the e-mails to commenters link there), the counts on top, and the downloads.

Everything shown comes from ``staff_querysets.settlement_items`` (public fields only); a hidden text is replaced by
a sentence, the row stays.
"""

from __future__ import annotations

import io

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import exporters, settlement
from .staff_querysets import published_consultation, settlement_items


def _consultation(request, pk: int):
    found = published_consultation(request.process, pk)
    if found is None:
        raise Http404
    return found


def page(request, process, consultation: int):
    found = _consultation(request, consultation)
    items = settlement_items(found)
    snapshot = found.version.snapshot
    rows = [{"reference": i["reference"], "cells": settlement.cells(i, snapshot)[1:]} for i in items]
    plan_url = reverse("plan:draft", kwargs={"process": request.process.slug})
    context = {
        "consultation": found,
        "version": found.version,
        "header": settlement.header(),
        "rows": rows,
        "counts_header": settlement.counts_header(),
        "counts_rows": settlement.counts_rows(settlement.counts(items)),
        "formats": [(fmt.upper(), fmt) for fmt in exporters.FORMATS],
        "breadcrumbs": [
            (request.process.name, request.process.get_absolute_url()),
            (_("Community plan"), plan_url),
            (_("Settlement of comments"), None),
        ],
    }
    return render(request, "consultation/settlement.html", context)


def download(request, process, consultation: int, fmt: str):
    found = _consultation(request, consultation)
    if fmt not in exporters.RENDERERS:
        raise Http404
    data = exporters.RENDERERS[fmt](found)
    response = FileResponse(
        io.BytesIO(data),
        content_type=exporters.FORMATS[fmt],
        as_attachment=True,
        filename=exporters.filename(found, fmt),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
