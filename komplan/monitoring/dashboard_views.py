"""The public dashboard of the plan's fulfilment at ``/<process>/plneni/`` (namespace monitoring).

``?rok=<year>`` chooses the year: any year of the action plan or with a monitoring period; without it, the latest
monitored year, else the latest year of the action plan. A year that was not monitored, or has no report yet,
says so instead of showing zeros. A malformed year answers 400, a year with neither an action plan nor a
monitoring period 404, both with the page explaining it.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.directory.models import Organization
from komplan.strategy import querysets as strategy_queries

from . import dashboard, querysets
from .models import ReportState, YearlyReport

TEMPLATE = "monitoring/dashboard.html"


def _reports(process) -> list[dict]:
    """Published yearly reports, newest first, each with the address of its page (komplan/monitoring/report_urls.py)."""
    published = YearlyReport.objects.for_process(process).filter(state=ReportState.PUBLISHED).order_by("-year")
    return [
        {
            "report": report,
            "url": reverse("monitoring_reports:detail", kwargs={"process": process.slug, "year": report.year}),
        }
        for report in published
    ]


def page(request, process):
    process = request.process
    monitored = querysets.monitored_years(process)
    years = sorted(set(monitored) | set(strategy_queries.action_plan_years(process)))
    context = {
        "breadcrumbs": [(process.name, process.get_absolute_url()), (_("Fulfilment of the plan"), None)],
        "years": years,
        "reports": _reports(process),
        "reports_url": reverse("monitoring_reports:list", kwargs={"process": process.slug}),
    }
    raw = request.GET.get("rok", "").strip()
    if raw and (not raw.isdigit() or not 1990 <= int(raw) <= 2100):
        context["error"] = _("“%(value)s” is not a year: choose one of the years listed.") % {"value": raw[:20]}
        return render(request, TEMPLATE, context, status=400)
    latest = monitored[0] if monitored else (years[-1] if years else None)
    year = context["year"] = int(raw) if raw else latest
    if year is None:
        return render(request, TEMPLATE, context)
    if year not in years:
        context["error"] = _("%(year)s has no action plan and was not monitored.") % {"year": year}
        return render(request, TEMPLATE, context, status=404)
    tree = querysets.year_tree(process, year)
    provider_ids = {a.responsible_provider_id for a in tree.activities if a.responsible_provider_id}
    providers = dict(Organization.objects.filter(pk__in=provider_ids).values_list("pk", "name"))
    dashboard.describe(tree, providers)
    context.update(
        tree=tree,
        period=tree.period,
        has_data=tree.period is not None and tree.total.reported > 0,
        total=tree.total,
        total_progress=dashboard.percent(tree.total.progress),
        total_width=dashboard.bar_width(tree.total.progress),
        statuses=dashboard.status_counts(tree.total),
        progress_rows=dashboard.progress_rows(tree),
        priority_money=dashboard.priority_money(tree),
        source_money=dashboard.source_money(tree),
        total_money=dashboard.total_money(tree),
        indicators=dashboard.indicators(tree),
    )
    return render(request, TEMPLATE, context)
