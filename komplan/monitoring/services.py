"""Writing monitoring data: periods, progress reports (validated in full before anything is written).

Every refusal names its reason: ``ValidationError`` with a message per field for bad input (progress outside
0–100, an unknown funding source, an indicator value without a date, …), ``PermissionDenied`` for an activity the
person does not report on, ``PeriodClosed`` for a closed period, ``ReportConflict`` when someone else saved the
report since the form was opened.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.strategy.models import Activity

from .models import IndicatorValue, MonitoringPeriod, ProgressReport, Spending
from .validation import ProgressInput, clean_progress


class PeriodClosed(Exception):
    """Reporting into a closed (or not yet opened) period."""


class ReportConflict(Exception):
    def __init__(self, current: ProgressReport):
        super().__init__(_("Someone else saved this report in the meantime."))
        self.current = current


# ---------------------------------------------------------------------------------------------------- periods


@transaction.atomic
def open_period(process, year: int, opens_on: dt.date, deadline: dt.date, note: str = "") -> MonitoringPeriod:
    errors = {}
    if MonitoringPeriod.objects.filter(process=process, year=year).exists():
        errors["year"] = [_("The monitoring period %(year)s exists already.") % {"year": year}]
    if deadline < opens_on:
        errors["deadline"] = [_("The deadline cannot be before reporting opens.")]
    if errors:
        raise ValidationError(errors)
    return MonitoringPeriod.objects.create(process=process, year=year, opens_on=opens_on, deadline=deadline, note=note)


@transaction.atomic
def close_period(period: MonitoringPeriod, user) -> MonitoringPeriod:
    locked = MonitoringPeriod.objects.select_for_update().get(pk=period.pk)
    if locked.closed_at is not None:
        raise PeriodClosed(_("The monitoring period %(year)s is closed already.") % {"year": locked.year})
    locked.closed_at = timezone.now()
    locked.closed_by = user if user is not None and user.is_authenticated else None
    locked.save(update_fields=["closed_at", "closed_by"])
    return locked


@transaction.atomic
def reopen_period(period: MonitoringPeriod) -> MonitoringPeriod:
    locked = MonitoringPeriod.objects.select_for_update().get(pk=period.pk)
    locked.closed_at = None
    locked.closed_by = None
    locked.save(update_fields=["closed_at", "closed_by"])
    return locked


def check_open(period: MonitoringPeriod, day: dt.date | None = None) -> None:
    day = day or timezone.localdate()
    if period.closed_at is not None:
        raise PeriodClosed(
            _("The monitoring period %(year)s is closed; reports can no longer be changed.") % {"year": period.year}
        )
    if day < period.opens_on:
        raise PeriodClosed(
            _("Reporting for %(year)s opens on %(day)s.")
            % {"year": period.year, "day": period.opens_on.strftime("%-d. %-m. %Y")}
        )


# ---------------------------------------------------------------------------------------------------- reports


def check_reportable(period: MonitoringPeriod, activity: Activity, scope) -> None:
    """The person may report ``activity`` in ``period`` (else PermissionDenied / ValidationError / PeriodClosed)."""
    if activity.measure.priority.process_id != period.process_id:
        raise ValidationError(_("The activity belongs to another planning process."))
    if not scope.covers(activity):
        raise PermissionDenied(
            _(
                "You can report only the activities you or your organisation are responsible for; "
                "ask the coordinator to make you responsible for this one."
            )
        )
    if not activity.plan_years.filter(year=period.year).exists():
        raise ValidationError(
            _("The activity is not in the action plan of %(year)s, so it is not reported there.")
            % {"year": period.year}
        )
    check_open(period)


@transaction.atomic
def save_progress(
    period: MonitoringPeriod,
    activity: Activity,
    user,
    scope,
    data: ProgressInput,
    opened_version: int | None = None,
) -> ProgressReport:
    """Create or replace the activity's report for the period; nothing is written unless all of it is valid."""
    check_reportable(period, activity, scope)
    clean, errors = clean_progress(activity, data)
    if errors:
        raise ValidationError(errors)
    MonitoringPeriod.objects.select_for_update().get(pk=period.pk)  # a closing coordinator waits for us, or we for it
    check_open(MonitoringPeriod.objects.get(pk=period.pk))
    report = ProgressReport.objects.select_for_update().filter(period=period, activity=activity).first()
    if report is None:
        report = ProgressReport(period=period, activity=activity, version=0)
    elif opened_version is not None and report.version != opened_version:
        raise ReportConflict(report)
    report.status = clean["status"]
    report.progress = clean["progress"]
    report.note = clean["note"]
    report.reason = clean["reason"]
    report.reported_at = timezone.now()
    report.reported_by = user if user is not None and user.is_authenticated else None
    report.version += 1
    report.save()
    report.spendings.all().delete()
    Spending.objects.bulk_create(Spending(report=report, source=s, amount=a) for s, a in clean["spendings"])
    report.indicator_values.all().delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=i, value=v, measured_on=d) for i, v, d in clean["indicators"]
    )
    return report
