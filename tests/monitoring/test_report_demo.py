"""The check issue #10 names: the yearly report PDF of the demo lists every activity of the 2008 action plan once."""

from __future__ import annotations

import datetime as dt

import pytest

from komplan.monitoring import report_files
from komplan.monitoring import report_services as services
from komplan.monitoring.models import YearlyReport
from komplan.monitoring.querysets import year_tree
from komplan.territory.models import PlanningProcess
from tests.monitoring.test_report_files import assert_every_activity_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_demo_report_pdf_lists_every_activity_of_2008_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    process = PlanningProcess.objects.get(slug="slany-2008-2010")
    # the demo may bring its own report of 2008 (with monitoring data); otherwise one is made and approved here
    report = YearlyReport.objects.filter(process=process, year=2008).first() or services.create_report(process, 2008)
    if not report.is_frozen:
        report = services.approve_by_steering(report, dt.date(2009, 2, 10), "zápis ŘS")
    activities = year_tree(process, 2008).activities
    assert len(activities) >= 3
    with report_files.frozen_file(report, "pdf").file.open("rb") as handle:
        assert_every_activity_once(handle.read(), activities)
