"""Reading monitoring data: the strategy tree of one year with reports and roll-ups (a fixed number of queries).

``year_tree(process, year)`` is what the dashboard, the staff overview, the yearly report and the API show: the
priorities and measures that have activities in the action plan of ``year``, each activity with its report for
the year (or none), its planned costs and its spending, and a roll-up (komplan.monitoring.rollup) on every
measure, priority and the whole plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from komplan.directory.models import Codelist, CodelistItem
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import Activity

from . import rollup
from .models import IndicatorValue, MonitoringPeriod, ProgressReport, Spending, Status, YearlyReport


@dataclass
class IndicatorRow:
    name: str
    unit: str
    target: Decimal | None
    value: Decimal | None
    measured_on: object | None

    @property
    def share(self) -> Decimal | None:
        return rollup.share(self.value, self.target)


@dataclass
class YearTree:
    year: int
    period: MonitoringPeriod | None
    priorities: list
    total: rollup.Rollup
    sources: list[CodelistItem] = field(default_factory=list)

    @property
    def activities(self) -> list[Activity]:
        return [a for p in self.priorities for m in p.year_measures for a in m.year_activities]

    def money_rows(self, roll: rollup.Rollup) -> list[tuple[str, Decimal, Decimal]]:
        """(source label, planned, spent) for every source with money, the sources in codelist order."""
        rows = []
        for item in self.sources:
            planned, spent = roll.planned.get(item.code, Decimal(0)), roll.spent.get(item.code, Decimal(0))
            if planned or spent:
                rows.append((item.label, planned, spent))
        unassigned = roll.planned.get(rollup.NO_SOURCE, Decimal(0))
        if unassigned:
            rows.append(("", unassigned, Decimal(0)))
        return rows


def periods(process) -> list[MonitoringPeriod]:
    return list(MonitoringPeriod.objects.for_process(process).order_by("-year"))


def period_for(process, year: int) -> MonitoringPeriod | None:
    return MonitoringPeriod.objects.for_process(process).filter(year=year).first()


def reports_of(process, year: int) -> dict[int, ProgressReport]:
    reports = (
        ProgressReport.objects.filter(period__process=process, period__year=year)
        .select_related("reported_by")
        .prefetch_related(
            Prefetch("spendings", queryset=Spending.objects.select_related("source")),
            Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")),
        )
    )
    return {report.activity_id: report for report in reports}


def facts_of(activity: Activity, report: ProgressReport | None, year: int) -> rollup.ActivityFacts:
    planned: dict[str, Decimal] = {}
    for cost in activity.costs.all():
        if cost.year == year:
            code = cost.source.code if cost.source_id else rollup.NO_SOURCE
            planned[code] = planned.get(code, Decimal(0)) + cost.amount
    if report is None:
        return rollup.ActivityFacts(key=activity.pk, planned=planned)
    spent: dict[str, Decimal] = {}
    for spending in report.spendings.all():
        spent[spending.source.code] = spent.get(spending.source.code, Decimal(0)) + spending.amount
    return rollup.ActivityFacts(
        key=activity.pk, status=report.status, progress=report.progress, planned=planned, spent=spent
    )


def indicator_rows(activity: Activity, report: ProgressReport | None) -> list[IndicatorRow]:
    measured = {v.indicator_id: v for v in report.indicator_values.all()} if report else {}
    rows = []
    for indicator in activity.indicators.all():
        value = measured.get(indicator.pk)
        rows.append(
            IndicatorRow(
                name=indicator.name,
                unit=indicator.unit,
                target=indicator.target_value,
                value=value.value if value else None,
                measured_on=value.measured_on if value else None,
            )
        )
    return rows


def year_tree(process, year: int) -> YearTree:
    """The action plan of ``year`` as a tree with reports, facts and roll-ups set on its nodes.

    Sets ``year_measures`` on priorities, ``year_activities`` on measures, and on every activity ``report``
    (or None), ``facts``, ``indicator_rows`` and ``status_label``; ``rollup`` on measures and priorities.
    """
    reports = reports_of(process, year)
    kept = []
    shape = []
    for priority in strategy_queries.tree_for(process):
        priority.year_measures = []
        measures_shape = []
        for measure in priority.measures.all():
            measure.year_activities = [
                a for a in measure.activities.all() if year in {y.year for y in a.plan_years.all()}
            ]
            if not measure.year_activities:
                continue
            for activity in measure.year_activities:
                activity.report = reports.get(activity.pk)
                activity.facts = facts_of(activity, activity.report, year)
                activity.indicator_rows = indicator_rows(activity, activity.report)
                activity.status_label = status_label(activity.facts.status)
            priority.year_measures.append(measure)
            measures_shape.append((measure.pk, [a.facts for a in measure.year_activities]))
        if priority.year_measures:
            kept.append(priority)
            shape.append((priority.pk, measures_shape))
    found = rollup.tree(shape)
    for priority in kept:
        priority.rollup = found[("priority", priority.pk)]
        for measure in priority.year_measures:
            measure.rollup = found[("measure", measure.pk)]
    sources = list(CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).order_by("pk"))
    return YearTree(
        year=year, period=period_for(process, year), priorities=kept, total=found[("plan", 0)], sources=sources
    )


def status_label(status: str) -> str:
    if status == rollup.NOT_REPORTED:
        return _("not reported")
    return str(Status(status).label)


def history_of(activity: Activity) -> list[ProgressReport]:
    """Every report of the activity, oldest year first (what carrying it into the next year keeps)."""
    return list(
        ProgressReport.objects.filter(activity=activity)
        .select_related("period", "reported_by")
        .prefetch_related("spendings__source", "indicator_values__indicator")
        .order_by("period__year")
    )


def monitored_years(process) -> list[int]:
    """Years that have a monitoring period, newest first."""
    return list(MonitoringPeriod.objects.for_process(process).order_by("-year").values_list("year", flat=True))


def published_reports(process) -> list[YearlyReport]:
    return list(YearlyReport.objects.for_process(process).filter(state="published").order_by("-year"))
