"""A process's own projection scenarios at `<process>/sprava/demografie/scenare/` (flag manage_analysis).

The shared scenarios (low, medium, high, no migration) are listed for comparison and cannot be changed here.
An own scenario appears in the scenario choice of the public analysis page and of the chapter generator.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets
from .models import Scenario, ScenarioKind
from .scenario_forms import ScenarioForm


def _crumbs(request, *tail):
    overview = reverse("demography_admin:overview", kwargs={"process": request.process.slug})
    scenarios = reverse("demography_admin:scenarios", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Statistics"), overview), (_("Projection scenarios"), scenarios), *tail)


def _own(request, pk: int) -> Scenario:
    scenario = Scenario.objects.filter(process=request.process, pk=pk).select_related("rate_set").first()
    if scenario is None:
        raise Http404
    return scenario


@internal_view(Perm.MANAGE_ANALYSIS)
def scenario_list(request, process):
    scenarios = querysets.scenarios_for(request.process)
    return render(
        request,
        "demography/scenarios.html",
        {"scenarios": scenarios, "breadcrumbs": _crumbs(request)},
    )


def _edit(request, scenario: Scenario, title: str):
    form = ScenarioForm(request.POST or None, instance=scenario, process=request.process)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The scenario “%(name)s” was saved.") % {"name": form.instance.name})
        return redirect("demography_admin:scenarios", process=request.process.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "scenario": scenario, "breadcrumbs": _crumbs(request, (title, None))}
    return render(request, "demography/scenario_form.html", context, status=status)


@internal_view(Perm.MANAGE_ANALYSIS)
def scenario_add(request, process):
    medium = querysets.default_scenario(request.process)
    if medium is None:
        messages.error(request, _("Load the demographic rates first: there is no scenario to start from."))
        return redirect("demography_admin:scenarios", process=request.process.slug)
    scenario = Scenario(process=request.process, kind=ScenarioKind.CUSTOM, rate_set=medium.rate_set, sort_order=100)
    return _edit(request, scenario, _("New scenario"))


@internal_view(Perm.MANAGE_ANALYSIS)
def scenario_edit(request, process, pk: int):
    scenario = _own(request, pk)
    return _edit(request, scenario, _("Edit the scenario “%(name)s”") % {"name": scenario.name})


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def scenario_delete(request, process, pk: int):
    scenario = _own(request, pk)
    scenario.delete()  # its stored projections go with it
    messages.success(request, _("The scenario “%(name)s” was deleted.") % {"name": scenario.name})
    return redirect("demography_admin:scenarios", process=request.process.slug)
