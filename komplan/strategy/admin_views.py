"""Staff pages of the strategy tree at `<process>/sprava/strategie/` (namespace strategy_admin).

Every member sees the tree (flag view_internal); changes need edit_plan. Two people editing the same activity
cannot overwrite each other silently: the form carries the version it was opened at, and a save over a newer
version is refused (409) with the other's saved text shown beside one's own.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .forms import ActivityForm, MeasureForm, MoveActivityForm, PriorityForm, all_valid, child_formsets
from .models import Activity, Measure, Priority, SheetState


def _crumbs(request, *tail):
    overview = reverse("strategy_admin:tree", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Strategy"), overview), *tail)


def _to_tree(request):
    return redirect("strategy_admin:tree", process=request.process.slug)


def _priority(request, pk: int) -> Priority:
    found = Priority.objects.for_process(request.process).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _measure(request, pk: int) -> Measure:
    found = Measure.objects.filter(priority__process=request.process, pk=pk).select_related("priority").first()
    if found is None:
        raise Http404
    return found


def _activity(request, pk: int) -> Activity:
    found = querysets.activities_with_content().filter(measure__priority__process=request.process, pk=pk).first()
    if found is None:
        raise Http404
    return found


@internal_view(Perm.VIEW_INTERNAL)
def tree(request, process):
    measures = querysets.measures_for(request.process)
    context = {
        "priorities": querysets.tree_for(request.process),
        "can_edit": request.access.can(Perm.EDIT_PLAN),
        "open_sheets": querysets.sheets_with_content(request.process)
        .filter(state__in=[SheetState.SUBMITTED, SheetState.RESUBMITTED])
        .count(),
        "has_measures": bool(measures),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "strategy/admin_tree.html", context)


def _simple_edit(request, form, title):
    if request.method == "POST" and form.is_valid():
        return True, None
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "breadcrumbs": _crumbs(request, (title, None))}
    return False, render(request, "strategy/simple_form.html", context, status=status)


@internal_view(Perm.EDIT_PLAN)
def priority_add(request, process):
    form = PriorityForm(request.POST or None, process=request.process)
    ok, response = _simple_edit(request, form, _("New priority"))
    if not ok:
        return response
    priority = services.add_priority(request.process, form.cleaned_data["title"], form.cleaned_data["description"])
    priority.planning_groups.set(form.cleaned_data["planning_groups"])
    messages.success(request, _("The priority was added."))
    return _to_tree(request)


@internal_view(Perm.EDIT_PLAN)
def priority_edit(request, process, pk: int):
    priority = _priority(request, pk)
    form = PriorityForm(request.POST or None, process=request.process, instance=priority)
    ok, response = _simple_edit(request, form, _("Edit the priority “%(title)s”") % {"title": priority.title})
    if not ok:
        return response
    form.save()
    messages.success(request, _("The priority was saved."))
    return _to_tree(request)


@internal_view(Perm.EDIT_PLAN)
def measure_add(request, process, pk: int):
    priority = _priority(request, pk)
    form = MeasureForm(request.POST or None)
    ok, response = _simple_edit(request, form, _("New measure of “%(title)s”") % {"title": priority.title})
    if not ok:
        return response
    services.add_measure(priority, form.cleaned_data["title"], form.cleaned_data["description"])
    messages.success(request, _("The measure was added."))
    return _to_tree(request)


@internal_view(Perm.EDIT_PLAN)
def measure_edit(request, process, pk: int):
    measure = _measure(request, pk)
    form = MeasureForm(request.POST or None, instance=measure)
    ok, response = _simple_edit(request, form, _("Edit the measure “%(title)s”") % {"title": measure.title})
    if not ok:
        return response
    form.save()
    messages.success(request, _("The measure was saved."))
    return _to_tree(request)


LOOKUPS = {"priority": _priority, "measure": _measure, "activity": _activity}


@require_POST
@internal_view(Perm.EDIT_PLAN)
def move(request, process, kind: str, pk: int, direction: str):
    if kind not in LOOKUPS or direction not in ("up", "down"):
        raise Http404
    services.move(LOOKUPS[kind](request, pk), -1 if direction == "up" else 1)
    messages.success(request, _("The order was changed; the numbers follow it."))
    return _to_tree(request)


@require_http_methods(["GET", "POST"])
@internal_view(Perm.EDIT_PLAN)
def delete(request, process, kind: str, pk: int):
    """GET asks for confirmation and says what goes with the item (a priority takes its measures and their
    activities along); POST deletes."""
    if kind not in LOOKUPS:
        raise Http404
    item = LOOKUPS[kind](request, pk)
    if request.method == "POST":
        services.delete_item(item)
        messages.success(request, _("Deleted; the numbers after it moved up."))
        return _to_tree(request)
    number = querysets.number_of(request.process, kind, item.pk)
    title = _("Delete %(number)s %(title)s?") % {"number": number, "title": item.title}
    context = {
        "title": title,
        "kind": kind,
        "item": item,
        "number": number,
        "consequences": querysets.deletion_consequences(kind, item),
        "breadcrumbs": _crumbs(request, (title, None)),
    }
    return render(request, "strategy/confirm_delete.html", context)


def _activity_page(request, form, formsets, title, status=200, **extra):
    context = {
        "form": form,
        "formsets": formsets,
        "title": title,
        "can_edit": True,
        "breadcrumbs": _crumbs(request, (title, None)),
    }
    return render(request, "strategy/activity_form.html", {**context, **extra}, status=status)


@internal_view(Perm.EDIT_PLAN)
def activity_add(request, process, pk: int):
    measure = _measure(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, process=request.process, instance=Activity(measure=measure))
    formsets = child_formsets(Activity, form.instance, request.process, data)
    title = _("New activity of “%(title)s”") % {"title": measure.title}
    if request.method == "POST":
        if all_valid(form, formsets):
            services.create_activity(measure, form, formsets, request.user)
            messages.success(request, _("The activity was added."))
            return _to_tree(request)
        return _activity_page(request, form, formsets, title, status=400)
    return _activity_page(request, form, formsets, title)


@internal_view(Perm.VIEW_INTERNAL)
def activity_edit(request, process, pk: int):
    """Members see the activity; with edit_plan they edit it (and only they may post)."""
    activity = _activity(request, pk)
    number = querysets.numbered_activities(request.process)
    activity.number = next((a.number for a in number if a.pk == activity.pk), "")
    title = _("Activity %(number)s %(title)s") % {"number": activity.number, "title": activity.title}
    if not request.access.can(Perm.EDIT_PLAN):
        if request.method == "POST":
            raise PermissionDenied
        context = {
            "activity": activity,
            "title": title,
            "can_edit": False,
            "breadcrumbs": _crumbs(request, (title, None)),
        }
        return render(request, "strategy/admin_activity.html", context)
    measures = querysets.measures_for(request.process)
    move_form = MoveActivityForm(measures=measures, initial={"measure": activity.measure_id})
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, process=request.process, instance=activity)
    formsets = child_formsets(Activity, activity, request.process, data)
    if request.method != "POST":
        return _activity_page(request, form, formsets, title, activity=activity, move_form=move_form)
    if not all_valid(form, formsets):
        return _activity_page(request, form, formsets, title, status=400, activity=activity, move_form=move_form)
    try:
        services.save_activity(activity, form, formsets, request.user, form.cleaned_data.get("version") or 0)
    except services.ActivityConflict as exc:
        current = querysets.activities_with_content().get(pk=exc.current.pk)
        form.add_error(
            None,
            _(
                "Someone else saved the activity after you opened it. Their version is shown below; your changes "
                "are kept in the form. Merge them and save again."
            ),
        )
        form.data = form.data.copy()
        form.data["version"] = current.version
        return _activity_page(
            request, form, formsets, title, status=409, activity=activity, move_form=move_form, conflict=current
        )
    messages.success(request, _("The activity was saved."))
    return redirect("strategy_admin:activity", process=request.process.slug, pk=activity.pk)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def activity_move_to(request, process, pk: int):
    activity = _activity(request, pk)
    form = MoveActivityForm(request.POST, measures=querysets.measures_for(request.process))
    if not form.is_valid():
        messages.error(request, _("Choose a measure of this process."))
        return redirect("strategy_admin:activity", process=request.process.slug, pk=activity.pk)
    services.move_activity_to(activity, form.cleaned_data["measure"])
    messages.success(request, _("The activity was moved; the numbers were updated."))
    return _to_tree(request)
