"""Public web version of the plan at `<process>/plan/` (namespace plan).

The working draft is rendered from the live data and labelled as a draft; `<process>/plan/verze/<n>/` renders a
frozen version from its snapshot only. Anchors: `#kapitola-<key>` per chapter, `#p-<id>` per paragraph.
`<process>/plan/verze/<n>.pdf` and `.docx` serve the files generated for a version (404 with a sentence until
they exist).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.meetings.files import file_response

from . import querysets, services
from .models import RenderingStatus
from .outputs import FORMATS, filename


def _crumbs(process, *tail):
    page = reverse("plan:draft", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Community plan"), page), *tail]


def draft(request, process):
    process = request.process
    plan = querysets.plan_of(process)
    context = {
        "plan": plan,
        "document": services.build(plan) if plan else None,
        "versions": querysets.versions_for(plan) if plan else [],
        "is_draft": True,
        "breadcrumbs": _crumbs(process),
    }
    return render(request, "plan/document.html", context)


def version(request, process, number: int):
    process = request.process
    plan = querysets.plan_of(process)
    found = querysets.version_of(plan, number) if plan else None
    if found is None:
        raise Http404
    label = _("Version %(number)d") % {"number": found.number}
    context = {
        "plan": plan,
        "document": found.snapshot,
        "version": found,
        "versions": querysets.versions_for(plan),
        "is_draft": False,
        "files": [r for r in found.renderings.all() if r.status == RenderingStatus.DONE and r.file],
        "breadcrumbs": _crumbs(process, (label, None)),
    }
    return render(request, "plan/document.html", context)


def version_file(request, process, number: int, fmt: str):
    """The stored PDF or DOCX of a version, under a Czech file name."""
    process = request.process
    plan = querysets.plan_of(process)
    found = querysets.version_head(plan, number) if plan and fmt in FORMATS else None
    if found is None:
        raise Http404
    rendering = querysets.finished_file(found, fmt)
    if rendering is None:
        label = _("Version %(number)d") % {"number": found.number}
        context = {
            "plan": plan,
            "version": found,
            "format": fmt.upper(),
            "breadcrumbs": _crumbs(process, (label, reverse("plan:version", args=[process.slug, number]))),
        }
        return render(request, "plan/file_missing.html", context, status=404)
    return file_response(rendering.file, FORMATS[fmt], download_name=filename(plan.title, number, fmt), private=False)
