"""A reporter's progress reports and the reminders sent to them are in their personal-data export; deleting the
person keeps the reports (the record of the fulfilment) without the name and deletes the reminders."""

import datetime as dt

import pytest

from komplan.accounts import services as accounts
from komplan.accounts.middleware import access_for
from komplan.monitoring import services
from komplan.monitoring.models import ProgressReport, Reminder
from komplan.monitoring.permissions import scope_for
from komplan.monitoring.validation import ProgressInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(plan2008, period, process, member, coordinator):
    scope = scope_for(access_for(member, process), member)
    report = services.save_progress(period, plan2008["a121"], member, scope, ProgressInput("running", 30, "Běží."))
    Reminder.objects.create(period=period, user=member, sent_by=coordinator, activities=1)
    return report


def test_the_export_lists_own_reports_and_reminders(reported, member, coordinator):
    data = accounts.personal_data(member)
    assert [(r["activity"], r["year"], r["progress"], r["note"]) for r in data["progress_reports"]] == [
        ("Katalog služeb", 2008, 30, "Běží.")
    ]
    assert [(r["year"], r["activities_not_reported"]) for r in data["monitoring_reminders"]] == [(2008, 1)]
    assert accounts.personal_data(coordinator)["progress_reports"] == []


def test_deleting_the_reporter_keeps_the_report_without_the_name(reported, member):
    accounts.delete_person(member)
    report = ProgressReport.objects.get(pk=reported.pk)
    assert report.reported_by is None and report.progress == 30
    assert not Reminder.objects.exists()
    assert report.period.opens_on == dt.date(2008, 12, 1)
