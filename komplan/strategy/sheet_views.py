"""Members' pages of activity sheets at `<process>/listy-aktivit/` (namespace strategy).

Any member of the process (flag view_internal) may submit a sheet while the call is open and sees their own
sheets with their state and the coordinators' comments; a returned sheet can be changed and sent again.
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

from . import querysets, services
from .forms import SheetForm, all_valid, child_formsets
from .models import ActivitySheet


def _crumbs(request, *tail):
    mine = reverse("strategy:my_sheets", kwargs={"process": request.process.slug}) if tail else None
    return [(request.process.name, request.process.get_absolute_url()), (_("My activity sheets"), mine), *tail]


def _my_sheet(request, pk: int) -> ActivitySheet:
    membership = request.access.membership
    sheet = querysets.sheets_with_content(request.process).filter(pk=pk, proposer=membership).first()
    if membership is None or sheet is None:
        raise Http404
    return sheet


def _form_page(request, form, formsets, title, status=200, **extra):
    context = {
        "form": form,
        "formsets": formsets,
        "title": title,
        "call": querysets.call_for(request.process),
        "breadcrumbs": _crumbs(request, (title, None)),
        **extra,
    }
    return render(request, "strategy/sheet_form.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def sheet_new(request, process):
    call = querysets.call_for(request.process)
    title = _("New activity sheet")
    initial = {"proposer_organisation": getattr(request.access.membership, "organisation", "")}
    data = request.POST if request.method == "POST" else None
    form = SheetForm(data, process=request.process, instance=ActivitySheet(process=request.process), initial=initial)
    formsets = child_formsets(ActivitySheet, form.instance, request.process, data)
    closed = None
    try:
        services.check_window(call, timezone.localdate())
    except services.SubmissionClosed as exc:
        closed = str(exc)
    if request.method == "POST":
        if closed:
            form.is_valid()
            form.add_error(None, closed)
            return _form_page(request, form, formsets, title, status=400, closed=closed)
        if all_valid(form, formsets):
            try:
                sheet = services.submit_sheet(
                    request.process, request.access.membership, form, formsets, request.user, call
                )
            except services.SubmissionClosed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The activity sheet “%(title)s” was submitted.") % {"title": sheet.title})
                return redirect("strategy:my_sheet", process=request.process.slug, pk=sheet.pk)
        return _form_page(request, form, formsets, title, status=400, closed=closed)
    return _form_page(request, form, formsets, title, closed=closed)


@internal_view(Perm.VIEW_INTERNAL)
def my_sheets(request, process):
    membership = request.access.membership
    sheets = querysets.sheets_with_content(request.process).filter(proposer=membership) if membership else []
    context = {
        "sheets": sheets,
        "call": querysets.call_for(request.process),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "strategy/my_sheets.html", context)


@internal_view(Perm.VIEW_INTERNAL)
def my_sheet(request, process, pk: int):
    sheet = _my_sheet(request, pk)
    context = {"sheet": sheet, "breadcrumbs": _crumbs(request, (sheet.title, None))}
    return render(request, "strategy/my_sheet.html", context)


@internal_view(Perm.VIEW_INTERNAL)
def sheet_edit(request, process, pk: int):
    sheet = _my_sheet(request, pk)
    title = _("Change the activity sheet “%(title)s”") % {"title": sheet.title}
    if not sheet.is_editable_by_proposer:
        messages.error(request, _("Only a sheet returned for changes can be edited."))
        return redirect("strategy:my_sheet", process=request.process.slug, pk=sheet.pk)
    data = request.POST if request.method == "POST" else None
    form = SheetForm(data, process=request.process, instance=sheet)
    formsets = child_formsets(ActivitySheet, sheet, request.process, data)
    if request.method == "POST":
        if all_valid(form, formsets):
            try:
                services.resubmit_sheet(sheet, form, formsets, request.user)
            except services.InvalidTransition as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The activity sheet was sent again."))
                return redirect("strategy:my_sheet", process=request.process.slug, pk=sheet.pk)
        return _form_page(request, form, formsets, title, status=400, sheet=sheet)
    return _form_page(request, form, formsets, title, sheet=sheet)
