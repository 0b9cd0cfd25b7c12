"""Public web version of the plan at `<process>/plan/` (namespace plan).

The working draft is rendered from the live data and labelled as a draft; `<process>/plan/verze/<n>/` renders a
frozen version from its snapshot only. Anchors: `#kapitola-<key>` per chapter, `#p-<id>` per paragraph.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import querysets, services


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
        "breadcrumbs": _crumbs(process, (label, None)),
    }
    return render(request, "plan/document.html", context)
