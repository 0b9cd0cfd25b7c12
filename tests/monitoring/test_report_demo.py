"""The demo's monitoring of the Slaný plan (komplan/demo/monitoring.py), and the check issue #10 names: the yearly
report PDF of the demo lists every activity of the 2008 action plan once."""

from __future__ import annotations

import pytest

from komplan.monitoring import report_files
from komplan.monitoring.models import CarryKind, CarryOver, MonitoringPeriod, ReportState, YearlyReport
from komplan.monitoring.querysets import history_of, year_tree
from komplan.territory.models import PlanningProcess
from tests.monitoring.test_report_files import assert_every_activity_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def slany():
    return PlanningProcess.objects.get(slug="slany-2008-2010")


def test_the_demo_report_pdf_lists_every_activity_of_2008_once(slany, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = YearlyReport.objects.get(process=slany, year=2008)
    assert report.state == ReportState.PUBLISHED
    activities = year_tree(slany, 2008).activities
    assert len(activities) == 4
    with report_files.frozen_file(report, "pdf").file.open("rb") as handle:
        assert_every_activity_once(handle.read(), activities)


def test_2008_is_closed_with_activities_in_different_states_and_labelled_as_demo(slany):
    period = MonitoringPeriod.objects.get(process=slany, year=2008)
    assert not period.is_open
    tree = year_tree(slany, 2008)
    assert tree.total.statuses == {"running": 2, "postponed": 1, "done": 1}
    assert tree.total.spent_total > 0 and tree.total.planned_total > 0
    for activity in tree.activities:
        assert activity.report.note.startswith("Ukázkový obsah")
        assert [row.value for row in activity.indicator_rows if row.value is not None]
    postponed = next(a for a in tree.activities if a.report.status == "postponed")
    assert postponed.report.reason.startswith("Ukázkový obsah")


def test_unfinished_activities_are_carried_into_2009_with_their_history(slany):
    carried = CarryOver.objects.filter(process=slany, kind=CarryKind.NEXT_YEAR, from_year=2008)
    assert carried.count() == 2
    for step in carried:
        assert 2009 in {y.year for y in step.activity.plan_years.all()}
        assert [r.period.year for r in history_of(step.activity)][0] == 2008


def test_2009_is_open_and_partly_reported(slany):
    period = MonitoringPeriod.objects.get(process=slany, year=2009)
    assert period.is_open
    tree = year_tree(slany, 2009)
    assert tree.total.reported == 2 < tree.total.activities


def test_the_report_and_the_dashboard_are_public(slany, client):
    report = YearlyReport.objects.get(process=slany, year=2008)
    assert report.resolution_number.startswith("UKÁZKA")
    page = client.get(f"/{slany.slug}/plneni/zpravy/2008/")
    assert page.status_code == 200
    assert "UKÁZKA-14/2009" in page.content.decode()
    dashboard = client.get(f"/{slany.slug}/plneni/?rok=2008")
    assert dashboard.status_code == 200
    assert "/plneni/zpravy/2008/" in dashboard.content.decode()


def test_the_demo_provider_editor_reports_only_its_providers_activities(slany, client):
    from komplan.accounts.models import User
    from komplan.demo.monitoring import PROVIDER_EDITOR

    editor = User.objects.get(email=PROVIDER_EDITOR)
    client.force_login(editor)
    tree = year_tree(slany, 2009)
    own = [a for a in tree.activities if a.responsible_provider_id]
    others = [a for a in tree.activities if not a.responsible_provider_id]
    assert own and others
    assert client.get(f"/{slany.slug}/sprava/plneni/2009/aktivita/{own[0].pk}/").status_code == 200
    assert client.get(f"/{slany.slug}/sprava/plneni/2009/aktivita/{others[0].pk}/").status_code == 403
