"""Staff pages creating and editing the comment period of a version for public comments (namespace
consultation_periods).

Every member sees the list (view_internal). Announcing a period and changing its dates and rules need edit_plan:
the period is part of preparing the plan document (putting a version to comments is an edit_plan step too),
while evaluate_comments is for judging the comments received. Errors are shown at the field (400): the end before
the start, a version that is not for comments or already has a period (checked again under the version's lock),
a new prefix of reference numbers once comments have numbers.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .forms import PeriodForm


def _crumbs(request, *tail):
    overview = reverse("consultation_periods:list", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Comment periods"), overview), *tail)


@internal_view(Perm.VIEW_INTERNAL)
def period_list(request, process):
    today = timezone.localdate()
    periods = querysets.with_counts(querysets.periods_of(request.process))
    rows = [
        {"consultation": c, "status_text": querysets.status_text(c, today), "status": querysets.status(c, today)}
        for c in periods
    ]
    context = {
        "rows": rows,
        "can_edit": request.access.can(Perm.EDIT_PLAN),
        "waiting": querysets.versions_without_period(request.process).exists(),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "consultation/period_list.html", context)


def _form_page(request, form, title, status=200):
    context = {"form": form, "title": title, "breadcrumbs": _crumbs(request, (title, None))}
    return render(request, "consultation/period_form.html", context, status=status)


def _values(form) -> dict:
    return {key: form.cleaned_data[key] for key in services.PERIOD_FIELDS if key in form.cleaned_data}


@internal_view(Perm.EDIT_PLAN)
def period_create(request, process):
    versions = querysets.versions_without_period(request.process)
    title = _("New comment period")
    if request.method != "POST":
        return _form_page(request, PeriodForm(versions=versions), title)
    form = PeriodForm(request.POST, versions=versions)
    if form.is_valid():
        try:
            services.create_period(form.cleaned_data["version"], request.user, **_values(form))
        except services.PeriodRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The comment period was announced."))
            return redirect("consultation_periods:list", process=request.process.slug)
    return _form_page(request, form, title, status=400)


@internal_view(Perm.EDIT_PLAN)
def period_edit(request, process, consultation):
    period = querysets.period_of(request.process, consultation)
    if period is None:
        raise Http404
    locked = period.comments.exists()
    title = _("Comment period on version %(number)d") % {"number": period.version.number}
    if request.method != "POST":
        return _form_page(request, PeriodForm(instance=period, locked_prefix=locked), title)
    form = PeriodForm(request.POST, instance=period, locked_prefix=locked)
    if form.is_valid():
        try:
            services.update_period(period, **_values(form))
        except services.PeriodRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The comment period was saved."))
            return redirect("consultation_periods:list", process=request.process.slug)
    return _form_page(request, form, title, status=400)
