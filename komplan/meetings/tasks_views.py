"""Tasks from the minutes (namespace meetings_admin): added by organisers, ticked off by their owner or an organiser,
and "my tasks" — everyone's own open tasks, and all open tasks per person for organisers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view

from . import querysets, services
from .admin_views import crumbs, detail_context, get_meeting, to_meeting
from .forms import TaskForm
from .models import Task


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def task_add(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = TaskForm(request.POST, process=request.process)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_task(meeting, data["text"], data["owner"], data["deadline"])
        except ValidationError as exc:
            form.add_error("owner", exc)
    if form.errors:
        return render(
            request, "meetings/admin_meeting.html", detail_context(request, meeting, task_form=form), status=400
        )
    messages.success(request, _("The task was added."))
    return to_meeting(request, meeting, "ukoly")


def _task(request, pk: int, task: int) -> Task:
    found = Task.objects.filter(meeting=get_meeting(request, pk), pk=task).select_related("meeting").first()
    if found is None:
        raise Http404
    return found


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def task_done(request, process, pk: int, task: int):
    """Tick a task off (or open it again): its owner or an organiser of meetings."""
    found = _task(request, pk, task)
    own = request.access.membership is not None and found.owner_id == request.access.membership.pk
    if not (own or request.access.can(Perm.MANAGE_MEETINGS)):
        raise PermissionDenied
    services.set_task_done(found, request.POST.get("done") == "1")
    messages.success(request, _("The task was updated."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return to_meeting(request, found.meeting, "ukoly")


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def task_delete(request, process, pk: int, task: int):
    found = _task(request, pk, task)
    services.delete_task(found)
    messages.success(request, _("The task was deleted."))
    return to_meeting(request, found.meeting, "ukoly")


@internal_view(Perm.VIEW_INTERNAL)
def my_tasks(request, process):
    membership = request.access.membership
    own = list(querysets.open_tasks(request.process, membership)) if membership else []
    can_manage = request.access.can(Perm.MANAGE_MEETINGS)
    everyone = querysets.tasks_by_person(querysets.open_tasks(request.process)) if can_manage else []
    context = {
        "own": own,
        "everyone": everyone,
        "can_manage": can_manage,
        "breadcrumbs": crumbs(request, (_("Open tasks"), None)),
    }
    return render(request, "meetings/my_tasks.html", context)
