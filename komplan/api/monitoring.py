"""Monitoring the fulfilment of the plan (issue #10, docs/monitoring.md "API").

- ``GET /processes/{slug}/monitoring?year=``: the action plan of one year as a tree (priorities → measures →
  activities) with status, progress, money planned and spent per funding source and the indicators, rolled up on
  every measure, priority and the whole plan (komplan.monitoring.rollup). Without ``year``, the latest monitored
  year (else the latest year of the action plan); a malformed year is 400 with ``parameter``, a year with neither
  an action plan nor a monitoring period 404. A year that was not monitored has ``period: null`` and no progress
  (``null``, never 0). Only public data: organisations, never people's names.
- ``POST /processes/{slug}/activities/{id}/progress``: the activity's report for a year (session authentication
  with the CSRF token, as the web forms). 401 when not signed in, 403 for a failed CSRF check or an activity the
  person does not report on (with the reason), 404 for an unknown activity or a year without a monitoring
  period, 409 for a closed period or a report saved by someone else since ``version``, 422 with ``errors`` per
  field for bad input (nothing is saved then); 201 for a new report, 200 for a replaced one.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf

from komplan.accounts.middleware import access_for
from komplan.monitoring import querysets, rollup, services
from komplan.monitoring.models import ProgressReport
from komplan.monitoring.permissions import scope_for
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import Activity

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
    closed_on = period.closed_at.date() if period.closed_at else None
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


# ---------------------------------------------------------------------------------------------------- reporting


class SpendingIn(Schema):
    source: str | None = None
    amount: int | float | str | None = None


class IndicatorValueIn(Schema):
    indicator: int | str | None = None
    value: int | float | str | None = None
    measured_on: str | None = None


class ProgressIn(Schema):
    year: int | str | None = None
    status: str | None = None
    progress: int | str | None = None
    note: str | None = ""
    reason: str | None = ""
    spending: list[SpendingIn] = []
    indicators: list[IndicatorValueIn] = []
    version: int | None = None


class SpendingOut(Schema):
    source: str
    name: str
    amount: int


class IndicatorValueOut(Schema):
    indicator: int
    name: str
    value: float
    measured_on: dt.date


class ProgressOut(Schema):
    activity: int
    year: int
    status: str
    status_label: str
    progress: int
    note: str
    reason: str
    version: int
    reported_at: dt.datetime
    spending: list[SpendingOut]
    indicators: list[IndicatorValueOut]


class ProgressErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class ConflictOut(Schema):
    detail: str
    version: int | None = None


def _json_body(request):
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        return None


def _refuse(status: int, detail: str):
    return Status(status, {"detail": detail})


def _invalid(errors: dict[str, list[str]]):
    return Status(422, {"detail": gettext("The report has errors; nothing was saved."), "errors": errors})


def _api_field(name: str) -> str:
    """``spendings-0-amount`` (the shared validation's key) → ``spending.0.amount`` (the payload's path)."""
    parts = name.split("-")
    if len(parts) == 3:
        return ".".join(["spending" if parts[0] == "spendings" else parts[0], parts[1], parts[2]])
    return name


def _date(value: str | None, name: str, errors: dict) -> dt.date | None:
    if value in (None, ""):
        return None  # the shared validation asks for the date
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[name] = [gettext("Give the date as YYYY-MM-DD, e.g. 2008-12-31.")]
        return None


def _input(payload: ProgressIn, errors: dict) -> ProgressInput:
    return ProgressInput(
        status=payload.status or "",
        progress=payload.progress,
        note=payload.note or "",
        reason=payload.reason or "",
        spendings=[SpendingInput(row.source, row.amount) for row in payload.spending],
        indicators=[
            IndicatorInput(row.indicator, row.value, _date(row.measured_on, f"indicators.{i}.measured_on", errors))
            for i, row in enumerate(payload.indicators)
        ],
    )


def _year(payload: ProgressIn) -> int | None:
    text = str(payload.year if payload.year is not None else "").strip()
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


def _saved(report: ProgressReport, year: int) -> dict:
    report = (
        ProgressReport.objects.select_related("period")
        .prefetch_related("spendings__source", "indicator_values__indicator")
        .get(pk=report.pk)
    )
    return {
        "activity": report.activity_id,
        "year": year,
        "status": report.status,
        "status_label": report.get_status_display(),
        "progress": report.progress,
        "note": report.note,
        "reason": report.reason,
        "version": report.version,
        "reported_at": report.reported_at,
        "spending": [
            {"source": s.source.code, "name": s.source.label, "amount": int(s.amount)} for s in report.spendings.all()
        ],
        "indicators": [
            {
                "indicator": v.indicator_id,
                "name": v.indicator.name,
                "value": float(v.value),
                "measured_on": v.measured_on,
            }
            for v in report.indicator_values.all()
        ],
    }


def _validation_errors(exc: ValidationError, parsing: dict) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        errors = {_api_field(name): [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    else:  # a refusal of the activity as a whole in that year (not in its action plan)
        errors = {"year": [str(m) for m in exc.messages]}
    errors.update(parsing)  # "not a date" says more than "give the date"
    return errors


@process_router.post(
    "/{slug}/activities/{id}/progress",
    response={
        200: ProgressOut,
        201: ProgressOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictOut,
        422: ProgressErrorsOut,
    },
    summary="Report the progress of an activity in a year (those responsible for it, the coordinator)",
    url_name="process_activity_progress",
)
def report_progress(request, slug: str, id: int, payload: ProgressIn):
    """Replaces the activity's report for ``year`` as a whole; money by funding source code, indicators by id."""
    if not request.user.is_authenticated:
        return _refuse(401, gettext("Sign in to report the progress of an activity."))
    if check_csrf(request) is not None:
        return _refuse(403, gettext("The CSRF token is missing or wrong; send the X-CSRFToken header."))
    if not isinstance(_json_body(request), dict):  # ninja would read a bare JSON string or list as a payload
        detail = gettext("Send the report as a JSON object; nothing was saved.")
        return Status(422, {"detail": detail, "errors": {}})
    process = visible_process_or_404(request, slug)
    activity = (
        Activity.objects.select_related("measure__priority").filter(pk=id, measure__priority__process=process).first()
    )
    if activity is None:
        raise HttpError(404, gettext("The process has no activity %(id)s.") % {"id": id})
    year = _year(payload)
    if year is None:
        return _invalid({"year": [gettext("Give the year of the action plan as a number, e.g. 2008.")]})
    period = querysets.period_for(process, year)
    if period is None:
        raise HttpError(404, gettext("No monitoring period has been opened for %(year)s.") % {"year": year})
    return _save(request, period, activity, payload)


def _save(request, period, activity, payload: ProgressIn):
    """Save the report, or answer why not (403 not theirs, 409 closed or a conflict, 422 bad input)."""
    scope = scope_for(access_for(request.user, period.process), request.user)
    parsing: dict[str, list[str]] = {}
    data = _input(payload, parsing)
    try:
        report = services.save_progress(period, activity, request.user, scope, data, payload.version)
    except PermissionDenied as exc:
        return _refuse(403, str(exc))
    except services.PeriodClosed as exc:
        return _refuse(409, str(exc))
    except services.ReportConflict as exc:
        return Status(409, {"detail": str(exc), "version": exc.current.version})
    except ValidationError as exc:
        return _invalid(_validation_errors(exc, parsing))
    return Status(201 if report.version == 1 else 200, _saved(report, period.year))
