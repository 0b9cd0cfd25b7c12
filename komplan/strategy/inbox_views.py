"""The inbox of activity sheets at `<process>/sprava/strategie/listy/` (namespace strategy_admin).

Members see the sheets (flag view_internal); deciding — return with a comment, accept into the action plan of a
year under a measure, accept into the project store, reject with a reason — and setting the submission window
need edit_plan.
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
from .forms import AcceptPlanForm, AcceptStoreForm, CallForm, RejectForm, ReturnForm
from .models import ActivitySheet, SheetCall, SheetState


def _crumbs(request, *tail):
    tree = reverse("strategy_admin:tree", kwargs={"process": request.process.slug})
    inbox = reverse("strategy_admin:sheets", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Strategy"), tree), (_("Activity sheets"), inbox), *tail)


def _sheet(request, pk: int) -> ActivitySheet:
    sheet = querysets.sheets_with_content(request.process).filter(pk=pk).first()
    if sheet is None:
        raise Http404
    return sheet


@internal_view(Perm.VIEW_INTERNAL)
def sheet_list(request, process):
    state = request.GET.get("stav", "")
    sheets = querysets.sheets_with_content(request.process)
    if state in SheetState.values:
        sheets = sheets.filter(state=state)
    call = querysets.call_for(request.process)
    can_edit = request.access.can(Perm.EDIT_PLAN)
    context = {
        "sheets": sheets,
        "states": SheetState.choices,
        "state": state,
        "call": call,
        "call_form": CallForm(instance=call) if can_edit else None,
        "can_edit": can_edit,
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "strategy/admin_sheets.html", context)


def _decision_forms(request, sheet, **bound) -> dict:
    measures = querysets.measures_for(request.process)
    year = request.process.period_start or None
    return {
        "return_form": bound.get("return_form") or ReturnForm(),
        "plan_form": bound.get("plan_form") or AcceptPlanForm(measures=measures, initial={"year": year}),
        "store_form": bound.get("store_form") or AcceptStoreForm(),
        "reject_form": bound.get("reject_form") or RejectForm(),
        "has_measures": bool(measures),
    }


def _detail(request, sheet, status=200, **bound):
    can_edit = request.access.can(Perm.EDIT_PLAN)
    context = {
        "sheet": sheet,
        "can_edit": can_edit,
        "is_open": sheet.state in (SheetState.SUBMITTED, SheetState.RESUBMITTED),
        "breadcrumbs": _crumbs(request, (sheet.title, None)),
        **(_decision_forms(request, sheet, **bound) if can_edit else {}),
    }
    return render(request, "strategy/admin_sheet.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def sheet_detail(request, process, pk: int):
    return _detail(request, _sheet(request, pk))


DECISIONS = {
    "vratit": ("return_form", ReturnForm),
    "akcni-plan": ("plan_form", AcceptPlanForm),
    "zasobnik": ("store_form", AcceptStoreForm),
    "zamitnout": ("reject_form", RejectForm),
}


def _decide(request, sheet, decision: str, data: dict):
    if decision == "vratit":
        services.return_sheet(sheet, request.user, data["comment"])
        return _("The sheet was returned to the proposer.")
    if decision == "akcni-plan":
        activity = services.accept_to_action_plan(sheet, request.user, data["measure"], data["year"], data["comment"])
        number = next(a.number for a in querysets.numbered_activities(request.process) if a.pk == activity.pk)
        return _("The sheet was accepted into the action plan for %(year)s as activity %(number)s.") % {
            "year": data["year"],
            "number": number,
        }
    if decision == "zasobnik":
        services.accept_to_project_store(sheet, request.user, data["comment"])
        return _("The sheet was accepted into the project store.")
    services.reject_sheet(sheet, request.user, data["reason"])
    return _("The sheet was rejected.")


@require_POST
@internal_view(Perm.EDIT_PLAN)
def sheet_decide(request, process, pk: int, decision: str):
    if decision not in DECISIONS:
        raise Http404
    sheet = _sheet(request, pk)
    name, form_class = DECISIONS[decision]
    if form_class is AcceptPlanForm:
        form = form_class(request.POST, measures=querysets.measures_for(request.process))
    else:
        form = form_class(request.POST)
    if form.is_valid():
        try:
            message = _decide(request, sheet, decision, form.cleaned_data)
        except services.InvalidTransition as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, message)
            return redirect("strategy_admin:sheet", process=request.process.slug, pk=sheet.pk)
    return _detail(request, sheet, status=400, **{name: form})


@require_POST
@internal_view(Perm.EDIT_PLAN)
def call_edit(request, process):
    call = querysets.call_for(request.process) or SheetCall(process=request.process)
    form = CallForm(request.POST, instance=call)
    if not form.is_valid():
        context = {
            "sheets": querysets.sheets_with_content(request.process),
            "states": SheetState.choices,
            "state": "",
            "call": querysets.call_for(request.process),
            "call_form": form,
            "can_edit": True,
            "breadcrumbs": _crumbs(request),
        }
        return render(request, "strategy/admin_sheets.html", context, status=400)
    form.save()
    messages.success(request, _("The submission window was saved."))
    return redirect("strategy_admin:sheets", process=request.process.slug)
