"""Public pages: the strategy tree, the action plan per year and the project store, with XLSX and PDF.

At `<process>/strategie/`, `<process>/akcni-plan/<year>/` and `<process>/zasobnik-projektu/` (namespace strategy).
Proposers' names are personal data and never shown here; the proposing organisation is.
"""

from __future__ import annotations

from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.planning.models import Body
from komplan.vision.querysets import vision_of

from . import outputs, querysets
from .gaps import gaps_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _crumbs(process, *tail):
    return [(process.name, process.get_absolute_url()), *tail]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def strategy_tree(request, process):
    """The vision on top, then the tree; ``?skupina=<slug>`` keeps the activities that group is responsible for."""
    process = request.process
    body = None
    if slug := request.GET.get("skupina"):  # refused before the tree and the needs comparison are computed
        body = Body.objects.for_process(process).filter(slug=slug).first() if slug_re.match(slug) else None
        if body is None:
            raise Http404
    priorities, gaps = querysets.tree_for(process), gaps_for(process)
    for priority in priorities:
        for measure in priority.measures.all():
            measure.gaps = gaps.by_measure.get(measure.pk, [])
    context = {
        "priorities": querysets.shown_activities(priorities, body),
        "body": body,
        "vision": vision_of(process),
        "years": querysets.action_plan_years(process),
        "breadcrumbs": _crumbs(process, (_("Strategy"), None)),
        "gaps": gaps,
    }
    return render(request, "strategy/tree.html", context)


def action_plan_index(request, process):
    years = querysets.action_plan_years(request.process)
    if years:
        return redirect("strategy:action_plan", process=request.process.slug, year=years[-1])
    context = {"years": [], "breadcrumbs": _crumbs(request.process, (_("Action plan"), None))}
    return render(request, "strategy/action_plan.html", context)


def _plan(request, year: int):
    if not 1990 <= year <= 2100:
        raise Http404
    activities = querysets.action_plan(request.process, year)
    return activities, _("Action plan for %(year)s") % {"year": year}


def action_plan(request, process, year: int):
    activities, title = _plan(request, year)
    index = reverse("strategy:action_plan_index", kwargs={"process": request.process.slug})
    context = {
        "year": year,
        "years": querysets.action_plan_years(request.process),
        "title": title,
        "rows": outputs.action_plan_rows(activities),
        "columns": outputs.columns(),
        "breadcrumbs": _crumbs(request.process, (_("Action plan"), index), (str(year), None)),
    }
    return render(request, "strategy/action_plan.html", context)


def action_plan_xlsx(request, process, year: int):
    activities, title = _plan(request, year)
    content = outputs.xlsx(title, outputs.action_plan_rows(activities))
    return _download(content, XLSX, f"akcni-plan-{request.process.slug}-{year}.xlsx")


def action_plan_pdf(request, process, year: int):
    activities, title = _plan(request, year)
    content = outputs.pdf(request.process, title, outputs.action_plan_rows(activities))
    return _download(content, "application/pdf", f"akcni-plan-{request.process.slug}-{year}.pdf")


def _store_note() -> str:
    return _("Ideas supported in principle, without timing or secured funding.")


def project_store(request, process):
    rows = outputs.store_rows(querysets.project_store(request.process))
    context = {
        "rows": rows,
        "columns": outputs.columns(),
        "note": _store_note(),
        "breadcrumbs": _crumbs(request.process, (_("Project store"), None)),
    }
    return render(request, "strategy/project_store.html", context)


def project_store_xlsx(request, process):
    rows = outputs.store_rows(querysets.project_store(request.process))
    return _download(outputs.xlsx(_("Project store"), rows), XLSX, f"zasobnik-projektu-{request.process.slug}.xlsx")


def project_store_pdf(request, process):
    rows = outputs.store_rows(querysets.project_store(request.process))
    content = outputs.pdf(request.process, _("Project store"), rows, _store_note())
    return _download(content, "application/pdf", f"zasobnik-projektu-{request.process.slug}.pdf")
