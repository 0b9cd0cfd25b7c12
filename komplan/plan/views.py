"""Public pages of the plan at `<process>/plan/` (namespace plan; see urls.py for the map).

The working draft is rendered from the live data and labelled as a draft; a frozen version, the publication page,
the archive and the diff read the snapshots only. Anchors: `#kapitola-<key>` per chapter, `#p-<id>` per paragraph.
`<process>/plan/verze/<n>.pdf` and `.docx` serve the files generated for a version (404 with a sentence until
they exist).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.meetings.files import file_response
from komplan.strategy.querysets import action_plan_years

from . import querysets, services
from .diff import diff
from .forms import CompareForm
from .models import VersionState
from .outputs import FORMATS, filename


def _crumbs(process, *tail):
    page = reverse("plan:draft", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Community plan"), page), *tail]


def _archive_crumb(process):
    return (_("Versions of the plan"), reverse("plan:archive", kwargs={"process": process.slug}))


def _plan_or_404(process):
    plan = querysets.plan_of(process)
    if plan is None:
        raise Http404
    return plan


def _label(version) -> str:
    return _("Version %(number)d") % {"number": version.number}


def draft(request, process):
    process = request.process
    plan = querysets.plan_of(process)
    context = {
        "plan": plan,
        "document": services.build(plan) if plan else None,
        "versions": querysets.versions_for(plan) if plan else [],
        "official": querysets.current_official(plan) if plan else None,
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
    versions = list(querysets.versions_for(plan))
    other = next((v.number for v in versions if v.number != found.number), None)
    initial = {"a": min(other, number), "b": max(other, number)} if other else {}
    context = {
        "plan": plan,
        "document": found.snapshot,
        "version": found,
        "versions": versions,
        "official": querysets.current_official(plan),
        "compare_form": CompareForm(versions=versions, initial=initial) if len(versions) > 1 else None,
        "is_draft": False,
        "breadcrumbs": _crumbs(process, _archive_crumb(process), (_label(found), None)),
    }
    return render(request, "plan/document.html", context)


def publication(request, process):
    """The current official plan with its approval, the downloads, the other versions and the action plans."""
    process = request.process
    plan = querysets.plan_of(process)
    official = querysets.current_official(plan) if plan else None
    archive = [v for v in querysets.archive_for(plan) if v != official] if plan else []
    context = {
        "plan": plan,
        "official": official,
        "archive": archive,
        "comment_versions": [v for v in archive if v.state == VersionState.COMMENT],
        "years": action_plan_years(process),
        "breadcrumbs": _crumbs(process, (_("The approved plan"), None)),
    }
    return render(request, "plan/publication.html", context)


def archive(request, process):
    """Every version, with a form comparing two (valid choices redirect to the diff page)."""
    process = request.process
    plan = _plan_or_404(process)
    versions = list(querysets.versions_for(plan))
    status = 200
    if "a" in request.GET or "b" in request.GET:
        form = CompareForm(request.GET, versions=versions)
        if form.is_valid():
            a, b = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
            return redirect("plan:diff", process=process.slug, a=a, b=b)
        status = 400
    else:
        initial = {"a": versions[1].number, "b": versions[0].number} if len(versions) > 1 else {}
        form = CompareForm(versions=versions, initial=initial)
    context = {
        "plan": plan,
        "official": querysets.current_official(plan),
        "archive": [v for v in versions if v.state != VersionState.WORKING],
        "working": [v for v in versions if v.state == VersionState.WORKING],
        "compare_form": form if len(versions) > 1 else None,
        "breadcrumbs": _crumbs(process, (_("Versions of the plan"), None)),
    }
    return render(request, "plan/archive.html", context, status=status)


def compare(request, process, a: int, b: int):
    process = request.process
    plan = _plan_or_404(process)
    old, new = querysets.version_of(plan, a), querysets.version_of(plan, b)
    if old is None or new is None:
        raise Http404
    title = _("Version %(a)d compared with version %(b)d") % {"a": a, "b": b}
    context = {
        "plan": plan,
        "old": old,
        "new": new,
        "diff": diff(old.snapshot, new.snapshot),
        "title": title,
        "breadcrumbs": _crumbs(process, _archive_crumb(process), (title, None)),
    }
    return render(request, "plan/diff.html", context)


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
