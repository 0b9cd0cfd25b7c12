"""Monitoring the fulfilment of the plan (issue #10, docs/monitoring.md "API"): reading.

- ``GET /processes/{slug}/monitoring?year=``: the action plan of one year as a tree (priorities → measures →
  activities) with status, progress, money planned and spent per funding source and the indicators, rolled up on
  every measure, priority and the whole plan (komplan.monitoring.rollup). Without ``year``, the latest monitored
  year (else the latest year of the action plan); a malformed year is 400 with ``parameter``, a year with neither
  an action plan nor a monitoring period 404. A year that was not monitored has ``period: null`` and no progress
  (``null``, never 0). Only public data: organisations, never people's names.

Reporting (``POST …/activities/{id}/progress``) is in monitoring_report.py.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from komplan.monitoring import querysets, rollup
from komplan.strategy import querysets as strategy_queries

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["monitoring"])


class BadParameterOut(Schema):
    detail: str
    parameter: str


class PeriodOut(Schema):
    opens_on: dt.date
    deadline: dt.date
    closed: bool
    closed_on: dt.date | None


class MoneyOut(Schema):
    source: str | None
    name: str
    planned: int
    spent: int


class RollupOut(Schema):
    progress: float | None
    activity_count: int
    counted: int
    reported: int
    statuses: dict[str, int]
    planned_total: int
    spent_total: int
    money: list[MoneyOut]


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    target: float | None
    value: float | None
    measured_on: dt.date | None
    share: float | None


class ActivityOut(Schema):
    id: int
    number: str
    title: str
    responsible_organisation: str
    status: str
    status_label: str
    progress: int | None
    note: str
    reason: str
    reported_at: dt.datetime | None
    version: int | None
    planned_total: int
    spent_total: int | None
    money: list[MoneyOut]
    indicators: list[IndicatorOut]


class MeasureOut(RollupOut):
    number: str
    title: str
    activities: list[ActivityOut]


class PriorityOut(RollupOut):
    number: str
    title: str
    measures: list[MeasureOut]


class MonitoringOut(Schema):
    process: str
    year: int
    years: list[int]
    monitored_years: list[int]
    period: PeriodOut | None
    total: RollupOut
    priorities: list[PriorityOut]


def _number(value) -> float | None:
    return None if value is None else float(value)


def _money(tree, planned: dict, spent: dict) -> list[dict]:
    """Money per funding source in codelist order (sources with money only), then a planned cost without one."""
    rows = []
    for item in tree.sources:
        if planned.get(item.code) or spent.get(item.code):
            rows.append(
                {
                    "source": item.code,
                    "name": item.label,
                    "planned": int(planned.get(item.code, 0)),
                    "spent": int(spent.get(item.code, 0)),
                }
            )
    if planned.get(rollup.NO_SOURCE):
        name = gettext("funding source not given")
        rows.append({"source": None, "name": name, "planned": int(planned[rollup.NO_SOURCE]), "spent": 0})
    return rows


def _rollup(tree, roll: rollup.Rollup) -> dict:
    return {
        "progress": _number(roll.progress) if tree.period is not None else None,
        "activity_count": roll.activities,
        "counted": roll.counted,
        "reported": roll.reported,
        "statuses": dict(roll.statuses),
        "planned_total": int(roll.planned_total),
        "spent_total": int(roll.spent_total),
        "money": _money(tree, roll.planned, roll.spent),
    }


def _indicators(activity) -> list[dict]:
    # indicator_rows follow activity.indicators.all() (prefetched), so the two zip without a query
    return [
        {
            "id": indicator.pk,
            "name": row.name,
            "unit": row.unit,
            "target": _number(row.target),
            "value": _number(row.value),
            "measured_on": row.measured_on,
            "share": _number(row.share),
        }
        for indicator, row in zip(activity.indicators.all(), activity.indicator_rows, strict=True)
    ]


def _activity(tree, activity, providers: dict[int, str]) -> dict:
    report, facts = activity.report, activity.facts
    return {
        "id": activity.pk,
        "number": activity.number,
        "title": activity.title,
        "responsible_organisation": activity.responsible_organisation
        or providers.get(activity.responsible_provider_id, ""),
        "status": facts.status,
        "status_label": activity.status_label,
        "progress": report.progress if report else None,
        "note": report.note if report else "",
        "reason": report.reason if report else "",
        "reported_at": report.reported_at if report else None,
        "version": report.version if report else None,
        "planned_total": int(sum(facts.planned.values(), 0)),
        "spent_total": int(sum(facts.spent.values(), 0)) if report else None,
        "money": _money(tree, facts.planned, facts.spent),
        "indicators": _indicators(activity),
    }


def _providers(tree) -> dict[int, str]:
    from komplan.directory.models import Organization

    ids = {a.responsible_provider_id for a in tree.activities if a.responsible_provider_id}
    return dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))


def _period(period) -> dict | None:
    if period is None:
        return None
    closed_on = timezone.localdate(period.closed_at) if period.closed_at else None
    return {
        "opens_on": period.opens_on,
        "deadline": period.deadline,
        "closed": not period.is_open,
        "closed_on": closed_on,
    }


def _tree(tree) -> list[dict]:
    providers = _providers(tree)
    return [
        {
            **_rollup(tree, p.rollup),
            "number": p.number,
            "title": p.title,
            "measures": [
                {
                    **_rollup(tree, m.rollup),
                    "number": m.number,
                    "title": m.title,
                    "activities": [_activity(tree, a, providers) for a in m.year_activities],
                }
                for m in p.year_measures
            ],
        }
        for p in tree.priorities
    ]


def _bad_year(value: str):
    detail = gettext("Give the year as year=YYYY (1990–2100), e.g. year=2008; “%(value)s” is not one.") % {
        "value": value[:20]
    }
    return Status(400, {"detail": detail, "parameter": "year"})


@process_router.get(
    "/{slug}/monitoring",
    response={200: MonitoringOut, 400: BadParameterOut, 404: ErrorOut},
    summary="Fulfilment of the action plan of one year: status, progress, money and indicators, rolled up",
    url_name="process_monitoring",
)
def process_monitoring(request, slug: str, year: str | None = None):
    """``year`` (optional): a year of the action plan or with a monitoring period; default the latest monitored."""
    process = visible_process_or_404(request, slug)
    monitored = querysets.monitored_years(process)
    years = sorted(set(monitored) | set(strategy_queries.action_plan_years(process)))
    text = (year or "").strip()
    if text and (not text.isdigit() or not 1990 <= int(text) <= 2100):
        return _bad_year(text)
    chosen = int(text) if text else (monitored[0] if monitored else (years[-1] if years else None))
    if chosen is None:
        raise HttpError(404, gettext("The process has no action plan yet, so there is nothing to monitor."))
    if chosen not in years:
        raise HttpError(404, gettext("%(year)s has no action plan and was not monitored.") % {"year": chosen})
    tree = querysets.year_tree(process, chosen)
    return {
        "process": process.slug,
        "year": chosen,
        "years": years,
        "monitored_years": sorted(monitored),
        "period": _period(tree.period),
        "total": _rollup(tree, tree.total),
        "priorities": _tree(tree),
    }
