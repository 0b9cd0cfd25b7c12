"""Staff pages of carrying the plan on at `<process>/sprava/plneni/prevod/` (namespace monitoring_carry; flag
manage_process): the years of the period, the page of one year (choose → confirm → carry), and starting the next
planning period. The pages parse the input and render; carry_services does the work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import ActionPlanYear
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import carry_services
from .carry_forms import CarryForm, NextPeriodForm
from .carry_services import succession_of
from .models import CarryOver


def _crumbs(request, *tail):
    index = reverse("monitoring_carry:index", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Carrying the plan on"), index), *tail)


@internal_view(Perm.MANAGE_PROCESS)
def index(request, process):
    process = request.process
    in_plan = dict(
        ActionPlanYear.objects.filter(activity__measure__priority__process=process)
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    logged = dict(CarryOver.objects.for_process(process).values_list("from_year").annotate(n=Count("pk")).order_by())
    years = [
        {"year": year, "in_plan": in_plan.get(year, 0), "logged": logged.get(year, 0)}
        for year in range(process.period_start, process.period_end + 1)
    ]
    previous, following = succession_of(process)
    context = {"years": years, "previous": previous, "following": following, "breadcrumbs": _crumbs(request)}
    return render(request, "monitoring/carry_index.html", context)


def _year(process, year: int) -> int:
    if not process.period_start <= year <= process.period_end:
        raise Http404
    return year


def _form(request, year: int, data=None) -> CarryForm:
    candidates = carry_services.carry_candidates(request.process, year)
    return CarryForm(data, candidates=candidates, measures=strategy_queries.measures_for(request.process))


def _year_page(request, year: int, form: CarryForm, status: int = 200, beyond: str = ""):
    context = {
        "year": year,
        "form": form,
        "candidates": form.candidates,
        "log": carry_services.carried_from(request.process, year),
        "beyond": beyond,
        "following": succession_of(request.process)[1],
        "breadcrumbs": _crumbs(request, (str(year), None)),
    }
    return render(request, "monitoring/carry_year.html", context, status=status)


def _nothing_chosen(chosen: dict) -> bool:
    return not (chosen["carry"] or chosen["to_store"] or chosen["promote"])


@internal_view(Perm.MANAGE_PROCESS)
def year_page(request, process, year: int):
    """GET: the candidates with the choices; POST: the choices checked, shown for confirmation."""
    year = _year(request.process, year)
    if request.method != "POST":
        return _year_page(request, year, _form(request, year))
    form = _form(request, year, request.POST)
    if form.is_valid():
        chosen = form.choices()
        if not _nothing_chosen(chosen):
            context = {
                "year": year,
                "next_year": year + 1,
                "form": form,
                "chosen": chosen,
                "breadcrumbs": _crumbs(
                    request, (str(year), reverse("monitoring_carry:year", kwargs={"process": process, "year": year}))
                ),
            }
            context["breadcrumbs"].append((_("Confirmation"), None))
            return render(request, "monitoring/carry_confirm.html", context)
        form.add_error(None, _("Choose an activity to carry on or to move, or a sheet to promote; nothing was chosen."))
    return _year_page(request, year, form, status=400)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def year_carry(request, process, year: int):
    """The confirmed choices: carry them out (all or nothing) and go back to the year."""
    year = _year(request.process, year)
    form = _form(request, year, request.POST)
    if not form.is_valid():
        return _year_page(request, year, form, status=400)
    chosen = form.choices()
    try:
        result = carry_services.carry_over(
            request.process,
            year,
            request.user,
            carry=[c.activity.pk for c in chosen["carry"]],
            to_store=[c.activity.pk for c in chosen["to_store"]],
            promote=chosen["promote"],
        )
    except carry_services.BeyondPeriod as exc:
        return _year_page(request, year, _form(request, year), status=400, beyond=exc.messages[0])
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _year_page(request, year, form, status=400)
    message = _(
        "Done: %(carried)s carried on into the action plan of %(next)s, %(stored)s moved to the project store, "
        "%(promoted)s promoted from the project store."
    ) % {
        "carried": len(result.carried),
        "next": year + 1,
        "stored": len(result.stored),
        "promoted": len(result.promoted),
    }
    if result.skipped:
        message += " " + _("%(skipped)s had been done already and were left as they were.") % {
            "skipped": result.skipped
        }
    messages.success(request, message)
    return redirect("monitoring_carry:year", process=request.process.slug, year=year)


@internal_view(Perm.MANAGE_PROCESS)
def next_period(request, process):
    old = request.process
    following = succession_of(old)[1]
    crumbs = _crumbs(request, (_("Next planning period"), None))
    if following is not None:
        context = {"following": following, "form": None, "breadcrumbs": crumbs}
        return render(
            request, "monitoring/carry_next_period.html", context, status=409 if request.method == "POST" else 200
        )
    form = NextPeriodForm(request.POST or None, initial=NextPeriodForm.initial_for(old))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = carry_services.start_next_period(
                old, request.user, data["name"], data["slug"], data["period_start"], data["period_end"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The planning period %(period)s was started with the strategy of %(old)s as its starting point.")
                % {"period": new.period_label, "old": old.period_label},
            )
            return redirect("territory:workspace", process=new.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "following": None, "old": old, "breadcrumbs": crumbs}
    return render(request, "monitoring/carry_next_period.html", context, status=status)
