"""Staff pages of the bodies at `<process>/sprava/skupiny/` (namespace planning_admin).

Every member of the process sees them (flag view_internal); changes need the flag manage_process.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .forms import AddMemberForm, BodyForm, LeaderForm, PlanningGroupForm
from .models import Body, BodyMember, PlanningGroup


def _crumbs(request, *tail):
    overview = reverse("planning_admin:bodies", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Groups"), overview), *tail)


def _body(request, slug: str) -> Body:
    body = querysets.bodies_for(request.process).filter(slug=slug).first()
    if body is None:
        raise Http404
    return body


def _group(request, slug: str) -> PlanningGroup:
    group = PlanningGroup.objects.for_process(request.process).filter(slug=slug).first()
    if group is None:
        raise Http404
    return group


def _to_body(request, body: Body):
    return redirect("planning_admin:body", process=request.process.slug, body=body.slug)


@internal_view(Perm.VIEW_INTERNAL)
def body_list(request, process):
    context = {
        "bodies": querysets.bodies_for(request.process),
        "planning_groups": querysets.planning_groups_for(request.process),
        "can_manage": request.access.can(Perm.MANAGE_PROCESS),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "planning/admin_bodies.html", context)


@internal_view(Perm.VIEW_INTERNAL)
def body_detail(request, process, body: str):
    body = _body(request, body)
    can_manage = request.access.can(Perm.MANAGE_PROCESS)
    context = {
        "body": body,
        "triads": querysets.triad_rows(body),
        "can_manage": can_manage,
        "add_form": AddMemberForm(body=body) if can_manage else None,
        "leader_form": LeaderForm(body=body, initial={"seat": body.leader()}) if can_manage else None,
        "breadcrumbs": _crumbs(request, (body.name, None)),
    }
    return render(request, "planning/admin_body.html", context)


def _edit(request, form, title: str, template: str, success: str):
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, success % {"name": saved.name})
        return saved, None
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "breadcrumbs": _crumbs(request, (title, None))}
    return None, render(request, template, context, status=status)


@internal_view(Perm.MANAGE_PROCESS)
def body_add(request, process):
    form = BodyForm(request.POST or None, process=request.process, instance=Body(process=request.process))
    saved, response = _edit(request, form, _("New group"), "planning/form.html", _("The group “%(name)s” was saved."))
    return _to_body(request, saved) if saved else response


@internal_view(Perm.MANAGE_PROCESS)
def body_edit(request, process, body: str):
    body = _body(request, body)
    form = BodyForm(request.POST or None, process=request.process, instance=body)
    title = _("Edit the group “%(name)s”") % {"name": body.name}
    saved, response = _edit(request, form, title, "planning/form.html", _("The group “%(name)s” was saved."))
    return _to_body(request, saved) if saved else response


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def body_delete(request, process, body: str):
    body = _body(request, body)
    services.delete_body(body)
    messages.success(request, _("The group “%(name)s” was deleted.") % {"name": body.name})
    return redirect("planning_admin:bodies", process=request.process.slug)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def member_add(request, process, body: str):
    body = _body(request, body)
    form = AddMemberForm(request.POST, body=body)
    if form.is_valid():
        try:
            services.add_member(body, form.cleaned_data["membership"], is_leader=form.cleaned_data["is_leader"])
        except ValidationError as exc:
            form.add_error("membership", exc)
    if form.errors:
        context = {
            "body": body,
            "triads": querysets.triad_rows(body),
            "can_manage": True,
            "add_form": form,
            "leader_form": LeaderForm(body=body, initial={"seat": body.leader()}),
            "breadcrumbs": _crumbs(request, (body.name, None)),
        }
        return render(request, "planning/admin_body.html", context, status=400)
    messages.success(request, _("The member was added."))
    return _to_body(request, body)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def member_remove(request, process, body: str, pk: int):
    body = _body(request, body)
    seat = BodyMember.objects.filter(body=body, pk=pk).first()
    if seat is None:
        raise Http404
    services.remove_member(seat)
    messages.success(request, _("The member was removed from the group."))
    return _to_body(request, body)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def leader_set(request, process, body: str):
    body = _body(request, body)
    form = LeaderForm(request.POST, body=body)
    if not form.is_valid():
        messages.error(request, _("Choose the leader among the members of the group."))
        return _to_body(request, body)
    services.set_leader(body, form.cleaned_data["seat"])
    messages.success(request, _("The leader was set."))
    return _to_body(request, body)


@internal_view(Perm.MANAGE_PROCESS)
def group_add(request, process):
    form = PlanningGroupForm(request.POST or None, process=request.process, instance=PlanningGroup())
    saved, response = _edit(
        request,
        form,
        _("New planning group"),
        "planning/form.html",
        _("The planning group “%(name)s” was saved."),
    )
    return redirect("planning_admin:bodies", process=request.process.slug) if saved else response


@internal_view(Perm.MANAGE_PROCESS)
def group_edit(request, process, group: str):
    group = _group(request, group)
    form = PlanningGroupForm(request.POST or None, process=request.process, instance=group)
    title = _("Edit the planning group “%(name)s”") % {"name": group.name}
    saved, response = _edit(request, form, title, "planning/form.html", _("The planning group “%(name)s” was saved."))
    return redirect("planning_admin:bodies", process=request.process.slug) if saved else response


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def group_delete(request, process, group: str):
    group = _group(request, group)
    services.delete_planning_group(group)
    messages.success(request, _("The planning group “%(name)s” was deleted.") % {"name": group.name})
    return redirect("planning_admin:bodies", process=request.process.slug)
