"""The public dashboard of the plan's fulfilment in a real browser: axe finds no WCAG 2.1 A/AA violation.

Small data of its own (not the demo site, which takes long to load): one process with a 2008 action plan, reports
of several states with money and an indicator value, a 2009 action plan that was not monitored, and a published
yearly report. All of it illustrative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser.a11y import audit, format_report


@pytest.fixture
def monitored_site(transactional_db, live_server):
    from komplan.directory.codelists import load_codelists
    from komplan.directory.models import Codelist, CodelistItem
    from komplan.monitoring import services
    from komplan.monitoring.models import MonitoringPeriod, YearlyReport
    from komplan.monitoring.permissions import ReporterScope
    from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
    from komplan.strategy import services as strategy
    from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from tests.conftest import make_process

    if not Territory.objects.exists():  # flushed by an earlier transactional test
        load_territories()
    if not CodelistItem.objects.exists():
        load_codelists()
    sources = {i.code: i for i in CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)}
    process = make_process(demo_note="Ilustrativní data pro test přístupnosti.")
    p1 = strategy.add_priority(process, "Senioři")
    m11 = strategy.add_measure(p1, "Terénní služby")
    m12 = strategy.add_measure(p1, "Informovanost")
    p2 = strategy.add_priority(process, "Rodiny s dětmi")
    m21 = strategy.add_measure(p2, "Sociálně aktivizační služby")
    activities = [
        Activity.objects.create(measure=m11, title="Víkendová pečovatelská služba", responsible_organisation="Charita"),
        Activity.objects.create(measure=m11, title="Osobní asistence", order=2),
        Activity.objects.create(measure=m12, title="Katalog služeb"),
        Activity.objects.create(measure=m21, title="Klub pro rodiny"),
    ]
    for activity in activities:
        ActionPlanYear.objects.create(activity=activity, year=2008)
        Cost.objects.create(activity=activity, year=2008, amount=Decimal(50000), source=sources["municipality"])
    ActionPlanYear.objects.create(activity=activities[0], year=2009)
    clients = Indicator.objects.create(activity=activities[0], name="Počet klientů", unit="osob", target_value=40)
    Indicator.objects.create(activity=activities[2], name="Výtisků katalogu", unit="ks", target_value=500)
    period = MonitoringPeriod.objects.create(
        process=process, year=2008, opens_on=dt.date(2008, 12, 1), deadline=dt.date(2009, 1, 31)
    )
    everything = ReporterScope(everything=True)
    services.save_progress(
        period,
        activities[0],
        None,
        everything,
        ProgressInput(
            "running",
            60,
            note="Služba běží o sobotách.",
            spendings=[SpendingInput("municipality", 40000), SpendingInput("region", 5000)],
            indicators=[IndicatorInput(clients.pk, 30, dt.date(2008, 12, 31))],
        ),
    )
    services.save_progress(
        period, activities[1], None, everything, ProgressInput("cancelled", 0, reason="Bez pracovníka.")
    )
    services.save_progress(period, activities[2], None, everything, ProgressInput("done", 100))
    YearlyReport.objects.create(
        process=process,
        year=2008,
        title="Zpráva o plnění KPSS za rok 2008 (ilustrativní)",
        state="published",
        published_at=timezone.now(),
        council_body="Zastupitelstvo města Slaný",
        resolution_number="12/2009",
        resolution_date=dt.date(2009, 3, 20),
    )
    return live_server


def test_the_dashboard_is_accessible(monitored_site, page):
    base = monitored_site.url
    problems = {}
    for path in (
        "/slany/plneni/",
        "/slany/plneni/?rok=2009",  # an action plan that was not monitored
        "/slany/plneni/?rok=dvatisice",  # the chooser with an error at its field
        "/en/slany/plneni/",
        "/slany/",  # the process page links to it
    ):
        page.goto(base + path)
        problems[path] = audit(page)
    page.goto(base + "/slany/plneni/")
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    problems["/slany/plneni/ (details open)"] = audit(page)
    assert page.locator(".kp-progress__value").first.inner_text().strip() == "53,3 %"  # (60 + 100 + 0) / 3
    report = format_report(problems)
    assert not report, report
