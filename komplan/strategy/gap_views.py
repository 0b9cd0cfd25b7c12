"""Staff page linking gaps of the needs analysis to measures and activities, at `<process>/sprava/strategie/mezery/`.

Members see it (view_internal); linking needs edit_plan. A target is ``m<pk>`` (a measure) or ``a<pk>`` (an
activity) of the process; anything else answers 400 with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .gaps import gaps_for
from .models import Activity, GapLink, Measure, Priority


def _context(request, error: str = "", result=None) -> dict:
    """``result``: the gaps when the caller computed them already (the comparison is the expensive part)."""
    process = request.process
    tree = querysets.tree_for(process)
    targets = []
    for priority in tree:
        for measure in priority.measures.all():
            label = _("Measure %(number)s: %(title)s") % {"number": measure.number, "title": measure.title}
            targets.append((f"m{measure.pk}", label))
            for activity in measure.activities.all():
                label = _("Activity %(number)s: %(title)s") % {"number": activity.number, "title": activity.title}
                targets.append((f"a{activity.pk}", label))
    strategy = reverse("strategy_admin:tree", kwargs={"process": process.slug})
    return {
        "priorities": [
            (p.pk, _("Priority %(number)s: %(title)s") % {"number": p.number, "title": p.title}) for p in tree
        ],
        "result": result if result is not None else gaps_for(process),
        "targets": targets,
        "can_edit": request.access.can(Perm.EDIT_PLAN),
        "error": error,
        "breadcrumbs": workspace_crumbs(process, (_("Strategy"), strategy), (_("Gaps and measures"), None)),
    }


@internal_view(Perm.VIEW_INTERNAL)
def gap_list(request, process):
    return render(request, "strategy/admin_gaps.html", _context(request))


def _target(process, value: str):
    kind, pk = value[:1], value[1:]
    if not pk.isdecimal():
        return None
    if kind == "m":
        return Measure.objects.filter(priority__process=process, pk=pk).first()
    if kind == "a":
        return Activity.objects.filter(measure__priority__process=process, pk=pk).first()
    return None


@require_POST
@internal_view(Perm.EDIT_PLAN)
def gap_link(request, process):
    process = request.process
    key = request.POST.get("gap", "")
    target = _target(process, request.POST.get("target", ""))
    result = gaps_for(process)
    if target is None or key not in {gap.key for gap in result.gaps}:
        error = _("Choose a gap and a measure or activity of this strategy.")
        return render(request, "strategy/admin_gaps.html", _context(request, error, result), status=400)
    field = "measure" if isinstance(target, Measure) else "activity"
    GapLink.objects.get_or_create(process=process, gap_key=key, **{field: target})
    messages.success(request, _("The gap was linked."))
    return redirect("strategy_admin:gaps", process=process.slug)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def gap_unlink(request, process, pk: int):
    link = GapLink.objects.for_process(request.process).filter(pk=pk).first()
    if link is None:
        raise Http404
    link.delete()
    messages.success(request, _("The link was removed."))
    return redirect("strategy_admin:gaps", process=request.process.slug)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def gap_new_measure(request, process):
    """A new measure under a chosen priority that answers the gap (linked at once); the title defaults to the gap."""
    process = request.process
    result = gaps_for(process)
    gaps = {gap.key: gap for gap in result.gaps}
    gap = gaps.get(request.POST.get("gap", ""))
    priority_id = request.POST.get("priority", "")
    priority = Priority.objects.for_process(process).filter(pk=priority_id).first() if priority_id.isdecimal() else None
    title = request.POST.get("title", "").strip()[:300]
    if gap is None or priority is None:
        error = _("Choose a gap and the priority the new measure belongs to.")
        return render(request, "strategy/admin_gaps.html", _context(request, error, result), status=400)
    with transaction.atomic():
        measure = services.add_measure(priority, title or _("Closing the gap: %(gap)s") % {"gap": gap.label})
        GapLink.objects.create(process=process, gap_key=gap.key, measure=measure)
    number = next(m.number for m in querysets.measures_for(process) if m.pk == measure.pk)
    messages.success(request, _("Measure %(number)s was added and answers the gap.") % {"number": number})
    return redirect("strategy_admin:gaps", process=process.slug)
