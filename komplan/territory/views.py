"""The internal workspace of a process: overview, settings with the planning area, phases."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from . import workspace as panels
from .access import internal_view
from .forms import PhaseFormSet, ProcessForm
from .models import Phase


def workspace_crumbs(process, *tail) -> list:
    """Breadcrumbs of a workspace page: the process, its workspace (a link when deeper pages follow), tail."""
    workspace_url = reverse("territory:workspace", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Workspace"), workspace_url), *tail]


@internal_view()
def workspace(request, process):
    phases = list(Phase.objects.for_process(request.process).order_by("order"))
    return render(
        request,
        "territory/workspace.html",
        {
            "phases": phases,
            "current": services.current_phase(phases),
            "municipality_count": request.process.municipalities.count(),
            "manage": request.access.can("manage_process"),
            "panels": panels.panels(request),
            "breadcrumbs": workspace_crumbs(request.process),
        },
    )


@internal_view("manage_process")
def settings(request, process):
    # A fresh instance: a rejected form must not rename the process shown in the page chrome.
    form = ProcessForm(request.POST or None, instance=type(request.process).objects.get(pk=request.process.pk))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            updated = form.save(commit=False)
            updated.responsible_municipality = form.cleaned_data["responsible_code"]
            updated.save()
            services.set_area(updated, *form.area())
        messages.success(request, _("The process settings were saved."))
        return redirect("territory:workspace", process=updated.slug)
    return render(
        request,
        "territory/settings.html",
        {
            "form": form,
            "breadcrumbs": workspace_crumbs(request.process, (_("Settings"), None)),
        },
    )


@internal_view("manage_process")
def phases(request, process):
    queryset = Phase.objects.for_process(request.process).order_by("order")
    formset = PhaseFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The phases were saved."))
        return redirect("territory:workspace", process=request.process.slug)
    return render(
        request,
        "territory/phases.html",
        {
            "formset": formset,
            "breadcrumbs": workspace_crumbs(request.process, (_("Phases"), None)),
        },
    )
