"""Progress reports: validation of every field, who may report what, closed periods, conflicts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from komplan.accounts.middleware import access_for
from komplan.monitoring import services
from komplan.monitoring.models import ProgressReport, Spending
from komplan.monitoring.permissions import ReporterScope, scope_for
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput

pytestmark = pytest.mark.django_db
EVERYTHING = ReporterScope(everything=True)


def report(status="running", progress=50, **extra):
    return ProgressInput(status=status, progress=progress, **extra)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_valid_report_is_saved_with_spending_and_indicator_values(plan2008, period, coordinator, sources):
    data = report(
        note="Služba běží od září.",
        spendings=[SpendingInput(sources["municipality"], 80000), SpendingInput("region", "15 000")],
        indicators=[IndicatorInput(plan2008["indicator"].pk, "32", dt.date(2008, 12, 31))],
    )
    saved = services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, data)
    assert saved.status == "running" and saved.progress == 50 and saved.version == 1
    assert {(s.source.code, s.amount) for s in saved.spendings.all()} == {
        ("municipality", Decimal(80000)),
        ("region", Decimal(15000)),
    }
    value = saved.indicator_values.get()
    assert value.value == Decimal(32) and value.measured_on == dt.date(2008, 12, 31)


@pytest.mark.parametrize("progress", [-1, 101, 250, "abc", None, "12.5"])
def test_progress_outside_0_to_100_is_refused(plan2008, period, coordinator, progress):
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report(progress=progress))
    assert "progress" in errors_of(excinfo)
    assert not ProgressReport.objects.exists()


def test_unknown_funding_source_is_refused_with_the_allowed_codes(plan2008, period, coordinator):
    data = report(spendings=[SpendingInput("lottery", 1000)])
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, data)
    message = errors_of(excinfo)["spendings-0-source"][0]
    assert "lottery" in message and "municipality" in message
    assert not ProgressReport.objects.exists() and not Spending.objects.exists()


def test_indicator_value_without_a_date_is_refused(plan2008, period, coordinator):
    data = report(indicators=[IndicatorInput(plan2008["indicator"].pk, 10, None)])
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, data)
    assert "indicators-0-measured_on" in errors_of(excinfo)


def test_indicator_of_another_activity_is_refused(plan2008, period, coordinator):
    data = report(indicators=[IndicatorInput(plan2008["indicator"].pk, 10, dt.date(2008, 12, 1))])
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a112"], coordinator, EVERYTHING, data)
    assert "indicators-0-indicator" in errors_of(excinfo)


@pytest.mark.parametrize(
    ("status", "progress", "field"),
    [
        ("done", 80, "progress"),
        ("not_started", 10, "progress"),
        ("cancelled", 0, "reason"),
        ("postponed", 0, "reason"),
        ("finished", 100, "status"),
    ],
)
def test_status_rules(plan2008, period, coordinator, status, progress, field):
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report(status, progress))
    assert field in errors_of(excinfo)


def test_negative_and_fractional_spending_is_refused(plan2008, period, coordinator):
    data = report(spendings=[SpendingInput("municipality", -5), SpendingInput("region", "10.5")])
    with pytest.raises(ValidationError) as excinfo:
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, data)
    assert set(errors_of(excinfo)) == {"spendings-0-amount", "spendings-1-amount"}


def test_reporting_into_a_closed_period_is_refused(plan2008, period, coordinator):
    services.close_period(period, coordinator)
    period.refresh_from_db()
    with pytest.raises(services.PeriodClosed):
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report())


def test_an_activity_outside_the_years_action_plan_is_refused(plan2008, process, coordinator):
    from komplan.monitoring.models import MonitoringPeriod

    period2009 = MonitoringPeriod.objects.create(
        process=process, year=2009, opens_on=dt.date(2009, 1, 1), deadline=dt.date(2010, 1, 31)
    )
    with pytest.raises(ValidationError, match="2009"):
        services.save_progress(period2009, plan2008["a111"], coordinator, EVERYTHING, report())


def test_provider_editor_reports_only_the_activities_of_its_provider(plan2008, period, process, provider_editor):
    scope = scope_for(access_for(provider_editor, process), provider_editor)
    services.save_progress(period, plan2008["a111"], provider_editor, scope, report())
    with pytest.raises(PermissionDenied):
        services.save_progress(period, plan2008["a112"], provider_editor, scope, report())
    with pytest.raises(PermissionDenied):
        services.save_progress(period, plan2008["a121"], provider_editor, scope, report())


def test_member_reports_the_activity_they_are_responsible_for(plan2008, period, process, member):
    scope = scope_for(access_for(member, process), member)
    services.save_progress(period, plan2008["a121"], member, scope, report())
    with pytest.raises(PermissionDenied):
        services.save_progress(period, plan2008["a111"], member, scope, report())


def test_coordinator_and_outsider_scopes(plan2008, process, coordinator, outsider):
    assert scope_for(access_for(coordinator, process), coordinator).everything
    assert not scope_for(access_for(outsider, process), outsider).reports_anything


def test_a_stale_version_is_a_conflict(plan2008, period, coordinator):
    first = services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report())
    services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report(progress=60), first.version)
    with pytest.raises(services.ReportConflict):
        services.save_progress(period, plan2008["a111"], coordinator, EVERYTHING, report(progress=70), first.version)


def test_period_deadline_before_opening_is_refused(process):
    with pytest.raises(ValidationError) as excinfo:
        services.open_period(process, 2009, dt.date(2009, 12, 1), dt.date(2009, 11, 1))
    assert "deadline" in errors_of(excinfo)
    services.open_period(process, 2009, dt.date(2009, 12, 1), dt.date(2010, 1, 31))
    with pytest.raises(ValidationError) as excinfo:
        services.open_period(process, 2009, dt.date(2009, 12, 1), dt.date(2010, 1, 31))
    assert "year" in errors_of(excinfo)
