"""Monitoring the fulfilment of the plan (issue #10, docs/monitoring.md "API"): reporting progress.

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
from komplan.monitoring import querysets, services
from komplan.monitoring.models import ProgressReport
from komplan.monitoring.permissions import scope_for
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
from komplan.strategy.models import Activity

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["monitoring"])


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
