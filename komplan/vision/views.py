"""The public page `<process>/vize-a-swot/` (namespace vision): the vision, the overall SWOT, then each group's.

Weights are counts of members' votes; who voted is personal data and is never shown here.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from . import querysets


def vision_and_swot(request, process):
    process = request.process
    boards = querysets.boards(process, insider=request.access.is_insider)
    context = {
        "vision": querysets.vision_of(process),
        "boards": [b for b in boards if b.items or b.is_overall],
        "breadcrumbs": [(process.name, process.get_absolute_url()), (_("Vision and SWOT"), None)],
    }
    return render(request, "vision/public.html", context)
